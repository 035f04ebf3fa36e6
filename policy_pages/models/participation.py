"""What the public sends about a policy, and the agency's answers.

One pipeline for three kinds: comments on a draft during its consultation (góp ý), questions
(hỏi đáp) and citizens' proposals (kiến nghị). Everything arrives *pending*; moderators approve,
reject or mark it as spam; officers answer. Readers see only approved items, by name and
organisation: the email stays in the admin and the address is kept only as a keyed hash, to spot
floods from one machine (see docs/personal-data.md).
"""

import secrets

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from ..choices import Capacity, Outcome, SubmissionKind, SubmissionStatus
from ..unit_labels import unit_with_version
from .documents import today

# The kinds and states the pipeline tests most, by their short names.
COMMENT = SubmissionKind.COMMENT
QUESTION = SubmissionKind.QUESTION
PROPOSAL = SubmissionKind.PROPOSAL
PENDING = SubmissionStatus.PENDING
APPROVED = SubmissionStatus.APPROVED
REJECTED = SubmissionStatus.REJECTED
SPAM = SubmissionStatus.SPAM

# Crockford's base32 without the letters people confuse (I, L, O, U): 16 characters, 80 bits.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_LENGTH = 16
RECEIPT_PREFIX = "YK"


def new_receipt():
    """A receipt code nobody can guess or count: 80 random bits from the system's CSPRNG."""
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def format_receipt(code):
    groups = [code[i : i + 4] for i in range(0, len(code), 4)]
    return "-".join([RECEIPT_PREFIX, *groups])


