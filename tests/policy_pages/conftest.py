import pytest

from tests.factories import (
    LegalDocumentIndexPageFactory,
    PolicyIndexPageFactory,
    SectionPageFactory,
)


@pytest.fixture
def documents_index(home_page):
    return LegalDocumentIndexPageFactory(parent=home_page)


@pytest.fixture
def policies_index(home_page):
    return PolicyIndexPageFactory(parent=home_page)


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


@pytest.fixture
def open_policy(policies_index):
    """A policy whose draft is open for comment today, its text published as Dự thảo 1
    (consumer_protection_draft) for readers to pick a unit from."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import IssuingBodyFactory, PolicyPageFactory, milestone
    from tests.factories.drafts import draft_version
    from tests.policy_pages.participation import consumer_protection_draft

    policy = PolicyPageFactory(
        parent=policies_index,
        title="Dự thảo Luật Bảo vệ người tiêu dùng (sửa đổi)",
        drafting_agency=IssuingBodyFactory(name="Bộ Công Thương"),
    )
    today = timezone.localdate()
    milestone(policy, "soan-thao", today - timedelta(days=40))
    milestone(policy, "lay-y-kien", today - timedelta(days=5), closes_on=today + timedelta(days=25))
    draft_version(policy, consumer_protection_draft(), drafted_on=today - timedelta(days=6))
    return policy


@pytest.fixture
def closed_policy(policies_index):
    """A policy in force: its consultation closed long ago."""
    from datetime import date

    from tests.factories import PolicyPageFactory, milestone

    policy = PolicyPageFactory(parent=policies_index, title="Chính sách miễn học phí")
    milestone(policy, "lay-y-kien", date(2024, 2, 1), closes_on=date(2024, 3, 31))
    return policy


@pytest.fixture
def instant_forms(settings):
    """Forms may be sent at once (the time token's lower bound is tested on its own)."""
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "MIN_SECONDS": 0}


@pytest.fixture
def housing_policy(policies_index):
    from tests.factories import IssuingBodyFactory, PolicyPageFactory

    return PolicyPageFactory(
        parent=policies_index,
        title="Chính sách hỗ trợ nhà ở xã hội",
        slug="nha-o-xa-hoi",
        drafting_agency=IssuingBodyFactory(name="Bộ Xây dựng"),
    )


@pytest.fixture
def dialogue(section, housing_policy):
    """A dialogue on air about the housing policy, with two guests."""
    from tests.factories import DialoguePageFactory, guest

    page = DialoguePageFactory(
        parent=section, title="Giao lưu trực tuyến về nhà ở xã hội", policy=housing_policy
    )
    guest(page, "Nguyễn Văn Sinh", "Thứ trưởng", "Bộ Xây dựng", sort_order=0)
    guest(page, "Lê Thị Hồng", "Phó Vụ trưởng Vụ Tín dụng", "Ngân hàng Nhà nước", sort_order=1)
    return page


@pytest.fixture
def guests(dialogue):
    return list(dialogue.guests.order_by("sort_order"))
