"""The feed validation harness (feed_rules.py) itself: it passes a valid feed of each kind and
names each fault the W3C Feed Validator rejects, so a feed test that finds no problem means
something. Every sample below is valid; each case breaks it in one place."""

import pytest

from tests.syndication.feed_rules import feed_problems

SELF_ATOM = "http://cong.example.vn/feeds/latest.atom"
SELF_RSS = "http://cong.example.vn/feeds/latest.rss"

ATOM = """<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="http://purl.org/atompub/tombstones/1.0"
      xmlns:media="http://search.yahoo.com/mrss/" xml:lang="vi">
  <id>http://cong.example.vn/</id>
  <title>Cổng Thông tin điện tử Chính phủ - Tin mới nhất</title>
  <updated>2026-12-07T14:17:24.290266+07:00</updated>
  <author><name>Văn phòng Chính phủ</name></author>
  <link href="http://cong.example.vn/feeds/latest.atom" rel="self"/>
  <link href="http://cong.example.vn/" rel="alternate"/>
  <rights>Đăng lại phải ghi rõ nguồn Chinhphu.vn.</rights>
  <at:deleted-entry ref="tag:cong.example.vn,2026:trang-9" when="2026-12-06T08:00:00+07:00">
    <link href="http://cong.example.vn/thoi-su/tin-da-go/"/>
    <at:comment type="text">Đã gỡ: Tin đã gỡ</at:comment>
  </at:deleted-entry>
  <entry>
    <id>tag:cong.example.vn,2026:trang-7</id>
    <title>Bản tin thời sự sáng</title>
    <updated>2026-12-07T14:17:24.290266+07:00</updated>
    <published>2026-12-07T09:00:00+07:00</published>
    <author><name>Minh Anh</name></author>
    <link href="http://cong.example.vn/da-phuong-tien/ban-tin-sang/"/>
    <link rel="enclosure" href="http://cong.example.vn/uploads/media/ban-tin.mp3"
          type="audio/mpeg" length="64"/>
    <summary>Tin chính trong ngày.</summary>
    <content type="html">&lt;p&gt;Xin chào quý vị.&lt;/p&gt;</content>
    <media:content url="http://cong.example.vn/uploads/images/anh.jpg" medium="image"/>
  </entry>
</feed>"""

RSS = """<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" version="2.0">
  <channel>
    <title>Cổng Thông tin điện tử Chính phủ - Bản tin âm thanh</title>
    <link>http://cong.example.vn/da-phuong-tien/?loai=am-thanh</link>
    <description>Các bản tin thời sự bằng âm thanh.</description>
    <atom:link href="http://cong.example.vn/feeds/latest.rss" rel="self"/>
    <copyright>Đăng lại phải ghi rõ nguồn Chinhphu.vn.</copyright>
    <language>vi</language>
    <lastBuildDate>Mon, 07 Dec 2026 14:17:24 +0700</lastBuildDate>
    <dc:rights>Đăng lại phải ghi rõ nguồn Chinhphu.vn.</dc:rights>
    <itunes:category text="Government"/>
    <itunes:category text="News"><itunes:category text="Daily News"/></itunes:category>
    <itunes:image href="http://cong.example.vn/static/img/podcast-cover.png"/>
    <itunes:owner>
      <itunes:name>Văn phòng Chính phủ</itunes:name>
      <itunes:email>thongtin@cong.example.vn</itunes:email>
    </itunes:owner>
    <itunes:type>episodic</itunes:type>
    <itunes:explicit>false</itunes:explicit>
    <item>
      <title>Bản tin thời sự sáng</title>
      <link>http://cong.example.vn/da-phuong-tien/ban-tin-sang/</link>
      <description>Tin chính trong ngày.</description>
      <content:encoded>&lt;p&gt;Xin chào quý vị.&lt;/p&gt;</content:encoded>
      <guid isPermaLink="false">tag:cong.example.vn,2026:trang-7</guid>
      <enclosure url="http://cong.example.vn/uploads/media/ban-tin.mp3" length="64"
                 type="audio/mpeg"/>
      <pubDate>Mon, 07 Dec 2026 09:00:00 +0700</pubDate>
      <media:content url="http://cong.example.vn/uploads/images/anh.jpg" medium="image"
                     type="image/jpeg" width="960" height="540">
        <media:credit role="photographer">VGP/Lê Thu Hà</media:credit>
        <media:description type="plain">Phòng thu của đài.</media:description>
      </media:content>
      <dc:creator>Minh Anh</dc:creator>
      <itunes:duration>125</itunes:duration>
      <itunes:explicit>false</itunes:explicit>
    </item>
  </channel>
</rss>"""

