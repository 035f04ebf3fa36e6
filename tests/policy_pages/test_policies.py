"""A policy's timeline, the stage it is in today, its consultation, and the policy index."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
import time_machine
from bs4 import BeautifulSoup

from policy_pages.models import PolicyMilestone, PolicyPage
from tests.factories import (
    ArticlePageFactory,
    IssuingBodyFactory,
    LegalDocumentPageFactory,
    LegalFieldFactory,
    PolicyPageFactory,
    milestone,
)
from tests.helpers import count_queries
from tests.policy_pages.admin_forms import blank_milestone, policy_form

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour=9):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=HANOI))


@pytest.fixture
def law(documents_index):
    return LegalDocumentPageFactory(
        parent=documents_index,
        title="Luật Dữ liệu",
        number_symbol="60/2024/QH15",
        document_type="luat",
        issuing_body=IssuingBodyFactory(name="Quốc hội"),
        issued_on=date(2024, 11, 30),
        effective_on=date(2025, 7, 1),
    )


@pytest.fixture
def policy(policies_index, law):
    policy = PolicyPageFactory(parent=policies_index, title="Chính sách về dữ liệu số")
    milestone(policy, "de-xuat", date(2023, 5, 2), note="Bộ Công an đề xuất xây dựng luật.")
    milestone(policy, "lay-y-kien", date(2024, 1, 10), closes_on=date(2024, 3, 10))
    milestone(policy, "thong-qua", date(2024, 11, 30), legal_document=law)
    milestone(policy, "co-hieu-luc", date(2025, 7, 1))  # entered ahead of the day
    return policy


def read(client, page):
    return BeautifulSoup(client.get(page.url).content, "html.parser")


def test_the_current_stage_changes_on_the_day_a_milestone_dated_ahead_comes(client, policy):
    with at(date(2025, 6, 30)):
        assert PolicyPage.objects.get().current_stage == "thong-qua"
        assert "Thông qua, ban hành" in read(client, policy).select_one(".article__meta").get_text()
    with at(date(2025, 7, 1), hour=0):
        assert PolicyPage.objects.get().current_stage == "co-hieu-luc"
        assert "Có hiệu lực" in read(client, policy).select_one(".article__meta").get_text()


def test_the_timeline_is_in_date_order_with_what_is_done_and_what_is_ahead(client, policy):
    with at(date(2025, 1, 15)):
        items = read(client, policy).select(".timeline__item")
    stages = [item.select_one(".timeline__stage").get_text() for item in items]
    assert stages == ["Đề xuất", "Lấy ý kiến nhân dân", "Thông qua, ban hành", "Có hiệu lực"]
    assert ["timeline__item--done" in item["class"] for item in items] == [True, True, True, False]
    assert "timeline__item--current" in items[2]["class"]
    assert "(sắp tới)" in items[3].get_text()
    assert items[1].select_one(".timeline__date").get_text() == "10/01/2024 – 10/03/2024"
    assert items[2].a["href"].endswith("/luat-du-lieu/") or "60/2024/QH15" in items[2].a.get_text()


@pytest.mark.parametrize(
    ("day", "state", "text"),
    [
        (
            date(2024, 1, 9),
            "upcoming",
            "Sắp lấy ý kiến: từ ngày 10/01/2024 đến hết ngày 10/03/2024.",
        ),
        (date(2024, 1, 10), "open", "Đang lấy ý kiến đến hết ngày 10/03/2024 (còn 60 ngày)."),
        (date(2024, 3, 10), "open", "Đang lấy ý kiến đến hết ngày 10/03/2024 (còn 0 ngày)."),
        (date(2024, 3, 11), "closed", "Đã kết thúc lấy ý kiến ngày 10/03/2024."),
    ],
)
def test_the_page_says_whether_comments_are_open_opening_or_closed(
    client, policy, day, state, text
):
    with at(day):
        box = read(client, policy).select_one(".consultation")
    assert f"consultation--{state}" in box["class"]
    assert box.p.get_text() == text


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"stage": "lay-y-kien", "closes_on": None}, "closes_on", "Nhập ngày kết thúc"),
        (
            {"stage": "lay-y-kien", "closes_on": date(2024, 1, 1)},
            "closes_on",
            "phải sau ngày bắt đầu",
        ),
        ({"stage": "de-xuat", "closes_on": date(2024, 3, 1)}, "closes_on", "Chỉ mốc lấy ý kiến"),
        ({"stage": "thong-qua"}, "legal_document", "phải nêu văn bản"),
    ],
)
def test_a_milestone_is_checked(policy, fields, field, message):
    candidate = PolicyMilestone(page=policy, date=date(2024, 1, 10), **fields)
    with pytest.raises(ValidationError) as error:
        candidate.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_the_admin_refuses_stages_out_of_date_order(admin_client, policies_index, law):
    url = reverse("wagtailadmin_pages:add", args=["policy_pages", "policypage", policies_index.pk])
    data = policy_form(
        [
            blank_milestone("thong-qua", "2024-01-05", legal_document=str(law.pk)),
            blank_milestone("lay-y-kien", "2024-02-01", closes_on="2024-03-01"),
        ]
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].formsets["milestones"].forms[0].errors["date"]
    assert errors == [
        "Mốc “Thông qua, ban hành” (05/01/2024) không thể trước mốc “Lấy ý kiến nhân dân” "
        "(01/02/2024)."
    ]
    assert not PolicyPage.objects.exists()
    data = policy_form(
        [
            blank_milestone("lay-y-kien", "2024-02-01", closes_on="2024-03-01"),
            blank_milestone("thong-qua", "2024-04-05", legal_document=str(law.pk)),
        ]
    )
    assert admin_client.post(url, data).status_code == 302
    assert PolicyPage.objects.get().milestones.count() == 2


def test_documents_guidance_and_faq_stay_on_the_policy_after_it_takes_effect(client, policy, law):
    policy.documents.create(document=law, role="ban-hanh")
    ministry = IssuingBodyFactory(name="Bộ Công an")
    policy.guidance_notes.create(
        title="Hướng dẫn đăng ký dữ liệu", published_on=date(2025, 8, 1), text="Các bước đăng ký."
    )
    policy.questions.create(
        question="Doanh nghiệp nhỏ có phải lập danh mục dữ liệu không?",
        answer="Có, nhưng theo mẫu rút gọn.",
        answered_by=ministry,
        answered_on=date(2025, 8, 15),
    )
    policy.save()  # child rows of a page are written when the page is saved
    with at(date(2025, 9, 1)):
        page = read(client, policy)
    assert page.select_one(".doc-role").get_text() == "Văn bản ban hành chính sách"
    assert "60/2024/QH15" in page.select_one(".doc-item").get_text()
    assert page.select_one(".guidance h3").get_text() == "Hướng dẫn đăng ký dữ liệu"
    faq = page.select_one(".faq__item")
    assert faq.summary.get_text() == "Doanh nghiệp nhỏ có phải lập danh mục dữ liệu không?"
    assert "Bộ Công an trả lời ngày 15/08/2025" in faq.get_text()


def test_related_news_are_chosen_first_then_share_a_topic(client, policy, section):
    chosen = ArticlePageFactory(parent=section, title="Bài được chọn")
    by_topic = ArticlePageFactory(parent=section, title="Bài cùng chủ đề")
    by_topic.topics.add("Dữ liệu số")
    by_topic.save()
    ArticlePageFactory(parent=section, title="Bài không liên quan")
    policy.related_links.create(article=chosen)
    policy.topics.add("Dữ liệu số")
    policy.save()
    titles = [a.get_text() for a in read(client, policy).select(".related .card__title a")]
    assert titles == ["Bài được chọn", "Bài cùng chủ đề"]


# The index ---------------------------------------------------------------------------------------


@pytest.fixture
def many_policies(policies_index, law):
    today = date(2025, 3, 1)
    finance = LegalFieldFactory(name="Tài chính")
    open_soon_closing = PolicyPageFactory(
        parent=policies_index, title="Chính sách A đang lấy ý kiến"
    )
    milestone(
        open_soon_closing,
        "lay-y-kien",
        today - timedelta(days=20),
        closes_on=today + timedelta(days=5),
    )
    open_later = PolicyPageFactory(parent=policies_index, title="Chính sách B đang lấy ý kiến")
    milestone(
        open_later, "lay-y-kien", today - timedelta(days=2), closes_on=today + timedelta(days=30)
    )
    open_later.fields.add(finance)
    open_later.save()
    drafting = PolicyPageFactory(parent=policies_index, title="Chính sách C đang soạn thảo")
    milestone(drafting, "soan-thao", today - timedelta(days=40))
    in_force = PolicyPageFactory(parent=policies_index, title="Chính sách D đã có hiệu lực")
    milestone(in_force, "thong-qua", today - timedelta(days=200), legal_document=law)
    milestone(in_force, "co-hieu-luc", today - timedelta(days=100))
    PolicyPageFactory(parent=policies_index, title="Chính sách nháp", live=False)
    return today


def test_open_consultations_come_first_with_their_days_left(client, policies_index, many_policies):
    with at(many_policies):
        page = read(client, policies_index)
    titles = [a.get_text() for a in page.select(".policy-item h2 a")]
    assert titles[:2] == ["Chính sách A đang lấy ý kiến", "Chính sách B đang lấy ý kiến"]
    assert set(titles[2:]) == {"Chính sách C đang soạn thảo", "Chính sách D đã có hiệu lực"}
    flag = page.select_one(".policy-item .consultation-flag").get_text()
    assert flag == "Đang lấy ý kiến · còn 5 ngày (đến hết 06/03/2025)"


def test_the_index_counts_and_filters_by_stage_and_field(client, policies_index, many_policies):
    with at(many_policies):
        page = read(client, policies_index)
        links = {a.get_text() for a in page.select("nav[aria-label='Lọc theo giai đoạn'] a")}
        assert {
            "Tất cả (4)",
            "Lấy ý kiến nhân dân (2)",
            "Soạn thảo (1)",
            "Có hiệu lực (1)",
        } <= links
        assert "Đề xuất (0)" in links
        response = client.get(
            policies_index.url, {"giai-doan": "lay-y-kien", "linh-vuc": "tai-chinh"}
        )
    assert [p.title for p in response.context["policies"]] == ["Chính sách B đang lấy ý kiến"]


@pytest.mark.parametrize(
    "params", [{"giai-doan": "khong-co"}, {"linh-vuc": "x' OR 1=1"}, {"page": "-1"}]
)
def test_bad_policy_filters_are_ignored(client, policies_index, many_policies, params):
    with at(many_policies):
        response = client.get(policies_index.url, params)
    assert response.status_code == 200
    assert len(response.context["policies"]) == 4


def test_a_policy_officer_writes_policies_and_documents_but_not_news(
    client, policies_index, documents_index, section
):
    officer = get_user_model().objects.create_user("chuyenvien", password="mat-khau-dai-2026")
    officer.groups.add(Group.objects.get(name="Chuyên viên chính sách"))
    client.force_login(officer)
    add = "wagtailadmin_pages:add"
    assert (
        client.get(reverse(add, args=["policy_pages", "policypage", policies_index.pk])).status_code
        == 200
    )
    assert (
        client.get(
            reverse(add, args=["policy_pages", "legaldocumentpage", documents_index.pk])
        ).status_code
        == 200
    )
    assert client.get(reverse(add, args=["newsroom", "articlepage", section.pk])).status_code in (
        302,
        403,
    )
    assert client.get(reverse("wagtailsnippets_policy_pages_issuingbody:add")).status_code == 200


def test_policies_and_documents_go_through_the_policy_desks_own_review(policy, documents_index):
    assert policy.get_workflow().name == "Duyệt chính sách"
    assert documents_index.get_workflow().name == "Duyệt chính sách"


def test_the_policy_index_and_a_policy_cost_the_same_queries_at_any_size(
    client, policies_index, policy, law
):
    ministry = IssuingBodyFactory(name="Bộ Tư pháp")

    def ask(n):
        policy.questions.create(
            question=f"Câu hỏi số {n}?",
            answer="Trả lời.",
            answered_by=ministry,
            answered_on=date(2025, 9, 1),
        )

    ask(0)
    policy.save()
    client.get(policies_index.url), client.get(policy.url)
    index_few, policy_few = (
        count_queries(client, policies_index.url),
        count_queries(client, policy.url),
    )
    for n in range(1, 15):
        extra = PolicyPageFactory(parent=policies_index)
        milestone(extra, "de-xuat", date(2024, 1, n))
        milestone(policy, "thuc-hien", date(2025, 8, n), note=f"Đợt kiểm tra thứ {n}")
        ask(n)
    policy.save()
    client.get(policy.url)
    assert count_queries(client, policies_index.url) == index_few
    assert count_queries(client, policy.url) == policy_few
    assert index_few <= 12


def test_editors_can_preview_unsaved_documents_and_policies(admin_client, policy, documents_index):
    """A preview renders the revision, whose child rows (relations, milestones) live in memory."""
    older = LegalDocumentPageFactory(parent=documents_index, title="Văn bản cũ")
    newer = LegalDocumentPageFactory(parent=documents_index, title="Văn bản mới")
    newer.relations.create(relation_type="amends", target=older)
    policy.questions.create(
        question="Khi nào áp dụng?",
        answer="Từ năm sau.",
        answered_by=IssuingBodyFactory(),
        answered_on=date(2025, 1, 2),
    )
    for page in (newer, policy):
        revision = page.save_revision()
        url = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
        response = admin_client.get(url)
        assert response.status_code == 200, page.title
        assert revision.as_object().title in response.content.decode()
    assert (
        "Văn bản cũ"
        in admin_client.get(
            reverse("wagtailadmin_pages:view_draft", args=[newer.pk])
        ).content.decode()
    )


@pytest.mark.parametrize("hidden", ["draft", "restricted"])
def test_the_timeline_never_names_a_document_readers_cannot_see(client, policy, law, hidden):
    from wagtail.models import PageViewRestriction

    if hidden == "draft":
        law.unpublish()
    else:
        PageViewRestriction.objects.create(
            page=law, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
        )
    with at(date(2025, 1, 15)):
        text = read(client, policy).select_one(".timeline").get_text()
    assert "Thông qua, ban hành" in text
    assert "60/2024/QH15" not in text and "Luật Dữ liệu" not in text
