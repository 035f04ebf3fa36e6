"""A change renews every cached page that shows what changed, and only those: for each kind of
change, the pages that display the changed item are rendered again and an unrelated story
stays cached (core/cache_tags.py, core/cache_renewal.py)."""

import pytest

from core import cache_tags, tag_clock, tag_memory
from core.models import SiteSettings
from newsroom.models import Topic
from policy_pages.models import Submission
from policy_pages.moderation import moderate
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    IssuingBodyFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    PolicyPageFactory,
    PortalImageFactory,
    SectionPageFactory,
    SubmissionFactory,
    open_for_comment,
)

pytestmark = pytest.mark.usefixtures("page_cache_on")


@pytest.fixture
def site(home_page):
    """Two sections, a story in each sharing no topic, author or photo, and a topic page."""
    economy = SectionPageFactory(parent=home_page, title="Kinh tế", slug="kinh-te")
    society = SectionPageFactory(parent=home_page, title="Xã hội", slug="xa-hoi")
    topic = Topic.objects.create(name="Kinh tế số", slug="kinh-te-so")
    story = ArticlePageFactory(
        parent=economy,
        title="Doanh nghiệp số tăng nhanh trong năm",
        slug="doanh-nghiep-so",
        authors=[AuthorFactory(name="Phạm Quang Huy")],
        image=PortalImageFactory(title="Ảnh doanh nghiệp số", credit="VGP/Minh Anh"),
    )
    story.topics.add(topic)
    story.save_revision().publish()
    unrelated = ArticlePageFactory(
        parent=society,
        title="Trường học vùng cao đón năm học mới",
        slug="truong-hoc-vung-cao",
        authors=[AuthorFactory(name="Lò Thị Hoa")],
        image=PortalImageFactory(title="Ảnh trường học", credit="VGP/Lan Anh"),
    )
    return {
        "home": home_page,
        "economy": economy,
        "society": society,
        "topic": topic,
        "story": story,
        "unrelated": unrelated,
        "topic_url": topic.get_absolute_url(),
    }


def cached(client, *urls):
    """Visit each address until it is served from the page cache."""
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def state(client, url):
    return client.get(url)["X-Page-Cache"]


def test_a_new_story_renews_its_listings_and_leaves_other_stories_cached(client, site, committed):
    urls = [site["home"].url, site["economy"].url, "/feeds/latest.rss", site["unrelated"].url]
    urls += [site["society"].url, site["topic_url"]]
    cached(client, *urls)
    newer = ArticlePageFactory(
        parent=site["economy"], title="Sàn thương mại điện tử mới ra mắt", slug="san-moi"
    )
    newer.topics.add(site["topic"])
    committed(lambda: newer.save_revision().publish())

    for url in (site["home"].url, site["economy"].url, "/feeds/latest.rss", site["topic_url"]):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Sàn thương mại điện tử mới ra mắt" in response.text, url
    assert state(client, site["unrelated"].url) == "hit"
    assert state(client, site["society"].url) == "hit"  # another section's listing


def test_a_correction_renews_every_page_that_shows_the_story(client, site, committed):
    story = site["story"]
    urls = [story.url, site["home"].url, site["economy"].url, site["topic_url"]]
    cached(client, *urls, site["unrelated"].url)
    story.title = "Doanh nghiệp số tăng nhanh nhất khu vực"
    committed(lambda: story.save_revision().publish())

    for url in urls:
        assert "Doanh nghiệp số tăng nhanh nhất khu vực" in client.get(url).text, url
    assert state(client, site["unrelated"].url) == "hit"


def test_a_withdrawn_story_leaves_every_page_that_showed_it(client, site, committed):
    story = site["story"]
    showing = [site["home"].url, site["economy"].url, site["topic_url"], "/feeds/latest.rss"]
    cached(client, story.url, *showing, site["unrelated"].url)
    committed(story.unpublish)

    assert client.get(story.url).status_code == 404
    for url in showing:
        assert story.title not in client.get(url).text, url
    assert state(client, site["unrelated"].url) == "hit"


def test_a_moved_story_leaves_its_old_section_for_the_new(client, site, committed):
    story = site["story"]
    cached(client, site["economy"].url, site["society"].url, site["unrelated"].url)
    committed(lambda: story.move(site["society"], pos="last-child"))

    assert story.title not in client.get(site["economy"].url).text
    assert story.title in client.get(site["society"].url).text
    assert state(client, site["unrelated"].url) == "hit"


def test_a_renamed_byline_renews_the_pages_that_show_it(client, site, committed):
    author = site["story"].authors[0]
    cached(client, site["story"].url, site["economy"].url, site["unrelated"].url)
    author.name = "Phạm Quang Huy (TTXVN)"
    committed(author.save)

    assert "Phạm Quang Huy (TTXVN)" in client.get(site["story"].url).text
    assert state(client, site["unrelated"].url) == "hit"


