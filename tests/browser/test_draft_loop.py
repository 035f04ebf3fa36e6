"""Issue 19's loop in a browser: a reader comments on Điều 5 khoản 2 of Dự thảo 1 from the
clause's own link and keeps the receipt; a moderator approves; an officer imports Dự thảo 2 and
answers the comment with the clause it changed; the head of the policy desk publishes the
version; once the consultation has closed and the answer table is out, the reader sees the
change in the comparison and the outcome on the receipt page. axe on every public page."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from policy_pages.models import DraftVersion, PolicyMilestone, PolicyPage, Submission
from tests.browser.conftest import assert_accessible
from tests.browser.test_newsroom_admin import PASSWORD, member, set_up_two_factor, wait_until
from tests.factories import IssuingBodyFactory, PolicyIndexPageFactory, PolicyPageFactory, milestone
from tests.factories.drafts import decree_units, draft_version

COMMENT = "Đề nghị đăng tải cả báo cáo đánh giá tác động cùng toàn văn dự thảo."
OLD_POINT = "Đăng tải tờ trình và báo cáo đánh giá."
NEW_POINT = "Đăng tải tờ trình, báo cáo đánh giá tác động và bản thuyết minh."
EXPLANATION = "Ban soạn thảo tiếp thu, bổ sung bản thuyết minh vào hồ sơ đăng tải."


def as_text(units):
    """A draft as the drafting team pastes it: one line per heading, clause and point."""
    lines = []
    for unit in units:
        if unit.kind == "chuong":
            lines += [f"Chương {unit.number}", unit.title]
        elif unit.kind == "dieu":
            lines.append(f"Điều {unit.number}. {unit.title}")
        elif unit.kind == "khoan":
            lines.append(f"{unit.number}. {unit.text}")
        elif unit.kind == "diem":
            lines.append(f"{unit.number}) {unit.text}")
        else:
            lines.append(unit.text)
        lines += as_text(unit.children).splitlines()
    return "\n".join(lines)


@pytest.fixture
def consultation(home_page, settings):
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "MIN_SECONDS": 1}
    policy = PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page),
        title="Nghị định về lấy ý kiến nhân dân trên môi trường điện tử",
        drafting_agency=IssuingBodyFactory(name="Bộ Tư pháp"),
    )
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today - timedelta(days=3), closes_on=today + timedelta(days=27))
    draft_version(policy, decree_units(), drafted_on=today - timedelta(days=3))
    member("kiemduyet", "Kiểm duyệt viên")
    member("chuyenvien", "Chuyên viên chính sách")
    member("truongban", "Trưởng ban Chính sách")
    return policy


def sign_in(page, base_url, username, first_time_two_factor=False):
    page.context.clear_cookies()
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    if first_time_two_factor:
        set_up_two_factor(page)
    page.wait_for_url(base_url + "/admin/")


def test_a_clause_goes_from_comment_to_answer_to_the_changed_text(consultation, live_url, page):
    policy_url = live_url + consultation.url

    # The reader reads Dự thảo 1 and comments on Điều 5 khoản 2 from its own link.
    page.goto(policy_url + "du-thao/1/")
    assert_accessible(page)
    page.get_by_role("link", name="Góp ý điều này (Điều 5 – Khoản 2)", exact=True).click()
    chosen = page.get_by_label("Điều, khoản góp ý").locator("option:checked")
    assert "Khoản 2" in chosen.inner_text()
    page.get_by_role("textbox", name="Họ và tên").fill("Trần Minh Khoa")
    page.get_by_role("textbox", name="Thư điện tử", exact=True).fill("khoa.tran@example.vn")
    page.get_by_role("textbox", name="Nội dung").fill(COMMENT)
    page.locator("input[name=consent]").check()
    assert_accessible(page)
    page.wait_for_timeout(1100)  # a person takes longer than the form's lower bound
    page.get_by_role("button", name="Gửi", exact=True).click()
    page.wait_for_url(re.compile(r".*/y-kien/bien-nhan/\w+/\?moi=1$"))
    receipt_url = page.url.split("?")[0]
    comment = Submission.objects.get()
    assert comment.unit.anchor == "dieu-5-khoan-2"

    # The moderator approves it.
    sign_in(page, live_url, "kiemduyet")
    page.goto(live_url + "/admin/snippets/policy_pages/submission/?status=cho-duyet")
    page.locator("tr", has_text="Trần Minh Khoa").get_by_role("link", name="Duyệt").click()
    page.get_by_role("button", name="Duyệt", exact=True).click()
    wait_until(lambda: Submission.objects.get().status == "da-duyet", "the approval")

    # The officer imports Dự thảo 2, whose point b) of that clause reads differently.
    units = decree_units()
    clause = units[2].children[1].children[1]
    assert clause.children[1].text == OLD_POINT
    clause.children[1].text = NEW_POINT
    sign_in(page, live_url, "chuyenvien")
    page.goto(live_url + "/admin/du-thao/new/")
    page.get_by_label("Chính sách").select_option(label=consultation.title)
    page.get_by_label("Ngày dự thảo").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_label("Hoặc dán toàn văn dự thảo").fill(as_text(units))
    page.get_by_role("button", name="Xem trước").click()
    page.get_by_role("button", name="Lưu dự thảo (chưa công bố)").click()
    wait_until(lambda: DraftVersion.objects.filter(number=2).exists(), "the import")
    second = DraftVersion.objects.get(number=2)
    changed = second.units.get(anchor="dieu-5-khoan-2-diem-b")
    old_point = comment.unit.children.get(anchor="dieu-5-khoan-2-diem-b")
    assert changed.lineage_id == old_point.lineage_id
    assert second.published_at is None

    # …and answers the comment, naming the point it changed.
    answer_url = "/admin/bulk/policy_pages/submission/answer/"
    page.goto(f"{live_url}{answer_url}?id={comment.pk}")
    page.get_by_label("Kết quả").select_option(label="Tiếp thu")
    page.get_by_label("Giải trình, trả lời").fill(EXPLANATION)
    page.get_by_label("Điều, khoản đã sửa ở dự thảo sau").select_option(str(changed.pk))
    page.get_by_role("button", name=re.compile("Trả lời")).last.click()
    wait_until(lambda: Submission.objects.get().answer_id is not None, "the answer")

    # The head of the policy desk publishes Dự thảo 2.
    sign_in(page, live_url, "truongban", first_time_two_factor=True)
    page.goto(f"{live_url}/admin/du-thao/publish/{second.pk}/")
    page.get_by_role("button", name="Công bố", exact=True).click()
    wait_until(lambda: DraftVersion.objects.get(pk=second.pk).published_at, "the publication")

    # Weeks later the consultation has closed and the answer table is out.
    yesterday = timezone.localdate() - timedelta(days=1)
    PolicyMilestone.objects.filter(page=consultation).update(closes_on=yesterday)
    PolicyPage.objects.filter(pk=consultation.pk).update(report_published_on=yesterday)
    revision = PolicyPage.objects.get(pk=consultation.pk).save_revision()
    revision.publish()

    page.context.clear_cookies()
    page.goto(policy_url + "so-sanh/?tu=1&den=2")
    assert page.locator("ins", has_text="thuyết minh").count() >= 1
    assert page.locator("del").count() >= 1
    assert_accessible(page)
    page.goto(receipt_url)
    outcome = page.locator(".receipt-outcome")
    assert "Tiếp thu" in outcome.inner_text()
    assert EXPLANATION in outcome.inner_text()
    assert outcome.locator("ins", has_text="thuyết minh").count() >= 1
    assert "khoa.tran@example.vn" not in page.content()
    assert_accessible(page)
    page.goto(policy_url + "tiep-thu-giai-trinh/")
    assert EXPLANATION in page.locator("main").inner_text()
    assert_accessible(page)
