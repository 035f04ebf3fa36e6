from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.templatetags.static import static
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from rest_framework.fields import DateTimeField

from core import cache_tags, fragments, registry
from core.addresses import absolute
from core.api_fields import ImageField, NamesField, ObjectsField, StreamHTMLField
from core.fragments import Fragment
from core.models import (
    BasePage,
    PublicationTimeMixin,
    SiteSettings,
    optional_image_field,
    optional_link,
)
from core.panels import CitationsPanel
from core.privacy import PortalPageQuerySet
from core.sapo import SapoPrefixStripped, sapo_field

from ..blocks import ArticleBodyBlock
from ..choices import ArticleLayout
from .authors import Author
from .topics import ArticleTopic

RELATED_COUNT = 4


class ArticlePageQuerySet(PortalPageQuerySet):
    def published(self):
        """Live, public articles, newest first, with what a listing card shows (title, time,
        photo) fetched up front."""
        return (
            self.live()
            .unrestricted()
            .order_by("-first_published_at", "-pk")
            .select_related("listing_image", "image")  # renditions come from their cache
        )


def either_of(chosen_ids, newest_ids):
    """One subquery of the story ids in either `chosen_ids` (an editor's picks) or `newest_ids`
    (a sliced subquery): a UNION the database reads a few rows from, where `Q(pk__in=…) |
    Q(pk__in=…)` makes PostgreSQL test both against every article."""
    newest = ArticlePage.objects.filter(pk__in=newest_ids).order_by().values("pk")
    return chosen_ids.order_by().union(newest, all=True)


def chosen_then_newest(chosen, sharing, count):
    """Up to `count` live public stories, in one query: those `chosen` (links with `article` and
    `sort_order`) in the editors' order, then the newest of those `sharing` a topic (topic
    links). Only the newest few sharing a topic can make the list: naming them in a subquery
    spares sorting every story of a topic (tens of thousands) by its editors' position."""
    newest_sharing = (
        ArticlePage.objects.published()
        .filter(pk__in=sharing.values("content_object_id"))
        .values("pk")[:count]
    )
    return list(
        ArticlePage.objects.published()
        .filter(pk__in=either_of(chosen.values("article_id"), newest_sharing))
        .annotate(
            chosen_position=Subquery(chosen.filter(article=OuterRef("pk")).values("sort_order")[:1])
        )
        .order_by(F("chosen_position").asc(nulls_last=True), "-first_published_at", "-pk")[:count]
    )


def chosen_story_field(verbose_name, help_text=""):
    """An editor's pick of a story: optional, and emptied if that story is deleted."""
    return optional_link("newsroom.ArticlePage", verbose_name, help_text)


class ArticleAuthor(Orderable):
    page = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="article_links"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")


