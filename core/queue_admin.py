"""Background tasks that failed for good (their tries spent, or their worker stopped), with the
error and its traceback, for the admins (Settings → Việc nền lỗi)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class FailedTaskIndexView(IndexView):
    # Wagtail's ModelViewSet has no queryset hook: the listing narrows its own.
    def get_base_queryset(self):
        base = super().get_base_queryset()
        return base.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")


class FailedTaskViewSet(ModelViewSet):
    model = DBTaskResult
    icon = "warning"
    menu_label = _("Việc nền lỗi")
    add_to_settings_menu = True
    form_fields = ["status"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "task_path",
        "args_kwargs",
        "finished_at",
        "exception_class_path",
        "traceback",
    ]
    list_display = ["task_path", "finished_at", "exception_class_path"]

    index_view_class = FailedTaskIndexView
