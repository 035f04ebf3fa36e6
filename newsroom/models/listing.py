from django.db import connection, models
from django.db.models import F, Value, Window
from django.db.models.functions import RowNumber, Substr
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from core import cache_tags, fragments
from core.fragments import Fragment
from core.models import BasePage, IntroductionMixin, live_stories
from core.paginate import paginate
from core.registry import home_block_fragments
from media.models import MULTIMEDIA_PAGE_TYPES

from .article import ArticlePage, chosen_story_field

SECTION_PAGE_SIZE = 20
HOME_LATEST_COUNT = 8
FEATURED_COUNT = 4
SECTION_BLOCK_COUNT = 4


def published_stories():
    """What the home page and sections list: articles and every multimedia kind, newest first."""
    return live_stories(ArticlePage, *MULTIMEDIA_PAGE_TYPES)


class HomePage(BasePage):
    """The front page, curated: a top story and featured slots the editors choose, each falling
    back to the newest story when empty or unpublished; then the latest, then each section."""

    top_story = chosen_story_field(_("tin tiêu điểm"), _("Để trống sẽ dùng tin mới nhất."))

    template = "newsroom/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "newsroom.SectionPage",
        "media.MultimediaIndexPage",
        "policy_pages.LegalDocumentIndexPage",
        "policy_pages.PolicyIndexPage",
    ]
    max_count = 1

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("top_story"),
        InlinePanel(
            "featured_slots",
            label=_("Tin nổi bật"),
            max_num=FEATURED_COUNT,
            help_text=_("Ô để trống hoặc tin đã gỡ sẽ tự lấy tin mới nhất."),
        ),
    ]

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Each part kept apart (core/fragments.py): a story published in a section renews the
        # newest stories and the sections' block (both list under the home page); the desks'
        # blocks stay kept.
        top, sections, *blocks = fragments.render(
            request,
            Fragment("home-top", (self,), "newsroom/includes/home_top.html", self.top_stories),
            Fragment(
                "home-sections",
                (self,),
                "newsroom/includes/home_sections.html",
                self.section_stories,
            ),
            *home_block_fragments(request),
        )
        context["top_stories"] = top
        context["section_stories"] = sections
        context["home_blocks"] = blocks
        return context

    def top_stories(self):
        """The top story and the featured ones, chosen or the newest, then the latest: three
        queries."""
        cache_tags.add(cache_tags.under_tag(self.pk))  # lists every section's newest stories
        stories = published_stories().descendant_of(self)
        slot_ids = [slot.article_id for slot in self.featured_slots.all()]
        slot_ids += [None] * (FEATURED_COUNT - len(slot_ids))
        chosen_ids = {pk for pk in [self.top_story_id, *slot_ids] if pk}
        fallback_count = 1 + FEATURED_COUNT + HOME_LATEST_COUNT
        newest_ids = list(
            stories.exclude(pk__in=chosen_ids).values_list("pk", flat=True)[:fallback_count]
        )
        # Every story the part shows, in one query; the lists above only said which.
        shown = stories.in_bulk({*chosen_ids, *newest_ids})
        # Only live, public stories count as chosen: an unpublished choice falls back.
        chosen = {pk: shown[pk] for pk in chosen_ids if pk in shown}
        newest = iter([shown[pk] for pk in newest_ids if pk in shown])

        def pick(article_id):
            # A story chosen twice shows once; its second slot falls back like an empty one.
            article = chosen.pop(article_id, None)
            return article or next(newest, None)

        top_story = pick(self.top_story_id)
        featured = [a for a in map(pick, slot_ids) if a]
        return {
            "top_story": top_story,
            "featured_stories": featured,
            "latest_stories": list(newest)[:HOME_LATEST_COUNT],
        }

    def section_stories(self):
        """[(section, its newest stories)] for each section in the menu: three queries."""
        cache_tags.add(cache_tags.under_tag(self.pk))
        stories = published_stories().descendant_of(self)
        sections, ranked = self.section_story_ids(stories)
        shown = stories.in_bulk({pk for pk, _path in ranked})
        by_section = {}
        for pk, section_path in ranked:
            if pk in shown:
                by_section.setdefault(section_path, []).append(shown[pk])
        for section_stories in by_section.values():
            # Newest first: neither a UNION nor a window keeps its rows in order by itself.
            section_stories.sort(key=_newest_first, reverse=True)
        return {
            "section_blocks": [(section, by_section.get(section.path, [])) for section in sections]
        }

    def section_story_ids(self, stories):
        """The sections in the menu, and [(story id, its section's path)] of the newest stories
        of each, newest first: two queries, whatever the number of sections."""
        sections = list(SectionPage.objects.child_of(self).live().unrestricted().in_menu())
        if not sections:
            return [], []
        if connection.features.supports_slicing_ordering_in_compound:
            # PostgreSQL: the newest few of each section, each read from the date index, where
            # ranking every story of the site (a window over 200,000 rows) takes a third of a
            # second.
            newest = [
                stories.filter(path__startswith=section.path).values_list(
                    "pk", Value(section.path, output_field=models.CharField())
                )[:SECTION_BLOCK_COUNT]
                for section in sections
            ]
            return sections, list(newest[0].union(*newest[1:], all=True))
        section_path_length = len(self.path) + SectionPage.steplen
        ranked = (
            stories.annotate(
                section_path=Substr("path", 1, section_path_length),
                rank=Window(
                    RowNumber(),
                    partition_by=F("section_path"),
                    order_by=[F("first_published_at").desc(), F("pk").desc()],
                ),
            )
            .filter(rank__lte=SECTION_BLOCK_COUNT)
            .values_list("pk", "section_path")
        )
        return sections, list(ranked)


