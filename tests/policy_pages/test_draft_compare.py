"""Two draft versions compared (so-sanh/?tu=1&den=2): units added, removed, moved and changed,
paired by the lineages the officer confirmed, words marked whole with <ins> and <del>."""

from datetime import date, timedelta

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from policy_pages.draft_versions import store_version
from policy_pages.drafting.tree import ParsedUnit, UnitKind
from policy_pages.models.participation import APPROVED
from tests.factories import AnswerFactory, PolicyPageFactory, SubmissionFactory, milestone
from tests.factories.drafts import decree_units, draft_version
from tests.test_templates_only_display import template_queries

pytestmark = pytest.mark.django_db


def article(number, title, *clauses):
    children = [
        ParsedUnit(UnitKind.CLAUSE, str(n), text=text) for n, text in enumerate(clauses, start=1)
    ]
    return ParsedUnit(UnitKind.ARTICLE, str(number), title=title, children=children)


SCOPE = "Nghị định này quy định việc lấy ý kiến nhân dân về dự thảo chính sách."
TERMS = "Dự thảo là văn bản đang được xây dựng, chưa được thông qua."
DUTY = "Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành."
IN_FORCE = "Nghị định này có hiệu lực từ ngày ký."


def first_draft():
    return [
        article(1, "Phạm vi điều chỉnh", SCOPE),
        article(2, "Đối tượng áp dụng", "Cơ quan chủ trì soạn thảo.", "Tổ chức, cá nhân góp ý."),
        article(3, "Giải thích từ ngữ", TERMS),
        article(4, "Trách nhiệm thi hành", DUTY),
        article(5, "Hiệu lực thi hành", IN_FORCE),
        article(6, "Nguyên tắc công khai", "Dự thảo được đăng tải trên cổng thông tin."),
    ]


def second_draft():
    """Điều 6 moved up to Điều 2 and reworded; Điều 2 lost its Khoản 2 and had Khoản 1
    reworded; a new Điều 4; the rest renumbered, their words unchanged."""
    return [
        article(1, "Phạm vi điều chỉnh", SCOPE),
        article(2, "Nguyên tắc công khai", "Dự thảo được đăng tải đầy đủ trên cổng thông tin."),
        article(3, "Đối tượng áp dụng", "Cơ quan chủ trì soạn thảo văn bản quy phạm pháp luật."),
        article(4, "Hình thức lấy ý kiến", "Ý kiến được gửi qua cổng thông tin hoặc bằng văn bản."),
        article(5, "Giải thích từ ngữ", TERMS),
        article(6, "Trách nhiệm thi hành", DUTY),
        article(7, "Hiệu lực thi hành", IN_FORCE),
    ]


# New anchor: the anchor of version 1's unit it continues.
CONTINUES = {
    "dieu-1": "dieu-1",
    "dieu-1-khoan-1": "dieu-1-khoan-1",
    "dieu-2": "dieu-6",
    "dieu-2-khoan-1": "dieu-6-khoan-1",
    "dieu-3": "dieu-2",
    "dieu-3-khoan-1": "dieu-2-khoan-1",
    "dieu-5": "dieu-3",
    "dieu-5-khoan-1": "dieu-3-khoan-1",
    "dieu-6": "dieu-4",
    "dieu-6-khoan-1": "dieu-4-khoan-1",
    "dieu-7": "dieu-5",
    "dieu-7-khoan-1": "dieu-5-khoan-1",
}


@pytest.fixture
def policy(policies_index):
    return PolicyPageFactory(parent=policies_index, title="Nghị định về lấy ý kiến nhân dân")


def two_versions(policy, first=None, second=None, continues=None):
    old = store_version(
        policy,
        first or first_draft(),
        drafted_on=date(2026, 10, 1),
        published_at=timezone.now(),
    )
    by_anchor = {unit.anchor: unit for unit in old.units.all()}
    matches = {new: by_anchor[was] for new, was in (continues or CONTINUES).items()}
    new = store_version(
        policy,
        second or second_draft(),
        drafted_on=date(2026, 11, 2),
        matches=matches,
        published_at=timezone.now(),
    )
    return old, new


def read(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:500]
    return BeautifulSoup(response.content, "html.parser")


def changes(html, kind):
    return html.find_all("div", class_=f"change--{kind}")


