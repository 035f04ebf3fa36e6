from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from core.models import BasePage

from .article import published_articles

SECTION_PAGE_SIZE = 20
LISTING_PAGE_SIZE = 20
HOME_LATEST_COUNT = 13


def paginate(queryset, request, per_page=LISTING_PAGE_SIZE):
    # get_page turns a missing, non-numeric or out-of-range ?page= into the first or last page.
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class HomePage(BasePage):
    """The front page: the newest stories across every section."""

    template = "newsroom/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.SectionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        latest = list(published_articles().descendant_of(self)[:HOME_LATEST_COUNT])
        context["top_story"] = latest[0] if latest else None
        context["latest_stories"] = latest[1:]
        return context


class SectionPage(BasePage):
    """A section (chuyên mục): its stories and those of its subsections, newest first, paginated."""

    introduction = models.TextField(_("giới thiệu"), blank=True, max_length=500)

    template = "newsroom/section_page.html"
    parent_page_types = ["newsroom.HomePage", "newsroom.SectionPage"]
    subpage_types = ["newsroom.SectionPage", "newsroom.ArticlePage"]

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    @property
    def display_summary(self):
        return self.listing_summary or self.introduction

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_obj = paginate(published_articles().descendant_of(self), request, SECTION_PAGE_SIZE)
        context["page_obj"] = page_obj
        context["articles"] = page_obj.object_list
        return context
