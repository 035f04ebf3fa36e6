"""What the W3C Feed Validator rejects, checked here with no network.

`feed_problems(body, location)` reads a feed of any kind the portal serves and returns what is
wrong with it, in words ("entry tag:…,2026:trang-7: 2 alternate links of type text/html"), or
[] when it is valid, so a failing test says exactly what to fix:

- Atom: the RELAX NG schema of RFC 4287 (Appendix B, in schemas/atom.rnc, converted with
  rnc2rng), then what the schema cannot say: one `alternate` link per type and language, an
  author for every entry, absolute ids, RFC 3339 dates (sections 3.3, 4.1.1, 4.1.2, 4.2.6), and
  RFC 6721 tombstones when there are any.
- RSS 2.0, which has no schema: the specification's rules as the W3C validator applies them.
- A podcast (an RSS feed in the iTunes namespace): Apple's rules on top.
"""

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import rnc2rng
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
NS = {
    "atom": ATOM,
    "at": TOMBSTONES,
    "itunes": ITUNES,
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
ATOM_SCHEMA = Path(__file__).with_name("schemas") / "atom.rnc"
# RFC 3339 section 5.6, with RFC 4287 section 3.3's upper-case "T" and "Z".
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
# RFC 822 section 5 as RFC 1123 and the W3C validator read it: the day name, a four-digit year.
RFC822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d\d:\d\d(:\d\d)? ([+-]\d{4}|UT|GMT|[ECMP][SD]T|Z)"
)
IRI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
MEDIA_TYPE = re.compile(r"[^\s()<>,;:\"/\[\]?=]+/[^\s()<>,;:\"/\[\]?=]+(;.*)?")
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
# itunes:duration: seconds, MM:SS or HH:MM:SS (the W3C validator's reading of Apple's rule).
DURATION = re.compile(r"\d+(:[0-5]\d(:[0-5]\d)?)?")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MEDIUMS = {"image", "audio", "video", "document", "executable"}
# Apple Podcasts' categories and their subcategories (podcasters.apple.com, "Podcast categories").
APPLE_CATEGORIES = {
    "Arts": {"Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"},
    "Business": {"Careers", "Entrepreneurship", "Investing", "Management", "Marketing"},
    "Comedy": {"Comedy Interviews", "Improv", "Stand-Up"},
    "Education": {"Courses", "How To", "Language Learning", "Self-Improvement"},
    "Fiction": {"Comedy Fiction", "Drama", "Science Fiction"},
    "Government": set(),
    "History": set(),
    "Health & Fitness": {"Alternative Health", "Fitness", "Medicine", "Mental Health"},
    "Kids & Family": {"Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"},
    "Leisure": {"Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies"},
    "Music": {"Music Commentary", "Music History", "Music Interviews"},
    "News": {
        "Business News",
        "Daily News",
        "Entertainment News",
        "News Commentary",
        "Politics",
        "Sports News",
        "Tech News",
    },
    "Religion & Spirituality": {"Buddhism", "Christianity", "Hinduism", "Islam", "Judaism"},
    "Science": {"Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics"},
    "Society & Culture": {"Documentary", "Personal Journals", "Philosophy", "Relationships"},
    "Sports": {"Baseball", "Basketball", "Cricket", "Football", "Running", "Soccer", "Tennis"},
    "Technology": set(),
    "True Crime": set(),
    "TV & Film": {"After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"},
}


def feed_problems(body, location=None):
    """What is wrong with this feed document (bytes); `location` is the address it was read
    at, which its `self` link must give."""
    try:
        root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    if root.tag == f"{{{ATOM}}}feed":
        return atom_problems(root, location)
    if root.tag == "rss":
        problems = rss_problems(root, location)
        if root.find("channel/itunes:*", NS) is not None:
            problems += podcast_problems(root)
        return problems
    return [f"neither an RSS 2.0 nor an Atom feed: <{root.tag}>"]


# Atom (RFC 4287) and its tombstones (RFC 6721)


