"""The policy page: what a policy is, why, the documents it concerns, the news about it, the
public's input and the agency's answers. Its timeline is in timeline.py, the rows an officer adds
in policy_items.py, what the API gives of it in policy_api.py.
"""

from django.db import models
from django.db.models import F, Q, Subquery
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.search import index

from core import cache_tags, fragments, registry
from core.fragments import Fragment
from core.json_rows import JSONRows, rows
from core.models import BasePage, optional_document_field, optional_link
from core.paginate import paginate_counted
from core.panels import CitationsPanel
from newsroom.blocks import ArticleBodyBlock
from newsroom.models import ArticlePage, ArticleTopic
from newsroom.models.article import chosen_then_newest

from ..choices import Outcome
from ..unit_labels import PARENTS, unit_path
from .documents import LegalDocumentPage
from .drafts import DraftVersion
from .participation import COMMENT, PROPOSAL, QUESTION, Submission
from .policy_api import POLICY_API_FIELDS
from .policy_items import (
    PolicyLegalDocument,
    PolicyQuestion,
    PolicyRelatedArticle,
    PolicyTopic,
)
from .timeline import PolicyPageForm, PolicyTimeline

RELATED_NEWS_COUNT = 6
COMMENTS_PAGE_SIZE = 20


def participation_tag(policy_id):
    """The cache tag (core/cache_tags.py) of what shows a policy's comments, answers and
    drafts: renewed by a moderator's verdict, an answer or a new draft version."""
    return f"participation-{policy_id}"


