from django.urls import path, reverse
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .editors_guide import EditorsGuideView
from .prefetch import in_bulk
from .privacy import is_public


def _in_order(model, attrs_list):
    ids = [attrs.get("id") for attrs in attrs_list]
    found = in_bulk(model, ids)
    return [found.get(int(pk)) if str(pk).isdigit() else None for pk in ids]


class PublicPageLinkHandler(PageLinkHandler):
    """A link in rich text to a page readers cannot see (a draft, a story scheduled ahead, one
    behind a view restriction) keeps its words but loses its address, as Wagtail does for a
    deleted page: the address of an embargoed story usually spells out its headline.

    The pages come as Wagtail's base `Page` (address, live, path are all a link needs) in one
    query, or none while a page renders with its references prefetched (core/prefetch.py);
    Wagtail's own handler loads each linked page's specific type, a query per type."""

    @classmethod
    def get_many(cls, attrs_list):
        return _in_order(Page, attrs_list)

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(page.localized.url)}">'
            if page is not None and page.live and is_public(page)
            else "<a>"
            for page in cls.get_many(attrs_list)
        ]


class PrefetchedDocumentLinkHandler(DocumentLinkHandler):
    """Wagtail's document link, taking the document from a page's prefetched references."""

    @classmethod
    def get_many(cls, attrs_list):
        return _in_order(cls.get_model(), attrs_list)


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own (order 0)
def link_only_to_public_pages(features):
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PrefetchedDocumentLinkHandler)


@hooks.register("register_admin_urls")
def editors_guide_url():
    return [path("huong-dan/", EditorsGuideView.as_view(), name="portal_editors_guide")]


@hooks.register("construct_help_menu")
def help_menu_opens_our_guide(request, menu_items):
    """Wagtail's Help menu links its English guide and release notes on the web; the portal's
    editors get their own guide, in the admin, in Vietnamese."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]
    menu_items.append(
        MenuItem(
            _("Hướng dẫn biên tập"),
            reverse("portal_editors_guide"),
            name="portal-editors-guide",
            icon_name="help",
            order=1100,
        )
    )


def _sites_list_in_the_models_words():
    # Wagtail heads three columns of the Sites list with their field names ("Port", "Site name",
    # "Root page"), outside gettext; the model's verbose names are translated.
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in {"port", "site_name", "root_page"}:
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


_sites_list_in_the_models_words()


@hooks.register("register_admin_viewset")
def register_failed_tasks():
    from .queue_admin import FailedTaskViewSet

    return FailedTaskViewSet("failed_tasks")
