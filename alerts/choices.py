"""The alerts' fixed lists. Values are stored and appear in forms: they never change."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATE = "ngay", _("Ngay khi có")
    DAILY = "hang-ngay", _("Hằng ngày")
    WEEKLY = "hang-tuan", _("Hằng tuần")


class DeliveryStatus(models.TextChoices):
    PENDING = "cho", _("Chờ gửi")
    SENT = "da-gui", _("Đã gửi")
    FAILED = "loi", _("Không gửi được")
    SKIPPED = "bo-qua", _("Bỏ qua (nội dung không còn công khai)")


class EventKind(models.TextChoices):
    MILESTONE = "moc", _("Chính sách đạt mốc mới")
    CONSULTATION_OPEN = "mo-lay-y-kien", _("Bắt đầu lấy ý kiến")
    CONSULTATION_CLOSING = "sap-het-han", _("Còn ba ngày lấy ý kiến")
    CONSULTATION_CLOSED = "het-han", _("Kết thúc lấy ý kiến")
    DRAFT_VERSION = "du-thao", _("Dự thảo mới")
    REPORT = "bao-cao", _("Công bố tiếp thu, giải trình")
    ADOPTED = "thong-qua", _("Chính sách được thông qua")
    RELATION = "quan-he", _("Văn bản mới tác động đến văn bản")
    STATUS = "hieu-luc", _("Văn bản thay đổi hiệu lực")
    STORY = "bai-moi", _("Bài mới")
    DOCUMENT = "van-ban-moi", _("Văn bản mới")
    DIALOGUE = "giao-luu", _("Giải đáp tại giao lưu trực tuyến")
