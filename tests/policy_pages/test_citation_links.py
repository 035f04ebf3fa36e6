"""A citation in an article or a policy links to the document the portal holds (to the unit it
pinpoints), never to one readers may not see; a document not in force today gets a note, on
the right day, though the page is cached."""

import datetime as dt
import zoneinfo

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import pytest
import time_machine
from bs4 import BeautifulSoup, Comment

from tests.factories import (
    ArticlePageFactory,
    LegalDocumentPageFactory,
    PolicyPageFactory,
    relate,
)

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DECREE_TEXT = (
    "<h3>Điều 5. Mức phạt</h3><p>1. Phạt cảnh cáo đối với vi phạm lần đầu.</p>"
    "<p>2. Phạt tiền từ 1.000.000 đồng đến 2.000.000 đồng.</p><p>a) Không đăng ký;</p>"
    "<p>Điều 6. Hiệu lực thi hành</p><p>Nghị định này có hiệu lực từ ngày ký.</p>"
)


def numbered(documents_index, number, issued, effective=None, **fields):
    """A published document numbered `number`, issued and in force on those days."""
    return LegalDocumentPageFactory(
        parent=documents_index,
        number_symbol=number,
        issued_on=issued,
        effective_on=effective or issued,
        **fields,
    )


def body(*paragraphs):
    return [("paragraph", RichText(f"<p>{p}</p>")) for p in paragraphs]


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def citation_links(soup):
    return [(a.get_text(), a["href"]) for a in soup.select("a.citation")]


@pytest.fixture
def decree(documents_index):
    return numbered(
        documents_index,
        "15/2020/NĐ-CP",
        dt.date(2020, 2, 3),
        dt.date(2020, 4, 15),
        title="Nghị định quy định xử phạt vi phạm hành chính về giao thông",
        slug="nghi-dinh-15-2020",
        full_text=DECREE_TEXT,
    )


def test_an_article_links_each_citation_to_the_document_and_the_unit(client, section, decree):
    article = ArticlePageFactory(
        parent=section,
        body=body(
            "Theo khoản 2 Điều 5 Nghị định số 15/2020/NĐ-CP, mức phạt tăng gấp đôi.",
            "Nghị định 15/2020 còn quy định tại điểm a khoản 2 Điều 5 Nghị định 15/2020/NĐ-CP.",
            "Điều 9 Nghị định 15/2020/NĐ-CP và nghi dinh so 15/2020/ND-CP cũng vậy.",
        ),
    )
    links = citation_links(soup_of(client, article))
    assert links == [
        ("khoản 2 Điều 5 Nghị định số 15/2020/NĐ-CP", "/van-ban/nghi-dinh-15-2020/#dieu-5-khoan-2"),
        ("Nghị định 15/2020", "/van-ban/nghi-dinh-15-2020/"),
        (
            "điểm a khoản 2 Điều 5 Nghị định 15/2020/NĐ-CP",
            "/van-ban/nghi-dinh-15-2020/#dieu-5-khoan-2-diem-a",
        ),
        # The text numbers no Điều 9: the document itself.
        ("Điều 9 Nghị định 15/2020/NĐ-CP", "/van-ban/nghi-dinh-15-2020/"),
        ("nghi dinh so 15/2020/ND-CP", "/van-ban/nghi-dinh-15-2020/"),
    ]
    # The anchors exist on the document's page.
    document = soup_of(client, decree)
    for anchor in ("dieu-5", "dieu-5-khoan-2", "dieu-5-khoan-2-diem-a", "dieu-6"):
        assert document.find(id=anchor) is not None, anchor


def test_text_already_linked_and_documents_not_held_stay_as_written(client, section, decree):
    article = ArticlePageFactory(
        parent=section,
        body=body(
            '<a href="https://example.gov.vn/">Nghị định 15/2020/NĐ-CP</a> và '
            "Thông tư 99/2023/TT-BTC chưa có trên cổng."
        ),
    )
    soup = soup_of(client, article)
    assert citation_links(soup) == []
    assert "Thông tư 99/2023/TT-BTC chưa có trên cổng." in soup.get_text()


