"""The admin side of public participation: the moderation queue, the agency's answers, the CSV.

Built from Wagtail's own pieces: a snippet viewset for the queue (filters, search, inspect view,
spreadsheet export), bulk actions for approving, rejecting, marking spam and answering (one
ticked row or many), log entries for every action, and a dashboard panel with what waits.
Moderators (Kiểm duyệt viên) hold `moderate_submission`; policy officers answer and export.
"""

import codecs
import datetime

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
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import ListingButton
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from core.cache import one_renewal

from .models.participation import (
    APPROVED,
    PENDING,
    REJECTED,
    SPAM,
    Answer,
    Submission,
)

MODERATE = "policy_pages.moderate_submission"
EXPORT = "policy_pages.export_submission"
ACTIONS = {
    APPROVED: ("policy_pages.submission.approve", _("Duyệt ý kiến"), _("Đã duyệt ý kiến")),
    REJECTED: ("policy_pages.submission.reject", _("Từ chối ý kiến"), _("Đã từ chối ý kiến")),
    SPAM: ("policy_pages.submission.spam", _("Đánh dấu thư rác"), _("Đã đánh dấu thư rác")),
    "answer": ("policy_pages.submission.answer", _("Trả lời ý kiến"), _("Đã trả lời ý kiến")),
}
# A spreadsheet treats a cell starting with these as a formula: "=HYPERLINK(…)" in a citizen's
# comment must stay text when an officer opens the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def moderate(submissions, status, user, reason=""):
    """Set the status of each submission and log who did it and when; the pages showing them
    are renewed once (core.cache.one_renewal)."""
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


def answer(submissions, user, **fields):
    """One answer for a comment or a group of comments on one policy, renewing pages once."""
    with transaction.atomic(), one_renewal():
        reply = Answer.objects.create(policy=submissions[0].policy, **fields)
        for submission in submissions:
            submission.answer = reply
            submission.save(update_fields=["answer"])
            log(instance=submission, action=ACTIONS["answer"][0], user=user)
    return reply


def safe_cell(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe; the rest is left."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SubmissionIndexView(IndexView):
    """The queue. Its CSV opens in Excel with Vietnamese intact (UTF-8 with a byte order mark),
    no cell is read as a formula (Wagtail's XLSX already keeps them text), and only officers
    holding `export_submission` may download either."""

    def dispatch(self, request, *args, **kwargs):
        if request.GET.get("export") and not request.user.has_perm(EXPORT):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def show_export_buttons(self):
        return self.request.user.has_perm(EXPORT)

    # Times in Hà Nội's clock and Vietnamese order, as everywhere else the portal shows them.
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            "csv": lambda value: timezone.localtime(value).strftime("%d/%m/%Y %H:%M"),
            "xlsx": lambda value: timezone.localtime(value).replace(tzinfo=None),
        },
        datetime.date: {"csv": lambda value: value.strftime("%d/%m/%Y")},
    }

    def write_csv_row(self, writer, row_dict):
        cells = {field: safe_cell(value) for field, value in row_dict.items()}
        return super().write_csv_row(writer, cells)

    def stream_csv(self, queryset):
        yield codecs.BOM_UTF8.decode()
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class SubmissionInspectView(InspectView):
    """One item in full. The sender's email is for officers, who answer and export; a moderator
    judges what was said, not who said it (tests/security/test_permission_matrix.py)."""

    def get_fields(self):
        fields = super().get_fields()
        if self.request.user.has_perm(EXPORT):
            return fields
        return [field for field in fields if field != "email"]


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "comment"
    menu_label = _("Ý kiến nhân dân")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    # Kept in Wagtail's reference index: that is how the page delete view sees the protected
    # comments and refuses to delete their policy, instead of failing on the database's refusal.
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["receipt_display", "name", "policy", "kind", "part", "status", "created_at"]
    # rate_unchecked: sent while the rate limits could not count (the cache was down).
    list_filter = ["status", "kind", "policy", "created_at", "rate_unchecked"]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    # Searched in the database, never put into the site's search index.
    search_fields = ["body", "name", "organisation", "receipt"]
    search_backend_name = None
    inspect_view_fields = [
        "receipt_display",
        "kind",
        "status",
        "policy",
        "part",
        "name",
        "organisation",
        "capacity",
        "email",
        "body",
        "created_at",
        "rate_unchecked",
        "consent_at",
        "moderated_by",
        "moderated_at",
        "rejection_reason",
        "answer",
    ]
    list_export = [
        "receipt_display",
        "get_kind_display",
        "policy.title",
        "part",
        "name",
        "email",
        "organisation",
        "get_capacity_display",
        "body",
        "get_status_display",
        "rejection_reason",
        "created_at",
        "answer_outcome",
        "answer_text",
        "answer_date",
    ]
    export_headings = {
        "receipt_display": _("Mã biên nhận"),
        "get_kind_display": _("Loại"),
        "policy.title": _("Chính sách"),
        "part": _("Phần của dự thảo"),
        "name": _("Họ và tên"),
        "email": _("Thư điện tử"),
        "organisation": _("Cơ quan, tổ chức"),
        "get_capacity_display": _("Tư cách"),
        "body": _("Nội dung"),
        "get_status_display": _("Trạng thái"),
        "rejection_reason": _("Lý do từ chối"),
        "created_at": _("Ngày gửi"),
        "answer_outcome": _("Kết quả tiếp thu"),
        "answer_text": _("Giải trình, trả lời"),
        "answer_date": _("Ngày trả lời"),
    }
    export_filename = "y-kien-nhan-dan"
    # Staff never rewrite what a citizen sent: only the link to an answer can be changed here.
    panels = [
        FieldRowPanel([FieldPanel("kind", read_only=True), FieldPanel("status", read_only=True)]),
        FieldPanel("policy", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("body", read_only=True),
        FieldPanel("answer"),
    ]

    def get_queryset(self, request):
        return Submission.objects.select_related("policy", "answer")


class AnswerViewSet(SnippetViewSet):
    model = Answer
    icon = "help"
    menu_label = _("Trả lời, giải trình")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["__str__", "policy", "outcome", "answered_on"]
    list_filter = ["outcome", "policy"]
    search_fields = ["explanation"]
    search_backend_name = None
    panels = [FieldPanel("policy"), *Answer.panels]


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


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["outcome", "explanation", "answered_by", "answered_on"]


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
