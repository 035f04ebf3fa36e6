from django.utils.html import escape

from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler

from .privacy import is_public


class PublicPageLinkHandler(PageLinkHandler):
    """A link in rich text to a page readers cannot see (a draft, a story scheduled ahead, one
    behind a view restriction) keeps its words but loses its address, as Wagtail does for a
    deleted page: the address of an embargoed story usually spells out its headline."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(page.localized.url)}">'
            if page is not None and page.live and is_public(page)
            else "<a>"
            for page in cls.get_many(attrs_list)
        ]


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own (order 0)
def link_only_to_public_pages(features):
    features.register_link_type(PublicPageLinkHandler)
