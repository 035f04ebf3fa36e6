"""The officers' report: approved comments per unit as an SVG bar chart with the same figures
as a table, and the units many readers commented on that nobody has answered yet."""

from datetime import date

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from policy_pages.draft_versions import store_version
from tests.factories import AnswerFactory, PolicyIndexPageFactory, PolicyPageFactory
from tests.factories import SubmissionFactory as Comment
from tests.factories.drafts import decree_units, draft_version
from tests.helpers import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(home_page):
    return PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page), title="Nghị định về lấy ý kiến"
    )


@pytest.fixture
def officer(client, db):
    user = member_of("Chuyên viên chính sách", "chuyen-vien")
    client.force_login(user)
    return user


def comments(policy, unit, count, status="da-duyet", **fields):
    return [Comment(policy=policy, unit=unit, status=status, **fields) for _ in range(count)]


def report(client, policy, **params):
    url = reverse("policy_pages_draft_report", args=[policy.pk])
    return client.get(url, params)


@pytest.fixture
def commented(policy):
    """Version 1: Điều 1 has three approved comments, Điều 2 one, Điều 3 two pending;
    Điều 4 four approved, one of them answered."""
    version = draft_version(policy, decree_units(articles=4, chapters=1))
    units = {unit.anchor: unit for unit in version.units.all()}
    comments(policy, units["dieu-1"], 3)
    comments(policy, units["dieu-2"], 1)
    comments(policy, units["dieu-3"], 2, status="cho-duyet")
    answered = comments(policy, units["dieu-4"], 4)
    answered[0].answer = AnswerFactory(policy=policy)
    answered[0].save()
    return units


def test_the_chart_draws_one_bar_per_commented_unit_in_reading_order(
    client, officer, policy, commented
):
    soup = BeautifulSoup(report(client, policy).content, "html.parser")

    svg = soup.select_one("svg[role=img]")
    assert "Biểu đồ số góp ý" in svg["aria-label"]
    titles = [bar.title.get_text() for bar in svg.select("g")]
    assert titles == [
        f"{commented['dieu-1'].heading}: 3 góp ý",
        f"{commented['dieu-2'].heading}: 1 góp ý",
        f"{commented['dieu-4'].heading}: 4 góp ý",
    ]
    widths = [int(bar.rect["width"]) for bar in svg.select("g")]
    assert widths[2] > widths[0] > widths[1], "bars are scaled to the counts"
    assert [text.get_text() for text in svg.select("g text:last-of-type")] == ["3", "1", "4"]


def test_the_table_beside_the_chart_holds_the_same_figures(client, officer, policy, commented):
    soup = BeautifulSoup(report(client, policy).content, "html.parser")

    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in soup.select("table.draft-report__table tbody tr")
    ]
    assert rows == [
        [commented["dieu-1"].heading, "3"],
        [commented["dieu-2"].heading, "1"],
        [commented["dieu-4"].heading, "4"],
    ]


def unanswered_rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find("h2", id="chua-tra-loi")
    table = heading.find_next("table")
    return [] if table is None else table.select("tbody tr")


def test_units_with_many_comments_and_no_answer_link_to_the_queue_filtered_by_unit(
    client, officer, policy, commented
):
    [row] = unanswered_rows(report(client, policy))

    assert row.th.get_text(strip=True) == commented["dieu-1"].heading
    assert row.a["href"].endswith(f"?unit={commented['dieu-1'].pk}")
    assert row.a["href"].startswith(reverse("wagtailsnippets_policy_pages_submission:list"))


def test_the_threshold_is_the_officers_to_choose(client, officer, policy, commented):
    form = BeautifulSoup(report(client, policy).content, "html.parser").find(id="chua-tra-loi")
    assert form.find_next("form").select_one("input[name=toi-thieu]") is not None
    assert unanswered_rows(report(client, policy, **{"toi-thieu": "4"})) == []
    two = unanswered_rows(report(client, policy, **{"toi-thieu": "1"}))
    assert [row.th.get_text(strip=True) for row in two] == [
        commented["dieu-1"].heading,
        commented["dieu-2"].heading,
    ]


@pytest.mark.parametrize("value", ["ba", "0", "-2"])
def test_a_threshold_that_is_not_a_positive_number_is_refused_in_vietnamese(
    client, officer, policy, commented, value
):
    response = report(client, policy, **{"toi-thieu": value})

    assert response.status_code == 400
    assert "Số góp ý tối thiểu" in response.content.decode()


def test_comments_on_one_lineage_across_versions_add_up(client, officer, policy):
    first = draft_version(policy, decree_units(articles=2, chapters=1))
    old = first.units.get(anchor="dieu-1")
    second = store_version(
        policy,
        decree_units(articles=2, chapters=1),
        drafted_on=date(2026, 11, 1),
        matches={"dieu-1": old},
    )
    comments(policy, old, 2)
    comments(policy, second.units.get(anchor="dieu-1"), 1)

    [row] = unanswered_rows(report(client, policy))

    assert "3" in row.get_text()
    assert [link.get_text() for link in row.select("a")] == [
        "Dự thảo 1: 2 góp ý",
        "Dự thảo 2: 1 góp ý",
    ]


def test_without_comments_the_report_says_so(client, officer, policy):
    draft_version(policy)

    response = report(client, policy)

    assert response.status_code == 200
    assert "Chưa có góp ý nào đã duyệt" in response.content.decode()


def test_people_outside_the_desk_cannot_see_the_report(client, policy):
    """Wagtail answers a refusal in the admin by sending the user home with a message."""
    client.force_login(member_of("Biên tập viên", "bien-tap"))

    response = report(client, policy)

    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))


@pytest.mark.parametrize("articles", [3, 30])
def test_the_report_takes_the_same_queries_whatever_the_number_of_comments(
    client, officer, policy, articles, django_assert_max_num_queries
):
    version = draft_version(policy, decree_units(articles=articles, chapters=1))
    for index, unit in enumerate(version.units.filter(kind="dieu")):
        comments(policy, unit, 1 + index % 4)
    report(client, policy)  # the admin's own first-request lookups (site, menu) are not ours

    with django_assert_max_num_queries(14):
        response = report(client, policy)

    assert len(BeautifulSoup(response.content, "html.parser").select("svg g")) == articles