@cache
def atom_schema():
    rng = rnc2rng.dumps(rnc2rng.load(ATOM_SCHEMA.open(encoding="utf-8")))
    # rnc2rng writes the RNC's `namespace local = ""` as xmlns:local="", which Namespaces in
    # XML forbids (lxml refuses it); the RELAX NG it writes never uses that prefix.
    rng = re.sub(r'\s+xmlns:local=""', "", rng)
    return etree.RelaxNG(etree.fromstring(rng.encode()))


def atom_problems(feed, location=None):
    schema = atom_schema()
    problems = [
        f"RFC 4287 schema, line {error.line}: {error.message}"
        for error in (() if schema.validate(feed) else schema.error_log)
    ]
    problems += _alternate_links(feed, "feed")
    problems += _self_link(feed.findall("atom:link", NS), location)
    feed_has_author = feed.find("atom:author", NS) is not None
    problems += _iri(feed.findtext("atom:id", "", NS), "feed: atom:id")
    problems += _rfc3339(feed.findtext("atom:updated", "", NS), "feed: atom:updated")
    seen = {}
    for entry in feed.findall("atom:entry", NS):
        entry_id = entry.findtext("atom:id", "", NS)
        where = f"entry {entry_id or '(no id)'}"
        problems += _iri(entry_id, f"{where}: atom:id")
        problems += _alternate_links(entry, where)
        for name in ("updated", "published"):
            if (value := entry.findtext(f"atom:{name}", None, NS)) is not None:
                problems += _rfc3339(value, f"{where}: atom:{name}")
        authors = entry.findall("atom:author", NS) + entry.findall("atom:source/atom:author", NS)
        if not (feed_has_author or authors):
            problems.append(f"{where}: no atom:author, and the feed has none (4.1.2)")
        content = entry.find("atom:content", NS)
        alternates = [link for link in entry.findall("atom:link", NS) if _is_alternate(link)]
        if content is None and not alternates:
            problems.append(f"{where}: neither an alternate link nor atom:content (4.1.2)")
        if content is not None and content.get("src") and entry.find("atom:summary", NS) is None:
            problems.append(f"{where}: atom:content has src but there is no atom:summary")
        for link in entry.findall("atom:link", NS):
            if (length := link.get("length")) is not None and not length.isdigit():
                problems.append(f"{where}: link length {length!r} is not a number of bytes")
        # 4.1.1: entries may share an id only as versions of one entry, updated differently.
        updated = entry.findtext("atom:updated", "", NS)
        if seen.get(entry_id) == updated:
            problems.append(f"{where}: twice in the feed with the same atom:updated")
        seen[entry_id] = updated
    return problems + tombstone_problems(feed)


def tombstone_problems(feed):
    """RFC 6721: `at:deleted-entry` only as a child of atom:feed, with an IRI `ref` and an
    RFC 3339 `when`, and never twice with the same pair."""
    problems = []
    for misplaced in feed.iterfind(".//*/at:deleted-entry", NS):
        problems.append(f"at:deleted-entry inside <{etree.QName(misplaced.getparent()).localname}>")
    pairs = set()
    for tombstone in feed.findall("at:deleted-entry", NS):
        ref, when = tombstone.get("ref"), tombstone.get("when")
        where = f"at:deleted-entry {ref or '(no ref)'}"
        problems += _iri(ref or "", f"{where}: ref")
        problems += _rfc3339(when or "", f"{where}: when")
        if (ref, when) in pairs:
            problems.append(f"{where}: twice with the same ref and when")
        pairs.add((ref, when))
        by = tombstone.find("at:by", NS)
        if by is not None and not by.findtext("atom:name", "", NS).strip():
            problems.append(f"{where}: at:by without atom:name")
    return problems


def _is_alternate(link):
    return link.get("rel", "alternate") == "alternate"


