"""Script typed into any field, by an editor or a reader, stays text: on the public pages, in the
admin's listings, history and revision compare, in the feeds outlets republish, and in the API.

The payloads are stored the way an import or a script would write them (through the models, not
Draftail), so the rich text defences are those of the portal, not only of Wagtail's editor."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from wagtail.blocks import StreamValue, StructBlockValidationError
from wagtail.models import Collection
from wagtail.rich_text import RichText

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from media.models import PortalDocument
from newsroom.blocks import ArticleBodyBlock, RelatedLinkBlock
from policy_pages.models import Submission
from tests.factories import (
    AnswerFactory,
    ArticlePageFactory,
    AuthorFactory,
    IssuingBodyFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    LegalFieldFactory,
    MultimediaIndexPageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    PortalImageFactory,
    PortalMediaFactory,
    SectionPageFactory,
    SubmissionFactory,
    VideoPageFactory,
    milestone,
)
from tests.policy_pages.participation import send

MARK = "alert(9731)"
# Script in text, breaking out of an attribute, and an event handler.
PAYLOAD = f'<script>{MARK}</script>"><img src=x onerror={MARK}>'
SCRIPT_TYPES = {None, "", "text/javascript", "application/javascript", "module"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application")
HOSTILE_RICH_TEXT = (
    f'<p onclick="{MARK}">Đoạn văn có <a href="javascript:{MARK}">liên kết độc</a>, '
    f'<a href=" JaVa\tScRiPt:{MARK}">liên kết giấu</a>, '
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg5NzMxKTwvc2NyaXB0Pg==">dữ liệu</a>'
    f'<script>{MARK}</script><img src=x onerror="{MARK}"><svg onload="{MARK}"></svg>'
    f'<iframe srcdoc="<script>{MARK}</script>"></iframe>'
    '<a href="https://chinhphu.vn/">liên kết an toàn</a></p>'
)


def hostile(label):
    """A field's text: a Vietnamese label (to find it again) and the payload."""
    return f"{label} {PAYLOAD}"


