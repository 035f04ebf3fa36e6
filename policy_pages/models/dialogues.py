"""Online dialogues (giao lưu, tọa đàm trực tuyến): ministers and experts answer readers.

A dialogue is a news story (it lists, feeds and searches as one) with guests, a host, and the
policy or legal document it is about. Readers' questions are the participation pipeline's own
`Submission`s (kind QUESTION, `dialogue` set, `policy` the dialogue's policy), so receipts,
moderation, mails, exports and the personal-data tools treat them as any other question. What
only a dialogue has lives here beside them: the moderator's order and hand-over to the host
(`DialogueQuestion`), and the guest's answer (`GuestAnswer`), which is filed into the policy's
questions and answers as an `Answer`.

The page is live per core/live.py: a question's place and its answer are records of their own,
so a change renews the page and its endpoint, never a page publication.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from core import live
from core.api_fields import ObjectsField
from core.models import BasePage, optional_image_field, optional_link
from newsroom.models import ArticlePage

from .participation import APPROVED, Submission

NEEDS_POLICY = _(
    "Buổi giao lưu nhận câu hỏi của bạn đọc phải gắn với một chính sách: câu hỏi và câu trả lời "
    "được đưa vào mục hỏi đáp của chính sách đó. Hãy chọn chính sách, hoặc bỏ chọn “Nhận câu hỏi "
    "của bạn đọc”."
)


class DialoguePage(RoutablePageMixin, ArticlePage):
    """An online dialogue: readers' questions answered live by the guests, then its transcript."""

    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    policy = optional_link(
        "policy_pages.PolicyPage",
        _("chính sách được trao đổi"),
        _("Câu hỏi và câu trả lời được đưa vào mục hỏi đáp của chính sách này."),
    )
    legal_document = optional_link("policy_pages.LegalDocumentPage", _("văn bản được trao đổi"))
    host_name = models.CharField(_("người dẫn chương trình"), max_length=120, blank=True)
    host_title = models.CharField(_("chức danh người dẫn"), max_length=200, blank=True)
    accepts_questions = models.BooleanField(
        _("nhận câu hỏi của bạn đọc"),
        default=True,
        help_text=_("Bạn đọc gửi câu hỏi từ khi trang được đăng đến khi buổi giao lưu kết thúc."),
    )

    template = "policy_pages/dialogue_page.html"
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    content_panels = [
        *ArticlePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("host_name"), FieldPanel("host_title")]),
                FieldPanel("policy"),
                FieldPanel("legal_document"),
                FieldPanel("accepts_questions"),
            ],
            heading=_("Buổi giao lưu"),
        ),
        InlinePanel("guests", label=_("Khách mời"), heading=_("Khách mời"), min_num=1),
    ]
    search_fields = [
        *ArticlePage.search_fields,
        index.RelatedFields("guests", [index.SearchField("name")]),
    ]

    # The dialogue as outlets reuse it: when, who hosts, who answers; never the questions'
    # senders (their answers reach the API with the policy's questions and answers).
    api_fields = [
        *ArticlePage.api_fields,
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("host_name"),
        APIField("host_title"),
        APIField(
            "guests",
            serializer=ObjectsField(
                {"name": "name", "position": "position", "agency": "agency.name"},
                source="guest_list",
            ),
        ),
    ]
    api_listing_prefetch = (*ArticlePage.api_listing_prefetch, "guests__agency")

    class Meta:
        verbose_name = _("giao lưu trực tuyến")
        verbose_name_plural = _("giao lưu trực tuyến")

    kind_label = _("Giao lưu trực tuyến")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})
        if self.accepts_questions and not self.policy_id:
            raise ValidationError({"policy": NEEDS_POLICY})

    @property
    def has_ended(self):
        return self.ends_at is not None and self.ends_at <= timezone.now()

    @property
    def is_live(self):
        """On air: the page's answers arrive by themselves, with a live badge."""
        return self.starts_at <= timezone.now() < self.ends_at

    @property
    def takes_questions(self):
        return self.accepts_questions and bool(self.policy_id) and not self.has_ended

    @cached_property
    def guest_list(self):
        if "guests" in getattr(self, "_prefetched_objects_cache", {}):
            return list(self.guests.all())  # the API's listing fetched them for every page
        return list(self.guests.select_related("agency", "photo"))

    def answered(self):
        """What readers see: approved questions handed to the host and answered, in the
        moderator's order, with the answering guest and the clip."""
        return (
            DialogueQuestion.objects.filter(
                submission__dialogue=self,
                submission__status=APPROVED,
                passed_at__isnull=False,
                guest_answer__isnull=False,
            )
            .select_related(
                "submission",
                "guest_answer__guest__agency",
                "guest_answer__photo",
                "guest_answer__clip",
            )
            .order_by("position", "pk")
        )

    def changes_after(self, since):
        """(shown items changed after `since`, (id, time) of items taken away since then).

        Only what readers once saw is taken away: a question shown and no longer (rejected,
        spam), or deleted since (a `RemovedDialogueQuestion`). What the moderators do with the
        questions nobody saw (approve, reject, order, hand over, take back) shows nowhere, not
        even as an id or a time."""
        shown = list(self.answered())
        later = [item for item in shown if item.changed_at >= since]
        shown_ids = {item.pk for item in shown}
        gone = list(
            DialogueQuestion.objects.filter(
                submission__dialogue=self, shown_at__isnull=False, changed_at__gte=since
            )
            .exclude(pk__in=shown_ids)
            .values_list("pk", "changed_at")
        )
        gone += RemovedDialogueQuestion.objects.filter(
            dialogue=self, removed_at__gte=since
        ).values_list("question_id", "removed_at")
        return later, gone

    def newest_public_change(self):
        """The newest change readers could notice: to a question once shown, or a removal;
        never the moderators' work on questions nobody saw."""
        newest = [
            DialogueQuestion.objects.filter(
                submission__dialogue=self, shown_at__isnull=False
            ).aggregate(newest=models.Max("changed_at"))["newest"],
            RemovedDialogueQuestion.objects.filter(dialogue=self).aggregate(
                newest=models.Max("removed_at")
            )["newest"],
        ]
        return max((moment for moment in newest if moment is not None), default=None)

    @staticmethod
    def newest_change(items, start):
        return max((item.changed_at for item in items), default=start)

    def serve(self, request, *args, **kwargs):
        live.show(self.pk)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..dialogue_public import page_context  # the form and views import these models

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self))
        return context

    def seconds_until_it_changes(self):
        """Until the page's state changes by the clock alone (on air, then ended), or None."""
        return live.seconds_until(self.starts_at, self.ends_at)

    @path("", name="index")
    def index_route(self, request):
        response = BasePage.serve(self, request)
        # Kept (page cache, Varnish) no longer than its state: no change renews it when the
        # dialogue starts or ends, and a copy would go on saying "Sắp diễn ra" or show the form.
        return live.keep_until(response, self.seconds_until_it_changes())

    @path("cap-nhat/", name="updates")
    def updates(self, request):
        from ..dialogue_public import updates_response

        return updates_response(self, request)