def _newest_first(story):
    published = story.first_published_at
    return (published is not None, published, story.pk)


class HomeFeaturedSlot(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_slots")
    article = chosen_story_field(_("bài"))

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("ô tin nổi bật")
        verbose_name_plural = _("ô tin nổi bật")


class SectionPage(IntroductionMixin, BasePage):
    """A section (chuyên mục): the editor's lead story, then its stories and those of its
    subsections, newest first, paginated."""

    lead_story = chosen_story_field(
        _("tin chính của chuyên mục"), _("Hiện đầu trang thứ nhất; để trống sẽ dùng tin mới nhất.")
    )

    template = "newsroom/section_page.html"
    parent_page_types = ["newsroom.HomePage", "newsroom.SectionPage"]
    subpage_types = [
        "newsroom.SectionPage",
        "newsroom.ArticlePage",
        "newsroom.LiveCoveragePage",
        *(f"media.{page_type.__name__}" for page_type in MULTIMEDIA_PAGE_TYPES),
    ]
    summary_field = "introduction"

    content_panels = [
        *BasePage.content_panels,
        *IntroductionMixin.introduction_panels,
        FieldPanel("lead_story"),
    ]

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = fragments.render_one(
            request,
            "section-listing",
            (self, request.GET.get("page", "")),
            "newsroom/includes/section_listing.html",
            lambda: self.listing(request),
        )
        return context

    def listing(self, request):
        """The lead story (first page only) and the requested page of the others."""
        cache_tags.add(cache_tags.under_tag(self.pk))
        articles = published_stories().descendant_of(self)
        # The lead must be a live, public story of this section; otherwise the newest leads.
        lead = articles.filter(pk=self.lead_story_id).first() if self.lead_story_id else None
        if lead:
            articles = articles.exclude(pk=lead.pk)
        page_obj = paginate(articles, request, SECTION_PAGE_SIZE)
        stories = list(page_obj.object_list)
        if page_obj.number == 1 and lead is None and stories:
            lead = stories.pop(0)
        return {
            "page_obj": page_obj,
            "lead_story": lead if page_obj.number == 1 else None,
            "articles": stories,
        }