@pytest.mark.parametrize("hidden", ["draft", "restricted"])
def test_a_document_readers_may_not_see_is_never_linked(client, section, decree, hidden):
    if hidden == "draft":
        decree.unpublish()
    else:
        PageViewRestriction.objects.create(page=decree, restriction_type="password", password="x")
    article = ArticlePageFactory(parent=section, body=body("Theo Nghị định 15/2020/NĐ-CP."))
    soup = soup_of(client, article)
    assert citation_links(soup) == []
    assert "/van-ban/nghi-dinh-15-2020/" not in str(soup)


def test_a_policy_links_the_documents_its_explanation_cites(client, policies_index, decree):
    policy = PolicyPageFactory(
        parent=policies_index, body=body("Chính sách sửa khoản 2 Điều 5 Nghị định 15/2020/NĐ-CP.")
    )
    assert citation_links(soup_of(client, policy)) == [
        ("khoản 2 Điều 5 Nghị định 15/2020/NĐ-CP", "/van-ban/nghi-dinh-15-2020/#dieu-5-khoan-2")
    ]


def notes_of(soup):
    box = soup.select_one(".citation-notes")
    return " ".join(box.get_text(" ").split()) if box else ""


def test_the_note_appears_on_the_day_the_cited_document_is_replaced(
    client, section, decree, documents_index, settings
):
    """Cached pages are kept by the day, so the note comes at midnight with no publication."""
    settings.PAGE_CACHE_SECONDS = 600
    successor = numbered(
        documents_index,
        "168/2024/NĐ-CP",
        dt.date(2024, 12, 26),
        dt.date(2025, 1, 1),
        title="Nghị định quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông",
    )
    relate(successor, "replaces", decree)
    article = ArticlePageFactory(
        parent=section, body=body("Mức phạt theo Nghị định 15/2020/NĐ-CP.")
    )
    evening = dt.datetime(2024, 12, 31, 23, 58, tzinfo=HANOI)
    with time_machine.travel(evening, tick=False):
        before = soup_of(client, article)
        assert client.get(article.url)["X-Page-Cache"] == "hit"
    assert notes_of(before) == ""
    assert before.select_one(".citation__status") is None
    with time_machine.travel(evening + dt.timedelta(minutes=3), tick=False):
        after = soup_of(client, article)
    assert notes_of(after) == (
        "Lưu ý về hiệu lực của văn bản được nhắc đến Nghị định 15/2020/NĐ-CP : văn bản này đã hết "
        "hiệu lực; được thay thế bởi Nghị định 168/2024/NĐ-CP ."
    )
    links = {a.get_text(): a["href"] for a in after.select(".citation-notes a")}
    assert links["Nghị định 168/2024/NĐ-CP"] == successor.url
    assert after.select_one(".citation__status").get_text() == "(hết hiệu lực)"


def test_notes_say_partly_expired_and_not_yet_in_force_and_hide_what_is_not_public(
    client, section, decree, documents_index
):
    amendment = numbered(
        documents_index, "123/2021/NĐ-CP", dt.date(2021, 12, 28), dt.date(2022, 1, 1)
    )
    relate(amendment, "amends", decree)
    hidden = numbered(documents_index, "100/2022/NĐ-CP", dt.date(2022, 1, 2), dt.date(2022, 2, 1))
    relate(hidden, "amends", decree)
    hidden.unpublish()
    upcoming = numbered(documents_index, "5/2030/NĐ-CP", dt.date(2030, 1, 2), dt.date(2030, 3, 1))
    article = ArticlePageFactory(
        parent=section, body=body("Nghị định 15/2020/NĐ-CP và Nghị định 5/2030/NĐ-CP.")
    )
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=HANOI), tick=False):
        notes = notes_of(soup_of(client, article))
    assert (
        "Nghị định 15/2020/NĐ-CP : văn bản này hết hiệu lực một phần; được sửa đổi, bổ sung bởi "
        "Nghị định 123/2021/NĐ-CP ." in notes
    )
    assert "100/2022" not in notes
    assert (
        "Nghị định 5/2030/NĐ-CP : văn bản này chưa có hiệu lực, có hiệu lực từ ngày 01/03/2030"
        in notes
    )
    assert upcoming.pk


