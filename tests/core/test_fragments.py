"""Parts of a page kept apart from it (core/fragments.py): the same page under another address
(`?utm_source=…`) renders from them, a change renews only the parts that show it, and nobody
logged in ever reads or keeps one."""

import re

from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from core import cache_tags, fragments, tag_clock
from core.page_cache import PageCacheMiddleware
from newsroom.models import ArticlePage, HomePage
from policy_pages import home as policy_home
from policy_pages.moderation import moderate
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    PortalImageFactory,
    SectionPageFactory,
    SubmissionFactory,
    open_for_comment,
)

pytestmark = pytest.mark.usefixtures("page_cache_on")


@pytest.fixture
def section(home_page):
    economy = SectionPageFactory(parent=home_page, title="Kinh tế", slug="kinh-te")
    for number, title in enumerate(
        ["Xuất khẩu nông sản tăng mạnh", "Giá điện điều chỉnh từ tháng sau", "Cảng biển mở rộng"]
    ):
        ArticlePageFactory(parent=economy, title=title, slug=f"tin-{number}")
    return economy


def story_queries(client, url):
    """The response, and the SQL it made that read stories."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured.captured_queries if "articlepage" in q["sql"]]


def test_a_page_under_another_address_takes_its_stories_from_the_kept_part(client, section):
    first, first_sql = story_queries(client, section.url + "?utm_source=zalo")
    again, again_sql = story_queries(client, section.url + "?fbclid=IwAR0abc")

    assert again["X-Page-Cache"] == "miss"  # another address: the page renders
    assert first_sql and not again_sql  # but its stories come from the kept fragment
    for title in ("Xuất khẩu nông sản tăng mạnh", "Cảng biển mở rộng"):
        assert title in again.text
    assert first.text == again.text


def test_the_page_number_is_its_own_fragment(client, section):
    for n in range(25):
        ArticlePageFactory(parent=section, title=f"Tin kinh tế số {n}", slug=f"tin-so-{n}")
    first = client.get(section.url).text
    second = client.get(section.url + "?page=2").text

    # The factory's stories are each an hour older than the one before.
    assert "Tin kinh tế số 0" in first and "Tin kinh tế số 24" not in first
    assert "Tin kinh tế số 24" in second and "Tin kinh tế số 0" not in second
    assert "Trang 1 / 2" in first and "Trang 2 / 2" in second


def test_a_story_in_one_section_renews_the_home_page_s_stories_not_its_other_parts(
    client, home_page, section, committed, monkeypatch
):
    index = LegalDocumentIndexPageFactory(parent=home_page)
    LegalDocumentPageFactory(parent=index, title="Nghị định về kinh tế số")
    calls = {"documents": 0, "sections": 0}
    latest_documents, section_stories = policy_home._latest_documents, HomePage.section_stories

    def counted(name, make):
        def call(*args):
            calls[name] += 1
            return make(*args)

        return call

    monkeypatch.setattr(policy_home, "_latest_documents", counted("documents", latest_documents))
    monkeypatch.setattr(HomePage, "section_stories", counted("sections", section_stories))
    assert "Nghị định về kinh tế số" in client.get("/?n=1").text
    assert calls == {"documents": 1, "sections": 1}

    story = ArticlePageFactory(parent=section, title="Doanh nghiệp số tăng nhanh", slug="dn-so")
    committed(lambda: story.save_revision().publish())
    page = client.get("/?n=2").text

    assert page.count("Doanh nghiệp số tăng nhanh") >= 2  # the latest stories and its section
    assert "Nghị định về kinh tế số" in page
    assert calls == {"documents": 1, "sections": 2}  # the documents block stayed kept


def test_an_approved_comment_shows_on_its_policy_under_any_address(
    client, home_page, committed, django_user_model
):
    policy = open_for_comment(home_page, "Chính sách hỗ trợ doanh nghiệp nhỏ")
    comment = SubmissionFactory(policy=policy, body="Đề nghị giảm thủ tục đăng ký kinh doanh.")
    assert "Đề nghị giảm thủ tục" not in client.get(policy.url + "?n=1").text
    moderator = django_user_model.objects.create_user("kiem-duyet", password="x")
    committed(lambda: moderate([comment], "da-duyet", moderator))

    assert "Đề nghị giảm thủ tục đăng ký kinh doanh." in client.get(policy.url + "?n=2").text


def test_editors_neither_read_nor_keep_fragments(section, admin_client):
    client = Client()  # a reader, beside the editor
    client.get(section.url + "?n=1")
    # A change that renews nothing (no signal): only what is rendered afresh shows it.
    ArticlePage.objects.filter(slug="tin-0").update(title="Xuất khẩu gạo đạt kỷ lục")

    assert "Xuất khẩu gạo đạt kỷ lục" in admin_client.get(section.url + "?n=2").text
    # The editor's render was not kept: readers still get the kept part until it is renewed.
    assert "Xuất khẩu nông sản tăng mạnh" in client.get(section.url + "?n=3").text


def test_a_page_made_of_older_fragments_is_kept_only_for_what_is_left(
    client, section, settings, monkeypatch, far_from_midnight
):
    client.get(section.url + "?n=1")
    later = fragments.time.time() + 500
    monkeypatch.setattr(fragments.time, "time", lambda: later)

    response = client.get(section.url + "?n=2")
    assert response["X-Page-Cache"] == "miss"
    s_maxage = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
    assert settings.PAGE_CACHE_SECONDS - 500 - 5 <= s_maxage <= settings.PAGE_CACHE_SECONDS - 500


def test_a_body_photo_s_new_credit_shows_under_any_address(client, section, committed):
    """The body's photos are fetched before the body renders: the kept body carries their tags
    all the same (what the page read before a fragment counts for it)."""
    photo = PortalImageFactory(caption="Nông dân thu hoạch lúa", credit="TTXVN/Vũ Sinh")
    story = ArticlePageFactory(
        parent=section, slug="vu-mua", body=[("image", {"image": photo, "caption": ""})]
    )
    assert "Ảnh: TTXVN/Vũ Sinh" in client.get(story.url + "?n=1").text
    photo.credit = "VGP/Nguyễn Minh Anh"
    committed(photo.save)

    assert "Ảnh: VGP/Nguyễn Minh Anh" in client.get(story.url + "?n=2").text


def test_a_story_under_another_address_reads_nothing_but_its_page(client, section):
    """Its head, corrections, body, byline and related stories are kept parts: what the body
    refers to (photos, files, links) is not even read."""
    photo = PortalImageFactory(caption="Nông dân thu hoạch lúa", credit="TTXVN/Vũ Sinh")
    story = ArticlePageFactory(
        parent=section, slug="vu-mua", body=[("image", {"image": photo, "caption": ""})]
    )
    story.topics.add("Nông nghiệp")
    story.save()
    first = client.get(story.url + "?n=1")
    with CaptureQueriesContext(connection) as captured:
        again = client.get(story.url + "?n=2")

    read = " ".join(q["sql"] for q in captured.captured_queries)
    for table in ("media_portalimage", "newsroom_topic", "newsroom_articleauthor"):
        assert f'FROM "{table}"' not in read  # (the page's own query joins its lead photo)
    assert "newsroom_articlecorrection" not in read
    assert "Ảnh: TTXVN/Vũ Sinh" in again.text and "Nông nghiệp" in again.text
    assert first.text == again.text


def test_a_renamed_author_shows_in_the_byline_under_any_address(client, section, committed):
    reporter = AuthorFactory(name="Phạm Quang Huy")
    story = ArticlePageFactory(parent=section, slug="tin-co-tac-gia", authors=[reporter])
    assert "Phạm Quang Huy</a></p>" in client.get(story.url + "?n=1").text
    reporter.name = "Phạm Quang Huy (TTXVN)"
    committed(reporter.save)

    byline = re.search(
        r'<p class="article__byline">(.*?)</p>', client.get(story.url + "?n=2").text
    ).group(1)
    assert "Phạm Quang Huy (TTXVN)" in byline


def test_a_part_made_while_its_page_changed_is_not_kept_as_fresh(client, section, monkeypatch):
    """A part shows the page that was read before it: one renewed between the two (another
    process publishing) leaves the part made meanwhile stale."""
    story = ArticlePage.objects.get(slug="tin-0")
    made = []
    body_context = ArticlePage.body_context

    def meanwhile(page):
        if not made:  # the first render: the story is republished as it renders
            tag_clock.write_renewal([cache_tags.page_tag(page.pk)], hard=False)
        made.append(page.pk)
        return body_context(page)

    monkeypatch.setattr(ArticlePage, "body_context", meanwhile)
    client.get(story.url + "?n=1")
    client.get(story.url + "?n=2")
    assert len(made) == 2  # made again: the first was not kept as fresh


def test_no_part_is_kept_from_an_answer_that_is_not_shared(rf, db, page_cache_on):
    makes = []

    def view(request):
        part = fragments.render_one(
            request, "essai", (), "components/pagination.html", lambda: makes.append(1) or {}
        )
        response = HttpResponse(f"<main>{part}</main>")
        response.set_cookie("ghi-nho", "1")  # a reader's cookie: the answer is never shared
        return response

    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/thu/?n=1"))
    middleware(rf.get("/thu/?n=2"))
    assert makes == [1, 1]


def test_each_page_s_kept_header_marks_its_own_section(client, home_page, section):
    society = SectionPageFactory(parent=home_page, title="Xã hội", slug="xa-hoi")
    for url in (section.url, society.url, section.url + "?n=2", society.url + "?n=2"):
        current = re.findall(r'<a href="([^"]+)" aria-current="page">', client.get(url).text)
        assert current == [url.split("?")[0]], url
