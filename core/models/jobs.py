"""What the scheduler has started: one row per job and period, so a job runs once per period
however many workers and schedulers race for it (the row's unique key is the one check)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    job = models.CharField(_("việc"), max_length=60)
    period = models.CharField(_("kỳ"), max_length=20)  # "2026-12-07", "2026-W49"
    started_at = models.DateTimeField(_("bắt đầu lúc"), default=timezone.now)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt chạy theo lịch")
        verbose_name_plural = _("lượt chạy theo lịch")
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="scheduled_run_once_per_period")
        ]

    def __str__(self):
        return f"{self.job} {self.period}"
