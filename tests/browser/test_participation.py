"""A reader comments on an open draft and keeps the receipt; a moderator approves it in the
admin; it appears on the policy page. Every public page passes axe."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from policy_pages.drafting.tree import ParsedUnit, UnitKind
from policy_pages.models import DraftUnit, Submission
from tests.browser.conftest import assert_accessible
from tests.browser.test_newsroom_admin import log_in, member, wait_until
from tests.factories import IssuingBodyFactory, PolicyIndexPageFactory, PolicyPageFactory, milestone
from tests.factories.drafts import draft_version

COMMENT = "Đề nghị quy định rõ thời hạn hoàn tiền khi mua hàng trực tuyến là 7 ngày làm việc."


@pytest.fixture
def consultation(home_page, settings):
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "MIN_SECONDS": 1}
    policy = PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page),
        title="Dự thảo Luật Bảo vệ quyền lợi người tiêu dùng (sửa đổi)",
        drafting_agency=IssuingBodyFactory(name="Bộ Công Thương"),
    )
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today - timedelta(days=2), closes_on=today + timedelta(days=28))
    refunds = ParsedUnit(
        UnitKind.ARTICLE,
        "18",
        title="Hoàn tiền cho người tiêu dùng",
        children=[
            ParsedUnit(UnitKind.CLAUSE, "1", text="Nhà cung cấp hoàn tiền trong thời hạn hợp lý.")
        ],
    )
    chapter = ParsedUnit(UnitKind.CHAPTER, "III", title="HOÀN TIỀN", children=[refunds])
    draft_version(policy, [chapter])
    member("kiemduyet", "Kiểm duyệt viên")
    return policy


def test_a_comment_goes_from_the_reader_through_moderation_to_the_page(
    consultation, live_url, page
):
    # From the unit's link on the cached page: the script chooses the unit.
    clause = DraftUnit.objects.get(version__policy=consultation, anchor="dieu-18-khoan-1")
    page.goto(f"{live_url}{consultation.url}?don-vi={clause.pk}#gop-y")
    assert_accessible(page)
    assert page.get_by_label("Điều, khoản góp ý").input_value() == str(clause.pk)
    page.get_by_role("textbox", name="Họ và tên").fill("Nguyễn Thị Thảo")
    page.get_by_role("textbox", name="Thư điện tử", exact=True).fill("thao.nguyen@example.vn")
    page.get_by_label("Đại diện tổ chức").check()
    page.get_by_label("Cơ quan, tổ chức (nếu có)").fill("Hội Bảo vệ người tiêu dùng")
    page.get_by_role("textbox", name="Nội dung").fill(COMMENT)
    # Sent without consent: refused, and nothing typed is lost.
    page.wait_for_timeout(1100)  # a person takes longer than the form's lower bound
    page.get_by_role("button", name="Gửi", exact=True).click()
    page.wait_for_selector(".form-alert")
    assert page.get_by_role("textbox", name="Nội dung").input_value() == COMMENT
    assert_accessible(page)
    page.locator("input[name=consent]").check()
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Gửi", exact=True).click()
    page.wait_for_url(re.compile(r".*/y-kien/bien-nhan/\w+/\?moi=1$"))
    code = page.locator(".receipt__code").inner_text()
    assert re.fullmatch(r"YK(-[0-9A-Z]{4}){4}", code)
    assert "Chờ duyệt" in page.locator(".receipt").inner_text()
    assert_accessible(page)
    comment = Submission.objects.get()
    assert comment.receipt_display == code

    # The moderator approves it from the queue.
    log_in(page, live_url, "kiemduyet")
    page.goto(live_url + "/admin/snippets/policy_pages/submission/?status=cho-duyet")
    row = page.locator("tr", has_text="Nguyễn Thị Thảo")
    row.get_by_role("link", name="Duyệt", exact=True).click()
    page.get_by_role("button", name="Duyệt", exact=True).click()
    wait_until(lambda: Submission.objects.get().status == "da-duyet", "the approval")

    # The reader finds it on the policy page under its unit, name and organisation only.
    page.context.clear_cookies()
    page.goto(live_url + consultation.url + "#y-kien")
    shown = page.locator(".comment", has_text=COMMENT)
    assert "Hội Bảo vệ người tiêu dùng" in shown.inner_text()
    assert "thao.nguyen@example.vn" not in page.content()
    assert page.locator(".comments__unit").first.inner_text() == "Điều 18 – Khoản 1"
    assert_accessible(page)
    page.goto(live_url + "/y-kien/tra-cuu/")
    page.get_by_label("Mã biên nhận").fill(code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    assert "Đã duyệt" in page.locator(".receipt").inner_text()
