from datetime import date, timedelta

from django.utils import timezone

import factory
import wagtail_factories

from policy_pages.models import (
    Answer,
    IssuingBody,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    PolicyIndexPage,
    PolicyMilestone,
    PolicyPage,
    Submission,
)
from policy_pages.models.participation import new_receipt
from policy_pages.submissions import fingerprint


class IssuingBodyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Bộ Kiểm thử số {n}")

    class Meta:
        model = IssuingBody
        django_get_or_create = ("name",)


class LegalFieldFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Lĩnh vực số {n}")

    class Meta:
        model = LegalField
        django_get_or_create = ("name",)


class LegalDocumentIndexPageFactory(wagtail_factories.PageFactory):
    title = "Văn bản"
    slug = "van-ban"
    show_in_menus = True

    class Meta:
        model = LegalDocumentIndexPage


class LegalDocumentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nghị định quy định chi tiết Luật Kiểm thử số {n}")
    slug = factory.Sequence(lambda n: f"nghi-dinh-kiem-thu-{n}")
    number_symbol = factory.Sequence(lambda n: f"{n + 1}/2024/NĐ-CP")
    document_type = "nghi-dinh"
    issuing_body = factory.LazyFunction(lambda: IssuingBodyFactory(name="Chính phủ"))
    signer = "Nguyễn Văn Minh"
    signer_title = "Thủ tướng"
    issued_on = date(2024, 3, 1)
    effective_on = date(2024, 4, 15)
    summary = "Quy định chi tiết một số điều của Luật Kiểm thử về quản lý dữ liệu."

    class Meta:
        model = LegalDocumentPage


class PolicyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Chính sách"
    slug = "chinh-sach"
    show_in_menus = True

    class Meta:
        model = PolicyIndexPage


class PolicyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chính sách hỗ trợ doanh nghiệp nhỏ số {n}")
    slug = factory.Sequence(lambda n: f"chinh-sach-ho-tro-{n}")
    summary = "Giảm thuế và hỗ trợ tín dụng cho doanh nghiệp nhỏ và vừa trong ba năm."

    class Meta:
        model = PolicyPage


def relate(source, relation_type, target, **fields):
    """`source` (the newer document) amends / replaces / repeals … `target` (a suspension may
    say its last day: `ends_on=`)."""
    return LegalDocumentRelation.objects.create(
        page=source, relation_type=relation_type, target=target, **fields
    )


def milestone(policy, stage, when, **fields):
    return PolicyMilestone.objects.create(page=policy, stage=stage, date=when, **fields)


def open_for_comment(home_page, title):
    """A published policy, in its own index, whose consultation opened 3 days ago for 23 days."""
    policy = PolicyPageFactory(parent=PolicyIndexPageFactory(parent=home_page), title=title)
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today - timedelta(days=3), closes_on=today + timedelta(days=20))
    policy.save_revision().publish()
    return policy


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A reader's comment as the form stores it: pending, with its own receipt."""

    kind = "gop-y"
    name = factory.Sequence(lambda n: f"Trần Thị Mai {n}")
    email = factory.Sequence(lambda n: f"nguoi-gop-y-{n}@example.vn")
    body = factory.Sequence(lambda n: f"Đề nghị làm rõ điều kiện áp dụng tại khoản {n + 1}.")
    body_hash = factory.LazyAttribute(lambda o: fingerprint(o.body, o.email))
    receipt = factory.LazyFunction(new_receipt)
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Submission


class AnswerFactory(factory.django.DjangoModelFactory):
    outcome = "tiep-thu"
    explanation = "Cơ quan chủ trì đã bổ sung quy định theo hướng góp ý."

    class Meta:
        model = Answer
