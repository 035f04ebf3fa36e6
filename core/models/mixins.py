from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.api import APIField
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.search import index

from .. import cache_tags, fragments
from ..admin_forms import PortalPageForm
from ..panels import PageAddressPanel
from ..pictures import one_render, rendition_or_none
from ..prefetch import render_prefetched
from ..privacy import PortalPageQuerySet, all_pages, restricted_paths
from ..renditions import SOCIAL_SPEC
from ..search.indexing import indexed_text, search_words
from ..slugs import SLUG_FORMATTERS, fold_page_slug
from ..specific import joined_specific
from .fields import optional_image_field

# How many levels of an address BasePage.route looks up in one query; deeper, it goes on from
# the page it reached.
ROUTE_LEVELS = 8


def live_stories(*page_types):
    """Live, public pages of these types, newest first, as their specific classes, with the
    pictures a listing card shows, in one query (core/specific.py), whatever the mix of types.

    Renditions are not prefetched: a card's markup is kept whole (core/pictures.py), so a warm
    listing costs no query for them (a prefetch would cost one every time); a cold render fetches
    the renditions of all the photos it loaded in one query, when the first one is missing.
    Every type must have `listing_image` (BasePage) and an `image` (its lead picture).
    """
    return joined_specific(
        all_pages().live().unrestricted().type(*page_types).order_by("-first_published_at", "-pk"),
        page_types,
        related=("listing_image", "image"),
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

    # What stands in when the listing fields are empty: the name of the page's own lead picture
    # (none by default) and of its own summary (a sapo, a summary, an introduction).
    lead_image_field = ""
    summary_field = "search_description"

    class Meta:
        abstract = True

    @property
    def display_title(self):
        return self.listing_title or self.title

    @property
    def display_image(self):
        if self.listing_image or not self.lead_image_field:
            return self.listing_image
        return getattr(self, self.lead_image_field)

    @property
    def display_summary(self):
        return self.listing_summary or getattr(self, self.summary_field)


class IntroductionMixin(models.Model):
    """A few words above the list of a section or an index page."""

    introduction = models.TextField(_("giới thiệu"), blank=True, max_length=500)

    introduction_panels = [FieldPanel("introduction")]
    api_fields = [APIField("introduction")]

    class Meta:
        abstract = True


FUTURE_PUBLICATION_TIME = _(
    "Thời điểm đăng không thể ở tương lai. Muốn bài tự lên trang vào giờ định trước, hãy dùng "
    "“Lịch xuất bản” (nút “Đặt lịch xuất bản” ở bảng trạng thái)."
)


class PublicationTimeMixin:
    """A story's publication time ("Thời điểm đăng"), which editors set for a story first
    published earlier or elsewhere (the archive, print, an import).

    It is Wagtail's own `first_published_at`, made editable (Wagtail's page form supports it: a
    cleared field keeps the saved value): revisions carry it, publishing fills it only when
    empty, so a correction or a republish keeps it, and every listing, feed, sitemap and search
    already sorts and filters by it, with the listing index on Wagtail's page table (newsroom
    0008_listing_indexes). A column of each story type's own would need a join per type in
    every mixed listing and could not be indexed with the page rows.
    """

    publication_time_panel = FieldPanel(
        "first_published_at",
        heading=_("Thời điểm đăng"),
        help_text=_(
            "Lúc bài được đăng lần đầu, ở cổng này hay nơi khác (báo in, kho lưu trữ). Bài mới "
            "để trống thì lấy lúc bài được xuất bản lần đầu trên cổng. Không được ở tương lai: "
            "muốn bài tự lên trang vào giờ định trước, dùng “Lịch xuất bản”. Đính chính hay "
            "xuất bản lại không đổi thời điểm này."
        ),
    )

    def clean(self):
        super().clean()
        if self.first_published_at and self.first_published_at > timezone.now():
            raise ValidationError({"first_published_at": FUTURE_PUBLICATION_TIME})


class BasePage(ListingFields, Page):
    """The base of every public page: Wagtail's page plus listing fields, with panels in tabs."""

    # A desk gives its page type a queryset of its own by subclassing PortalPageQuerySet.
    objects = PageManager.from_queryset(PortalPageQuerySet)()
    base_form_class = PortalPageForm

    # Wagtail's title, then the address it makes (core/panels.py).
    content_panels = [TitleFieldPanel("title"), PageAddressPanel()]
    # Wagtail's promote panels, the slug's widget folding Vietnamese as the title is typed
    # (core/slugs.py); the heading is Wagtail's own, in its translation.
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug", widget=SlugInput(formatters=SLUG_FORMATTERS)),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            heading=_("For search engines"),
        ),
        *Page.promote_panels[1:],  # "For site menus"
        *ListingFields.listing_panels,
    ]
    # The badge a listing shows beside the title ("Video", "Ảnh"…); empty for plain news.
    kind_label = ""
    # The slug readers filter search results by (?kind=video); empty for pages that are not
    # content of their own (home, sections, indexes), which site search leaves out.
    search_kind = ""

    # Accent-folded copies of the title and of every other searchable text, beside the originals:
    # readers type "chinh phu" for "Chính phủ", and so do editors in the admin's as-you-type page
    # search (autocomplete, on the title). See core/search/.
    search_fields = [
        *Page.search_fields,
        index.SearchField("folded_title", boost=2),
        index.AutocompleteField("folded_title"),
        index.SearchField("folded_search_text"),
    ]

    class Meta:
        abstract = True

    # Every path a page is saved by passes one of these (code: save; the admin's forms:
    # full_clean; a draft: minimal_clean; a revision, which a copy writes without cleaning:
    # save_revision), so each gives the slug its Vietnamese-folded form.
    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "slug" in update_fields:
            fold_page_slug(self)
        return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        fold_page_slug(self)
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        fold_page_slug(self)
        super().minimal_clean()

    def save_revision(self, *args, **kwargs):
        fold_page_slug(self)
        return super().save_revision(*args, **kwargs)

    def folded_title(self):
        return search_words(self.title)

    def folded_search_text(self):
        """Every other SearchField of the page (RelatedFields followed), folded: each model's
        `search_fields` says what is searchable, once."""
        skip = {"title", "folded_title", "folded_search_text"}
        return search_words(" ".join(indexed_text(self, self.get_search_fields(), skip)))

    @property
    def publication_time(self):
        """When it was first published: Wagtail's first publication (a scheduled page's go-live),
        or the earlier time a story's editor set (PublicationTimeMixin)."""
        return self.first_published_at or self.go_live_at

    def route(self, request, path_components):
        """Wagtail's routing, in two queries for the whole path rather than two per level.

        Wagtail walks down one level at a time: a query for the child with the next slug, then
        one for its specific type, so a story three levels down costs six. Here every page
        whose depth and slug match a step of the path comes in one plain query, the chain is
        followed in Python, and the page reached is read as its own type with its pictures
        (core/specific.py). (Joining every type's table in the first query would save the
        second, but PostgreSQL then spends ~13 ms planning 35 joins: more than both queries.)
        The walk stops at a page whose type routes on its own (a RoutablePageMixin page, which
        may answer the rest of the path itself) and hands it the rest, as Wagtail would."""
        if not path_components:
            return super().route(request, path_components)
        # A few levels at a time: an address of a thousand slashes stays a small query.
        steps = [
            Q(depth=self.depth + level, slug=slug)
            for level, slug in enumerate(path_components[:ROUTE_LEVELS], start=1)
        ]
        candidates = Page.objects.filter(path__startswith=self.path).filter(reduce(or_, steps))
        by_step = {(page.depth, page.slug, page.path[: -page.steplen]): page for page in candidates}
        page, chain = self, []
        for slug in path_components[:ROUTE_LEVELS]:
            child = by_step.get((page.depth + 1, slug, page.path))
            if child is None:
                break
            child._cached_parent_obj = page
            page = child
            chain.append(page)
            if _routes_itself(page.specific_class):
                break
        if page is self:
            raise Http404
        page = _as_specific(page)
        if self.depth <= 3:
            # Every page above it below the home page, for breadcrumbs (see get_context).
            page._route_ancestors = [self, *chain[:-1]]
        remaining = path_components[len(chain) :]
        if _routes_itself(type(page)) or len(chain) == ROUTE_LEVELS:
            return page.route(request, remaining)
        if remaining:
            raise Http404  # a slug that is not a child, as Wagtail answers
        return super(BasePage, page).route(request, [])

    def get_view_restrictions(self):
        """Wagtail's check of view restrictions, without its two queries when none can apply:
        the paths of restricted pages are kept in the shared cache (core/privacy.py)."""
        if self.alias_of_id is None and not any(
            self.path.startswith(path) for path in restricted_paths()
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def holds_in_memory(self, *relations):
        """Whether any of these child relations are held in memory (a preview of a revision)
        rather than read from the database."""
        held = getattr(self, "_cluster_related_objects", {})
        return any(name in held for name in relations)

    # Whether everything that shows the body is a part kept apart from the page
    # (core/fragments.py): then what the body refers to is read only when such a part renders,
    # else before the page's template does (core/prefetch.py).
    body_in_parts = False
    # Whether the page keeps its head's metadata in a part of its own (an article's names its
    # authors and topics): then the frame's is not made.
    head_in_parts = False

    def prefetch_sources(self):
        """What the page shows that refers to photos, documents or pages: (block, raw data)
        pairs of StreamFields and rich-text strings. Their objects are fetched once before the
        page renders (core/prefetch.py). None by default."""
        return []

    def serve(self, request, *args, **kwargs):
        # The page cache keeps the answer with the page's own tag (the home page is not tagged
        # when it is read, only when it is served: core/cache_tags.py).
        request.served_page = self
        cache_tags.add_pages(self.pk)
        # One render, one query for the renditions of every photo it shows (core/pictures.py):
        # rendered now, inside it (a TemplateResponse renders late).
        with one_render():
            response = render_prefetched(
                self, lambda: super(BasePage, self).serve(request, *args, **kwargs)
            )
            if hasattr(response, "render"):
                response.render()
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The path shown in breadcrumbs: sections between the home page (depth 2) and this page.
        # No unrestricted() filter: a view restriction on an ancestor restricts this page too.
        # A page right under the home page (depth 3) has none: no query for it; a page reached
        # through BasePage.route has them from its routing.
        if self.depth <= 3:
            ancestors = []
        elif hasattr(self, "_route_ancestors"):
            ancestors = [p for p in self._route_ancestors if p.depth > 2 and p.live]
        else:
            ancestors = list(self.get_ancestors().filter(depth__gt=2).live())
        context["ancestors"] = ancestors
        context["social_image"] = social_image = rendition_or_none(self.display_image, SOCIAL_SPEC)
        # The frame around the page's own parts, kept apart from it too (core/fragments.py):
        # the head's metadata (unless the page keeps a head of its own) and the header, which
        # marks the page's section in the menu.
        if not self.head_in_parts:
            context["page_meta"] = fragments.Later(
                request,
                fragments.Fragment(
                    "page-meta",
                    (self,),
                    "components/meta.html",
                    lambda: {"page": self, "social_image": social_image},
                ),
            )
        context["page_header"] = fragments.Later(
            request,
            fragments.Fragment(
                "page-header", (self,), "components/header.html", lambda: {"page": self}
            ),
        )
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


def _routes_itself(page_class):
    return page_class is not None and page_class.route is not BasePage.route


def _as_specific(page):
    """`page` as its own type, with the pictures its social card shows, in one query."""
    page_class = page.specific_class
    if page_class is None or page_class is Page:
        return page.specific
    found = joined_specific(
        Page.objects.filter(pk=page.pk), [page_class], related=("listing_image", "image")
    )
    specific = next(iter(found), None) or page.specific
    specific._cached_parent_obj = page._cached_parent_obj
    return specific
