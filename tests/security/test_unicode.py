"""Odd characters in any field never break a page, a feed or the API, and text is stored in NFC.

NUL, control characters, lone surrogates, zero-width and bidirectional override characters come
from copy and paste (Word, PDFs, old Windows tools), from decomposed Vietnamese that some systems
produce ("Nghi\u0323 đi\u0323nh"), and from attackers. Run this file on PostgreSQL too: it is the
database that refuses NUL ("A string literal cannot contain NUL characters").
"""

import json
from datetime import timedelta
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page
from wagtail.rich_text import RichText

import feedparser
import pytest
from bs4 import BeautifulSoup

from core.text import clean_input
from media.models import PortalImage
from newsroom.models import ArticlePage, Author
from policy_pages.models import Submission
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    PortalImageFactory,
    SectionPageFactory,
    milestone,
)
from tests.policy_pages.participation import form_fields

NFD = "Nghi\u0323 đi\u0323nh ve\u0302\u0300 chuye\u0302\u0309n đo\u0302\u0309i so\u0302\u0301"
NFC = "Nghị định về chuyển đổi số"
CONTROLS = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\x7f"
ZERO_WIDTH_DROPPED = "\u200b\u2060\ufeff"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Low before high: never a pair, whatever joins them.
LONE_SURROGATES = "\udfff\ud800"
# Everything that must go, between the words of a title.
HOSTILE = f"Nghi\u0323\x00 đi\u0323nh{CONTROLS} ve\u0302\u0300{BIDI} chuye\u0302\u0309n{LONE_SURROGATES} đo\u0302\u0309i{ZERO_WIDTH_DROPPED} so\u0302\u0301"  # noqa: E501


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


def test_text_is_composed_and_loses_invisible_and_control_characters():
    assert clean_input(NFD) == NFC
    assert clean_input(HOSTILE) == NFC
    # Tab and line breaks are text; the zero-width joiner builds emoji (family, flags).
    assert clean_input("Dòng 1\n\tDòng 2\r\n") == "Dòng 1\n\tDòng 2\r\n"
    assert clean_input("Gia đình 👨\u200d👩\u200d👧") == "Gia đình 👨\u200d👩\u200d👧"
    assert clean_input("Hóa đơn\u202efdp.exe") == "Hóa đơnfdp.exe"


def test_the_public_forms_and_stored_text_keep_the_same_characters():
    """One definition of the kept characters (core.text.is_kept): a citizen's comment and an
    editor's article lose the same ones; the form only lays out spaces and lines on top."""
    from policy_pages.submissions import clean_text

    characters = [
        chr(c)
        for c in [*range(0x30000), *range(0xE0000, 0xE0080)]
        if not chr(c).isspace() and not 0xD800 <= c <= 0xDFFF
    ]
    differ = [
        f"U+{ord(ch):04X}"
        for ch in characters
        if clean_text(f"a{ch}b", multiline=True) != clean_input(f"a{ch}b")
    ]
    assert differ == []
    # The zero-width non-joiner hides a word from moderation as a zero-width space does.
    assert clean_input("l\u200cừa đảo") == clean_text("l\u200cừa đảo") == "lừa đảo"
    assert clean_input("Nghi\u0323 \ud800đi\u0323nh") == "Nghị định"


