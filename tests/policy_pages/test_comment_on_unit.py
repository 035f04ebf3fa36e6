"""A reader comments on one unit of the draft (a Điều, a Khoản, a Điểm): picked from the form's
tree or reached from the unit's link, with or without JavaScript; and later reads on the receipt
page what became of the comment and how the text changed."""

from datetime import date, timedelta

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from policy_pages.draft_links import unit_comment_url
from tests.factories import AnswerFactory, PolicyPageFactory, SubmissionFactory, milestone
from tests.factories.drafts import decree_units, draft_version
from tests.policy_pages.participation import form_tokens, send, stored, unit_at

pytestmark = pytest.mark.usefixtures("instant_forms")

REFUSED = "không thuộc dự thảo đã công bố của chính sách này"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def other_policy(policies_index):
    policy = PolicyPageFactory(parent=policies_index, title="Dự thảo Nghị định về thương mại")
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today - timedelta(days=3), closes_on=today + timedelta(20))
    draft_version(policy)
    return policy


def test_a_unit_of_another_policy_is_refused_in_vietnamese_and_nothing_is_stored(
    client, open_policy, other_policy
):
    foreign = unit_at(other_policy, "dieu-5")
    response = send(client, open_policy, unit=foreign.pk)
    assert response.status_code == 400
    assert REFUSED in soup(response).get_text(" ")
    assert stored() == []


def test_a_unit_number_too_large_for_the_database_is_refused_like_any_other(client, open_policy):
    response = send(client, open_policy, unit="9" * 30)
    assert response.status_code == 400
    assert REFUSED in soup(response).get_text(" ")


def test_a_unit_of_an_unpublished_version_is_refused(client, open_policy):
    draft_version(open_policy, published=False, matches={})
    unpublished = unit_at(open_policy, "dieu-5", number=2)
    response = send(client, open_policy, unit=unpublished.pk)
    assert response.status_code == 400
    assert REFUSED in soup(response).get_text(" ")
    assert stored() == []


def test_a_unit_of_an_earlier_published_version_is_taken(client, open_policy):
    """A reader on Dự thảo 1's page may still comment on its units once Dự thảo 2 is out."""
    earlier = unit_at(open_policy, "dieu-12", number=1)
    draft_version(open_policy, matches={})
    assert send(client, open_policy, unit=earlier.pk).status_code == 303
    [comment] = stored()
    assert comment.unit == earlier


def test_without_a_published_draft_no_unit_is_offered_and_none_is_taken(client, open_policy):
    unit = unit_at(open_policy, "dieu-3")
    unit.version.published_at = None
    unit.version.save()
    form = soup(client.get(open_policy.url)).select_one("form#gop-y")
    assert form.select_one("select[name=unit]") is None
    assert form.select_one("textarea[name=quote]") is not None
    response = send(client, open_policy, unit=unit.pk)
    assert response.status_code == 400
    assert REFUSED in soup(response).get_text(" ")
    assert stored() == []


def test_a_question_keeps_no_unit_or_quote(client, open_policy):
    unit = unit_at(open_policy, "dieu-3")
    send(client, open_policy, kind="hoi-dap", unit=unit.pk, quote="Người tiêu dùng là")
    [question] = stored()
    assert (question.kind, question.unit, question.quote) == ("hoi-dap", None, "")


def test_a_comment_without_a_unit_is_on_the_whole_draft(client, open_policy):
    assert send(client, open_policy, unit="").status_code == 303
    [comment] = stored()
    assert comment.unit is None


def test_a_units_link_opens_the_form_with_the_unit_chosen_without_javascript(client, open_policy):
    """The cached policy page cannot choose a unit per reader, so the link goes to the form's
    own page, which does, and carries its tokens: a reader without scripts sends it as is."""
    clause = unit_at(open_policy, "dieu-3-khoan-2")
    url = unit_comment_url(open_policy, clause)
    assert url == f"/y-kien/gui/{open_policy.pk}/?don-vi={clause.pk}#gop-y"
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    form = soup(response).select_one("form#gop-y")
    chosen = form.select_one("select[name=unit] option[selected]")
    assert (chosen["value"], chosen.get_text().strip()) == (str(clause.pk), "Điều 3 – Khoản 2")
    data = {
        field["name"]: field.get("value", "")
        for field in form.select("input[type=hidden]")
        if field.get("name")
    }
    assert data["token"] and data["csrfmiddlewaretoken"]
    data.update(
        kind="gop-y",
        name="Phan Thị Yến",
        email="yen.phan@example.vn",
        capacity="ca-nhan",
        unit=chosen["value"],
        body="Đề nghị bổ sung giao dịch qua mạng xã hội.",
        consent="on",
    )
    assert client.post(form["action"], data).status_code == 303
    [comment] = stored()
    assert comment.unit == clause


def test_a_link_to_a_unit_of_an_earlier_version_offers_it_beside_the_current_units(
    client, open_policy
):
    earlier = unit_at(open_policy, "dieu-12", number=1)
    draft_version(open_policy, matches={})
    response = client.get(unit_comment_url(open_policy, earlier))
    chosen = soup(response).select_one("select[name=unit] option[selected]")
    assert chosen.get_text() == "Dự thảo 1 · Điều 12. Trách nhiệm của nhà cung cấp"


