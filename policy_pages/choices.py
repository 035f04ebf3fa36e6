"""Every fixed list of the policy desk. The values are stored and appear in addresses (?loai=,
?hieu-luc=, ?giai-doan=): they never change; the labels may."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def label_of(choices, value, default=""):
    """The label of `value` among `choices`, or `default` for a value that is not one of them
    (none yet, or a pseudo-entry such as the report on the timeline)."""
    return choices(value).label if value in choices.values else default


class DocumentType(models.TextChoices):
    CONSTITUTION = "hien-phap", _("Hiến pháp")
    CODE = "bo-luat", _("Bộ luật")
    LAW = "luat", _("Luật")
    ORDINANCE = "phap-lenh", _("Pháp lệnh")
    RESOLUTION = "nghi-quyet", _("Nghị quyết")
    DECREE = "nghi-dinh", _("Nghị định")
    DECISION = "quyet-dinh", _("Quyết định")
    DIRECTIVE = "chi-thi", _("Chỉ thị")
    CIRCULAR = "thong-tu", _("Thông tư")
    JOINT_CIRCULAR = "thong-tu-lien-tich", _("Thông tư liên tịch")
    DISPATCH = "cong-dien", _("Công điện")
    NOTICE = "thong-bao", _("Thông báo")
    # Not normative by itself: it merges an original with its amendments for reading.
    CONSOLIDATED = "van-ban-hop-nhat", _("Văn bản hợp nhất")
    OTHER = "khac", _("Văn bản khác")


class DocumentStatus(models.TextChoices):
    """Never stored: derived from a document's dates and relations on the day it is asked. When
    several apply, the first of: not yet in force, expired, suspended, partly expired."""

    NOT_YET = "chua-co-hieu-luc", _("Chưa có hiệu lực")
    IN_FORCE = "con-hieu-luc", _("Còn hiệu lực")
    SUSPENDED = "ngung-hieu-luc", _("Ngưng hiệu lực")
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", _("Hết hiệu lực một phần")
    EXPIRED = "het-hieu-luc", _("Hết hiệu lực")


class Relation(models.TextChoices):
    """What a newer document does to an older one, in the newer one's words (the older one's
    words, and the effect on it, are in models/document_status.py)."""

    AMENDS = "amends", _("Sửa đổi, bổ sung")
    REPEALS_PART = "repeals-part", _("Bãi bỏ một phần")
    REPLACES = "replaces", _("Thay thế")
    REPEALS = "repeals", _("Bãi bỏ")
    DETAILS = "details", _("Quy định chi tiết")
    GUIDES = "guides", _("Hướng dẫn thi hành")
    CORRECTS = "corrects", _("Đính chính")
    BASIS = "basis", _("Căn cứ")
    SUSPENDS = "suspends", _("Đình chỉ, ngưng hiệu lực")
    CONSOLIDATES = "consolidates", _("Hợp nhất")


class Stage(models.TextChoices):
    """In the order a policy lives them. Implementation may repeat; amendment and expiry close
    it."""

    PROPOSAL = "de-xuat", _("Đề xuất")
    DRAFTING = "soan-thao", _("Soạn thảo")
    CONSULTATION = "lay-y-kien", _("Lấy ý kiến nhân dân")
    APPRAISAL = "tham-dinh", _("Thẩm định, trình")
    ADOPTION = "thong-qua", _("Thông qua, ban hành")
    IN_FORCE = "co-hieu-luc", _("Có hiệu lực")
    IMPLEMENTATION = "thuc-hien", _("Tổ chức thực hiện")
    AMENDMENT = "sua-doi", _("Sửa đổi, bổ sung")
    EXPIRY = "het-hieu-luc", _("Hết hiệu lực")


# Where each stage stands in a policy's life: the timeline checks that dates follow it.
STAGE_ORDER = {stage: position for position, stage in enumerate(Stage.values)}


class DocumentRole(models.TextChoices):
    """What a legal document is to a policy."""

    ADOPTS = "ban-hanh", _("Văn bản ban hành chính sách")
    GUIDES = "huong-dan", _("Văn bản hướng dẫn")
    RELATED = "lien-quan", _("Văn bản liên quan")


class SubmissionKind(models.TextChoices):
    COMMENT = "gop-y", _("Góp ý dự thảo")
    QUESTION = "hoi-dap", _("Câu hỏi")
    PROPOSAL = "kien-nghi", _("Kiến nghị")


class SubmissionStatus(models.TextChoices):
    PENDING = "cho-duyet", _("Chờ duyệt")
    APPROVED = "da-duyet", _("Đã duyệt")
    REJECTED = "tu-choi", _("Từ chối")
    SPAM = "spam", _("Thư rác")


class Capacity(models.TextChoices):
    """In what capacity a member of the public comments."""

    PERSON = "ca-nhan", _("Cá nhân")
    EXPERT = "chuyen-gia", _("Chuyên gia")
    ORGANISATION = "to-chuc", _("Đại diện tổ chức")


class Outcome(models.TextChoices):
    """How the drafting agency took a comment in (tiếp thu, giải trình); "answered" is for
    questions and proposals, which are answered rather than taken in."""

    ACCEPTED = "tiep-thu", _("Tiếp thu")
    PARTLY_ACCEPTED = "tiep-thu-mot-phan", _("Tiếp thu một phần")
    NOT_ACCEPTED = "khong-tiep-thu", _("Không tiếp thu")
    NOTED = "ghi-nhan", _("Ghi nhận")
    ANSWERED = "tra-loi", _("Đã trả lời")