class PolicyPage(RoutablePageMixin, PolicyTimeline, BasePage):
    """One policy: what it is, why, the documents it concerns, the news about it, and its life.

    Its draft versions are read at addresses below it (`du-thao/2/`, `so-sanh/?tu=1&den=2`),
    answered by policy_pages/draft_pages.py."""

    summary = models.TextField(
        _("tóm tắt"), max_length=1000, help_text=_("Chính sách là gì, cho ai, thay đổi điều gì.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("giải thích chính sách"), blank=True)
    drafting_agency = optional_link("policy_pages.IssuingBody", _("cơ quan chủ trì soạn thảo"))
    fields = ParentalManyToManyField(
        "policy_pages.LegalField", verbose_name=_("lĩnh vực"), blank=True, related_name="+"
    )
    topics = ClusterTaggableManager(
        verbose_name=_("chủ đề"), through=PolicyTopic, blank=True, related_name="policies"
    )
    # The consultation report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến): published with the
    # page, shown to readers from its date once the consultation has closed, with the answers.
    report_published_on = models.DateField(
        _("ngày công bố báo cáo"),
        null=True,
        blank=True,
        help_text=_("Để trống cho đến khi công bố. Phải sau ngày kết thúc lấy ý kiến."),
    )
    report_summary = models.TextField(
        _("tóm tắt báo cáo tiếp thu, giải trình"), blank=True, max_length=20_000
    )
    report_file = optional_document_field(_("tệp báo cáo"))

    base_form_class = PolicyPageForm
    template = "policy_pages/policy_page.html"
    joined_with_page = ("drafting_agency", "report_file")
    parent_page_types = ["policy_pages.PolicyIndexPage"]
    subpage_types = []
    search_kind = "chinh-sach"
    summary_field = "summary"
    citing_fields = ("title", "summary", "body")  # read for the legal documents they cite

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("drafting_agency"), FieldPanel("fields")]),
        FieldPanel("topics"),
        FieldPanel("body"),
        CitationsPanel(heading=_("Văn bản được trích dẫn")),
        InlinePanel("milestones", label=_("Mốc"), heading=_("Dòng thời gian")),
        InlinePanel("draft_files", label=_("Dự thảo"), heading=_("Dự thảo lấy ý kiến")),
        MultiFieldPanel(
            [
                FieldPanel("report_published_on"),
                FieldPanel("report_summary"),
                FieldPanel("report_file"),
            ],
            heading=_("Báo cáo tổng hợp, tiếp thu, giải trình ý kiến"),
        ),
        InlinePanel("documents", label=_("Văn bản"), heading=_("Văn bản liên quan")),
        InlinePanel("guidance_notes", label=_("Hướng dẫn"), heading=_("Hướng dẫn thực hiện")),
        InlinePanel("questions", label=_("Hỏi đáp"), heading=_("Hỏi đáp")),
        InlinePanel("related_links", label=_("Tin"), heading=_("Tin liên quan"), max_num=6),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("questions", [index.SearchField("question")]),
    ]
    api_fields = POLICY_API_FIELDS

    class Meta:
        verbose_name = _("chính sách")
        verbose_name_plural = _("chính sách")

    @cached_property
    def child_lists(self):
        """Draft files, guidance notes and the officer's questions and answers: one query for
        the three (core/json_rows.py), or the revision's own in a preview."""
        draft_files, guidance_notes = self.draft_files, self.guidance_notes
        if self.holds_in_memory("draft_files", "guidance_notes", "questions"):
            return {
                "drafts": list(draft_files.select_related("document")),
                "guidance": list(guidance_notes.select_related("document")),
                "faq": list(self.questions.select_related("answered_by")),
            }
        document = ("document__pk", "document__title", "document__file", "document__file_size")
        lists = (
            PolicyPage.objects.filter(pk=self.pk)
            .values(
                drafts=JSONRows(draft_files.all(), "pk", "sort_order", "label", *document),
                guidance=JSONRows(
                    guidance_notes.all(),
                    "pk",
                    "sort_order",
                    "title",
                    "published_on",
                    "text",
                    *document,
                ),
                faq=JSONRows(
                    self.questions.all(),
                    "pk",
                    "sort_order",
                    "question",
                    "answer",
                    "answered_on",
                    "answered_by__pk",
                    "answered_by__name",
                ),
            )
            .get()
        )
        documents = {"document": draft_files.model.document.field.related_model}
        issuers = {"answered_by": PolicyQuestion.answered_by.field.related_model}
        return {
            "drafts": rows(lists["drafts"], draft_files.model, documents),
            "guidance": rows(lists["guidance"], guidance_notes.model, documents),
            "faq": rows(lists["faq"], PolicyQuestion, issuers),
        }

    @property
    def faq(self):
        return self.child_lists["faq"]

    def public_submissions(self, *kinds):
        """Approved items of these kinds, with their answers: nothing else of the public's."""
        return (
            Submission.objects.approved()
            .filter(policy=self, kind__in=kinds)
            .select_related("answer__answered_by")
            .order_by("created_at", "pk")
        )

    def answered_questions(self):
        """Readers' questions the agency has answered, for the FAQ; proposals likewise."""
        answered = list(
            self.public_submissions(QUESTION, PROPOSAL)
            .filter(answer__isnull=False)
            .select_related("dialogue")  # answered at an online dialogue: linked back to it
        )
        return {
            "questions": [item for item in answered if item.kind == QUESTION],
            "proposals": [item for item in answered if item.kind == PROPOSAL],
        }

    def comments_page(self, request, **totals):
        """Approved comments grouped by the unit of the draft they concern, in reading order
        (version by version, then the unit's place in it; comments on the whole draft last), with
        their count and `totals` (aggregates over all of them) read in the same query. Each
        comment gets `unit_heading` ("Điều 5 – Khoản 2") and `earlier_draft`, the number of the
        version it was made on when that is not the current one ("góp ý dự thảo 1")."""
        current = (
            DraftVersion.objects.published()
            .filter(policy=self)
            .order_by("-number")
            .values("number")
        )
        comments = (
            self.public_submissions(COMMENT)
            .select_related("unit__version", PARENTS)
            .annotate(current_draft=Subquery(current[:1]))
            .order_by(
                F("unit__version__number").asc(nulls_last=True),
                F("unit__position").asc(nulls_last=True),
                "created_at",
                "pk",
            )
        )
        page = paginate_counted(comments, request, COMMENTS_PAGE_SIZE, **totals)
        for comment in page.object_list:
            unit = comment.unit
            comment.unit_heading = unit_path(unit) if unit else ""
            number, current_number = unit and unit.version.number, comment.current_draft
            comment.earlier_draft = number if number and (current_number or 0) > number else None
        return page

    def report_counts(self):
        """How many approved comments were taken in, partly, not, or noted."""
        counts = (
            self.public_submissions(COMMENT)
            .filter(answer__isnull=False)
            .order_by()
            .values_list("answer__outcome")
            .annotate(models.Count("pk"))
        )
        found = dict(counts)
        return [(label, found[outcome]) for outcome, label in Outcome.choices if outcome in found]

    @property
    def guidance(self):
        return self.child_lists["guidance"]

    @property
    def drafts(self):
        return self.child_lists["drafts"]

    def legal_documents(self):
        """[(link, document)] in the officer's order, live and public documents only, with
        their status: one query."""
        documents = (
            LegalDocumentPage.objects.live()
            .unrestricted()
            .select_related("issuing_body")
            .with_status()
        )
        if self.holds_in_memory("documents"):
            links = list(self.documents.all())  # a preview: the links are the revision's
            found = documents.filter(pk__in=[link.document_id for link in links]).in_bulk()
            return [(link, found[link.document_id]) for link in links if link.document_id in found]
        linked = documents.filter(policy_links__page=self).annotate(
            link_pk=F("policy_links__pk"),
            link_role=F("policy_links__role"),
            link_order=F("policy_links__sort_order"),
        )
        return [
            (
                PolicyLegalDocument(
                    pk=document.link_pk, page=self, document=document, role=document.link_role
                ),
                document,
            )
            for document in linked.order_by("link_order", "link_pk")
        ]

    def related_news(self):
        """The editors' choices, then the newest stories sharing a topic, up to six: one
        query."""
        if self.holds_in_memory("related_links", "topic_items"):
            return self._related_news_in_memory()  # a preview: its choices are not saved
        chosen = PolicyRelatedArticle.objects.filter(page=self)
        sharing = ArticleTopic.objects.filter(
            tag_id__in=PolicyTopic.objects.filter(content_object=self).values("tag_id")
        )
        return chosen_then_newest(chosen, sharing, RELATED_NEWS_COUNT)

    def _related_news_in_memory(self):
        chosen_ids = [link.article_id for link in self.related_links.all()]
        articles = ArticlePage.objects.published()
        chosen = articles.filter(pk__in=chosen_ids).in_bulk() if chosen_ids else {}
        result = [chosen[pk] for pk in chosen_ids if pk in chosen]
        topic_ids = [topic.pk for topic in self.topics.all()]
        if len(result) < RELATED_NEWS_COUNT and topic_ids:
            result += list(
                articles.filter(topic_items__tag_id__in=topic_ids)
                .exclude(pk__in=chosen_ids)
                .distinct()[: RELATED_NEWS_COUNT - len(result)]
            )
        return result

    body_in_parts = True  # the body shows in the policy's article, a part of its page

    def prefetch_sources(self):
        return [(self.body.stream_block, list(self.body.raw_data))]

    def serve(self, request, *args, **kwargs):
        # Every address of the policy (its page, its drafts, the comparison, the answer table)
        # shows what the public said and what the agency answered: renewed by moderation.
        request.served_page = self
        cache_tags.add(participation_tag(self.pk))
        return super().serve(request, *args, **kwargs)

    @re_path(r"^$")
    def index_route(self, request, *args, **kwargs):
        # Served as every page is, its body's photos and files fetched at once: RoutablePageMixin
        # would otherwise answer before BasePage.serve.
        return BasePage.serve(self, request, *args, **kwargs)

    @path("du-thao/", name="current_draft")
    def current_draft_page(self, request):
        from .. import draft_pages  # it imports these models

        return draft_pages.current_version(self, request)

    @path("du-thao/<int:number>/", name="draft_version")
    def draft_version_page(self, request, number):
        from .. import draft_pages

        return draft_pages.version_page(self, request, number)

    @path("du-thao/<int:number>/<slug:anchor>/", name="draft_unit")
    def draft_unit_page(self, request, number, anchor):
        from .. import draft_pages

        return draft_pages.unit_in_newest(self, request, number, anchor)

    @path("so-sanh/", name="draft_compare")
    def draft_compare_page(self, request):
        from .. import draft_compare

        return draft_compare.compare_page(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The policy and its related news, each kept apart from the page (core/fragments.py):
        # the first varies with the page of comments asked for.
        context["policy"], context["related"] = fragments.render(
            request,
            Fragment(
                "policy",
                (self, request.GET.get("page", "")),
                "policy_pages/includes/policy_article.html",
                lambda: self.article_context(request),
                shows_body=True,
            ),
            Fragment(
                "policy-related",
                (self,),
                "policy_pages/includes/related_news.html",
                lambda: {"related_news": self.related_news()},
            ),
        )
        return context

    def article_context(self, request):
        """Everything the policy's article shows: the timeline (one query), the child lists
        (one query), then the rest."""
        from ..draft_pages import version_links  # both import these models
        from ..forms import form_for_page

        context = {
            "page": self,
            "timeline": self.timeline_entries(),
            "consultation": self.consultation,
            "drafts": self.drafts,
            "guidance": self.guidance,
            "faq": self.faq,
            "legal_documents": self.legal_documents(),
            "draft_versions": version_links(self, request),
            "participation_form": form_for_page(self),
            "citations": registry.citations_in(self),
        }
        outcomes = {
            outcome: models.Count("pk", filter=Q(answer__outcome=outcome))
            for outcome, _label in Outcome.choices
        }
        comments = self.comments_page(request, **(outcomes if self.report_is_public else {}))
        context["comments"] = comments
        context["public_answers"] = self.answered_questions()
        if self.report_is_public:
            # The report's counts, from the comments' own query (as report_counts() counts).
            context["report_counts"] = [
                (label, comments.totals[outcome])
                for outcome, label in Outcome.choices
                if comments.totals[outcome]
            ]
        return context

    # The answer table (bản tổng hợp, tiếp thu, giải trình ý kiến): public with the report.
    # The files' addresses end in .docx and .xlsx, which Wagtail's page addresses cannot:
    # policy_pages/urls.py hands them to the page's routing.
    @path("tiep-thu-giai-trinh/", name="answer_table")
    def answer_table_view(self, request):
        from ..answer_table import answer_table

        if not self.report_is_public:
            raise Http404("Bản tổng hợp, tiếp thu, giải trình ý kiến chưa được công bố.")
        context = BasePage.get_context(self, request)
        context["ancestors"] = [*context["ancestors"], self]  # the policy, in the breadcrumbs
        context["table"] = answer_table(self, self.get_url(request))
        return TemplateResponse(request, "policy_pages/answer_table.html", context)

    @path("tiep-thu-giai-trinh.<str:extension>/", name="answer_table_file")
    def answer_table_file(self, request, extension):
        from .. import answer_exports
        from ..answer_table import answer_table

        kinds = {
            "docx": (answer_exports.docx_file, answer_exports.DOCX_TYPE),
            "xlsx": (answer_exports.xlsx_file, answer_exports.XLSX_TYPE),
        }
        if extension not in kinds or not self.report_is_public:
            raise Http404("Không có tệp này.")
        make, content_type = kinds[extension]
        response = HttpResponse(
            make(self, answer_table(self, self.get_url(request))), content_type=content_type
        )
        name = answer_exports.file_name(self, extension)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