@pytest.mark.parametrize("value", ["999999", "dieu-3", "-1", "99999999999999999999"])
def test_a_link_to_an_unknown_unit_says_so_and_still_offers_the_form(client, open_policy, value):
    response = client.get(f"/y-kien/gui/{open_policy.pk}/", {"don-vi": value})
    assert response.status_code == 400
    page = soup(response)
    assert "Không tìm thấy điều, khoản này" in page.get_text(" ")
    assert page.select_one("select[name=unit] option[selected]")["value"] == ""
    assert page.select_one("form#gop-y textarea[name=body]") is not None


def test_the_policy_page_form_is_the_same_for_every_unit_link(client, open_policy):
    """The page is cached whole: ?don-vi= changes nothing on the server (the script chooses)."""
    clause = unit_at(open_policy, "dieu-3-khoan-1")
    plain = soup(client.get(open_policy.url)).select_one("form#gop-y")
    linked = soup(client.get(open_policy.url, {"don-vi": clause.pk})).select_one("form#gop-y")
    assert str(plain) == str(linked)
    assert linked.select_one(f"select[name=unit] option[value='{clause.pk}']") is not None


def test_the_form_tokens_url_still_works_from_the_forms_own_page(client, open_policy):
    form = soup(client.get(f"/y-kien/gui/{open_policy.pk}/")).select_one("form#gop-y")
    assert form_tokens(client, form)["token"]


@pytest.fixture
def answered(closed_policy):
    """Dự thảo 1 and 2 of a closed consultation whose answer table is public: Điều 5 Khoản 2
    was rewritten in Dự thảo 2 after a comment on it."""
    closed_policy.report_published_on = date(2024, 5, 1)
    closed_policy.save()
    first = draft_version(closed_policy, drafted_on=date(2024, 1, 20))
    revised = decree_units()
    article = next(u for top in revised for u in top.walk() if u.kind == "dieu" and u.number == "5")
    article.children[1].text = "Đăng tải toàn văn dự thảo trong ba mươi ngày."
    second = draft_version(
        closed_policy,
        revised,
        drafted_on=date(2024, 4, 20),
        matches={unit.anchor: unit for unit in first.units.all()},
    )
    clause = first.units.get(anchor="dieu-5-khoan-2")
    answer = AnswerFactory(
        policy=closed_policy,
        outcome="tiep-thu-mot-phan",
        explanation="Bổ sung thời hạn đăng tải; giữ các nội dung khác.",
        unit=clause,
    )
    answer.changed_units.set([second.units.get(anchor="dieu-5-khoan-2")])
    comment = SubmissionFactory(
        policy=closed_policy,
        status="da-duyet",
        unit=clause,
        email="rieng.tu.5521@example.vn",
        answer=answer,
    )
    return comment


def test_the_receipt_shows_the_outcome_and_the_change_in_the_text(client, answered):
    policy = answered.policy
    response = client.get(f"/y-kien/bien-nhan/{answered.receipt}/")
    assert response.status_code == 200
    page = soup(response)
    receipt = page.get_text(" ", strip=True)
    assert "Dự thảo 1 · Điều 5 – Khoản 2" in receipt
    outcome = page.select_one(".receipt-outcome")
    text = outcome.get_text(" ", strip=True)
    assert "Tiếp thu một phần" in text
    assert "Bổ sung thời hạn đăng tải; giữ các nội dung khác." in text
    change = outcome.select_one(".receipt-change")
    assert change.h4.get_text() == "Dự thảo 2 · Điều 5 – Khoản 2"
    inserted = " ".join(ins.get_text() for ins in change.select("ins"))
    deleted = " ".join(deleted.get_text() for deleted in change.select("del"))
    assert "ba mươi ngày" in inserted
    assert "quy định việc" in deleted
    link = change.select_one("a")["href"]
    assert link == f"{policy.url}so-sanh/?tu=1&den=2#dieu-5-khoan-2"
    assert "rieng.tu.5521" not in response.content.decode()


def test_the_receipt_keeps_the_outcome_until_the_answer_table_is_public(client, answered):
    policy = answered.policy
    policy.report_published_on = timezone.localdate() + timedelta(days=3)
    policy.save()
    page = soup(client.get(f"/y-kien/bien-nhan/{answered.receipt}/"))
    assert page.select_one(".receipt-outcome") is None
    assert "Tiếp thu" not in page.get_text(" ")


def test_the_receipt_shows_no_change_in_a_version_not_yet_published(client, answered):
    """An answer may name units of a version the head of the desk has not published."""
    from policy_pages.models import DraftVersion

    DraftVersion.objects.filter(policy=answered.policy, number=2).update(published_at=None)
    page = soup(client.get(f"/y-kien/bien-nhan/{answered.receipt}/"))
    outcome = page.select_one(".receipt-outcome")
    assert "Tiếp thu một phần" in outcome.get_text(" ")
    assert outcome.select(".receipt-change") == []
    assert "ba mươi ngày" not in page.get_text(" ")