def test_every_text_of_an_article_is_stored_clean(section):
    """Title (Wagtail's own field), plain fields, StreamField text, table cells and rich text."""
    article = ArticlePageFactory(
        parent=section,
        title=HOSTILE,
        sapo=f"Sa pô {HOSTILE}",
        seo_title=HOSTILE,
        search_description=HOSTILE,
        body=[
            ("paragraph", RichText(f"<p>{HOSTILE}</p>")),
            ("heading", {"text": HOSTILE, "level": "h2"}),
            (
                "table",
                {
                    "data": [["Cột", "Năm"], [HOSTILE, "2025"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": HOSTILE,
                },
            ),
        ],
    )
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.title == NFC
    assert article.seo_title == NFC
    assert article.search_description == NFC
    assert article.sapo == f"Sa pô {NFC}"
    assert article.body[0].value.source == f"<p>{NFC}</p>"
    assert article.body[1].value["text"] == NFC
    assert article.body[2].value["data"][1][0] == NFC
    assert article.body[2].value["table_caption"] == NFC


def test_snippets_and_image_texts_are_stored_clean(db):
    author = AuthorFactory(name=HOSTILE)
    photo = PortalImageFactory(caption=HOSTILE, credit=f"VGP/{NFD}", description=HOSTILE)
    assert Author.objects.get(pk=author.pk).name == NFC
    photo = PortalImage.objects.get(pk=photo.pk)
    assert (photo.caption, photo.credit, photo.description) == (NFC, f"VGP/{NFC}", NFC)


def test_a_draft_with_nul_in_its_rich_text_is_saved(section):
    """Wagtail serialises a draft without saving the page; on PostgreSQL a NUL inside the JSON
    would be refused and the editor would lose the draft to a server error."""
    article = ArticlePageFactory(parent=section)
    article.body = [("paragraph", RichText(f"<p>Bản nháp {HOSTILE}</p>"))]
    article.title = f"Bản nháp {HOSTILE}"
    revision = article.save_revision()
    revision.refresh_from_db()
    assert revision.content["title"] == f"Bản nháp {NFC}"
    assert json.loads(revision.content["body"])[0]["value"] == f"<p>Bản nháp {NFC}</p>"
    assert "\\u0000" not in json.dumps(revision.content)
    draft = revision.as_object()
    assert draft.body[0].value.source == f"<p>Bản nháp {NFC}</p>"


@pytest.fixture
def dirty_article(section):
    """An article whose texts were written past the model (QuerySet.update, as a bulk import
    does), so the pages, feeds and API meet the characters themselves. Lone surrogates and NUL
    aside: no database driver writes the first, PostgreSQL refuses the second."""
    article = ArticlePageFactory(parent=section, slug="tin-ky-tu-la")
    dirty = f"Tin {HOSTILE.replace(LONE_SURROGATES, '').replace(chr(0), '')}\ufffe\uffff"
    ArticlePage.objects.filter(pk=article.pk).update(sapo=dirty)
    Page.objects.filter(pk=article.pk).update(title=dirty)
    AuthorFactory(name="Tác giả thường")
    return article


def test_a_page_with_control_characters_still_opens(client, dirty_article):
    response = client.get(dirty_article.url)
    assert response.status_code == 200
    assert "Tin Nghi" in BeautifulSoup(response.content, "html.parser").get_text()


@pytest.mark.parametrize("url", ["/feeds/latest.rss", "/feeds/latest.atom"])
def test_one_control_character_does_not_break_the_feed(client, dirty_article, url):
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    titles = [entry.title for entry in parsed.entries]
    assert any(title.startswith("Tin Nghi") for title in titles)
    assert not any(ch in title for title in titles for ch in "\x00\x01\x1f\ufffe")


def test_the_api_answers_valid_json_with_control_characters(client, dirty_article):
    response = client.get(f"/api/v2/pages/{dirty_article.pk}/")
    assert response.status_code == 200
    assert response.json()["title"].startswith("Tin Nghi")


@pytest.mark.parametrize(
    "query",
    [f"nghị định\x00{BIDI}", HOSTILE, "\ud800", "a" + "\u200b" * 500, NFD],
    ids=["nul-bidi", "everything", "lone-surrogate", "zero-width", "nfd"],
)
def test_search_with_odd_characters_answers_a_page(client, dirty_article, query):
    response = client.get("/search/", {"q": query.encode("utf-8", "surrogatepass")})
    assert response.status_code == 200


def test_search_with_invalid_utf8_answers_a_page(client, dirty_article):
    """%ED%A0%80 is a surrogate encoded as UTF-8, which is not valid UTF-8."""
    response = client.get("/search/?q=ngh%ED%A0%80%00%E2%80%AE")
    assert response.status_code == 200


@pytest.fixture
def open_policy(home_page, settings):
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "MIN_SECONDS": 0}
    policy = PolicyPageFactory(parent=PolicyIndexPageFactory(parent=home_page))
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today - timedelta(days=2), closes_on=today + timedelta(days=9))
    return policy


def test_a_comment_with_nul_and_decomposed_text_is_stored_composed(client, open_policy):
    data, action = form_fields(client, open_policy)
    # Lone surrogates cannot be encoded in a request at all: the next test sends their bytes.
    data.update(
        name=f"Trần\x00 Thị{BIDI} Mai", body=f"Góp ý: {HOSTILE.replace(LONE_SURROGATES, '')}."
    )
    response = client.post(action, data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 303
    comment = Submission.objects.get()
    assert comment.name == "Trần Thị Mai"
    assert comment.body == f"Góp ý: {NFC}."


def test_a_comment_with_invalid_utf8_is_answered_not_failed(client, open_policy):
    """A lone surrogate percent-encoded (%ED%A0%80) is invalid UTF-8: Django decodes it with
    replacement characters; the reader gets an answer, never a server error."""
    data, action = form_fields(client, open_policy)
    data["body"] = "Góp ý có ký tự lỗi"
    body = "&".join(f"{key}={quote(value)}" for key, value in data.items())
    body = body.replace("ky%CC%81", "ky%ED%A0%80%00").replace(quote("lỗi"), "l%ED%B0%80i")
    response = client.post(
        action, body, content_type="application/x-www-form-urlencoded", REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code < 500
    for comment in Submission.objects.all():
        assert "\x00" not in comment.body
        assert not any("\ud800" <= ch <= "\udfff" for ch in comment.body)


def test_the_admin_stores_a_page_title_composed(admin_client, section):
    """Through Wagtail's own page form: NFD and invisible characters in the title."""
    from wagtail.test.utils.form_data import nested_form_data

    url = reverse("wagtailadmin_pages:add", args=("newsroom", "sectionpage", section.pk))
    response = admin_client.post(
        url,
        nested_form_data(
            {
                "title": f"{NFD}\u200b\u202e",
                "slug": "chuyen-muc-nfd",
                "introduction": f"Giới thiệu {NFD}",
            }
        ),
    )
    assert response.status_code in (200, 302)
    page = Page.objects.get(slug="chuyen-muc-nfd")
    assert page.title == NFC
    assert page.get_latest_revision().content["title"] == NFC


def test_an_editor_who_pastes_a_nul_is_told_so_in_vietnamese():
    """Django's own Vietnamese catalogue leaves this message empty (English on the form)."""
    from django import forms
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        forms.CharField().clean("Tiêu đề\x00")
    assert refused.value.messages == ["Không được có ký tự rỗng (NUL) trong nội dung."]