def parse_receipt(text):
    """What a reader types, as stored: "yk-7h3q m2xd-9kra-t4wb" -> "7H3QM2XD9KRAT4WB"; or ""."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if cleaned.startswith(RECEIPT_PREFIX) and len(cleaned) == RECEIPT_LENGTH + 2:
        cleaned = cleaned[2:]
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != RECEIPT_LENGTH or any(ch not in RECEIPT_ALPHABET for ch in cleaned):
        return ""
    return cleaned


class Answer(models.Model):
    """The agency's answer to one comment or a group of them, or to a question or proposal.
    With no answering agency, readers see the policy's drafting agency.

    Answers to comments reach readers with the consultation report; answers to questions and
    proposals as soon as the item is approved.
    """

    policy = models.ForeignKey(
        "policy_pages.PolicyPage",
        verbose_name=_("chính sách"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    outcome = models.CharField(_("kết quả"), max_length=20, choices=Outcome.choices)
    explanation = models.TextField(_("giải trình, trả lời"), max_length=10_000)
    answered_by = models.ForeignKey(
        "policy_pages.IssuingBody",
        verbose_name=_("cơ quan trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: cơ quan chủ trì soạn thảo."),
    )
    answered_on = models.DateField(_("ngày trả lời"), default=today)
    # The unit of the draft the grouped comments were on, and the units of the next version
    # the answer changed: the answer table's row and its link to the diff.
    unit = models.ForeignKey(
        "policy_pages.DraftUnit",
        verbose_name=_("điều, khoản được góp ý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
    )
    changed_units = models.ManyToManyField(
        "policy_pages.DraftUnit",
        verbose_name=_("điều, khoản đã sửa ở dự thảo sau"),
        blank=True,
        related_name="changed_by_answers",
    )

    panels = [
        FieldRowPanel([FieldPanel("outcome"), FieldPanel("answered_on")]),
        FieldPanel("answered_by"),
        FieldPanel("explanation"),
    ]

    class Meta:
        verbose_name = _("trả lời, giải trình")
        verbose_name_plural = _("trả lời, giải trình")
        ordering = ["-answered_on", "-pk"]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.explanation[:60]}"


class SubmissionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=APPROVED)

    def pending(self):
        return self.filter(status=PENDING)


class Submission(models.Model):
    """A comment, question or proposal from a member of the public."""

    policy = models.ForeignKey(
        "policy_pages.PolicyPage",
        verbose_name=_("chính sách"),
        # A policy with public input cannot be deleted by accident: nothing sent is ever lost.
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    kind = models.CharField(
        _("loại"), max_length=20, choices=SubmissionKind.choices, default=COMMENT
    )
    # A question sent to an online dialogue (models/dialogues.py): still about `policy`, the
    # dialogue's, so everything that reads the policy's questions reads it too.
    dialogue = models.ForeignKey(
        "policy_pages.DialoguePage",
        verbose_name=_("buổi giao lưu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=SubmissionStatus.choices,
        default=PENDING,
        db_index=True,
    )
    receipt = models.CharField(_("mã biên nhận"), max_length=RECEIPT_LENGTH, unique=True)
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), max_length=254)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=200, blank=True)
    capacity = models.CharField(
        _("tư cách góp ý"), max_length=20, choices=Capacity.choices, default=Capacity.PERSON
    )
    # The unit of the version the reader commented on; its lineage carries the comment into
    # later versions ("góp ý dự thảo 1" beside version 2's text).
    unit = models.ForeignKey(
        "policy_pages.DraftUnit",
        verbose_name=_("điều, khoản góp ý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    quote = models.TextField(_("đoạn trích dẫn"), blank=True, max_length=1000)
    body = models.TextField(_("nội dung"), max_length=5000)
    # SHA-256 of the text with case and spacing folded: the same text twice on a policy is refused,
    # by the database itself when two arrive at once.
    body_hash = models.CharField(max_length=64, editable=False)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The random key of the form it was sent from (the nonce of its signed time token): a form
    # sent again, because the first answer never reached the reader, finds its item and receipt
    # instead of storing a second one. Random per form, so it says nothing about the sender.
    form_key = models.CharField(max_length=32, blank=True, editable=False)
    # Sent while the shared cache did not answer, so the rate limits could not count it: the
    # moderators see it flagged rather than the comment being lost or refused.
    rate_unchecked = models.BooleanField(
        _("chưa kiểm tra được tần suất gửi"), default=False, editable=False
    )
    consent_at = models.DateTimeField(_("đồng ý xử lý dữ liệu cá nhân lúc"))
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(_("ngày kiểm duyệt"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kiểm duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("lý do từ chối"), blank=True, max_length=1000)
    answer = models.ForeignKey(
        Answer,
        verbose_name=_("trả lời, giải trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )

    # Mail to the sender, by the queue (policy_pages/mail_tasks.py): when each went out, so that
    # a task tried again never sends it twice. The outcome mail only if the sender asked for it.
    receipt_sent_at = models.DateTimeField(_("đã gửi biên nhận lúc"), null=True, blank=True)
    notify_outcome = models.BooleanField(_("báo khi được trả lời"), default=False)
    outcome_sent_at = models.DateTimeField(_("đã báo kết quả lúc"), null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến nhân dân")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "kind", "body_hash"], name="one_copy_of_a_text_per_policy"
            ),
            models.UniqueConstraint(
                fields=["form_key"],
                condition=~models.Q(form_key=""),
                name="one_submission_per_form",
            ),
        ]
        indexes = [models.Index(fields=["policy", "kind", "status", "created_at"])]
        permissions = [
            ("moderate_submission", _("Kiểm duyệt ý kiến (duyệt, từ chối, đánh dấu thư rác)")),
            ("export_submission", _("Xuất ý kiến kèm thư điện tử ra tệp CSV")),
        ]

    def __str__(self):
        return f"{self.receipt_display} · {self.name}"

    @property
    @admin.display(description=_("Mã biên nhận"))  # the queue's column heading
    def receipt_display(self):
        return format_receipt(self.receipt)

    @property
    @admin.display(description=_("Điều, khoản góp ý"))
    def unit_label(self):
        """ "Dự thảo 1 · Điều 5 – Khoản 2", from the unit, its version and parents as read
        (the queue reads them with the item); empty for a comment on the whole draft."""
        return unit_with_version(self.unit) if self.unit_id else ""

    # For the officers' spreadsheet: empty cells when there is no answer yet.
    @property
    def answer_outcome(self):
        return self.answer.get_outcome_display() if self.answer else ""

    @property
    def answer_text(self):
        return self.answer.explanation if self.answer else ""

    @property
    def answer_date(self):
        return self.answer.answered_on if self.answer else None

    @property
    def capacity_label(self):
        """Shown beside the name only when it says more than "a private person"."""
        return "" if self.capacity == Capacity.PERSON else self.get_capacity_display()