def test_a_photo_credit_renews_the_pages_that_show_the_photo(client, site, committed):
    photo = site["story"].image
    cached(client, site["story"].url, site["unrelated"].url)
    photo.credit = "VGP/Nguyễn Minh Anh"
    committed(photo.save)

    assert "VGP/Nguyễn Minh Anh" in client.get(site["story"].url).text
    assert state(client, site["unrelated"].url) == "hit"


def test_a_moderated_comment_renews_its_policy_only(client, site, committed, django_user_model):
    policy = open_for_comment(site["home"], "Chính sách hỗ trợ doanh nghiệp nhỏ")
    other = PolicyPageFactory(
        parent=policy.get_parent(), title="Chính sách nhà ở xã hội", slug="nha-o-xa-hoi"
    )
    comment = SubmissionFactory(policy=policy, body="Đề nghị giảm thủ tục đăng ký kinh doanh.")
    cached(client, policy.url, other.url, site["home"].url, site["unrelated"].url)
    moderator = django_user_model.objects.create_user("kiem-duyet", password="x")
    committed(lambda: moderate([comment], "da-duyet", moderator))

    assert state(client, policy.url) == "miss"
    for url in (other.url, site["home"].url, site["unrelated"].url):
        assert state(client, url) == "hit", url


def test_a_pending_comment_rejected_renews_nothing_and_one_taken_back_leaves_at_once(
    client, site, committed, django_user_model
):
    policy = open_for_comment(site["home"], "Chính sách hỗ trợ doanh nghiệp nhỏ")
    spam = SubmissionFactory(policy=policy, body="Quảng cáo vay tiền nhanh, lãi suất thấp.")
    shown = SubmissionFactory(
        policy=policy, body="Đề nghị rút ngắn thời hạn cấp phép.", status="da-duyet"
    )
    cached(client, policy.url)
    moderator = django_user_model.objects.create_user("kiem-duyet", password="x")
    committed(lambda: moderate([spam], "spam", moderator))  # never shown: nothing changes
    assert state(client, policy.url) == "hit"

    # Read as pending by one moderator, approved since by another, then rejected: it was shown.
    Submission.objects.filter(pk=shown.pk).update(status="cho-duyet")
    stale_read = Submission.objects.get(pk=shown.pk)
    Submission.objects.filter(pk=shown.pk).update(status="da-duyet")
    committed(lambda: moderate([stale_read], "tu-choi", moderator))
    response = client.get(policy.url)
    assert response["X-Page-Cache"] == "miss"  # hard: not even served stale meanwhile
    assert "Đề nghị rút ngắn thời hạn cấp phép." not in response.text


def test_a_new_issuing_body_joins_the_document_filters_with_its_first_document(
    client, site, committed
):
    """The filters offer only what finds a document (policy_pages/facets.py)."""
    index = LegalDocumentIndexPageFactory(parent=site["home"], title="Văn bản", slug="van-ban")
    cached(client, index.url, site["unrelated"].url)
    body = IssuingBodyFactory(name="Bộ Khoa học và Công nghệ")
    document = LegalDocumentPageFactory(parent=index, issuing_body=body, live=False)
    assert "Bộ Khoa học và Công nghệ" not in client.get(index.url).text
    committed(lambda: document.save_revision().publish())

    assert "Bộ Khoa học và Công nghệ (1)" in client.get(index.url).text
    assert state(client, site["unrelated"].url) == "hit"


def test_the_site_settings_renew_every_page(client, site, committed):
    cached(client, site["unrelated"].url, site["home"].url)
    settings_ = SiteSettings.for_site(site["home"].get_site())
    committed(settings_.save)

    assert state(client, site["unrelated"].url) == "miss"
    assert state(client, site["home"].url) == "miss"


def test_a_kept_page_names_what_it_shows_for_varnish(client, site, settings):
    settings.FRONTEND_CACHE_URLS = ["http://127.0.0.1:6091"]
    tags = client.get(site["economy"].url)["xkey"].split()
    assert {"all", f"page-{site['economy'].pk}", f"under-{site['economy'].pk}"} <= set(tags)
    assert f"page-{site['story'].pk}" in tags  # listed there
    assert f"page-{site['unrelated'].pk}" not in tags
    assert client.get(site["economy"].url)["xkey"] == " ".join(tags)  # a hit carries them too


def test_a_render_while_a_tag_was_renewed_is_not_kept_fresh(rf, db):
    """The clock is read before the render: a change committed meanwhile renews the entry."""
    stamp = cache_tags.clock()
    cache_tags._renew({"page-42"}, hard=False)
    cache_tags.store("test:raced", stamp, 60, {"all", "page-42"}, body="cũ")
    assert cache_tags.lookup("test:raced")[2] is False
    cache_tags.store("test:after", cache_tags.clock(), 60, {"all", "page-42"}, body="mới")
    assert cache_tags.lookup("test:after")[2] is True