def _alternate_links(parent, where):
    """4.1.1 and 4.1.2: at most one alternate link with the same type and hreflang."""
    counts = {}
    for link in parent.findall("atom:link", NS):
        if _is_alternate(link):
            key = (link.get("type"), link.get("hreflang"))
            counts[key] = counts.get(key, 0) + 1
    return [
        f"{where}: {count} alternate links of type {kind or '(none)'}"
        + (f" and hreflang {lang}" if lang else "")
        for (kind, lang), count in counts.items()
        if count > 1
    ]


# RSS 2.0 (https://www.rssboard.org/rss-specification)


def rss_problems(rss, location=None):
    if rss.get("version") != "2.0":
        return [f'<rss version="{rss.get("version")}">, not "2.0"']
    channels = rss.findall("channel")
    if len(channels) != 1:
        return [f"{len(channels)} <channel> elements, not one"]
    (channel,) = channels
    problems = []
    for name in ("title", "link", "description"):
        problems += _one(channel, name, "channel")
    problems += _url(channel.findtext("link", ""), "channel: link")
    problems += _one(channel, "language", "channel")
    language = channel.findtext("language")
    if language is not None and not LANGUAGE.fullmatch(language):
        problems.append(f"channel: language {language!r} is not a language code")
    for name in ("pubDate", "lastBuildDate"):
        if (value := channel.findtext(name)) is not None:
            problems += _rfc822(value, f"channel: {name}")
    problems += _self_link(channel.findall("atom:link", NS), location)
    for name in ("copyright", "dc:rights"):
        if channel.find(name, NS) is not None and not channel.findtext(name, "", NS).strip():
            problems.append(f"channel: empty <{name}>")
    guids = set()
    for item in channel.findall("item"):
        where = f"item {item.findtext('guid') or item.findtext('title') or '(untitled)'}"
        problems += _item_problems(item, where)
        if (guid := item.findtext("guid")) is not None:
            if guid in guids:
                problems.append(f"{where}: this guid is already another item's")
            guids.add(guid)
    return problems


def _item_problems(item, where):
    problems = []
    if not (item.findtext("title", "").strip() or item.findtext("description", "").strip()):
        problems.append(f"{where}: neither a title nor a description")
    for name in ("title", "link", "description", "guid", "pubDate", "content:encoded"):
        if len(item.findall(name, NS)) > 1:
            problems.append(f"{where}: more than one <{name}>")
    if (link := item.findtext("link")) is not None:
        problems += _url(link, f"{where}: link")
    if (guid := item.find("guid")) is not None:
        permalink = guid.get("isPermaLink", "true")
        if permalink not in ("true", "false"):
            problems.append(f'{where}: guid isPermaLink="{permalink}", not "true" or "false"')
        elif permalink == "true":
            problems += _url(guid.text or "", f"{where}: guid with isPermaLink true")
    if (published := item.findtext("pubDate")) is not None:
        problems += _rfc822(published, f"{where}: pubDate")
    for enclosure in item.findall("enclosure"):
        problems += _url(enclosure.get("url", ""), f"{where}: enclosure url")
        if not enclosure.get("length", "").isdigit():
            problems.append(f"{where}: enclosure length {enclosure.get('length')!r}")
        if not MEDIA_TYPE.fullmatch(enclosure.get("type", "")):
            problems.append(f"{where}: enclosure type {enclosure.get('type')!r}")
    for creator in item.findall("dc:creator", NS):
        if len(creator) or not (creator.text or "").strip():
            problems.append(f"{where}: dc:creator is not a name")
    for media in item.findall("media:content", NS):
        problems += _url(media.get("url", ""), f"{where}: media:content url")
        if media.get("medium") not in MEDIUMS:
            problems.append(f"{where}: media:content medium {media.get('medium')!r}")
        for size in ("width", "height"):
            if not media.get(size, "1").isdigit():
                problems.append(f"{where}: media:content {size} {media.get(size)!r}")
        for text in media.findall("media:description", NS):
            if text.get("type", "plain") not in ("plain", "html"):
                problems.append(f"{where}: media:description type {text.get('type')!r}")
    return problems


