"""Every feed /feeds/ lists is one the W3C Feed Validator accepts: RSS 2.0, Atom (RFC 4287)
and the podcast (Apple's rules), with their enclosures, read as outlets read them. The list is
taken from /feeds/ itself, so a new kind of feed is checked as soon as it is listed; the rules
are in feed_rules.py (and their own tests in test_feed_rules.py)."""

import datetime as dt

from django.utils import timezone

import pytest
from lxml import etree

from core.models import SiteSettings
from policy_pages.models import Answer, PolicyLegalDocument, PolicyRelatedArticle
from tests.factories import IssuingBodyFactory, SubmissionFactory, milestone
from tests.syndication.feed_rules import NS, feed_problems
from tests.syndication.test_feeds import every_feed_url

ROOT = "http://localhost/feeds/"
TERMS = "Đăng lại tin, ảnh phải ghi rõ nguồn Chinhphu.vn và dẫn đường link về bài gốc."


def use_terms_and_contact(site):
    settings = SiteSettings.for_site(site)
    settings.reuse_terms = TERMS
    settings.email = "thongtin@chinhphu.example.vn"  # the podcast's owner
    settings.save()


@pytest.fixture
def portal(newsroom):
    """The newsroom, with the usage terms and contact address set, and a policy that has come
    a long way: a drafting step, guidance, a ministry's answer, a reader's answered question,
    its document and the news about it."""
    use_terms_and_contact(newsroom["home"].get_site())
    policy, today = newsroom["policy"], timezone.localdate()
    milestone(policy, "soan-thao", today - dt.timedelta(days=40), note="Ban soạn thảo họp.")
    policy.guidance_notes.create(
        title="Hướng dẫn đăng ký hồ sơ", published_on=today, text="Các bước đăng ký trực tuyến."
    )
    policy.questions.create(
        question="Hộ kinh doanh có được hưởng chính sách không?",
        answer="Có, theo mẫu rút gọn.",
        answered_by=IssuingBodyFactory(name="Bộ Tài chính"),
        answered_on=today - dt.timedelta(days=2),
    )
    PolicyLegalDocument.objects.create(page=policy, document=newsroom["document"], role="ban-hanh")
    PolicyRelatedArticle.objects.create(page=policy, article=newsroom["article"])
    question = SubmissionFactory(policy=policy, kind="hoi-dap", status="da-duyet")
    question.answer = Answer.objects.create(
        policy=policy, outcome="tra-loi", explanation="Có, từ ngày nghị định có hiệu lực."
    )
    question.save()
    policy.save_revision().publish()
    return newsroom


def problems_of_every_feed(client):
    """{address: its problems} for every feed /feeds/ lists, and nothing for the valid ones."""
    found = {}
    for url in every_feed_url(client):
        response = client.get("/feeds/" + url)
        assert response.status_code == 200, url
        found[url] = feed_problems(response.content, ROOT + url)
    return found


def test_every_listed_feed_is_valid_rss_atom_or_podcast(client, portal):
    checked = problems_of_every_feed(client)
    assert {url: problems for url, problems in checked.items() if problems} == {}
    kinds = {url.split("?")[0] for url in checked}
    for expected in [
        "latest.rss",
        "latest.atom",
        "section/thoi-su.atom",
        "topic/chuyen-doi-so.rss",
        "policy/chinh-sach-so.atom",
        "legal-documents.atom",
        "multimedia/video.atom",
        "multimedia/am-thanh.rss",
        "multimedia/anh.atom",
        "multimedia/infographic.rss",
        "podcast.rss",
    ]:
        assert expected in kinds
    assert any("?loai=" in url for url in checked) and any("?co-quan=" in url for url in checked)
    print(f"{len(checked)} feeds validated")  # the count the report gives (pytest -rP)


def entry_links(client, url, page):
    """The Atom links of `page`'s entry in the feed at `url`, as (rel, type, length)."""
    feed = etree.fromstring(client.get(url).content)
    for entry in feed.iterfind("atom:entry", NS):
        links = entry.findall("atom:link", NS)
        if page.get_full_url() in [link.get("href") for link in links]:
            return [
                (link.get("rel", "alternate"), link.get("type"), link.get("length"))
                for link in links
            ]
    raise AssertionError(f"{page} is not in {url}")


def test_an_atom_entry_carries_its_media_file_as_an_enclosure_beside_one_alternate(client, portal):
    """feedgen 1.0.0 wrote the file as a second alternate link, without type or size."""
    for page, kind in [(portal["video"], "video/mp4"), (portal["audio"], "audio/mpeg")]:
        for url in ["/feeds/latest.atom", f"/feeds/multimedia/{page.kind_slug}.atom"]:
            links = entry_links(client, url, page)
            assert links == [("alternate", None, None), ("enclosure", kind, "64")], url


def test_the_usage_terms_are_in_every_feed(client, portal):
    for url in every_feed_url(client):
        root = etree.fromstring(client.get("/feeds/" + url).content)
        if root.tag == "rss":
            assert root.findtext("channel/dc:rights", None, NS) == TERMS, url
            assert root.findtext("channel/copyright") == TERMS, url
        else:
            assert root.findtext("atom:rights", None, NS) == TERMS, url


def test_feeds_with_nothing_in_them_yet_are_valid(client, section):
    """A new section, or a portal before its first bulletin: a feed with no item."""
    use_terms_and_contact(section.get_site())
    checked = problems_of_every_feed(client)
    assert "section/thoi-su.atom" in checked and "podcast.rss" in checked
    assert {url: problems for url, problems in checked.items() if problems} == {}


def test_control_characters_in_a_caption_leave_every_feed_valid(client, portal):
    image = portal["article"].image
    # XML 1.0 allows none of these (NUL aside: PostgreSQL refuses to store it).
    image.caption = "Chú thích\x01 có\x0b ký tự điều khiển\x1f\ufffe"
    image.save()
    checked = problems_of_every_feed(client)
    assert {url: problems for url, problems in checked.items() if problems} == {}
    assert "Chú thích có ký tự điều khiển" in client.get("/feeds/latest.rss").text
