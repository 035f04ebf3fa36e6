"""A policy's life from proposal to enforcement: a public timeline of dated milestones.

The current stage is the stage of the latest milestone whose date has come (`current_stage()` in
the database, `PolicyPage.current_stage` on a page), so a milestone dated ahead, say the day a law
takes effect, changes the page on that day by itself.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from core.admin_forms import PortalPageForm
from core.models import optional_document_field, optional_link
from core.privacy import is_public
from core.text import start_of_day

from ..choices import STAGE_ORDER, Stage, label_of
from .documents import today
from .drafts import DraftVersion, compare_path
from .policy_items import policy_key

CONSULTATION, ADOPTION = Stage.CONSULTATION, Stage.ADOPTION


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


@dataclass
class PolicyEvent:
    """A step of the policy that is no milestone an officer types (a draft version published,
    the answer table made public), as plain values for whoever announces it (the feed)."""

    key: str  # stable whatever the titles become: "du-thao-12"
    kind: str  # "draft-version" or "answer-table"
    title: str
    published: datetime
    path: str  # under the policy's address: "du-thao/2/"
    summary: str = ""
    # (label, path under the policy's address): the version's diff with the one before, the files.
    links: list = field(default_factory=list)


class PolicyPageForm(PortalPageForm):
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
                        "stage": Stage(stage).label,
                        "date": when.strftime("%d/%m/%Y"),
                        "other": Stage(other["stage"]).label,
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


class PolicyTimeline:
    """The page's side of the timeline: its milestones in order, the stage reached today, the
    consultation, and the consultation report's place among them."""

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
        return label_of(Stage, self.current_stage, _("Chưa có mốc"))

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
    def report_is_public(self):
        """The report shows from its date, once the consultation has closed."""
        consultation = self.consultation
        return bool(
            self.report_published_on
            and self.report_published_on <= today()
            and consultation
            and consultation.state == "closed"
        )

    @cached_property
    def published_versions(self):
        """The draft versions readers may see, in order: one query."""
        if self.pk is None:  # a new page's preview has none yet
            return []
        versions = DraftVersion.objects.published().filter(policy=self)
        return list(versions.select_related("source_file").order_by("number"))

    def timeline_entries(self):
        """The timeline, with each published draft version and the consultation report in their
        place (on the same day, after the milestones)."""
        entries = list(self.timeline)
        for version in self.published_versions:
            entry = PolicyMilestone(date=timezone.localdate(version.published_at))
            entry.is_done, entry.public_document, entry.version = True, None, version
            entries.append(entry)
        if self.report_is_public:
            report = PolicyMilestone(date=self.report_published_on)
            report.is_done, report.public_document, report.is_report = True, None, True
            entries.append(report)
        entries.sort(key=lambda m: m.date)  # stable: the milestones keep their stage order
        return entries

    def feed_events(self):
        """Each published draft version (with the diff from the one before) and the answer
        table once public, newest last."""
        events, previous = [], None
        for version in self.published_versions:
            links = [(f"Toàn văn {version.label}", f"du-thao/{version.number}/")]
            if previous is not None:
                links.append(
                    (
                        f"So sánh {previous.label} và {version.label}",
                        compare_path(previous.number, version.number),
                    )
                )
            events.append(
                PolicyEvent(
                    key=f"du-thao-{version.pk}",
                    kind="draft-version",
                    title=f"{version.label}: {self.title}",
                    published=version.published_at,
                    path=f"du-thao/{version.number}/",
                    summary=version.note,
                    links=links,
                )
            )
            previous = version
        if self.report_is_public:
            events.append(
                PolicyEvent(
                    # The key the report's entry always had: outlets do not see it anew.
                    key=f"bao-cao-{self.pk}",
                    kind="answer-table",
                    title=f"Bản tổng hợp, tiếp thu, giải trình ý kiến: {self.title}",
                    published=start_of_day(self.report_published_on),
                    path="tiep-thu-giai-trinh/",
                    summary=self.report_summary,
                    links=[
                        ("Bản tổng hợp, tiếp thu, giải trình ý kiến", "tiep-thu-giai-trinh/"),
                        ("Tệp Word (.docx)", "tiep-thu-giai-trinh.docx"),
                        ("Bảng tính (.xlsx)", "tiep-thu-giai-trinh.xlsx"),
                    ],
                )
            )
        return events


class PolicyMilestone(Orderable):
    page = policy_key("milestones")
    stage = models.CharField(_("giai đoạn"), max_length=20, choices=Stage.choices)
    date = models.DateField(
        _("ngày"),
        help_text=_("Với lấy ý kiến: ngày bắt đầu. Có thể nhập trước ngày của tương lai."),
    )
    closes_on = models.DateField(
        _("ngày kết thúc lấy ý kiến"), null=True, blank=True, help_text=_("Chỉ với lấy ý kiến.")
    )
    note = models.TextField(_("ghi chú"), blank=True, max_length=1000)
    link = models.URLField(_("đường dẫn"), blank=True)
    document = optional_document_field(_("tệp"))
    legal_document = optional_link(
        "policy_pages.LegalDocumentPage",
        _("văn bản"),
        _("Bắt buộc với mốc thông qua: văn bản được ban hành."),
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
        return label_of(Stage, self.stage)

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