SECOND_ITEM = """<item><title>Bản tin tối</title>
      <guid isPermaLink="false">tag:cong.example.vn,2026:trang-7</guid>
      <enclosure url="http://cong.example.vn/uploads/media/toi.mp3" length="9" type="audio/mpeg"/>
    </item></channel>"""


def broken(sample, old, new):
    assert old in sample, old  # the case really changes the sample
    return sample.replace(old, new, 1).encode()


def test_the_valid_samples_have_no_problem():
    assert feed_problems(ATOM.encode(), SELF_ATOM) == []
    assert feed_problems(RSS.encode(), SELF_RSS) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param("<id>http://cong.example.vn/</id>", "", "RFC 4287 schema", id="feed-no-id"),
        pytest.param(  # as feedgen 1.0.0 wrote a media file: rel, type and length lost
            '<link rel="enclosure" href="http://cong.example.vn/uploads/media/ban-tin.mp3"\n'
            '          type="audio/mpeg" length="64"/>',
            '<link href="http://cong.example.vn/uploads/media/ban-tin.mp3"/>',
            "2 alternate links of type (none)",
            id="enclosure-as-second-alternate",
        ),
        pytest.param(
            "<updated>2026-12-07T14:17:24.290266+07:00</updated>\n    <published>",
            "<published>",
            "RFC 4287 schema",
            id="entry-no-updated",
        ),
        pytest.param(
            "<author><name>Minh Anh</name></author>",
            "",
            None,  # the feed's author stands for the entry's
            id="entry-author-from-feed",
        ),
        pytest.param(
            "<id>tag:cong.example.vn,2026:trang-7</id>",
            "<id>trang-7</id>",
            "'trang-7' is not an absolute IRI",
            id="relative-id",
        ),
        pytest.param(
            "<published>2026-12-07T09:00:00+07:00",
            "<published>2026-12-07T09:00:00",
            "is not an RFC 3339 date-time",
            id="date-without-offset",
        ),
        pytest.param(
            'length="64"', 'length="64 bytes"', "is not a number of bytes", id="link-length"
        ),
        pytest.param(
            '<link href="http://cong.example.vn/da-phuong-tien/ban-tin-sang/"/>\n'
            '    <link rel="enclosure"',
            '<link rel="enclosure"',
            None,  # content is enough, as RFC 4287 says
            id="entry-with-content-but-no-alternate",
        ),
        pytest.param(
            "feeds/latest.atom", "feeds/khac.atom", "is not where the feed is", id="self-elsewhere"
        ),
        pytest.param(
            'when="2026-12-06T08:00:00+07:00"',
            'when="06/12/2026"',
            "when '06/12/2026' is not an RFC 3339",
            id="tombstone-when",
        ),
        pytest.param(
            'ref="tag:cong.example.vn,2026:trang-9" ', "", "(no ref): ref", id="tombstone-no-ref"
        ),
        pytest.param(
            "<summary>",
            '<at:deleted-entry ref="tag:x,2026:1" when="2026-12-06T08:00:00Z"/><summary>',
            "at:deleted-entry inside <entry>",
            id="tombstone-in-an-entry",
        ),
    ],
)
def test_atom_faults_are_named(old, new, expected):
    problems = feed_problems(broken(ATOM, old, new), SELF_ATOM)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in problem for problem in problems), problems


