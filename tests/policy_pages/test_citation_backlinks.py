"""A document's page lists the public news, policies and documents that cite it, newest first,
a page at a time; the editor sees before publishing which citations the portal will link."""

import datetime as dt

from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import pytest
from bs4 import BeautifulSoup

from policy_pages.citations.backlinks import CITING_PAGE_SIZE
from policy_pages.models.citations import Citation
from tests.factories import ArticlePageFactory, LegalDocumentPageFactory, PolicyPageFactory


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def published(page, days_ago):
    """`page` published again (its citations read), dated `days_ago` days back."""
    page.save_revision().publish()
    page.first_published_at = timezone.now() - dt.timedelta(days=days_ago)
    page.save(update_fields=["first_published_at"])
    return page


def citing_titles(client, document, page=None):
    response = client.get(document.url + (f"?page={page}" if page else ""))
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".citing__list a")]


@pytest.fixture
def decree(documents_index):
    return LegalDocumentPageFactory(
        parent=documents_index, number_symbol="15/2020/NĐ-CP", issued_on=dt.date(2020, 2, 3)
    )


def test_the_document_lists_what_cites_it_newest_first_and_nothing_hidden(
    client, section, policies_index, documents_index, decree
):
    article = published(
        ArticlePageFactory(
            parent=section,
            title="Tăng mức phạt vi phạm về bưu chính",
            body=body("Theo Nghị định số 15/2020/NĐ-CP."),
        ),
        days_ago=3,
    )
    policy = published(
        PolicyPageFactory(
            parent=policies_index,
            title="Chính sách bưu chính công ích",
            body=body("Sửa khoản 2 Điều 5 NĐ 15/2020."),
        ),
        days_ago=1,
    )
    amending = published(
        LegalDocumentPageFactory(
            parent=documents_index,
            number_symbol="14/2022/NĐ-CP",
            title="Nghị định sửa đổi về bưu chính",
            summary="Sửa đổi, bổ sung một số điều của nghị định 15 năm 2020.",
        ),
        days_ago=2,
    )
    draft = ArticlePageFactory(parent=section, title="Bài chưa xuất bản", body=body("NĐ 15/2020"))
    published(draft, days_ago=0)
    draft.unpublish()
    private = published(
        ArticlePageFactory(parent=section, title="Bài nội bộ", body=body("15/2020/NĐ-CP")),
        days_ago=0,
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    # Another type with the same number and year is another document.
    published(
        ArticlePageFactory(parent=section, title="Bài về thông tư", body=body("Thông tư 15/2020")),
        days_ago=0,
    )

    assert citing_titles(client, decree) == [
        policy.title,
        f"14/2022/NĐ-CP {amending.title}",
        article.title,
    ]


def test_the_list_is_paginated(client, section, decree):
    for n in range(CITING_PAGE_SIZE + 2):
        published(
            ArticlePageFactory(parent=section, title=f"Bài số {n}", body=body("NĐ 15/2020")),
            days_ago=n,
        )
    first, second = citing_titles(client, decree), citing_titles(client, decree, page=2)
    assert first[0] == "Bài số 0" and len(first) == CITING_PAGE_SIZE
    assert second == [f"Bài số {n}" for n in range(CITING_PAGE_SIZE, CITING_PAGE_SIZE + 2)]


def test_a_page_that_no_longer_cites_the_document_leaves_its_list(client, section, decree):
    article = published(
        ArticlePageFactory(parent=section, title="Bài sửa lại", body=body("NĐ 15/2020")), 1
    )
    assert citing_titles(client, decree) == ["Bài sửa lại"]
    article.body = body("Bài đã bỏ trích dẫn.")
    published(article, 1)
    assert citing_titles(client, decree) == []
    article.delete()
    assert not Citation.objects.exists()


def test_the_editor_sees_citations_found_and_not_found(admin_client, section, decree):
    article = ArticlePageFactory(
        parent=section,
        body=body("Theo khoản 2 Điều 5 Nghị định 15/2020/NĐ-CP và Thông tư 99/2023/TT-BTC."),
    )
    article.save_revision()
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    panel = BeautifulSoup(response.content, "html.parser").select_one(".citations-panel")
    text = " ".join(panel.get_text(" ").split())
    assert "1 trích dẫn sẽ được liên kết" in text
    assert "khoản 2 Điều 5 Nghị định 15/2020/NĐ-CP → 15/2020/NĐ-CP" in text
    assert "#dieu-5-khoan-2" in text
    assert "1 trích dẫn chưa tìm thấy văn bản trên cổng" in text
    assert "Thông tư 99/2023/TT-BTC" in text


def test_the_citations_of_pages_published_before_are_read_by_a_command(section, decree):
    from django.core.management import call_command

    ArticlePageFactory(parent=section, body=body("Nghị định 15/2020/NĐ-CP"))
    assert not Citation.objects.exists()
    call_command("read_citations", stdout=__import__("io").StringIO())
    assert list(Citation.of_document(decree).values_list("key", flat=True)) == ["15/2020/ND-CP"]


def test_a_document_published_after_the_articles_citing_it_lists_them(
    client, section, documents_index
):
    article = published(
        ArticlePageFactory(parent=section, title="Bài viết trước", body=body("Theo NĐ 7/2031.")),
        days_ago=2,
    )
    decree = LegalDocumentPageFactory(
        parent=documents_index, number_symbol="7/2031/NĐ-CP", live=False
    )
    decree.save_revision().publish()
    assert citing_titles(client, decree) == [article.title]
    # Renumbered, it is no longer what the article cites.
    decree.number_symbol = "8/2031/NĐ-CP"
    decree.save_revision().publish()
    assert citing_titles(client, decree) == []


def test_a_number_two_issuers_share_lists_the_article_under_neither(
    client, section, documents_index
):
    from tests.factories import IssuingBodyFactory

    decisions = [
        LegalDocumentPageFactory(
            parent=documents_index,
            document_type="quyet-dinh",
            number_symbol="15/2020/QĐ-UBND",
            issuing_body=IssuingBodyFactory(name=province),
        )
        for province in ("Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Cà Mau")
    ]
    published(ArticlePageFactory(parent=section, body=body("Quyết định số 15/2020/QĐ-UBND")), 1)
    assert [citing_titles(client, d) for d in decisions] == [[], []]


def test_the_list_costs_the_same_queries_for_two_pages_or_ten(
    client, section, policies_index, decree
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        client.get(decree.url)
        with CaptureQueriesContext(connection) as read:
            client.get(decree.url + "?lan=2")
        return len(read)

    published(ArticlePageFactory(parent=section, body=body("NĐ 15/2020")), 1)
    published(PolicyPageFactory(parent=policies_index, body=body("NĐ 15/2020")), 2)
    two = queries()
    for n in range(8):
        published(ArticlePageFactory(parent=section, body=body("NĐ 15/2020")), 3 + n)
    assert len(citing_titles(client, decree)) == 10
    assert queries() == two
