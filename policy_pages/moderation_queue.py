"""The moderation queue in the admin: the public's items as a snippet listing (filters, search,
an inspect view, the spreadsheet export) and the agency's answers beside them. What moderators
do from the queue (approve, reject, spam, answer) is in moderation.py.
"""

import codecs
import datetime

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

import django_filters

from .models import DraftUnit
from .models.participation import Answer, Submission
from .moderation import EXPORT, AnswerAdminForm
from .unit_labels import PARENTS, unit_with_version

# A spreadsheet treats a cell starting with these as a formula: "=HYPERLINK(…)" in a citizen's
# comment must stay text when an officer opens the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe; the rest is left."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def commented_units():
    """The units that have comments, grouped by policy: "Dự thảo 1 · Điều 5 – Khoản 2". One
    query, read when the filter is shown."""
    units = (
        DraftUnit.objects.filter(pk__in=Submission.objects.values("unit_id"))
        .select_related("version__policy", "parent__parent__parent")
        .order_by("version__policy__title", "version__policy_id", "version__number", "position")
    )
    groups = {}
    for unit in units:
        policy = unit.version.policy
        groups.setdefault((policy.pk, policy.title), []).append((unit.pk, unit_with_version(unit)))
    return [(title, options) for (_pk, title), options in groups.items()]


class SubmissionFilterSet(WagtailFilterSet):
    unit = django_filters.ChoiceFilter(
        label=_("Điều, khoản góp ý"),
        choices=commented_units,
        empty_label=_("Tất cả"),
        method="filter_unit",
    )

    class Meta:
        model = Submission
        # rate_unchecked: sent while the rate limits could not count (the cache was down).
        fields = ["status", "kind", "policy", "dialogue", "unit", "created_at", "rate_unchecked"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit_id=value)


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

    def get_object(self, queryset=None):
        # The unit with its version and parents, which its label names.
        queryset = Submission.objects.select_related("policy", "unit__version", PARENTS)
        return get_object_or_404(queryset, pk=unquote(str(self.pk)))

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
    list_display = [
        "receipt_display",
        "name",
        "policy",
        "kind",
        "unit_label",
        "status",
        "created_at",
    ]
    filterset_class = SubmissionFilterSet
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
        "dialogue",
        "unit_label",
        "quote",
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
        "unit_label",
        "quote",
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
        "unit_label": _("Điều, khoản góp ý"),
        "quote": _("Đoạn trích dẫn"),
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
        return Submission.objects.select_related("policy", "answer", "unit__version", PARENTS)


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
    edit_handler = ObjectList(
        [FieldPanel("policy"), *Answer.panels, FieldPanel("unit"), FieldPanel("changed_units")],
        base_form_class=AnswerAdminForm,
    )
