"""What readers see of the public's input: approved comments by unit, the consultation report
with the agency's answers, answered questions in the FAQ; never an email or an address."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine
from bs4 import BeautifulSoup

from policy_pages.models import PolicyPage, Submission
from tests.factories import AnswerFactory, PolicyPageFactory, SubmissionFactory, milestone
from tests.factories.drafts import draft_version
from tests.helpers import count_queries
from tests.policy_pages.admin_forms import blank_milestone, policy_form
from tests.policy_pages.participation import consumer_protection_draft, form_fields, unit_at


def soup_of(client, page, params=None):
    return BeautifulSoup(client.get(page.url, params or {}).content, "html.parser")


@pytest.fixture
def mixed(open_policy):
    """One comment in each status, plus two approved ones on two units."""
    approved = SubmissionFactory(
        policy=open_policy,
        status="da-duyet",
        name="Đỗ Minh Châu",
        organisation="Hiệp hội Thương mại điện tử",
        capacity="to-chuc",
        unit=unit_at(open_policy, "dieu-12"),
        email="chau.do@example.vn",
    )
    general = SubmissionFactory(policy=open_policy, status="da-duyet", name="Hoàng Lan")
    early = SubmissionFactory(
        policy=open_policy, status="da-duyet", name="Vũ Hải", unit=unit_at(open_policy, "dieu-3")
    )
    SubmissionFactory(policy=open_policy, status="cho-duyet", body="Ý kiến đang chờ duyệt.")
    SubmissionFactory(policy=open_policy, status="tu-choi", body="Ý kiến bị từ chối.")
    SubmissionFactory(policy=open_policy, status="spam", body="Mua hàng giá rẻ tại đây.")
    return {"approved": approved, "general": general, "early": early}


def test_only_approved_comments_show_grouped_by_unit_in_reading_order(client, open_policy, mixed):
    soup = soup_of(client, open_policy)
    section = soup.select_one("#y-kien")
    assert "(3)" in section.h2.get_text()
    units = [h.get_text() for h in section.select(".comments__unit")]
    assert units == [
        "Điều 3. Giải thích từ ngữ",
        "Điều 12. Trách nhiệm của nhà cung cấp",
        "Góp ý chung cho dự thảo",
    ]
    author = section.select(".comment__author")[1].get_text(" ", strip=True)
    assert "Đỗ Minh Châu · Hiệp hội Thương mại điện tử (Đại diện tổ chức)" in author
    html = str(soup)
    for hidden in ["đang chờ duyệt", "bị từ chối", "giá rẻ"]:
        assert hidden not in html


@pytest.mark.usefixtures("instant_forms")
def test_no_email_or_address_of_a_commenter_reaches_any_public_page(client, open_policy):
    address, email = "198.51.100.77", "rieng.tu.7731@example.vn"
    data, action = form_fields(client, open_policy)
    data.update(email=email, name="Đỗ Minh Châu", body="Ý kiến có địa chỉ riêng.")
    assert client.post(action, data, REMOTE_ADDR=address).status_code == 303
    comment = Submission.objects.get()
    comment.status = "da-duyet"
    comment.save()
    assert comment.ip_hash
    pages = [
        open_policy.url,
        "/chinh-sach/",
        "/",
        reverse("search") + "?q=Châu",
        reverse("policy_pages:receipt", args=[comment.receipt]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Ý kiến có địa chỉ riêng." in html or url != open_policy.url
        for secret in (email, "rieng.tu", address, comment.ip_hash):
            assert secret not in html, (url, secret)
    found = BeautifulSoup(client.get(reverse("search"), {"q": email}).content, "html.parser")
    assert found.select(".search-results li") == []


def test_comments_are_paginated_twenty_to_a_page(client, open_policy):
    for n in range(45):
        SubmissionFactory(policy=open_policy, status="da-duyet", body=f"Ý kiến số {n:02d}")
    assert len(soup_of(client, open_policy).select(".comment")) == 20
    third = soup_of(client, open_policy, {"page": 3})
    assert [c.select_one(".comment__body").get_text() for c in third.select(".comment")] == [
        f"Ý kiến số {n:02d}" for n in range(40, 45)
    ]
    assert len(soup_of(client, open_policy, {"page": "khong-phai-so"}).select(".comment")) == 20


def test_comments_on_an_earlier_draft_come_first_labelled_with_their_draft(client, open_policy):
    """Dự thảo 2 is current: a comment made on Dự thảo 1 stays under its unit of that draft,
    and says so, before the comments on the current text."""
    draft_version(open_policy, consumer_protection_draft(), matches={})
    SubmissionFactory(
        policy=open_policy,
        status="da-duyet",
        unit=unit_at(open_policy, "dieu-3", number=2),
        body="Góp ý trên dự thảo 2.",
    )
    SubmissionFactory(
        policy=open_policy,
        status="da-duyet",
        unit=unit_at(open_policy, "dieu-3-khoan-2", number=1),
        body="Góp ý trên dự thảo 1.",
    )
    section = soup_of(client, open_policy).select_one("#y-kien")
    headings = [h.get_text(" ", strip=True) for h in section.select(".comments__unit")]
    assert headings == [
        "Điều 3 – Khoản 2 góp ý dự thảo 1",
        "Điều 3. Giải thích từ ngữ",
    ]
    bodies = [c.select_one(".comment__body").get_text() for c in section.select(".comment")]
    assert bodies == ["Góp ý trên dự thảo 1.", "Góp ý trên dự thảo 2."]


def test_the_policy_page_costs_the_same_queries_with_3_or_60_comments(client, open_policy):
    units = [unit_at(open_policy, anchor) for anchor in ("dieu-3", "dieu-3-khoan-2-diem-a")]
    for _ in range(3):
        SubmissionFactory(policy=open_policy, status="da-duyet", unit=units[0])
    client.get(open_policy.url)  # the site and view restrictions are cached after a first view
    few = count_queries(client, open_policy.url)
    for n in range(57):
        answer = AnswerFactory(policy=open_policy) if n % 3 else None
        unit = units[n % 2] if n % 5 else None
        SubmissionFactory(policy=open_policy, status="da-duyet", answer=answer, unit=unit)
    assert count_queries(client, open_policy.url) == few


@pytest.fixture
def consulted(policies_index):
    """A consultation that ran in spring 2025 and a report dated 20 May 2025."""
    policy = PolicyPageFactory(
        parent=policies_index,
        title="Chính sách hỗ trợ nhà ở xã hội",
        report_published_on=date(2025, 5, 20),
        report_summary="Ban soạn thảo nhận 3 ý kiến, tiếp thu 1, tiếp thu một phần 1.",
    )
    milestone(policy, "lay-y-kien", date(2025, 3, 1), closes_on=date(2025, 4, 30))
    taken = AnswerFactory(policy=policy, outcome="tiep-thu", explanation="Đã bổ sung Điều 5.")
    partly = AnswerFactory(policy=policy, outcome="tiep-thu-mot-phan", explanation="Giữ mức 50%.")
    SubmissionFactory(policy=policy, status="da-duyet", answer=taken, body="Thêm đối tượng A.")
    SubmissionFactory(policy=policy, status="da-duyet", answer=taken, body="Thêm đối tượng B.")
    SubmissionFactory(policy=policy, status="da-duyet", answer=partly, body="Hỗ trợ 70%.")
    SubmissionFactory(policy=policy, status="tu-choi", answer=partly, body="Nội dung bị từ chối.")
    return policy


def at(day):
    return time_machine.travel(
        timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 9))
    )


def test_the_report_and_answers_stay_hidden_until_the_report_date(client, consulted):
    with at(date(2025, 5, 19)):
        soup = soup_of(client, consulted)
    assert soup.select_one("#bao-cao") is None
    assert soup.select(".answer") == []
    assert "Đã bổ sung Điều 5." not in str(soup)


def test_after_the_report_date_the_report_answers_and_timeline_entry_show(client, consulted):
    with at(date(2025, 5, 20)):
        soup = soup_of(client, consulted)
    report = soup.select_one("#bao-cao")
    assert "tiếp thu 1, tiếp thu một phần 1" in report.get_text()
    counts = [li.get_text(" ", strip=True) for li in report.select(".report__counts li")]
    assert counts == ["Tiếp thu: 2 ý kiến", "Tiếp thu một phần: 1 ý kiến"]
    answers = [a.select_one(".answer__outcome").get_text() for a in soup.select(".comment .answer")]
    assert answers == ["Tiếp thu", "Tiếp thu", "Tiếp thu một phần"]
    stages = [s.get_text() for s in soup.select(".timeline__stage")]
    assert stages == ["Lấy ý kiến nhân dân", "Công bố báo cáo tiếp thu, giải trình ý kiến"]
    assert "Nội dung bị từ chối" not in str(soup)


def test_answered_questions_join_the_faq_and_answered_proposals_have_their_own_list(
    client, closed_policy
):
    reply = AnswerFactory(policy=closed_policy, outcome="tra-loi", explanation="Có, từ năm 2025.")
    SubmissionFactory(
        policy=closed_policy,
        kind="hoi-dap",
        status="da-duyet",
        answer=reply,
        body="Con tôi học lớp 10 có được miễn không?",
    )
    SubmissionFactory(policy=closed_policy, kind="hoi-dap", status="da-duyet", body="Chưa trả lời?")
    SubmissionFactory(
        policy=closed_policy, kind="hoi-dap", status="cho-duyet", answer=reply, body="Chờ duyệt?"
    )
    SubmissionFactory(
        policy=closed_policy,
        kind="kien-nghi",
        status="da-duyet",
        answer=reply,
        body="Đề nghị mở rộng cho học viên.",
    )
    soup = soup_of(client, closed_policy)
    faq = [item.summary.get_text() for item in soup.select("#faq-heading + .faq .faq__item")]
    assert faq == ["Con tôi học lớp 10 có được miễn không?"]
    proposals = soup.select("#proposals-heading + .faq .faq__item")
    assert [p.summary.get_text() for p in proposals] == ["Đề nghị mở rộng cho học viên."]
    assert "Có, từ năm 2025." in proposals[0].get_text()


def test_the_admin_refuses_a_report_dated_before_the_consultation_closes(admin_client, consulted):
    url = reverse("wagtailadmin_pages:edit", args=[consulted.pk])
    data = policy_form(
        [blank_milestone("lay-y-kien", "2025-03-01", closes_on="2025-04-30")],
        title=consulted.title,
        slug=consulted.slug,
        report_published_on="2025-04-15",
        report_summary="Báo cáo sớm.",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "sau ngày kết thúc lấy ý kiến (30/04/2025)" in response.content.decode()
    assert PolicyPage.objects.get(pk=consulted.pk).report_published_on == date(2025, 5, 20)
    data["report_published_on"] = "2025-05-02"
    assert admin_client.post(url, data).status_code == 302