# Podcasts (Apple's "Podcast RSS feed requirements" and the W3C validator's iTunes checks)


def podcast_problems(rss):
    channel = rss.find("channel")
    problems = _explicit(channel, "channel", required=True)
    problems += _itunes_image(channel, "channel", required=True)
    categories = channel.findall("itunes:category", NS)
    if not categories:
        problems.append("channel: no itunes:category")
    for category in categories:
        name = category.get("text")
        if name not in APPLE_CATEGORIES:
            problems.append(f"channel: itunes:category {name!r} is not one of Apple's")
        for sub in category.findall("itunes:category", NS):
            if sub.get("text") not in APPLE_CATEGORIES.get(name, ()):
                problems.append(f"channel: {sub.get('text')!r} is not a subcategory of {name}")
    if "@" not in channel.findtext("itunes:owner/itunes:email", "", NS):
        problems.append("channel: no itunes:owner with an itunes:email")
    if channel.findtext("itunes:type", "episodic", NS) not in ("episodic", "serial"):
        problems.append(f"channel: itunes:type {channel.findtext('itunes:type', '', NS)!r}")
    for item in channel.findall("item"):
        where = f"episode {item.findtext('guid') or item.findtext('title')}"
        enclosure = item.find("enclosure")
        if enclosure is None or not enclosure.get("type", "").startswith("audio/"):
            problems.append(f"{where}: no enclosure with an audio type")
        duration = item.findtext("itunes:duration", None, NS)
        if duration is not None and not DURATION.fullmatch(duration):
            problems.append(f"{where}: itunes:duration {duration!r} is not seconds or HH:MM:SS")
        problems += _explicit(item, where)
        problems += _itunes_image(item, where)
    return problems


def _explicit(parent, where, required=False):
    values = [element.text for element in parent.findall("itunes:explicit", NS)]
    if required and not values:
        return [f"{where}: no itunes:explicit"]
    return [
        f'{where}: itunes:explicit is {value!r}, not "true" or "false"'
        for value in values
        if value not in ("true", "false")
    ]


def _itunes_image(parent, where, required=False):
    image = parent.find("itunes:image", NS)
    if image is None:
        return [f"{where}: no itunes:image"] if required else []
    href = image.get("href", "")
    problems = _url(href, f"{where}: itunes:image href")
    if not urlsplit(href).path.lower().endswith((".jpg", ".png")):
        problems.append(f"{where}: itunes:image {href!r} is not a .jpg or .png")
    return problems


# Shared


def _one(parent, name, where):
    count = len(parent.findall(name))
    if count != 1 or not parent.findtext(name, "").strip():
        return [f"{where}: {count} <{name}> (one, not empty, is required)"]
    return []


def _self_link(links, location):
    selves = [link.get("href") for link in links if link.get("rel") == "self"]
    if len(selves) != 1:
        return [f"{len(selves)} atom:link rel=self, not one"]
    if location and selves[0] != location:
        return [f"the self link {selves[0]} is not where the feed is, {location}"]
    return []


def _url(value, where):
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        return [f"{where} {value!r} is not an absolute http(s) address"]
    return []


def _iri(value, where):
    if not IRI_SCHEME.fullmatch(value or ""):
        return [f"{where} {value!r} is not an absolute IRI (4.2.6)"]
    return []


def _rfc3339(value, where):
    try:
        if RFC3339.fullmatch(value):
            datetime.fromisoformat(value)
            return []
    except ValueError:
        pass
    return [f"{where} {value!r} is not an RFC 3339 date-time"]


def _rfc822(value, where):
    try:
        if RFC822.fullmatch(value):
            day = DAY_NAMES[parsedate_to_datetime(value).weekday()]
            if day == value[:3]:
                return []
            return [f"{where} {value!r}: that day is a {day}"]
    except (TypeError, ValueError):
        pass
    return [f"{where} {value!r} is not an RFC 822 date with its day name"]