def test_an_answer_showing_thousands_of_items_is_tagged_by_kind(db):
    """A sitemap of thousands of pages: its tags are read on every hit and sent to Varnish."""
    from media.models import PortalImage  # noqa: F401  (registered: tagged on read)

    shown = {"all", "under-3"} | {f"page-{n}" for n in range(5000)}
    shown |= {f"portalimage-{n}" for n in range(400)}
    assert cache_tags.bounded(shown) == {"all", "under-3", "publications", "portalimage-any"}
    few = {"all", "page-1", "portalimage-2"}
    assert cache_tags.bounded(few) == few


def test_a_new_decree_renews_the_page_of_the_decree_it_amends(client, home_page, committed):
    """The older document's page lists the documents that amend it: its cached copy goes."""
    from tests.factories import LegalDocumentPageFactory, relate

    index = LegalDocumentIndexPageFactory(parent=home_page, title="Văn bản", slug="van-ban")
    older = LegalDocumentPageFactory(parent=index, title="Nghị định về quản lý giá", slug="nd-gia")
    cached(client, older.url)
    newer = LegalDocumentPageFactory(
        parent=index,
        title="Nghị định sửa đổi quy định về quản lý giá",
        slug="nd-sua-gia",
        live=False,
    )
    relate(newer, "amends", older)

    committed(lambda: newer.save_revision().publish())

    response = client.get(older.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nghị định sửa đổi quy định về quản lý giá" in response.text


def test_a_section_moved_renews_the_pages_below_it(client, site, committed):
    """Every story below changes address (and might go behind a restriction)."""
    story = site["story"]
    old_url = story.url
    cached(client, old_url)
    committed(lambda: site["economy"].move(site["society"], pos="last-child"))

    response = client.get(old_url)
    assert response.status_code == 301  # Wagtail's redirect to the new address, not the copy


def test_a_cache_that_does_not_answer_the_renewals_serves_nothing_as_fresh(db, monkeypatch):
    """django-redis answers {} when Redis times out: that must not read as "never renewed"."""
    from django.core.cache import cache

    cache_tags.store("test:kept", cache_tags.clock(), 60, {"all", "page-9"}, body="cũ")
    real_get_many = cache.get_many
    calls = []

    def flaky(keys):
        calls.append(keys)
        return real_get_many(keys) if len(calls) == 1 else {}

    monkeypatch.setattr(cache, "get_many", flaky)
    entry, _stamp, fresh = cache_tags.lookup("test:kept")
    assert entry is not None and fresh is False
    assert cache_tags.withdrawn_since(entry) is True


def test_a_hit_costs_one_round_trip_until_another_process_renews_one_of_its_tags(db, monkeypatch):
    """The tags' renewals read with one value of the clock stand while the clock does: a
    renewal moves it, wherever it was made."""
    from django.core.cache import cache

    # As on django-redis, whose renewals are atomic (the tests' local cache is not: off there).
    monkeypatch.setattr(tag_memory, "_atomic", True)
    stamp = cache_tags.clock()
    cache_tags.store("answer", stamp, 600, {"page-7", "under-3"}, value="Trang chủ")
    assert cache_tags.lookup("answer")[2]  # fresh: the tags' values now known here
    trips = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: trips.append(keys) or get_many(keys))

    entry, _now, fresh = cache_tags.lookup("answer")
    assert fresh and entry["value"] == "Trang chủ" and len(trips) == 1

    tag_clock.write_renewal(["page-7"], hard=False)  # as another process would: no signal here
    assert cache_tags.lookup("answer")[2] is False
    assert len(trips) == 3  # the moved clock sent this process back for the tags' values


def test_a_kept_value_read_again_under_the_same_clock_costs_no_round_trip(db, monkeypatch):
    """Within an answer the page cache makes, a value judged fresh under this clock value is
    taken from the process's memory; once a renewal moves the clock it is read again."""
    from django.core.cache import cache

    monkeypatch.setattr(tag_memory, "_atomic", True)  # as on django-redis
    makes = []

    def menu():
        makes.append(1)
        return [("Kinh tế", "/kinh-te/", 3)]

    now = cache_tags.clock()
    with tag_memory.at_clock(now):
        cache_tags.kept("menu", 600, {"all"}, menu)
    trips = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: trips.append(keys) or get_many(keys))
    with tag_memory.at_clock(now):
        assert cache_tags.kept("menu", 600, {"all"}, menu) == [("Kinh tế", "/kinh-te/", 3)]
    assert (makes, trips) == ([1], [])

    tag_clock.write_renewal(["all"], hard=False)  # a site setting saved, in another process
    with tag_memory.at_clock(cache_tags.clock()):
        cache_tags.kept("menu", 600, {"all"}, menu)
    assert makes == [1, 1]