class ArticleCorrection(Orderable):
    """A published correction (đính chính): shown on the article with its date, newest first."""

    page = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="corrections")
    corrected_at = models.DateTimeField(_("thời điểm đính chính"), default=timezone.now)
    text = models.TextField(_("nội dung đính chính"), max_length=1000)

    panels = [FieldPanel("corrected_at"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("đính chính")
        verbose_name_plural = _("đính chính")


class RelatedArticle(Orderable):
    page = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="related_links"
    )
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("bài liên quan"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("bài liên quan")
        verbose_name_plural = _("bài liên quan")


class ArticlePage(SapoPrefixStripped, PublicationTimeMixin, BasePage):
    """A news article: dateline, sapo, body, lead photo, bylines, topics and corrections."""

    dateline = models.CharField(
        _("nơi đưa tin"), max_length=80, blank=True, help_text=_("Ví dụ: Hà Nội")
    )
    sapo = sapo_field()
    image = optional_image_field(_("ảnh chính"))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"))
    source = models.CharField(
        _("nguồn tin"),
        max_length=200,
        blank=True,
        help_text=_("Khi tin lấy từ cơ quan khác, ví dụ “Theo Bộ Y tế”."),
    )
    layout = models.CharField(
        _("trình bày"),
        max_length=20,
        choices=ArticleLayout.choices,
        default=ArticleLayout.STANDARD,
        help_text=_(
            "Long-form mở đầu bằng ảnh chính tràn màn hình; ảnh trong bài có thể tràn khổ."
        ),
    )
    topics = ClusterTaggableManager(
        verbose_name=_("chủ đề"), through=ArticleTopic, blank=True, related_name="articles"
    )

    template = "newsroom/article_page.html"
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []
    search_kind = "bai-viet"
    lead_image_field = "image"
    summary_field = "sapo"
    citing_fields = ("title", "sapo", "body")  # read for the legal documents they cite

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("dateline"),
                PublicationTimeMixin.publication_time_panel,
                FieldPanel("sapo"),
                FieldPanel("image"),
                FieldPanel("layout"),
            ],
            heading=_("Mở đầu"),
        ),
        FieldPanel("body"),
        CitationsPanel(heading=_("Văn bản được trích dẫn")),
        InlinePanel("article_authors", label=_("Tác giả")),
        FieldPanel("source"),
        FieldPanel("topics"),
        InlinePanel("related_links", label=_("Bài liên quan"), max_num=RELATED_COUNT),
        InlinePanel("corrections", label=_("Đính chính")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("sapo"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("dateline"),
        APIField("publication_time", serializer=DateTimeField(read_only=True)),
        APIField("sapo"),
        APIField("image", serializer=ImageField()),
        APIField("body", serializer=StreamHTMLField(numbered="numbered_body")),
        APIField("authors", serializer=NamesField(name="byline_name")),
        APIField("byline"),
        APIField("source"),
        APIField("topics", serializer=NamesField(source="topic_list")),
        APIField(
            "corrections",
            serializer=ObjectsField(
                {"corrected_at": "corrected_at", "text": "text"}, source="sorted_corrections"
            ),
        ),
    ]

    # What the API's listing with ?fields= reads of each article, fetched for the whole page of
    # results at once (syndication/api.py) instead of once per article.
    api_listing_related = ("image", "listing_image", "locale")
    api_listing_prefetch = ("article_authors__author", "topics", "corrections")

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    @property
    def is_longform(self):
        return self.layout == ArticleLayout.LONGFORM

    @property
    def kind_label(self):
        return _("E-magazine") if self.is_longform else ""

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

    @cached_property
    def sorted_corrections(self):
        return sorted(self.corrections.all(), key=lambda c: c.corrected_at, reverse=True)

    @property
    def modified_time(self):
        """The last change readers should know of: a republish or the newest correction."""
        times = [self.last_published_at, self.publication_time]
        times += [correction.corrected_at for correction in self.sorted_corrections]
        return max((t for t in times if t), default=None)

    @cached_property
    def authors(self):
        links = self.article_authors.all()
        if "article_authors" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("author")  # one query, unless a listing prefetched them
        return [link.author for link in links]

    @property
    def byline(self):
        return " - ".join(author.byline_name for author in self.authors)

    @cached_property
    def topic_list(self):
        return list(self.topics.all())

    def related_articles(self):
        """The editor's choices first, then the newest stories sharing a topic, up to four: one
        query, whatever the number of choices and topics."""
        if self.holds_in_memory("related_links", "topic_items"):
            return self._related_articles_in_memory()  # a preview: its choices are not saved
        chosen = RelatedArticle.objects.filter(page=self)
        sharing = ArticleTopic.objects.filter(
            tag_id__in=ArticleTopic.objects.filter(content_object=self).values("tag_id")
        )
        return chosen_then_newest(chosen, sharing.exclude(content_object=self), RELATED_COUNT)

    def _related_articles_in_memory(self):
        chosen_ids = [link.article_id for link in self.related_links.all()]
        chosen = {a.pk: a for a in ArticlePage.objects.published().filter(pk__in=chosen_ids)}
        related = [chosen[pk] for pk in chosen_ids if pk in chosen]
        missing = RELATED_COUNT - len(related)
        topic_ids = [topic.pk for topic in self.topic_list]
        if missing > 0 and topic_ids:
            shared = (
                ArticlePage.objects.published()
                .filter(topic_items__tag_id__in=topic_ids)
                .exclude(pk__in=[self.pk, *chosen_ids])
                .distinct()[:missing]
            )
            related += list(shared)
        return related[:RELATED_COUNT]

    def prefetch_sources(self):
        return [(self.body.stream_block, list(self.body.raw_data))]

    def news_article_ld(self, request, social_image, site_settings):
        """schema.org NewsArticle, with times in Vietnam time (+07:00)."""
        url = self.get_full_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.sapo,
            "mainEntityOfPage": url,
            "url": url,
            "inLanguage": "vi",
            "datePublished": _iso(self.publication_time),
            "dateModified": _iso(self.modified_time),
            "author": [
                {
                    "@type": "Person",
                    "name": author.byline_name,
                    "url": absolute(author.get_absolute_url(), request),
                }
                for author in self.authors
            ],
            "publisher": {
                "@type": "Organization",
                "name": site_settings.site_name,
                "logo": {
                    "@type": "ImageObject",
                    "url": absolute(static("img/emblem.svg"), request),
                },
            },
        }
        if social_image:
            data["image"] = [absolute(social_image.url, request)]
        if self.topic_list:
            data["keywords"] = [topic.name for topic in self.topic_list]
        return data

    body_in_parts = True  # the body and everything it refers to: get_context()'s parts
    head_in_parts = True  # with its authors, topics and structured data

    def body_context(self):
        return {
            "page": self,
            "numbered_body": self.numbered_body,
            "citations": registry.citations_in(self),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Every part that reads more than the page itself, kept apart from it (core/fragments.py):
        # the head's metadata, structured data and feed links, the corrections, the body, the
        # byline and topics, the related stories.
        parts = fragments.render(
            request,
            Fragment(
                "article-head",
                (self,),
                "newsroom/includes/article_head.html",
                lambda: self.head_context(request, context),
            ),
            Fragment(
                "article-corrections",
                (self,),
                "newsroom/includes/article_corrections.html",
                lambda: {"corrections": self.sorted_corrections},  # renewed with the page
            ),
            Fragment(
                "article-body",
                (self,),
                "newsroom/includes/article_body.html",
                self.body_context,
                shows_body=True,
            ),
            Fragment(
                "article-credits",
                (self,),
                "newsroom/includes/article_credits.html",
                self.credits_context,
            ),
            Fragment(
                "article-related",
                (self,),
                "newsroom/includes/related_articles.html",
                lambda: {"related_articles": self.related_articles()},
            ),
        )
        names = ("head", "corrections", "body", "credits", "related")
        context.update(zip(names, parts, strict=True))
        return context

    def credits_context(self):
        # Read once for the page (the head may have read them first): each part showing them
        # is tagged with them all the same.
        for shown in (*self.authors, *self.topic_list):
            cache_tags.add_read(shown)
        return {"page": self, "authors": self.authors, "topics": self.topic_list}

    def head_context(self, request, context):
        for shown in (*self.authors, *self.topic_list):
            cache_tags.add_read(shown)
        social_image = context["social_image"]
        return {
            "page": self,
            "social_image": social_image,
            "structured_data": [
                self.news_article_ld(request, social_image, SiteSettings.for_request(request)),
                self.breadcrumbs_ld(request, context["ancestors"]),
            ],
        }


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None