def test_a_tombstone_after_the_entries_is_refused_by_the_schema():
    """RFC 4287's schema puts every extension of the feed before its entries: tombstones go
    with the feed's own elements (feedgen's feed extensions write them there)."""
    tombstone_start = ATOM.index("  <at:deleted-entry")
    tombstone_end = ATOM.index("</at:deleted-entry>") + len("</at:deleted-entry>\n")
    tombstone = ATOM[tombstone_start:tombstone_end]
    moved = ATOM.replace(tombstone, "").replace("</feed>", tombstone + "</feed>")
    assert any("RFC 4287 schema" in p for p in feed_problems(moved.encode(), SELF_ATOM))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            'isPermaLink="false"', 'isPermaLink="no"', 'isPermaLink="no"', id="permalink-no"
        ),
        pytest.param(
            'isPermaLink="false"', 'isPermaLink="true"', "is not an absolute", id="tag-permalink"
        ),
        pytest.param(
            "<pubDate>Mon, 07 Dec", "<pubDate>Tue, 07 Dec", "that day is a Mon", id="day-name"
        ),
        pytest.param(
            "<pubDate>Mon, 07 Dec 2026 09:00:00 +0700",
            "<pubDate>2026-12-07T09:00:00+07:00",
            "not an RFC 822 date",
            id="iso-date",
        ),
        pytest.param(' length="64"', "", "enclosure length None", id="enclosure-no-length"),
        pytest.param('type="audio/mpeg"/>', "/>", "enclosure type None", id="enclosure-no-type"),
        pytest.param("</channel>", SECOND_ITEM, "already another item's", id="duplicate-guid"),
        pytest.param(
            "<description>Các bản tin thời sự bằng âm thanh.</description>",
            "",
            "0 <description>",
            id="channel-no-description",
        ),
        pytest.param("<language>vi</language>", "", "0 <language>", id="no-language"),
        pytest.param(
            "<title>Bản tin thời sự sáng</title>\n      <link>",
            "<link>",
            None,  # a description is enough
            id="item-without-title",
        ),
        pytest.param(
            '<media:content url="http://cong.example.vn/uploads/images/anh.jpg" ',
            "<media:content ",
            "media:content url ''",
            id="media-without-url",
        ),
        pytest.param('medium="image"', 'medium="photo"', "medium 'photo'", id="media-medium"),
        pytest.param(
            "<dc:creator>Minh Anh</dc:creator>", "<dc:creator/>", "dc:creator", id="dc-creator"
        ),
        pytest.param(
            "feeds/latest.rss", "feeds/khac.rss", "is not where the feed is", id="self-elsewhere"
        ),
    ],
)
def test_rss_faults_are_named(old, new, expected):
    problems = feed_problems(broken(RSS, old, new), SELF_RSS)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in problem for problem in problems), problems


def test_an_item_with_neither_title_nor_description_is_refused():
    bare = broken(
        RSS,
        "<title>Bản tin thời sự sáng</title>",
        "",
    ).replace(b"<description>Tin ch\xc3\xadnh trong ng\xc3\xa0y.</description>", b"")
    assert any("neither a title nor a description" in p for p in feed_problems(bare, SELF_RSS))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "<itunes:explicit>false</itunes:explicit>\n    <item>",
            "<itunes:explicit>no</itunes:explicit>\n    <item>",
            "channel: itunes:explicit is 'no'",
            id="explicit-no",
        ),
        pytest.param(
            "<itunes:explicit>false</itunes:explicit>\n    <item>",
            "<item>",
            "channel: no itunes:explicit",
            id="explicit-missing",
        ),
        pytest.param(
            "<itunes:explicit>false</itunes:explicit>\n    </item>",
            "<itunes:explicit>clean</itunes:explicit>\n    </item>",
            "itunes:explicit is 'clean'",
            id="episode-explicit-clean",
        ),
        pytest.param(
            'text="Government"',
            'text="Government &amp; Organizations"',
            "not one of Apple's",
            id="old-category",
        ),
        pytest.param(
            'text="Daily News"', 'text="Local"', "'Local' is not a subcategory of News", id="sub"
        ),
        pytest.param("podcast-cover.png", "podcast-cover.webp", "not a .jpg or .png", id="image"),
        pytest.param(
            "<itunes:duration>125</itunes:duration>",
            "<itunes:duration>2 phút</itunes:duration>",
            "not seconds or HH:MM:SS",
            id="duration",
        ),
        pytest.param(
            "<itunes:duration>125</itunes:duration>",
            "<itunes:duration>00:02:05</itunes:duration>",
            None,
            id="duration-hh-mm-ss",
        ),
        pytest.param(
            'length="64"\n                 type="audio/mpeg"',
            'length="64"\n                 type="video/mp4"',
            "no enclosure with an audio type",
            id="video-episode",
        ),
        pytest.param(
            "<itunes:email>thongtin@cong.example.vn</itunes:email>",
            "",
            "no itunes:owner with an itunes:email",
            id="owner-without-email",
        ),
        pytest.param("<itunes:type>episodic", "<itunes:type>daily", "'daily'", id="type"),
    ],
)
def test_podcast_faults_are_named(old, new, expected):
    problems = feed_problems(broken(RSS, old, new), SELF_RSS)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in problem for problem in problems), problems


def test_what_is_no_feed_at_all_is_said_so():
    assert feed_problems(b"<html><body>Trang</body></html>")[0].startswith("neither")
    assert feed_problems(b"<rss version='2.0'><channel>\x01</channel></rss>")[0].startswith(
        "not well-formed"
    )
