"""Background tasks that failed for good (their tries spent, or their worker stopped), with the
error and its traceback, for the admins (Settings → Việc nền lỗi)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


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

    def get_queryset(self, request=None):
        return DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")
