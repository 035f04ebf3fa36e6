"""What moderators and officers do with the public's items: approve, reject, mark as spam, answer.

Built from Wagtail's own pieces: bulk actions (one ticked row or many, or a row's own buttons),
log entries for every action, and a dashboard panel with what waits. The queue they act from
(listing, inspect view, spreadsheet export) is in moderation_queue.py.
Moderators (Kiểm duyệt viên) hold `moderate_submission`; policy officers answer and export.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_list_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import classproperty
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import ListingButton
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from core.cache_tags import one_renewal

from .models.drafts import DraftUnit
from .models.participation import (
    APPROVED,
    COMMENT,
    PENDING,
    REJECTED,
    SPAM,
    Answer,
    Submission,
)
from .unit_labels import unit_with_version

MODERATE = "policy_pages.moderate_submission"
EXPORT = "policy_pages.export_submission"
ACTIONS = {
    APPROVED: ("policy_pages.submission.approve", _("Duyệt ý kiến"), _("Đã duyệt ý kiến")),
    REJECTED: ("policy_pages.submission.reject", _("Từ chối ý kiến"), _("Đã từ chối ý kiến")),
    SPAM: ("policy_pages.submission.spam", _("Đánh dấu thư rác"), _("Đã đánh dấu thư rác")),
    "answer": ("policy_pages.submission.answer", _("Trả lời ý kiến"), _("Đã trả lời ý kiến")),
}


def moderate(submissions, status, user, reason=""):
    """Set the status of each submission and log who did it and when; the pages showing them
    are renewed once (core.cache_tags.one_renewal)."""
    action = ACTIONS[status][0]
    now = timezone.now()
    with transaction.atomic(), one_renewal():
        for submission in submissions:
            submission.status = status
            submission.moderated_at = now
            submission.moderated_by = user
            submission.rejection_reason = reason if status == REJECTED else ""
            submission.save(
                update_fields=["status", "moderated_at", "moderated_by", "rejection_reason"]
            )
            log(instance=submission, action=action, user=user, data={"reason": reason})
    return len(submissions)


def answer(submissions, user, changed_units=(), **fields):
    """One answer for a comment or a group of comments on one policy, renewing pages once."""
    with transaction.atomic(), one_renewal():
        reply = Answer.objects.create(policy=submissions[0].policy, **fields)
        if changed_units:
            reply.changed_units.set(changed_units)
        for submission in submissions:
            submission.answer = reply
            submission.save(update_fields=["answer"])
            log(instance=submission, action=ACTIONS["answer"][0], user=user)
    return reply


class SubmissionBulkAction(SnippetBulkAction):
    """Bulk actions on the public's items, for holders of `permission` only.

    Wagtail would list the items a user may not act on by name; here nobody without the
    permission sees the confirmation at all. "Select all in listing" is refused: Wagtail would
    take it as every item of every policy, not the filtered queue the moderator is looking at.
    """

    permission = MODERATE
    template_name = "policy_pages/admin/confirm_moderation.html"

    @classproperty
    def models(cls):
        return [Submission]

    @classmethod
    def get_queryset(cls, model, object_ids):
        return get_list_or_404(Submission.objects.select_related("policy"), pk__in=object_ids)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        if "all" in request.GET.getlist("id"):
            messages.error(
                request,
                _("Hãy chọn các ý kiến trên trang (tối đa 50 một lần), không chọn cả danh sách."),
            )
            return redirect(self.next_url)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return self.request.user.has_perm(self.permission)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}


class ModerationBulkAction(SubmissionBulkAction):
    status = None
    action_priority = 10

    def get_execution_context(self):
        return {"user": self.request.user, "reason": self.reason()}

    def reason(self):
        return ""

    @classmethod
    def execute_action(cls, objects, user=None, reason="", **kwargs):
        # Items already in that status are left as they are (and keep their reason).
        changing = [submission for submission in objects if submission.status != cls.status]
        return moderate(changing, cls.status, user, reason), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(action)s: %(count)d ý kiến.", "%(action)s: %(count)d ý kiến.", num_parent_objects
        ) % {"action": ACTIONS[self.status][2], "count": num_parent_objects}


class ApproveBulkAction(ModerationBulkAction):
    display_name = _("Duyệt")
    action_type = "approve"
    aria_label = _("Duyệt các ý kiến đã chọn")
    status = APPROVED


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do từ chối"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Người gửi thấy lý do này khi tra cứu mã biên nhận."),
    )


class RejectBulkAction(ModerationBulkAction):
    display_name = _("Từ chối")
    action_type = "reject"
    aria_label = _("Từ chối các ý kiến đã chọn")
    status = REJECTED
    form_class = RejectForm
    classes = {"serious"}

    def reason(self):
        return self.cleaned_form.cleaned_data["reason"]


class SpamBulkAction(ModerationBulkAction):
    display_name = _("Thư rác")
    action_type = "spam"
    aria_label = _("Đánh dấu các ý kiến đã chọn là thư rác")
    status = SPAM
    classes = {"serious"}


UNIT_FIELDS = ["unit", "changed_units"]
UNIT_HELP = {
    "unit": _("Mặc định: điều, khoản mà các ý kiến đã chọn cùng góp ý."),
    "changed_units": _(
        "Các điều, khoản của dự thảo sau đã sửa theo ý kiến (giữ Ctrl để chọn nhiều)."
    ),
}


class AnswerUnitsMixin:
    """An answer's unit and changed units: offered among one policy's units, labelled with
    their version ("Dự thảo 2 · Điều 5 – Khoản 2"); a changed unit must be of the same policy
    and of a later version than the unit answered."""

    def offer_units(self, policy_id, earliest=0, initial=None):
        queryset = DraftUnit.objects.filter(version__policy_id=policy_id).select_related("version")
        queryset = queryset.order_by("version__number", "position")
        units = list(queryset)
        if not units:
            self.drop_units()
            return
        by_pk = {unit.pk: unit for unit in units}
        labels = {pk: unit_with_version(unit, by_pk) for pk, unit in by_pk.items()}
        self.fields["unit"].queryset = queryset
        self.fields["changed_units"].queryset = queryset.filter(version__number__gt=earliest)
        for name in UNIT_FIELDS:
            self.fields[name].label_from_instance = lambda unit: labels[unit.pk]
        if initial is not None:
            self.initial["unit"] = initial.pk

    def drop_units(self):
        for name in UNIT_FIELDS:
            self.fields.pop(name, None)

    def clean_units(self, cleaned):
        unit, changed = cleaned.get("unit"), cleaned.get("changed_units")
        if not changed:
            return
        if unit is None:
            self.add_error(
                "unit", _("Hãy chọn điều, khoản được trả lời trước khi chọn điều, khoản đã sửa.")
            )
            return
        for later in changed:
            if later.version.policy_id != unit.version.policy_id:
                self.add_error("changed_units", _("Điều, khoản đã sửa phải thuộc cùng chính sách."))
            elif later.version.number <= unit.version.number:
                self.add_error(
                    "changed_units",
                    _("%(unit)s không thuộc dự thảo sau %(version)s.")
                    % {"unit": later.heading, "version": unit.version.label},
                )


class AnswerForm(AnswerUnitsMixin, forms.ModelForm):
    """The answer's text and outcome; for comments on a draft version, also the unit answered
    and the units of a later version the answer changed (the answer table's row and its link
    to the diff). Questions and proposals are not about a unit: they get neither field."""

    class Meta:
        model = Answer
        fields = ["outcome", "explanation", "answered_by", "answered_on", *UNIT_FIELDS]
        widgets = {"changed_units": forms.SelectMultiple(attrs={"size": 10})}
        help_texts = UNIT_HELP

    def __init__(self, *args, submissions=(), **kwargs):
        super().__init__(*args, **kwargs)
        comments = [item for item in submissions if item.kind == COMMENT]
        policies = {item.policy_id for item in submissions}
        if not comments or len(policies) != 1:
            self.drop_units()
            return
        chosen = {item.unit for item in comments}
        earliest = min((unit.version.number for unit in chosen if unit), default=0)
        shared = next(iter(chosen)) if len(chosen) == 1 else None
        self.offer_units(policies.pop(), earliest, initial=shared)

    def clean(self):
        cleaned = super().clean()
        self.clean_units(cleaned)
        return cleaned


class AnswerAdminForm(AnswerUnitsMixin, WagtailAdminModelForm):
    """An answer edited on its own ("Trả lời, giải trình"): its units among its policy's.
    A new answer is written from the comments it answers (the bulk action), so it has no unit
    fields until it is saved."""

    class Meta:
        widgets = {"changed_units": forms.SelectMultiple(attrs={"size": 10})}
        help_texts = UNIT_HELP

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.drop_units()
        else:
            self.offer_units(self.instance.policy_id)

    def clean(self):
        cleaned = super().clean()
        self.clean_units(cleaned)
        policy, unit = cleaned.get("policy"), cleaned.get("unit")
        if policy is not None and unit is not None and unit.version.policy_id != policy.pk:
            self.add_error("unit", _("Điều, khoản được trả lời phải thuộc chính sách đã chọn."))
        return cleaned


class AnswerBulkAction(SubmissionBulkAction):
    """Answer one approved comment or a group of them on the same policy with one text."""

    display_name = _("Trả lời, giải trình")
    action_type = "answer"
    aria_label = _("Trả lời chung các ý kiến đã chọn")
    form_class = AnswerForm
    action_priority = 20
    permission = "policy_pages.add_answer"

    def prepare_action(self, objects, objects_without_access):
        problem = None
        if len({submission.policy_id for submission in objects}) > 1:
            problem = _("Chỉ trả lời chung các ý kiến của cùng một chính sách.")
        elif any(submission.status != APPROVED for submission in objects):
            problem = _("Chỉ trả lời ý kiến đã được duyệt.")
        if problem:
            messages.error(self.request, problem)
            return redirect(self.next_url)
        return None

    def get_form_kwargs(self):
        chosen = Submission.objects.filter(pk__in=self.request.GET.getlist("id"))
        submissions = list(chosen.select_related("unit__version"))
        return {**super().get_form_kwargs(), "submissions": submissions}

    def get_execution_context(self):
        return {"user": self.request.user, "fields": self.cleaned_form.cleaned_data}

    @classmethod
    def execute_action(cls, objects, user=None, fields=None, **kwargs):
        if objects:
            answer(objects, user, **fields)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("Đã lưu trả lời cho %(count)d ý kiến.") % {"count": num_parent_objects}


def moderation_buttons(submission, user, next_url):
    """Buttons on each pending row (not in its "more" menu); they open the same confirmation
    as the bulk actions, for one item. The hook runs for every snippet listing (authors,
    issuing bodies …): only submissions get buttons."""
    if not isinstance(submission, Submission):
        return []
    if submission.status != PENDING or not user.has_perm(MODERATE):
        return []
    query = urlencode({"id": submission.pk, "next": next_url})
    return [
        ListingButton(
            label,
            url=reverse("wagtail_bulk_action", args=("policy_pages", "submission", action))
            + "?"
            + query,
            priority=priority,
        )
        for action, label, priority in [
            ("approve", _("Duyệt"), 1),
            ("reject", _("Từ chối"), 2),
            ("spam", _("Thư rác"), 3),
        ]
    ]


class PendingSubmissionsPanel(Component):
    """On the dashboard: how many items wait for moderation, by policy."""

    name = "pending_submissions"
    template_name = "policy_pages/admin/pending_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        pending = Submission.objects.pending()
        by_policy = (
            pending.values("policy_id", "policy__title")
            .annotate(count=Count("pk"))
            .order_by("-count")[:10]
        )
        queue_url = reverse(Submission.snippet_viewset.get_url_name("list"))
        return {
            "total": pending.count(),
            "by_policy": [
                {
                    **row,
                    "url": queue_url
                    + "?"
                    + urlencode({"status": PENDING, "policy": row["policy_id"]}),
                }
                for row in by_policy
            ],
            "queue_url": f"{queue_url}?{urlencode({'status': PENDING})}",
        }