def executable_payloads(html):
    """What in `html` would run the payload in a browser (empty when the page is safe)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        if script.get("type") in SCRIPT_TYPES and MARK in script.get_text():
            found.append(str(script)[:120])
    for tag in soup.find_all(True):
        if tag.name in ("img", "svg", "iframe") and (tag.get("src") == "x" or tag.get("srcdoc")):
            found.append(str(tag)[:120])
        for attribute, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.startswith("on") and MARK in value:
                found.append(f"{tag.name} {attribute}={value}")
            compact = "".join(value.split()).lower()
            if attribute in URL_ATTRIBUTES and compact.startswith(UNSAFE_SCHEMES):
                found.append(f"{tag.name} {attribute}={value[:60]}")
    return found


def shown(html, label):
    """True when the field labelled `label` appears in `html` (as text or in an attribute)."""
    soup = BeautifulSoup(html, "html.parser")
    if label in soup.get_text():
        return True
    return any(label in str(value) for tag in soup.find_all(True) for value in tag.attrs.values())


@pytest.fixture
def world(home_page):
    """One of each thing editors and readers write, every text field holding the payload."""
    section = SectionPageFactory(parent=home_page, title=hostile("Chuyên mục"), slug="thoi-su")
    photo = PortalImageFactory(
        title=hostile("Tên ảnh"),
        caption=hostile("Chú thích ảnh"),
        credit=hostile("Nguồn ảnh"),
        description=hostile("Mô tả ảnh"),
    )
    document = PortalDocument.objects.create(
        title=hostile("Tên tài liệu"),
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="du-thao.pdf"),
        collection=Collection.get_first_root_node(),
    )
    body = [
        ("paragraph", RichText(HOSTILE_RICH_TEXT)),
        ("heading", {"text": hostile("Tiêu đề phụ"), "level": "h2"}),
        ("image", {"image": photo, "caption": hostile("Chú thích trong bài"), "display": "column"}),
        ("pull_quote", {"quote": hostile("Trích dẫn"), "attribution": hostile("Người nói")}),
        (
            "table",
            {
                "data": [[hostile("Ô tiêu đề"), "Năm"], [hostile("Ô dữ liệu"), "2025"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": hostile("Chú thích bảng"),
            },
        ),
        ("document", {"document": document, "title": hostile("Tên tệp đính kèm")}),
        ("related_link", {"page": None, "url": f"javascript:{MARK}", "title": hostile("Xem")}),
    ]
    article = ArticlePageFactory(
        parent=section,
        title=hostile("Tiêu đề bài"),
        slug="bai-viet",
        dateline=hostile("Nơi viết"),
        sapo=hostile("Sa pô"),
        source=hostile("Nguồn tin"),
        image=photo,
        body=body,
        authors=[AuthorFactory(name=hostile("Phóng viên"), slug="phong-vien")],
    )
    article.topics.add(hostile("Chủ đề"))
    article.corrections.create(corrected_at=timezone.now(), text=hostile("Đính chính"))
    article.save()
    article.save_revision().publish()  # two revisions, for history and compare

    media_index = MultimediaIndexPageFactory(parent=home_page)
    video = VideoPageFactory(
        parent=media_index,
        title=hostile("Tên video"),
        slug="video",
        media=PortalMediaFactory(
            video=True, title=hostile("Tệp video"), transcript=hostile("Lời thoại")
        ),
    )

    documents_index = LegalDocumentIndexPageFactory(parent=home_page)
    legal = LegalDocumentPageFactory(
        parent=documents_index,
        title=hostile("Tên văn bản"),
        slug="van-ban-xss",
        issuing_body=IssuingBodyFactory(name=hostile("Cơ quan ban hành")),
        signer=hostile("Người ký"),
        summary=hostile("Trích yếu"),
        full_text=HOSTILE_RICH_TEXT,
    )
    legal.fields.add(LegalFieldFactory(name=hostile("Lĩnh vực")))
    legal.save()

    policies_index = PolicyIndexPageFactory(parent=home_page)
    policy = PolicyPageFactory(
        parent=policies_index,
        title=hostile("Chính sách"),
        slug="chinh-sach-xss",
        summary=hostile("Tóm tắt chính sách"),
    )
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today - timedelta(days=3), closes_on=today + timedelta(days=20))
    SubmissionFactory(
        policy=policy,
        status="da-duyet",
        name=hostile("Người góp ý"),
        organisation=hostile("Tổ chức"),
        body=hostile("Nội dung góp ý"),
    )
    answer = AnswerFactory(policy=policy, explanation=hostile("Giải trình"))
    SubmissionFactory(
        policy=policy,
        kind="hoi-dap",
        status="da-duyet",
        body=hostile("Câu hỏi"),
        answer=answer,
    )
    return {
        "section": section,
        "article": article,
        "video": video,
        "legal": legal,
        "policy": policy,
        "photo": photo,
        "document": document,
    }


# Each public view and the fields it shows (the labels given to hostile() above).
PUBLIC_VIEWS = {
    "article": (
        lambda w: w["article"].url,
        [
            "Tiêu đề bài", "Nơi viết", "Sa pô", "Nguồn tin", "Đoạn văn có", "Tiêu đề phụ",
            "Chú thích trong bài", "Nguồn ảnh", "Trích dẫn", "Người nói", "Ô tiêu đề",
            "Ô dữ liệu", "Chú thích bảng", "Tên tệp đính kèm", "Phóng viên", "Chủ đề",
            "Đính chính", "Chuyên mục", "Chú thích ảnh",
        ],
    ),
    "section": (lambda w: w["section"].url, ["Chuyên mục", "Tiêu đề bài"]),
    "home": (lambda w: "/", ["Tiêu đề bài"]),
    "topic": (lambda w: f"/chu-de/{w['article'].topic_list[0].slug}/", ["Chủ đề", "Tiêu đề bài"]),
    "author": (lambda w: "/tac-gia/phong-vien/", ["Phóng viên", "Tiêu đề bài"]),
    "video": (lambda w: w["video"].url, ["Tên video", "Lời thoại"]),
    "legal document": (
        lambda w: w["legal"].url,
        ["Tên văn bản", "Cơ quan ban hành", "Người ký", "Trích yếu", "Lĩnh vực", "Đoạn văn có"],
    ),
    "policy": (
        lambda w: w["policy"].url,
        ["Chính sách", "Tóm tắt chính sách", "Người góp ý", "Nội dung góp ý", "Câu hỏi"],
    ),
    "search": (lambda w: "/search/?q=script", ["Tiêu đề bài"]),
}  # fmt: skip


@pytest.mark.parametrize("view", PUBLIC_VIEWS)
def test_payloads_in_every_field_stay_text_on_public_pages(client, world, view):
    url_of, labels = PUBLIC_VIEWS[view]
    response = client.get(url_of(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert executable_payloads(html) == []
    missing = [label for label in labels if not shown(html, label)]
    assert missing == [], f"{view} does not show {missing}: the test would prove nothing"


def test_rich_text_keeps_no_script_link_or_event_handler_once_stored(world):
    """Stored through the model, as an import writes it: only the safe link is left."""
    for html in (world["article"].body[0].value.source, world["legal"].full_text):
        assert executable_payloads(html) == []
        soup = BeautifulSoup(html, "html.parser")
        assert [a.get("href") for a in soup.find_all("a")] == [
            None,
            None,
            None,
            "https://chinhphu.vn/",
        ]
        assert "liên kết độc" in soup.get_text()  # the words stay, without the link
        assert not soup.find_all(["script", "img", "svg", "iframe"])
        assert all(not a.startswith("on") for t in soup.find_all(True) for a in t.attrs)


def test_a_javascript_address_cannot_be_saved_in_a_link_block_and_is_never_a_link(world):
    block = RelatedLinkBlock()
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({"page": None, "url": f"javascript:{MARK}", "title": "Xem"}))
    assert "url" in refused.value.block_errors
    stored = world["article"].body[6].value
    assert stored["url"] == ""  # written by code, emptied on save
    html = BeautifulSoup(world["article"].body[6].render(), "html.parser")
    assert html("a") == []  # no link to nowhere either


def test_a_data_address_cannot_be_saved_in_a_link_block(db):
    body = ArticleBodyBlock()
    value = StreamValue(
        body, [("related_link", {"page": None, "url": "data:text/html,<b>x</b>", "title": "Xem"})]
    )
    with pytest.raises(ValidationError):
        body.clean(value)


FEEDS = ["/feeds/latest.rss", "/feeds/latest.atom", "/feeds/legal-documents.rss"]


@pytest.mark.parametrize("url", FEEDS)
def test_feed_items_carry_the_payload_as_inert_html(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    root = etree.fromstring(response.content)  # well-formed XML
    html_parts, text_parts = [], []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        # RSS description and content:encoded, Atom content and summary of type "html", are the
        # HTML a reader shows; titles are text (Atom says so with type="text").
        if (name == "encoded" or (name == "description" and element.get("type") != "plain")) or (
            name in ("content", "summary") and element.get("type") in ("html", "xhtml")
        ):
            html_parts.append(element.text or "")
        elif name == "title":
            assert element.get("type") in (None, "text")
            text_parts.append(element.text or "")
    assert any("Đoạn văn có" in html or "Trích yếu" in html for html in html_parts)
    assert any("<script>" in text for text in text_parts)  # a title keeps its words, as text
    for html in html_parts:
        assert executable_payloads(html) == [], html[:200]


def test_api_body_html_carries_no_script_or_event_handler(client, world):
    for page, html_field in ((world["article"], "body"), (world["legal"], "full_text")):
        data = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert "<script" in data["title"]  # a title is text; the consumer escapes it
        assert "Đoạn văn có" in data[html_field]
        assert executable_payloads(data[html_field]) == []


def admin_views(world):
    article, photo, document = world["article"], world["photo"], world["document"]
    revisions = list(article.revisions.order_by("pk").values_list("pk", flat=True))
    return {
        "page listing": (
            reverse("wagtailadmin_explore", args=[world["section"].pk]),
            ["Tiêu đề bài"],
        ),
        "page edit": (
            reverse("wagtailadmin_pages:edit", args=[article.pk]),
            ["Tiêu đề bài", "Sa pô"],
        ),
        "history": (reverse("wagtailadmin_pages:history", args=[article.pk]), ["Tiêu đề bài"]),
        "revision compare": (
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[article.pk, revisions[0], revisions[-1]],
            ),
            ["Tiêu đề bài"],
        ),
        "images": (reverse("wagtailimages:index"), ["Tên ảnh"]),
        "image edit": (reverse("wagtailimages:edit", args=[photo.pk]), ["Chú thích ảnh"]),
        "documents": (reverse("wagtaildocs:index"), ["Tên tài liệu"]),
        "media": (reverse("wagtailmedia:index"), ["Tệp video"]),
        "authors": (reverse("wagtailsnippets_newsroom_author:list"), ["Phóng viên"]),
        "issuing bodies": (
            reverse("wagtailsnippets_policy_pages_issuingbody:list"),
            ["Cơ quan ban hành"],
        ),
        "legal fields": (reverse("wagtailsnippets_policy_pages_legalfield:list"), ["Lĩnh vực"]),
        "moderation queue": (
            reverse("wagtailsnippets_policy_pages_submission:list") + "?status=da-duyet",
            ["Người góp ý"],
        ),
        "search": (reverse("wagtailadmin_pages:search") + "?q=Tiêu+đề+bài", ["Tiêu đề bài"]),
        "document edit": (reverse("wagtaildocs:edit", args=[document.pk]), ["Tên tài liệu"]),
    }


ADMIN_VIEWS = [
    "page listing", "page edit", "history", "revision compare", "images", "image edit",
    "documents", "media", "authors", "issuing bodies", "legal fields", "moderation queue",
    "search", "document edit",
]  # fmt: skip


@pytest.mark.parametrize("view", ADMIN_VIEWS)
def test_payloads_stay_text_in_the_admin(admin_client, world, view):
    url, labels = admin_views(world)[view]
    response = admin_client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert executable_payloads(html) == []
    missing = [label for label in labels if not shown(html, label)]
    assert missing == [], f"{view} does not show {missing}: the test would prove nothing"


def test_a_reader_s_payload_sent_through_the_form_is_kept_as_text_once_approved(
    client, world, settings
):
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "MIN_SECONDS": 0}
    policy = world["policy"]
    response = send(
        client, policy, name=hostile("Người gửi biểu mẫu"), body=hostile("Góp ý qua biểu mẫu")
    )
    assert response.status_code == 303
    sent = Submission.objects.get(body__startswith="Góp ý qua biểu mẫu")
    assert sent.body == hostile("Góp ý qua biểu mẫu")  # the reader's words, untouched
    Submission.objects.filter(pk=sent.pk).update(status="da-duyet")
    html = client.get(policy.url).content.decode()
    assert shown(html, "Góp ý qua biểu mẫu")
    assert executable_payloads(html) == []


def test_rich_text_from_code_loses_what_a_browser_would_run_and_keeps_what_draftail_writes():
    from core.rich_text import sanitise_rich_text

    # A browser ends `<![CDATA[>` at the first ">": what follows would be a live element.
    cdata = f"<p><![CDATA[><img src=x onerror={MARK}>]]>Chữ</p>"
    assert MARK not in sanitise_rich_text(cdata)
    assert "Chữ" in sanitise_rich_text(cdata)
    # Image and media embeds: no portal rich text has them, and a bad one breaks every feed.
    embed = '<p>Trước</p><embed embedtype="image" id="abc" format="bogus"/><p>Sau</p>'
    assert sanitise_rich_text(embed) == "<p>Trước</p><p>Sau</p>"
    # Draftail's own body comes back as it was, block keys (comments' anchors) included.
    draftail = (
        '<p data-block-key="a1b2c">Đoạn <a linktype="page" id="3">một</a></p>'
        '<ul><li data-block-key="x9y8z">mục</li></ul>'
    )
    assert sanitise_rich_text(draftail) is draftail
    hostile_key = '<p data-block-key="x" onclick="y">z</p><p data-block-key="a b">c</p>'
    assert sanitise_rich_text(hostile_key) == '<p data-block-key="x">z</p><p>c</p>'