def test_added_removed_moved_and_changed_units_are_shown_as_such(client, policy):
    two_versions(policy)

    html = read(client, f"{policy.url}so-sanh/?tu=1&den=2")

    added = changes(html, "added")
    assert [row.find(class_="change__label").a.get_text() for row in added] == [
        "Điều 4",
        "Điều 4 – Khoản 1",
    ]
    assert added[1].ins.get_text() == "Ý kiến được gửi qua cổng thông tin hoặc bằng văn bản."
    removed = changes(html, "removed")
    assert len(removed) == 1
    assert removed[0].find("del").get_text() == "Tổ chức, cá nhân góp ý."
    moved = changes(html, "moved")
    assert "Chuyển vị trí: Điều 6 → Điều 2" in moved[0].get_text()
    changed = changes(html, "changed")
    clause = next(row for row in changed if "Điều 3 – Khoản 1" in row.get_text())
    assert clause.find("ins").get_text().strip() == "văn bản quy phạm pháp luật"
    assert clause.find("del") is None


def test_a_removed_unit_stands_where_it_was(client, policy):
    two_versions(policy)

    html = read(client, f"{policy.url}so-sanh/?tu=1&den=2")

    rows = html.find_all("div", class_="change")
    removed_at = next(i for i, row in enumerate(rows) if "change--removed" in row["class"])
    assert "Bỏ: Điều 2 – Khoản 2" in rows[removed_at].get_text()
    assert "Sửa đổi: Điều 3 – Khoản 1" in rows[removed_at - 1].get_text()


def test_a_moved_and_reworded_unit_shows_its_word_diff_with_whole_words(client, policy):
    two_versions(policy)

    html = read(client, f"{policy.url}so-sanh/?tu=1&den=2")

    clause = next(row for row in changes(html, "changed") if "Điều 2 – Khoản 1" in row.get_text())
    assert clause.find("ins").get_text().strip() == "đầy đủ"
    assert "Dự thảo được đăng tải" in clause.get_text()
    assert "Chuyển vị trí: Điều 6 → Điều 2" in changes(html, "moved")[0].get_text()


def test_unchanged_units_are_gathered_not_marked(client, policy):
    two_versions(policy)

    html = read(client, f"{policy.url}so-sanh/?tu=1&den=2")

    runs = html.find_all("details", class_="unchanged")
    assert runs
    text = " ".join(run.get_text() for run in runs)
    assert TERMS in text
    assert "(Dự thảo 1: Điều 3)" in text  # renumbered, words unchanged
    assert not any(run.find(["ins", "del"]) for run in runs)
    assert "Không đổi: 9" in html.get_text()


def test_a_changed_unit_links_to_its_comments_and_to_the_answer_that_changed_it(client, policy):
    milestone(policy, "lay-y-kien", date(2026, 9, 1), closes_on=date(2026, 9, 30))
    policy.report_published_on = timezone.localdate() - timedelta(days=1)
    policy.save()
    old, new = two_versions(policy)
    commented = old.units.get(anchor="dieu-2-khoan-1")
    for _ in range(2):
        SubmissionFactory(policy=policy, unit=commented, status=APPROVED)
    answer = AnswerFactory(policy=policy, unit=commented, outcome="tiep-thu")
    answer.changed_units.add(new.units.get(anchor="dieu-3-khoan-1"))

    html = read(client, f"{policy.url}so-sanh/?tu=1&den=2")

    row = next(row for row in changes(html, "changed") if "Điều 3 – Khoản 1" in row.get_text())
    links = {a.get_text(" ", strip=True): a["href"] for a in row.find_all("a")}
    assert links["2 góp ý về Điều 2 – Khoản 1"] == f"{policy.url}du-thao/1/#dieu-2-khoan-1"
    assert links["Giải trình: tiếp thu (Điều 3 – Khoản 1)"] == (
        f"{policy.url}tiep-thu-giai-trinh/#tra-loi-{answer.pk}"
    )


def test_answers_are_not_linked_before_the_answer_table_is_public(client, policy):
    old, new = two_versions(policy)
    answer = AnswerFactory(policy=policy, unit=old.units.get(anchor="dieu-2-khoan-1"))
    answer.changed_units.add(new.units.get(anchor="dieu-3-khoan-1"))

    assert b"tiep-thu-giai-trinh" not in client.get(f"{policy.url}so-sanh/?tu=1&den=2").content


