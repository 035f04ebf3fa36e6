"""A policy's life from proposal to enforcement: a public timeline of dated milestones.

The current stage is the stage of the latest milestone whose date has come (`current_stage()` in
the database, `PolicyPage.current_stage` on a page), so a milestone dated ahead, say the day a law
takes effect, changes the page on that day by itself.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.api_fields import NamesField, ObjectsField, StreamHTMLField
from core.json_rows import JSONRows, rows
from core.models import BasePage
from core.paginate import paginate_counted
from core.privacy import is_public, public
from newsroom.blocks import ArticleBodyBlock
from newsroom.models import ArticlePage, ArticleTopic, Topic, published_articles
from newsroom.models.article import chosen_then_newest

from .documents import LegalDocumentPage, today, with_status
from .participation import COMMENT, OUTCOMES, PROPOSAL, QUESTION, DraftPart, Submission

# In the order a policy lives them. Implementation may repeat; amendment and expiry close it.
STAGES = [
    ("de-xuat", _("Đề xuất")),
    ("soan-thao", _("Soạn thảo")),
    ("lay-y-kien", _("Lấy ý kiến nhân dân")),
    ("tham-dinh", _("Thẩm định, trình")),
    ("thong-qua", _("Thông qua, ban hành")),
    ("co-hieu-luc", _("Có hiệu lực")),
    ("thuc-hien", _("Tổ chức thực hiện")),
    ("sua-doi", _("Sửa đổi, bổ sung")),
    ("het-hieu-luc", _("Hết hiệu lực")),
]
STAGE_LABELS = dict(STAGES)
STAGE_ORDER = {value: position for position, (value, _label) in enumerate(STAGES)}
CONSULTATION, ADOPTION = "lay-y-kien", "thong-qua"
RELATED_NEWS_COUNT = 6
# A reader's answered question or proposal in the API: the text and the agency's answer, never
# who sent it.
PUBLIC_ANSWER = {
    "text": "body",
    "outcome": "answer.get_outcome_display",
    "answer": "answer.explanation",
    "answered_by": "answer.answered_by.name",
    "answered_on": "answer.answered_on",
}
COMMENTS_PAGE_SIZE = 20


def current_stage(on=None):
    """A subquery: the stage of a policy's latest milestone dated on or before `on`."""
    return Subquery(
        PolicyMilestone.objects.filter(page=OuterRef("pk"), date__lte=on or today())
        .order_by("-date", "-sort_order")
        .values("stage")[:1]
    )


def open_consultation_closes(on=None):
    """A subquery: the closing date of a consultation open on `on`, else NULL."""
    on = on or today()
    return Subquery(
        PolicyMilestone.objects.filter(
            page=OuterRef("pk"), stage=CONSULTATION, date__lte=on, closes_on__gte=on
        )
        .order_by("closes_on")
        .values("closes_on")[:1]
    )


@dataclass
class Consultation:
    """Where a policy's public consultation stands today, in words a reader understands."""

    state: str  # "open", "upcoming" or "closed"
    opens_on: date
    closes_on: date
    days_left: int | None = None


class PolicyPageForm(WagtailAdminPageForm):
    """Checks what no single milestone can see: that the stages follow each other in time."""

    def clean(self):
        cleaned_data = super().clean()
        milestones = self.formsets.get("milestones")
        if milestones is None or not hasattr(milestones, "forms"):
            return cleaned_data
        live = [
            form
            for form in milestones.forms
            if form.is_valid()
            and form.cleaned_data.get("date")
            and form.cleaned_data.get("stage")
            and not form.cleaned_data.get("DELETE")
        ]
        self.check_report_date(cleaned_data, live)
        for form in live:
            stage, when = form.cleaned_data["stage"], form.cleaned_data["date"]
            earlier = [
                other
                for other in live
                if STAGE_ORDER[other.cleaned_data["stage"]] < STAGE_ORDER[stage]
                and other.cleaned_data["date"] > when
            ]
            if earlier:
                other = earlier[0].cleaned_data
                form.add_error(
                    "date",
                    _(
                        "Mốc “%(stage)s” (%(date)s) không thể trước mốc “%(other)s” "
                        "(%(other_date)s)."
                    )
                    % {
                        "stage": STAGE_LABELS[stage],
                        "date": when.strftime("%d/%m/%Y"),
                        "other": STAGE_LABELS[other["stage"]],
                        "other_date": other["date"].strftime("%d/%m/%Y"),
                    },
                )
        return cleaned_data

    def check_report_date(self, cleaned_data, milestones):
        """The consultation report comes after the last consultation round has closed."""
        published_on = cleaned_data.get("report_published_on")
        if not published_on:
            return
        closes = [
            form.cleaned_data["closes_on"]
            for form in milestones
            if form.cleaned_data["stage"] == CONSULTATION and form.cleaned_data.get("closes_on")
        ]
        if not closes:
            self.add_error(
                "report_published_on", _("Chưa có đợt lấy ý kiến nào để công bố báo cáo.")
            )
        elif published_on <= max(closes):
            self.add_error(
                "report_published_on",
                _("Báo cáo chỉ được công bố sau ngày kết thúc lấy ý kiến (%(date)s).")
                % {"date": max(closes).strftime("%d/%m/%Y")},
            )