def test_an_article_cached_before_its_document_was_published_links_it_once_it_is(
    client, section, documents_index, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    article = ArticlePageFactory(parent=section, body=body("Theo NĐ 15/2020 về giao thông."))
    assert citation_links(soup_of(client, article)) == []
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    decree = LegalDocumentPageFactory(
        parent=documents_index, number_symbol="15/2020/NĐ-CP", slug="nd-15", live=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        decree.save_revision().publish()
    assert citation_links(soup_of(client, article)) == [("NĐ 15/2020", "/van-ban/nd-15/")]


def test_linking_costs_two_queries_whatever_the_number_of_citations(
    client, section, decree, documents_index
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few = ArticlePageFactory(parent=section, body=body("Theo Nghị định 15/2020/NĐ-CP."))
    many = ArticlePageFactory(
        parent=section,
        body=body(
            *(
                f"Điều {n} Nghị định 15/2020/NĐ-CP và Thông tư {n}/2024/TT-BTC."
                for n in range(1, 30)
            )
        ),
    )
    client.get(few.url)  # what every page reads once per process (the site, the menu)
    with CaptureQueriesContext(connection) as one:
        client.get(few.url)
    with CaptureQueriesContext(connection) as thirty:
        client.get(many.url)
    assert len(thirty) == len(one)


def test_a_consolidated_text_is_not_noted_for_the_amendments_it_merges(
    client, section, decree, documents_index
):
    amendment = numbered(
        documents_index, "123/2021/NĐ-CP", dt.date(2021, 12, 28), dt.date(2022, 1, 1)
    )
    relate(amendment, "amends", decree)
    consolidated = numbered(
        documents_index,
        "08/VBHN-BGTVT",
        dt.date(2022, 3, 1),
        document_type="van-ban-hop-nhat",
    )
    relate(consolidated, "consolidates", decree)
    relate(consolidated, "consolidates", amendment)
    article = ArticlePageFactory(parent=section, body=body("Xem văn bản hợp nhất 08/VBHN-BGTVT."))
    soup = soup_of(client, article)
    assert citation_links(soup) == [("văn bản hợp nhất 08/VBHN-BGTVT", consolidated.url)]
    assert notes_of(soup) == ""
    assert soup.select_one(".citation__status") is None


def test_markup_in_an_attribute_or_a_comment_never_becomes_a_tag(client, section, documents_index):
    """Rich text stored outside the editor (an import) may hold ">" or "<p …>" inside an
    attribute's value: linking and anchoring rewrite only real tags and text."""
    hostile = (
        '<table><tr><th scope="a>&quot; onmouseover=alert(1) x=&quot; Nghị định 15/2020/NĐ-CP">'
        'h</th><th scope="<p onmouseover=alert(2) x=>Điều 7</p>">k</th></tr></table>'
        "<!-- Nghị định 15/2020/NĐ-CP --><p>Điều 1. Phạm vi</p></a><p>Nghị định 15/2020/NĐ-CP</p>"
    )
    decree = LegalDocumentPageFactory(
        parent=documents_index, number_symbol="15/2020/NĐ-CP", slug="nd-15", full_text=hostile
    )
    LegalDocumentPageFactory(
        parent=documents_index, number_symbol="16/2020/NĐ-CP", full_text=hostile
    )
    article = ArticlePageFactory(
        parent=section, body=[("paragraph", RichText(hostile.replace("15/2020", "16/2020")))]
    )
    for page in (decree, article):
        soup = soup_of(client, page)
        handlers = [
            (tag.name, name)
            for tag in soup.find_all(True)
            for name in tag.attrs
            if name.startswith("on")
        ]
        assert handlers == [], page
        comments = soup.find_all(string=lambda text: isinstance(text, Comment))
        assert [c for c in comments if "Nghị định" in c and "citation" in c] == []
        assert soup.select("a a") == []  # a stray </a> opens no link inside a link
    assert soup_of(client, decree).find(id="dieu-1") is not None
    assert len(soup_of(client, article).select("a.citation")) == 1  # the real paragraph


def test_a_number_two_documents_share_is_linked_to_neither(
    client, section, documents_index, admin_client
):
    from tests.factories import IssuingBodyFactory

    for province in ("Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Cà Mau"):
        LegalDocumentPageFactory(
            parent=documents_index,
            document_type="quyet-dinh",
            number_symbol="15/2020/QĐ-UBND",
            issuing_body=IssuingBodyFactory(name=province),
        )
    article = ArticlePageFactory(
        parent=section, body=body("Ủy ban tỉnh ban hành Quyết định số 15/2020/QĐ-UBND.")
    )
    assert citation_links(soup_of(client, article)) == []
    article.save_revision()
    panel = BeautifulSoup(
        admin_client.get(f"/admin/pages/{article.pk}/edit/").content, "html.parser"
    ).select_one(".citations-panel")
    assert "1 trích dẫn trùng số với nhiều văn bản" in panel.get_text()


def test_a_suspension_that_has_ended_is_not_named(client, section, decree, documents_index):
    old = numbered(
        documents_index, "1/2021/QĐ-TTg", dt.date(2021, 1, 4), document_type="quyet-dinh"
    )
    relate(old, "suspends", decree, ends_on=dt.date(2021, 6, 1))
    current = numbered(
        documents_index, "2/2026/QĐ-TTg", dt.date(2026, 1, 5), document_type="quyet-dinh"
    )
    relate(current, "suspends", decree)
    article = ArticlePageFactory(parent=section, body=body("Theo Nghị định 15/2020/NĐ-CP."))
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=HANOI), tick=False):
        notes = notes_of(soup_of(client, article))
    assert "2/2026/QĐ-TTg" in notes
    assert "1/2021/QĐ-TTg" not in notes


def test_one_more_article_citing_a_law_renews_no_other_page_citing_it(
    client, section, decree, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    first = ArticlePageFactory(parent=section, body=body("Theo Nghị định 15/2020/NĐ-CP."))
    client.get(first.url)
    assert client.get(first.url)["X-Page-Cache"] == "hit"
    second = ArticlePageFactory(parent=section, body=body("Nghị định 15/2020/NĐ-CP."), live=False)
    with django_capture_on_commit_callbacks(execute=True):
        second.save_revision().publish()
    assert client.get(first.url)["X-Page-Cache"] == "hit"
    # The decree's own list of what cites it is renewed.
    assert second.title in client.get(decree.url).text


def test_the_note_goes_on_the_day_the_cited_document_comes_into_force(
    client, section, documents_index, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    numbered(documents_index, "9/2026/NĐ-CP", dt.date(2026, 11, 2), dt.date(2027, 1, 1))
    article = ArticlePageFactory(parent=section, body=body("Theo Nghị định 9/2026/NĐ-CP."))
    evening = dt.datetime(2026, 12, 31, 23, 58, tzinfo=HANOI)
    with time_machine.travel(evening, tick=False):
        assert "chưa có hiệu lực, có hiệu lực từ ngày 01/01/2027" in notes_of(
            soup_of(client, article)
        )
    with time_machine.travel(evening + dt.timedelta(minutes=3), tick=False):
        soup = soup_of(client, article)
    assert notes_of(soup) == ""
    assert citation_links(soup) == [
        ("Nghị định 9/2026/NĐ-CP", soup.select_one("a.citation")["href"])
    ]
