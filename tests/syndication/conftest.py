"""The small portal the feed tests read: one of each kind of content, each in its place."""

import datetime as dt

from django.utils import timezone

from wagtail.rich_text import RichText

import pytest

from syndication import outlet_keys, usage
from tests.factories import (
    ArticlePageFactory,
    AudioBulletinPageFactory,
    AuthorFactory,
    InfographicPageFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    MultimediaIndexPageFactory,
    PhotoStoryPageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
    VideoPageFactory,
    milestone,
)
from tests.syndication.subscriber import callback_server


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


@pytest.fixture
def newsroom(section):
    """A small portal: an article with two reporters and a topic, a photo story, a video, an
    audio bulletin, a document and a policy, each in its place."""
    home = section.get_parent()
    reporters = [AuthorFactory(name="Minh Anh"), AuthorFactory(name="Đức Tâm")]
    article = ArticlePageFactory(
        parent=section,
        title="Chính phủ thông qua đề án chuyển đổi số quốc gia",
        slug="chinh-phu-thong-qua-de-an",
        authors=reporters,
    )
    article.body = [
        ("paragraph", RichText('<p>Xem <a href="/thoi-su/">chuyên mục Thời sự</a> thêm.</p>')),
        ("image", {"image": article.image, "caption": "Toàn cảnh phiên họp", "display": ""}),
    ]
    article.topics.add("Chuyển đổi số")
    article.save()
    multimedia = MultimediaIndexPageFactory(parent=home)
    documents = LegalDocumentIndexPageFactory(parent=home)
    policy = PolicyPageFactory(parent=PolicyIndexPageFactory(parent=home), slug="chinh-sach-so")
    milestone(policy, "de-xuat", timezone.localdate() - dt.timedelta(days=90), note="Bộ đề xuất.")
    return {
        "article": article,
        "photos": PhotoStoryPageFactory(parent=multimedia, slug="mua-lua-chin"),
        "video": VideoPageFactory(parent=multimedia, slug="video-cong-trinh"),
        "audio": AudioBulletinPageFactory(parent=multimedia, slug="ban-tin-sang"),
        "document": LegalDocumentPageFactory(
            parent=documents, number_symbol="68/2023/NĐ-CP", slug="nghi-dinh-68"
        ),
        "infographic": InfographicPageFactory(parent=multimedia, slug="so-lieu-gdp"),
        "policy": policy,
        "home": home,
    }


@pytest.fixture
def fresh_counts():
    """Each test starts with no poll pending in this process and no key remembered by it: ids
    come back from test to test, so another test's counts would land on this test's outlets."""
    usage.discard_pending()
    outlet_keys.forget_all()
    yield
    usage.discard_pending()
    outlet_keys.forget_all()


@pytest.fixture
def callback():
    """A WebSub subscriber's callback: a real HTTP server on 127.0.0.1 (subscriber.py)."""
    with callback_server() as server:
        yield server