class DialogueGuest(Orderable):
    """A guest: a minister, an official or an expert, with the agency they answer for."""

    page = ParentalKey(DialoguePage, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ, chức danh"), max_length=200)
    agency = models.ForeignKey(
        "policy_pages.IssuingBody",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    photo = optional_image_field(_("ảnh chân dung"))

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
        FieldPanel("agency"),
        FieldPanel("photo"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("khách mời")
        verbose_name_plural = _("khách mời")

    def __str__(self):
        return f"{self.name}, {self.position}"


class DialogueQuestion(models.Model):
    """An approved question's place in the dialogue: its position in the moderator's order and
    when it was handed to the host (chuyển cho khách mời). Every change stamps `changed_at`,
    which the live endpoint answers by."""

    submission = models.OneToOneField(
        Submission,
        verbose_name=_("câu hỏi"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="dialogue_place",
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    passed_at = models.DateTimeField(_("chuyển cho khách mời lúc"), null=True, blank=True)
    passed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chuyển"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("thay đổi lúc"), default=timezone.now, db_index=True)
    # When readers first saw it (its answer first published): only such a question is ever
    # sent to open pages as taken away, so the endpoint tells nothing of the others.
    shown_at = models.DateTimeField(_("hiện trên trang lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("câu hỏi giao lưu")
        verbose_name_plural = _("câu hỏi giao lưu")
        ordering = ["position", "pk"]
        permissions = [
            (
                "moderate_dialogue",
                _("Kiểm duyệt, sắp xếp câu hỏi giao lưu và chuyển cho khách mời"),
            ),
        ]

    def __str__(self):
        return str(self.submission)

    @property
    def dom_id(self):
        return f"cau-hoi-{self.pk}"

    @property
    def changed_stamp(self):
        return live.stamp(self.changed_at)

    @property
    def order_key(self):
        return f"{self.position:06d}-{self.pk:09d}"


class RemovedDialogueQuestion(models.Model):
    """A question readers saw, then deleted (from the moderation queue or the personal-data
    tools): its id and when, so the live endpoint tells open pages to drop it. Only the id of
    the question's element, never its content or its sender."""

    dialogue = models.ForeignKey(
        DialoguePage,
        verbose_name=_("buổi giao lưu"),
        on_delete=models.CASCADE,
        related_name="removed_questions",
    )
    question_id = models.PositiveBigIntegerField(_("mã câu hỏi"))
    removed_at = models.DateTimeField(_("xóa lúc"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("câu hỏi giao lưu đã xóa")
        verbose_name_plural = _("câu hỏi giao lưu đã xóa")

    def __str__(self):
        return f"cau-hoi-{self.question_id}"


class GuestAnswer(models.Model):
    """A guest's answer, posted by the guests' secretariat (thư ký khách mời) and shown live
    under its question. `answer` is its copy in the policy's questions and answers."""

    question = models.OneToOneField(
        DialogueQuestion,
        verbose_name=_("câu hỏi"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="guest_answer",
    )
    guest = models.ForeignKey(
        DialogueGuest,
        verbose_name=_("khách mời trả lời"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    text = models.TextField(_("câu trả lời"), max_length=10_000)
    photo = optional_image_field(_("ảnh"))
    photo_credit = models.CharField(_("tác giả ảnh"), max_length=200, blank=True)
    clip = optional_link("media.VideoPage", _("video trả lời"))
    answered_at = models.DateTimeField(_("trả lời lúc"), default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đăng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.OneToOneField(
        "policy_pages.Answer",
        verbose_name=_("trả lời trong mục hỏi đáp của chính sách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guest_answer",
    )

    class Meta:
        verbose_name = _("câu trả lời của khách mời")
        verbose_name_plural = _("câu trả lời của khách mời")

    def __str__(self):
        return self.text[:60]
