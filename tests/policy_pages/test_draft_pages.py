"""Reading a draft version (du-thao/<n>/): its text with a permalink on every unit, the comments
on each unit's lineage, and an old version's anchors followed to where the unit is now."""

from datetime import date, timedelta

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from policy_pages.draft_versions import store_version
from policy_pages.drafting.tree import ParsedUnit, UnitKind
from policy_pages.models.participation import APPROVED
from tests.every_page_type import document
from tests.factories import PolicyPageFactory, SubmissionFactory, milestone
from tests.factories.drafts import decree_units, draft_version
from tests.test_templates_only_display import template_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(policies_index):
    """A policy whose consultation is open today."""
    policy = PolicyPageFactory(parent=policies_index, title="Nghị định về lấy ý kiến nhân dân")
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today - timedelta(days=3), closes_on=today + timedelta(days=20))
    return policy


def comment(unit, **fields):
    return SubmissionFactory(policy=unit.version.policy, unit=unit, status=APPROVED, **fields)


def read(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


def link_saying(html, words):
    return next(a for a in html.find_all("a") if a.get_text().startswith(words))


def with_new_third_article(policy, first):
    """Version 2: a new Điều 3 inserted, version 1's Điều 3 now Điều 4; Điều 4-6 left out."""
    old = {unit.anchor: unit for unit in first.units.all()}
    units = [
        ParsedUnit(UnitKind.ARTICLE, "1", title=old["dieu-1"].title),
        ParsedUnit(UnitKind.ARTICLE, "2", title=old["dieu-2"].title),
        ParsedUnit(UnitKind.ARTICLE, "3", title="Nguyên tắc lấy ý kiến"),
        ParsedUnit(UnitKind.ARTICLE, "4", title=old["dieu-3"].title),
    ]
    matches = {"dieu-1": old["dieu-1"], "dieu-2": old["dieu-2"], "dieu-4": old["dieu-3"]}
    return store_version(
        policy,
        units,
        drafted_on=date(2026, 11, 2),
        matches=matches,
        published_at=timezone.now(),
    )


def test_a_version_reads_as_text_with_an_anchor_and_a_permalink_on_every_unit(client, policy):
    version = draft_version(policy, note="Bổ sung quy định về đăng tải dự thảo.")

    html = read(client, f"{policy.url}du-thao/1/")

    assert html.h1.get_text() == policy.title
    assert "Dự thảo 1" in html.title.get_text()
    assert "Bổ sung quy định về đăng tải dự thảo." in html.get_text()
    for unit in version.units.all():
        block = html.find(id=unit.anchor)
        assert block is not None, unit.anchor
        permalink = block.find("a", href=f"#{unit.anchor}")
        assert permalink is not None
        assert permalink.get_text(strip=True).startswith("#")
    point = html.find(id="dieu-5-khoan-2-diem-a")
    assert "Đăng tải toàn văn dự thảo;" in point.get_text()
    assert "Liên kết đến Điều 5 – Khoản 2 – Điểm a" in point.get_text()


def test_the_table_of_contents_lists_chapters_and_articles_not_clauses(client, policy):
    draft_version(policy)

    html = read(client, f"{policy.url}du-thao/1/")

    toc = html.find("nav", attrs={"aria-label": "Mục lục dự thảo 1"})
    targets = [a["href"] for a in toc.find_all("a")]
    assert targets[:2] == ["#chuong-i", "#dieu-1"]
    assert "#dieu-6" in targets
    assert not any("khoan" in target for target in targets)


def test_the_source_file_is_offered_for_download_with_its_type_and_size(client, policy):
    file = document()
    draft_version(policy, source_file=file)

    link = read(client, f"{policy.url}du-thao/1/").find("a", attrs={"download": True})
    assert link["href"] == file.url
    assert "(PDF, 73\xa0byte)" in link.parent.get_text()


def test_an_unpublished_or_unknown_version_is_not_found(client, policy):
    draft_version(policy)
    draft_version(policy, published=False)

    assert client.get(f"{policy.url}du-thao/2/").status_code == 404
    assert client.get(f"{policy.url}du-thao/3/").status_code == 404
    assert client.get(f"{policy.url}du-thao/1/dieu-1/").status_code == 302
    assert client.get(f"{policy.url}du-thao/2/dieu-1/").status_code == 404
    assert client.get(f"{policy.url}du-thao/1/dieu-99/").status_code == 404
    assert client.get(f"{policy.url}du-thao/99999999999999999999/").status_code == 404
    assert client.get(f"{policy.url}du-thao/99999999999999999999/dieu-1/").status_code == 404


def test_du_thao_goes_to_the_newest_published_version(client, policy):
    assert client.get(f"{policy.url}du-thao/").status_code == 404
    draft_version(policy)
    draft_version(policy, matches={})
    draft_version(policy, matches={}, published=False)

    response = client.get(f"{policy.url}du-thao/")

    assert response.status_code == 302
    assert response["Location"] == f"{policy.url}du-thao/2/"


def test_an_old_anchor_resolves_to_its_unit_in_the_newest_version(client, policy):
    """Version 2 inserted a new Điều 3: version 1's Điều 3 is Điều 4 now, and a link to
    `#dieu-3` of version 1 reaches it there."""
    first = draft_version(policy)
    with_new_third_article(policy, first)

    moved = client.get(f"{policy.url}du-thao/1/dieu-3/")
    left_out = client.get(f"{policy.url}du-thao/1/dieu-5/")

    assert moved.status_code == 302
    assert moved["Location"] == f"{policy.url}du-thao/2/#dieu-4"
    assert left_out["Location"] == f"{policy.url}du-thao/1/#dieu-5"


def test_each_unit_shows_where_it_was_and_where_it_is_now(client, policy):
    first = draft_version(policy)
    with_new_third_article(policy, first)

    second = read(client, f"{policy.url}du-thao/2/")
    old = read(client, f"{policy.url}du-thao/1/")

    was = second.find(id="dieu-4").find("a", class_="unit__earlier")
    assert was.get_text() == "Dự thảo 1: Điều 3"
    assert was["href"] == f"{policy.url}du-thao/1/#dieu-3"
    assert second.find(id="dieu-3").find("a", class_="unit__earlier") is None
    now = link_saying(old.find(id="dieu-3"), "Xem ở dự thảo mới nhất")
    assert now["href"] == f"{policy.url}du-thao/1/dieu-3/"
    assert "Không còn ở dự thảo 2" in old.find(id="dieu-5").get_text()
    assert "Đây không phải dự thảo mới nhất" in old.get_text()


def test_approved_comments_show_under_their_unit_with_the_count_and_never_an_email(client, policy):
    version = draft_version(policy)
    point = version.units.get(anchor="dieu-5-khoan-2-diem-a")
    comment(
        point,
        name="Nguyễn Văn Bình",
        organisation="Hội Luật gia tỉnh Nam Định",
        email="binh.nguyen@example.vn",
        quote="Đăng tải toàn văn dự thảo",
        body="Đề nghị nêu rõ thời hạn đăng tải.",
    )
    comment(point, body="Cần đăng tải cả bản thuyết minh.")
    SubmissionFactory(policy=policy, unit=point, body="Ý kiến chưa duyệt.")

    response = client.get(f"{policy.url}du-thao/1/")
    block = BeautifulSoup(response.content, "html.parser").find(id="dieu-5-khoan-2-diem-a")

    assert "2 góp ý" in block.find(class_="unit__count").get_text()
    text = block.get_text()
    assert "Nguyễn Văn Bình" in text and "Hội Luật gia tỉnh Nam Định" in text
    assert block.blockquote.get_text() == "Đăng tải toàn văn dự thảo"
    assert "Cần đăng tải cả bản thuyết minh." in text
    assert "Ý kiến chưa duyệt." not in response.content.decode()
    assert b"binh.nguyen@example.vn" not in response.content
    assert b"@example.vn" not in response.content


def test_comments_on_version_1_follow_their_unit_into_version_2_labelled(client, policy):
    first = draft_version(policy)
    comment(first.units.get(anchor="dieu-3"), body="Đề nghị giải thích rõ từ “dự thảo”.")
    second = with_new_third_article(policy, first)
    comment(second.units.get(anchor="dieu-4"), body="Nay đã rõ hơn, đồng tình.")

    block = read(client, f"{policy.url}du-thao/2/").find(id="dieu-4")

    assert "2 góp ý" in block.find(class_="unit__count").get_text()
    items = block.find_all("li", class_="comment")
    assert "góp ý dự thảo 1" in items[0].get_text()
    assert "Đề nghị giải thích rõ" in items[0].get_text()
    assert "góp ý dự thảo" not in items[1].get_text()
    assert block.find_parent().find(id="dieu-3").find(class_="unit__count") is None


def test_comment_on_this_unit_links_to_the_form_with_the_unit_chosen_while_open(
    client, policy, closed_policy
):
    version = draft_version(policy)
    clause = version.units.get(anchor="dieu-5-khoan-2")
    draft_version(closed_policy)

    link = (
        read(client, f"{policy.url}du-thao/1/")
        .find(id="dieu-5-khoan-2")
        .find("a", class_="unit__comment-link")
    )
    closed = read(client, f"{closed_policy.url}du-thao/1/")

    assert link.get_text().startswith("Góp ý điều này")
    assert link["href"] == f"/y-kien/gui/{policy.pk}/?don-vi={clause.pk}#gop-y"
    form = read(client, link["href"]).find("form", id="gop-y")
    assert form.find("option", selected=True)["value"] == str(clause.pk)
    assert closed.find("a", class_="unit__comment-link") is None


def test_the_policy_page_shows_the_newest_version_and_links_the_others(client, policy):
    draft_version(policy, drafted_on=date(2026, 10, 1))
    draft_version(policy, matches={}, drafted_on=date(2026, 11, 2))

    section = read(client, policy.url).find(id="draft-versions-heading").parent

    links = {a.get_text(): a["href"] for a in section.find_all("a")}
    assert links["Đọc toàn văn dự thảo 2"] == f"{policy.url}du-thao/2/"
    assert links["Dự thảo 1"] == f"{policy.url}du-thao/1/"
    assert f"{policy.url}so-sanh/?tu=1&den=2" in links.values()
    assert "02/11/2026" in section.get_text()


def test_a_policy_without_published_versions_shows_no_draft_section(client, policy):
    draft_version(policy, published=False)

    assert read(client, policy.url).find(id="draft-versions-heading") is None


def many_comments(version, per_unit):
    for unit in version.units.filter(kind__in=["dieu", "khoan"]):
        for _ in range(per_unit):
            comment(unit)


@pytest.mark.parametrize("articles", [6, 60])
def test_the_draft_page_reads_in_a_fixed_number_of_queries(
    client, policy, articles, django_assert_max_num_queries
):
    """The bound is the same for 6 articles and 60 with three comments on each: the units, the
    other versions' units and the comments are read in one query each."""
    first = draft_version(policy, decree_units(articles=articles))
    old = {unit.anchor: unit for unit in first.units.all()}
    second = draft_version(policy, decree_units(articles=articles), matches=old)
    many_comments(first, 2)
    many_comments(second, 1)
    client.get(f"{policy.url}du-thao/2/")  # the site's shared caches, as a busy portal has them

    with django_assert_max_num_queries(7):
        response = client.get(f"{policy.url}du-thao/2/")

    assert response.status_code == 200
    assert response.content.count(b'class="comment"') == 3 * len(
        [u for u in old.values() if u.kind in ("dieu", "khoan")]
    )


def test_the_draft_page_template_makes_no_query(client, policy):
    first = draft_version(policy)
    many_comments(first, 1)
    client.get(f"{policy.url}du-thao/1/")

    with template_queries() as renders:
        assert client.get(f"{policy.url}du-thao/1/").status_code == 200

    assert renders
    assert not [(name, sql) for name, sql in renders if sql]