def test_with_no_parameters_the_two_newest_versions_are_compared(client, policy):
    two_versions(policy)
    draft_version(policy, decree_units(articles=2), matches={})

    html = read(client, f"{policy.url}so-sanh/")

    assert "Từ Dự thảo 2 (02/11/2026) đến Dự thảo 3" in html.find(class_="article__meta").get_text()


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("?tu=1", 400, "Hãy chọn cả dự thảo cũ (tu) và dự thảo mới (den)"),
        ("?tu=&den=2", 400, "Hãy chọn cả dự thảo cũ (tu) và dự thảo mới (den)"),
        ("?tu=mot&den=2", 400, "Số dự thảo phải là số nguyên dương"),
        ("?tu=-1&den=2", 400, "Số dự thảo phải là số nguyên dương"),
        ("?tu=1%00&den=2", 400, "Số dự thảo phải là số nguyên dương"),
        ("?tu=%C2%B2&den=2", 400, "Số dự thảo phải là số nguyên dương"),
        ("?tu=2&den=2", 400, "Hãy chọn hai dự thảo khác nhau"),
        ("?tu=2&den=1", 400, "phải có số nhỏ hơn"),
        ("?tu=1&den=3", 404, "Không có dự thảo số 3 đã công bố."),
        ("?tu=1&den=99999999999999999999", 404, "Không có dự thảo số"),
    ],
)
def test_bad_parameters_get_a_vietnamese_message_not_an_error(
    client, policy, query, status, message
):
    two_versions(policy)
    draft_version(policy, decree_units(articles=2), matches={}, published=False)

    html = read(client, f"{policy.url}so-sanh/{query}", status=status)

    assert message in html.find(attrs={"role": "alert"}).get_text()


def test_a_policy_with_a_single_version_has_nothing_to_compare(client, policy):
    draft_version(policy)

    html = read(client, f"{policy.url}so-sanh/", status=404)

    assert "chưa có hai dự thảo để so sánh" in html.get_text()


def test_no_commenter_email_reaches_the_comparison(client, policy):
    old, _new = two_versions(policy)
    SubmissionFactory(
        policy=policy,
        unit=old.units.get(anchor="dieu-1"),
        status=APPROVED,
        email="an.tran@example.vn",
    )

    assert b"@example.vn" not in client.get(f"{policy.url}so-sanh/?tu=1&den=2").content


@pytest.mark.parametrize("articles", [6, 60])
def test_the_comparison_reads_in_a_fixed_number_of_queries(
    client, policy, articles, django_assert_max_num_queries
):
    """Two versions of 6 or of 60 articles, every article retitled, each unit of the first
    commented and each article answered: the same bound."""
    milestone(policy, "lay-y-kien", date(2026, 9, 1), closes_on=date(2026, 9, 30))
    policy.report_published_on = timezone.localdate() - timedelta(days=1)
    policy.save()
    first = decree_units(articles=articles)
    second = decree_units(articles=articles)
    for unit in (unit for top in second for unit in top.walk()):
        if unit.kind == UnitKind.ARTICLE:
            unit.title += " (đã sửa)"
    old = draft_version(policy, first)
    by_anchor = {unit.anchor: unit for unit in old.units.all()}
    new = draft_version(policy, second, matches=by_anchor)
    for unit in old.units.all():
        SubmissionFactory(policy=policy, unit=unit, status=APPROVED)
    for unit in new.units.filter(kind="dieu"):
        AnswerFactory(policy=policy).changed_units.add(unit)
    url = f"{policy.url}so-sanh/?tu=1&den=2"
    client.get(url)

    with django_assert_max_num_queries(7):
        response = client.get(url)

    assert response.status_code == 200
    assert response.content.count(b"#tra-loi-") == articles


def test_the_comparison_template_makes_no_query(client, policy):
    two_versions(policy)
    url = f"{policy.url}so-sanh/?tu=1&den=2"
    client.get(url)

    with template_queries() as renders:
        assert client.get(url).status_code == 200

    assert renders
    assert not [(name, sql) for name, sql in renders if sql]