class PolicyTopic(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_policies")
    content_object = ParentalKey(
        "policy_pages.PolicyPage", on_delete=models.CASCADE, related_name="topic_items"
    )


class PolicyPage(BasePage):
    """One policy: what it is, why, the documents it concerns, the news about it, and its life."""

    summary = models.TextField(
        _("tóm tắt"), max_length=1000, help_text=_("Chính sách là gì, cho ai, thay đổi điều gì.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("giải thích chính sách"), blank=True)
    drafting_agency = models.ForeignKey(
        "policy_pages.IssuingBody",
        verbose_name=_("cơ quan chủ trì soạn thảo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
    report_file = models.ForeignKey(
        "media.PortalDocument",
        verbose_name=_("tệp báo cáo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = PolicyPageForm
    template = "policy_pages/policy_page.html"
    joined_with_page = ("drafting_agency", "report_file")
    parent_page_types = ["policy_pages.PolicyIndexPage"]
    subpage_types = []
    search_kind = "chinh-sach"

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("drafting_agency"), FieldPanel("fields")]),
        FieldPanel("topics"),
        FieldPanel("body"),
        InlinePanel("milestones", label=_("Mốc"), heading=_("Dòng thời gian")),
        InlinePanel("draft_files", label=_("Dự thảo"), heading=_("Dự thảo lấy ý kiến")),
        InlinePanel(
            "draft_parts",
            label=_("Phần"),
            heading=_("Các phần của dự thảo người góp ý có thể chọn"),
        ),
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
    # What the page shows readers, no more: the public's input only once approved and answered,
    # without the sender's name; the report only from its date.
    api_fields = [
        APIField("summary"),
        APIField("body", serializer=StreamHTMLField()),
        APIField("drafting_agency", serializer=NamesField()),
        APIField("legal_fields", serializer=NamesField(source="fields")),
        APIField("topics", serializer=NamesField()),
        APIField("current_stage"),
        APIField("current_stage_label"),
        APIField(
            "consultation",
            serializer=ObjectsField(
                {
                    "state": "state",
                    "opens_on": "opens_on",
                    "closes_on": "closes_on",
                    "days_left": "days_left",
                }
            ),
        ),
        APIField(
            "timeline",
            serializer=ObjectsField(
                {
                    "stage": "stage",
                    "stage_label": "stage_label",
                    "date": "date",
                    "closes_on": "closes_on",
                    "is_done": "is_done",
                    "note": "note",
                    "link": "link",
                    "file": "document",
                    "legal_document": ("public_document", {"number_symbol": "number_symbol"}),
                }
            ),
        ),
        APIField(
            "drafts",
            serializer=ObjectsField({"title": "display_label", "file": "document"}),
        ),
        APIField(
            "report",
            serializer=ObjectsField(
                {
                    "published_on": "report_published_on",
                    "summary": "report_summary",
                    "file": "report_file",
                    "counts": ("report_counts", {"outcome": "0", "count": "1"}),
                },
                source="*",
                when="report_is_public",
            ),
        ),
        APIField(
            "legal_documents",
            serializer=ObjectsField(
                {
                    "role": "0.get_role_display",
                    "document": (
                        "1",
                        {"number_symbol": "number_symbol", "status_label": "status_label"},
                    ),
                }
            ),
        ),
        APIField(
            "guidance",
            serializer=ObjectsField(
                {
                    "title": "title",
                    "published_on": "published_on",
                    "text": "text",
                    "file": "document",
                }
            ),
        ),
        APIField(
            "faq",
            serializer=ObjectsField(
                {
                    "question": "question",
                    "answer": "answer",
                    "answered_by": "answered_by.name",
                    "answered_on": "answered_on",
                }
            ),
        ),
        APIField(
            "public_answers",
            serializer=ObjectsField(
                {
                    "questions": ("questions", PUBLIC_ANSWER),
                    "proposals": ("proposals", PUBLIC_ANSWER),
                },
                source="answered_questions",
            ),
        ),
    ]

    class Meta:
        verbose_name = _("chính sách")
        verbose_name_plural = _("chính sách")

    @property
    def display_summary(self):
        return self.listing_summary or self.summary

    @cached_property
    def timeline(self):
        """Milestones in date order (stage order on the same day), each marked done or ahead, with
        `public_document`: its legal document if readers may see it (live, not restricted)."""
        on = today()
        milestones = sorted(
            self.milestones.select_related("document", "legal_document"),
            key=lambda m: (m.date, STAGE_ORDER[m.stage], m.sort_order or 0),
        )
        for milestone in milestones:
            milestone.is_done = milestone.date <= on
            document = milestone.legal_document if milestone.legal_document_id else None
            # Live and outside every view restriction, read from the row already fetched.
            visible = document is not None and document.live and is_public(document)
            milestone.public_document = document if visible else None
        return milestones

    @cached_property
    def current_stage(self):
        done = [m for m in self.timeline if m.is_done]
        return done[-1].stage if done else None

    @property
    def current_stage_label(self):
        return STAGE_LABELS.get(self.current_stage, _("Chưa có mốc"))

    @cached_property
    def consultation(self):
        """The consultation open now, else the next one, else the last one; None if none."""
        on = today()
        rounds = [m for m in self.timeline if m.stage == CONSULTATION and m.closes_on]
        for milestone in rounds:
            if milestone.date <= on <= milestone.closes_on:
                return Consultation(
                    "open", milestone.date, milestone.closes_on, (milestone.closes_on - on).days
                )
        upcoming = [m for m in rounds if m.date > on]
        if upcoming:
            return Consultation("upcoming", upcoming[0].date, upcoming[0].closes_on)
        if rounds:
            return Consultation("closed", rounds[-1].date, rounds[-1].closes_on)
        return None

    @cached_property
    def child_lists(self):
        """Draft files, draft parts, guidance notes and the officer's questions and answers:
        one query for the four (core/json_rows.py), or the revision's own in a preview."""
        draft_files, guidance_notes = self.draft_files, self.guidance_notes
        if _in_memory(self, "draft_files", "draft_parts", "guidance_notes", "questions"):
            return {
                "drafts": list(draft_files.select_related("document")),
                "parts": list(self.draft_parts.all()),
                "guidance": list(guidance_notes.select_related("document")),
                "faq": list(self.questions.select_related("answered_by")),
            }
        document = ("document__pk", "document__title", "document__file", "document__file_size")
        lists = (
            PolicyPage.objects.filter(pk=self.pk)
            .values(
                drafts=JSONRows(draft_files.all(), "pk", "sort_order", "label", *document),
                parts=JSONRows(self.draft_parts.all(), "pk", "sort_order", "label"),
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
            "parts": rows(lists["parts"], DraftPart),
            "guidance": rows(lists["guidance"], guidance_notes.model, documents),
            "faq": rows(lists["faq"], PolicyQuestion, issuers),
        }

    @property
    def faq(self):
        return self.child_lists["faq"]

    @cached_property
    def report_is_public(self):
        """The report shows from its date, once the consultation has closed."""
        consultation = self.consultation
        return bool(
            self.report_published_on
            and self.report_published_on <= today()
            and consultation
            and consultation.state == "closed"
        )

    def timeline_entries(self):
        """The timeline, with the consultation report in its place once it is public."""
        entries = list(self.timeline)
        if self.report_is_public:
            report = PolicyMilestone(date=self.report_published_on)
            report.is_done, report.public_document, report.is_report = True, None, True
            entries.append(report)
            entries.sort(key=lambda m: m.date)
        return entries

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
        answered = list(self.public_submissions(QUESTION, PROPOSAL).filter(answer__isnull=False))
        return {
            "questions": [item for item in answered if item.kind == QUESTION],
            "proposals": [item for item in answered if item.kind == PROPOSAL],
        }

    def comments_page(self, request, **totals):
        """Approved comments, grouped by the part of the draft in the order the officer set,
        with their count and `totals` (aggregates over all of them) read in the same query."""
        comments = self.public_submissions(COMMENT)
        if _in_memory(self, "draft_parts") or "part_labels" in self.__dict__:
            # A preview (the parts are the revision's), or the parts are read already (the
            # form of an open consultation lists them).
            labels = self.part_labels
            comments = comments.annotate(
                part_order=models.Case(
                    *(models.When(part=label, then=pos) for pos, label in enumerate(labels)),
                    default=len(labels),
                    output_field=models.IntegerField(),
                )
            )
            order = ["part_order"]
        else:
            # The officer's order, read in the same query; parts no longer listed come last.
            part = DraftPart.objects.filter(page=self, label=OuterRef("part")).order_by(
                "sort_order", "pk"
            )
            comments = comments.annotate(
                unlisted=~Exists(part),
                part_sort=Subquery(part.values("sort_order")[:1]),
                part_pk=Subquery(part.values("pk")[:1]),
            )
            order = ["unlisted", F("part_sort").asc(nulls_first=True), "part_pk"]
        # Parts no longer in the officer's list keep together, after those that are.
        comments = comments.order_by(*order, "part", "created_at", "pk")
        return paginate_counted(comments, request, COMMENTS_PAGE_SIZE, **totals)

    @cached_property
    def part_labels(self):
        return [part.label for part in self.child_lists["parts"]]

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
        return [(label, found[outcome]) for outcome, label in OUTCOMES if outcome in found]

    @property
    def guidance(self):
        return self.child_lists["guidance"]

    @property
    def drafts(self):
        return self.child_lists["drafts"]

    def legal_documents(self):
        """[(link, document)] in the officer's order, live and public documents only, with
        their status: one query."""
        documents = with_status(
            public(LegalDocumentPage.objects.live()).select_related("issuing_body")
        )
        if _in_memory(self, "documents"):
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
        if _in_memory(self, "related_links", "topic_items"):
            return self._related_news_in_memory()  # a preview: its choices are not saved
        chosen = PolicyRelatedArticle.objects.filter(page=self)
        sharing = ArticleTopic.objects.filter(
            tag_id__in=PolicyTopic.objects.filter(content_object=self).values("tag_id")
        )
        return chosen_then_newest(chosen, sharing, RELATED_NEWS_COUNT)

    def _related_news_in_memory(self):
        chosen_ids = [link.article_id for link in self.related_links.all()]
        articles = published_articles()
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

    def prefetch_sources(self):
        return [(self.body.stream_block, list(self.body.raw_data))]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Everything the template shows is read here: the timeline (one query), the child lists
        # (one query), then the rest.
        context["timeline"] = self.timeline_entries()
        context["consultation"] = self.consultation
        context["drafts"] = self.drafts
        context["guidance"] = self.guidance
        context["faq"] = self.faq
        context["legal_documents"] = self.legal_documents()
        context["related_news"] = self.related_news()
        from ..forms import form_for_page  # forms import these models

        # The form first: on an open consultation it reads the draft parts, which the comments'
        # order then reuses.
        context["participation_form"] = form_for_page(self)
        outcomes = {
            outcome: models.Count("pk", filter=Q(answer__outcome=outcome))
            for outcome, _label in OUTCOMES
        }
        comments = self.comments_page(request, **(outcomes if self.report_is_public else {}))
        context["comments"] = comments
        context["public_answers"] = self.answered_questions()
        if self.report_is_public:
            # The report's counts, from the comments' own query (as report_counts() counts).
            context["report_counts"] = [
                (label, comments.totals[outcome])
                for outcome, label in OUTCOMES
                if comments.totals[outcome]
            ]
        return context


def _in_memory(page, *relations):
    """Whether any of these child relations of `page` are held in memory (a preview of a
    revision) rather than read from the database."""
    held = getattr(page, "_cluster_related_objects", {})
    return any(name in held for name in relations)


class PolicyMilestone(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="milestones")
    stage = models.CharField(_("giai đoạn"), max_length=20, choices=STAGES)
    date = models.DateField(
        _("ngày"),
        help_text=_("Với lấy ý kiến: ngày bắt đầu. Có thể nhập trước ngày của tương lai."),
    )
    closes_on = models.DateField(
        _("ngày kết thúc lấy ý kiến"), null=True, blank=True, help_text=_("Chỉ với lấy ý kiến.")
    )
    note = models.TextField(_("ghi chú"), blank=True, max_length=1000)
    link = models.URLField(_("đường dẫn"), blank=True)
    document = models.ForeignKey(
        "media.PortalDocument",
        verbose_name=_("tệp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_document = models.ForeignKey(
        "policy_pages.LegalDocumentPage",
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Bắt buộc với mốc thông qua: văn bản được ban hành."),
    )

    panels = [
        FieldRowPanel([FieldPanel("stage"), FieldPanel("date"), FieldPanel("closes_on")]),
        FieldPanel("note"),
        FieldRowPanel([FieldPanel("link"), FieldPanel("document")]),
        FieldPanel("legal_document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mốc")
        verbose_name_plural = _("mốc")

    @property
    def stage_label(self):
        return STAGE_LABELS.get(self.stage, "")

    def clean(self):
        super().clean()
        if self.stage == CONSULTATION:
            if not self.closes_on:
                raise ValidationError({"closes_on": _("Nhập ngày kết thúc lấy ý kiến.")})
            if self.date and self.closes_on <= self.date:
                raise ValidationError(
                    {"closes_on": _("Ngày kết thúc lấy ý kiến phải sau ngày bắt đầu.")}
                )
        elif self.closes_on:
            raise ValidationError({"closes_on": _("Chỉ mốc lấy ý kiến có ngày kết thúc.")})
        if self.stage == ADOPTION and not self.legal_document_id:
            raise ValidationError(
                {"legal_document": _("Mốc thông qua phải nêu văn bản được ban hành.")}
            )


class PolicyDraftFile(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="draft_files")
    document = models.ForeignKey(
        "media.PortalDocument", verbose_name=_("tệp"), on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("tên hiển thị"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("dự thảo")
        verbose_name_plural = _("dự thảo")

    @property
    def display_label(self):
        return self.label or self.document.title


class PolicyLegalDocument(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "policy_pages.LegalDocumentPage",
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="policy_links",
    )
    role = models.CharField(
        _("vai trò"),
        max_length=20,
        choices=[
            ("ban-hanh", _("Văn bản ban hành chính sách")),
            ("huong-dan", _("Văn bản hướng dẫn")),
            ("lien-quan", _("Văn bản liên quan")),
        ],
        default="ban-hanh",
    )

    panels = [FieldPanel("document"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("văn bản của chính sách")
        verbose_name_plural = _("văn bản của chính sách")


class PolicyGuidanceNote(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="guidance_notes")
    title = models.CharField(_("tiêu đề"), max_length=255)
    published_on = models.DateField(_("ngày"))
    text = models.TextField(_("nội dung"), max_length=5000)
    document = models.ForeignKey(
        "media.PortalDocument",
        verbose_name=_("tệp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("published_on")]),
        FieldPanel("text"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("hướng dẫn thực hiện")
        verbose_name_plural = _("hướng dẫn thực hiện")


class PolicyQuestion(Orderable):
    """A question about the policy, answered by the drafting agency (hỏi đáp)."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="questions")
    question = models.TextField(_("câu hỏi"), max_length=2000)
    answer = models.TextField(_("trả lời"), max_length=5000)
    answered_by = models.ForeignKey(
        "policy_pages.IssuingBody",
        verbose_name=_("cơ quan trả lời"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_on = models.DateField(_("ngày trả lời"))

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("answered_by"), FieldPanel("answered_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("hỏi đáp")
        verbose_name_plural = _("hỏi đáp")


class PolicyRelatedArticle(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("bài"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("tin liên quan")
        verbose_name_plural = _("tin liên quan")
