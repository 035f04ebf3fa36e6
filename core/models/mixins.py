from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from ..privacy import public
from ..renditions import SOCIAL_SPEC, rendition_or_none
from ..search import indexed_text, search_words
from .fields import optional_image_field


def live_stories(*page_types):
    """Live, public pages of these types, newest first, as their specific classes, with the
    pictures a listing card shows: one query for the pages, then one per type present.

    Renditions are not prefetched: Wagtail finds them in the "renditions" cache, so a warm
    listing costs no query for them (a prefetch would cost one per type every time).
    Every type must have `listing_image` (BasePage) and an `image` (its lead picture).
    """
    return (
        public(Page.objects.live())
        .type(*page_types)
        .order_by("-first_published_at", "-pk")
        .specific()
        .select_related("listing_image", "image", for_specific_subqueries=True)
    )


class ListingFields(models.Model):
    """How a page shows in listings and when shared: a short title, a summary and an image."""

    listing_title = models.CharField(
        _("tiêu đề ngắn"),
        max_length=120,
        blank=True,
        help_text=_("Dùng trong danh sách tin; để trống sẽ dùng tiêu đề chính."),
    )
    listing_image = optional_image_field(
        _("ảnh đại diện"), _("Ảnh trong danh sách tin và khi chia sẻ lên mạng xã hội.")
    )
    listing_summary = models.TextField(
        _("tóm tắt ngắn"),
        blank=True,
        max_length=300,
        help_text=_("Dùng trong danh sách tin; để trống sẽ dùng sapo hoặc mô tả."),
    )

    listing_panels = [
        MultiFieldPanel(
            [
                FieldPanel("listing_title"),
                FieldPanel("listing_image"),
                FieldPanel("listing_summary"),
            ],
            heading=_("Hiển thị trong danh sách"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def display_title(self):
        return self.listing_title or self.title

    @property
    def display_image(self):
        return self.listing_image

    @property
    def display_summary(self):
        return self.listing_summary or self.search_description


class BasePage(ListingFields, Page):
    """The base of every public page: Wagtail's page plus listing fields, with panels in tabs."""

    promote_panels = [*Page.promote_panels, *ListingFields.listing_panels]
    # The badge a listing shows beside the title ("Video", "Ảnh"…); empty for plain news.
    kind_label = ""
    # The slug readers filter search results by (?kind=video); empty for pages that are not
    # content of their own (home, sections, indexes), which site search leaves out.
    search_kind = ""

    # Accent-folded copies of the title and of every other searchable text, beside the originals
    # (which the admin's search uses): readers type "chinh phu" for "Chính phủ". See core/search.py.
    search_fields = [
        *Page.search_fields,
        index.SearchField("folded_title", boost=2),
        index.SearchField("folded_search_text"),
    ]

    class Meta:
        abstract = True

    def folded_title(self):
        return search_words(self.title)

    def folded_search_text(self):
        """Every other SearchField of the page (RelatedFields followed), folded: each model's
        `search_fields` says what is searchable, once."""
        skip = {"title", "folded_title", "folded_search_text"}
        return search_words(" ".join(indexed_text(self, self.get_search_fields(), skip)))

    @property
    def publication_time(self):
        """When readers first saw it: first publication, which a scheduled page sets on go-live."""
        return self.first_published_at or self.go_live_at

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The path shown in breadcrumbs: sections between the home page (depth 2) and this page.
        # No public() filter: a view restriction on an ancestor restricts this page too.
        # A page right under the home page (depth 3) has none: no query for it.
        ancestors = self.get_ancestors().filter(depth__gt=2).live() if self.depth > 3 else []
        context["ancestors"] = ancestors
        context["social_image"] = rendition_or_none(self.display_image, SOCIAL_SPEC)
        return context

    def breadcrumbs_ld(self, request, ancestors):
        """schema.org BreadcrumbList for the path readers see in the breadcrumbs."""
        trail = [*ancestors, self]
        return {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": page.title,
                    "item": page.get_full_url(request),
                }
                for position, page in enumerate(trail, start=1)
            ],
        }

    @property
    def meta_description(self):
        return self.search_description or self.display_summary
