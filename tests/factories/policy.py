from datetime import date

import factory
import wagtail_factories

from policy_pages.models import (
    IssuingBody,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    PolicyIndexPage,
    PolicyMilestone,
    PolicyPage,
)


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


def relate(source, relation_type, target):
    """`source` (the newer document) amends / replaces / repeals … `target`."""
    return LegalDocumentRelation.objects.create(
        page=source, relation_type=relation_type, target=target
    )


def milestone(policy, stage, when, **fields):
    return PolicyMilestone.objects.create(page=policy, stage=stage, date=when, **fields)
