from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.models import BasePage

from .blocks import ArticleBodyBlock

SECTION_PAGE_SIZE = 20
HOME_LATEST_COUNT = 13


def published_articles():
    """Live, public articles, newest first, with what a listing card shows fetched up front."""
    return (
        ArticlePage.objects.live()
        .public()
        .order_by("-first_published_at", "-pk")
        .select_related("listing_image", "image")
        .prefetch_related(
            "listing_image__renditions", "image__renditions", "article_authors__author"
        )
    )


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
        # get_page turns a missing, non-numeric or out-of-range ?page= into the first or last page.
        page_obj = Paginator(published_articles().descendant_of(self), SECTION_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context["page_obj"] = page_obj
        context["articles"] = page_obj.object_list
        return context


@register_snippet
class Author(index.Indexed, models.Model):
    """A reporter or contributor, credited in bylines."""

    name = models.CharField(_("họ và tên"), max_length=120)
    pen_name = models.CharField(
        _("bút danh"), max_length=120, blank=True, help_text=_("Hiện trong dòng tác giả nếu có.")
    )

    panels = [FieldPanel("name"), FieldPanel("pen_name")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["name"]

    def __str__(self):
        return self.byline_name

    @property
    def byline_name(self):
        return self.pen_name or self.name


class ArticleAuthor(Orderable):
    page = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")


class ArticlePage(BasePage):
    """A news article: dateline, sapo, body, lead photo and bylines."""

    dateline = models.CharField(
        _("nơi đưa tin"), max_length=80, blank=True, help_text=_("Ví dụ: Hà Nội")
    )
    sapo = models.TextField(
        _("sapo"),
        max_length=1000,
        help_text=_("Đoạn mở đầu in đậm. Tên cổng trong ngoặc được thêm tự động ở đầu."),
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("ảnh chính"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"))

    template = "newsroom/article_page.html"
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("dateline"), FieldPanel("sapo"), FieldPanel("image")],
            heading=_("Mở đầu"),
        ),
        FieldPanel("body"),
        InlinePanel("article_authors", label=_("Tác giả"), min_num=0),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("sapo"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    @property
    def display_image(self):
        return self.listing_image or self.image

    @property
    def display_summary(self):
        return self.listing_summary or self.sapo

    @cached_property
    def numbered_body(self):
        """(block, photo number or None) for the body; the lead photo, if any, is Ảnh 1."""
        number = 1 if self.image_id else 0
        numbered = []
        for block in self.body:
            if block.block_type == "image":
                number += 1
                numbered.append((block, number))
            else:
                numbered.append((block, None))
        return numbered

    @property
    def publication_time(self):
        """When readers first saw it: first publication, which a scheduled story sets on go-live."""
        return self.first_published_at or self.go_live_at

    @cached_property
    def authors(self):
        links = self.article_authors.all()
        if "article_authors" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("author")  # one query, unless a listing prefetched them
        return [link.author for link in links]

    @property
    def byline(self):
        return " - ".join(author.byline_name for author in self.authors)
