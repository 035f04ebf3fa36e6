"""A feed's entries as RSS 2.0 or Atom bytes, through feedgen (or as ninjs JSON: ninjs.py).

feedgen writes most of what outlets read; what it lacks or gets wrong is added here: Media RSS's
`<media:credit>` and `<media:description>` inside `<media:content>` (its own media extension
writes only the element's attributes); Dublin Core's `dc:creator` for bylines in RSS, whose
`<author>` must be an email address, which the portal never publishes, and `dc:rights` for the
usage terms; Atom's `<link rel="enclosure">` and the podcast's `<itunes:explicit>`, which
feedgen 1.0.0 cannot write right (see the extensions below).
"""

from html import escape

from django.utils import timezone

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from . import ninjs
from .entries import NO_DATE, xml_text

MEDIA_NS = "http://search.yahoo.com/mrss/"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
TOMBSTONES_NS = "http://purl.org/atompub/tombstones/1.0"
ATOM_NS = "http://www.w3.org/2005/Atom"
RSS, ATOM, NINJS = "rss", "atom", "ninjs"
CONTENT_TYPES = {
    RSS: "application/rss+xml; charset=utf-8",
    ATOM: "application/atom+xml; charset=utf-8",
    NINJS: "application/json; charset=utf-8",
}
# A format's address ends with its name, but for ninjs, whose files are named `.ninjs.json`.
SUFFIXES = {RSS: RSS, ATOM: ATOM, NINJS: "ninjs.json"}
GENERATOR = "Cổng Thông tin điện tử (Wagtail, feedgen)"


class LeadImageExtension(BaseExtension):
    def extend_ns(self):
        return {"media": MEDIA_NS}


class LeadImageEntryExtension(BaseEntryExtension):
    """`<media:content medium="image">` with the photo's credit and caption."""

    def __init__(self):
        self.image = None

    def extend_rss(self, item):
        image = self.image
        if image is None:
            return item
        # The caption goes in <media:description>, as Media RSS says. Python's feedparser reads
        # that element as the item's summary wherever it stands (a known quirk of it); readers
        # that follow the spec keep both.
        content = xml_elem(f"{{{MEDIA_NS}}}content", item)
        content.set("url", image.url)
        content.set("medium", "image")
        content.set("type", "image/jpeg")
        content.set("width", str(image.width))
        content.set("height", str(image.height))
        if image.credit:
            credit = xml_elem(f"{{{MEDIA_NS}}}credit", content)
            credit.set("role", "photographer")
            credit.text = image.credit
        description = xml_elem(f"{{{MEDIA_NS}}}description", content)
        description.set("type", "plain")
        description.text = image.caption or image.alt
        return item

    def extend_atom(self, entry):
        return self.extend_rss(entry)


class AtomEnclosureEntryExtension(BaseEntryExtension):
    """The media file of an Atom entry, as `<link rel="enclosure" href type length>`.

    feedgen 1.0.0 writes an entry's links in a loop that rebinds `link` to the new element
    before reading `rel`, `type` and `length` from it, so all three are lost: the enclosure
    came out as a second `alternate` link, which the W3C Feed Validator rejects. The entry's
    page goes through feedgen (a bare link is its alternate); the file is written here."""

    def __init__(self):
        self.enclosure = None

    def extend_atom(self, entry):
        if self.enclosure is not None:
            # Atom's element names are unqualified under feedgen's default namespace.
            link = xml_elem("link", entry, rel="enclosure", href=self.enclosure.url)
            link.set("type", self.enclosure.mime_type)
            link.set("length", str(self.enclosure.length))
        return entry


class NotExplicitExtension(BaseExtension):
    """`<itunes:explicit>false</itunes:explicit>` for the podcast: Apple's podcast rules and the
    W3C Feed Validator take "true" or "false" only, while feedgen 1.0.0's podcast extension
    accepts and writes only "yes", "no" or "clean" (so it is not given the value at all)."""

    def extend_ns(self):
        return {"itunes": ITUNES_NS}

    def extend_rss(self, rss_feed):
        _not_explicit(rss_feed[0])
        return rss_feed


class NotExplicitEntryExtension(BaseEntryExtension):
    def extend_rss(self, item):
        _not_explicit(item)
        return item


def _not_explicit(parent):
    xml_elem(f"{{{ITUNES_NS}}}explicit", parent).text = "false"


class TombstonesExtension(BaseExtension):
    """RFC 6721 `<at:deleted-entry>` for each story withdrawn from the feed (syndication/
    withdrawals.py): its id, the time, its address and title, nothing else. Atom only: RSS has
    no tombstone; its readers see the item gone, and outlets read the Atom feed or the API."""

    def __init__(self):
        self.withdrawals = []

    def extend_ns(self):
        return {"at": TOMBSTONES_NS}

    def extend_atom(self, feed):
        for withdrawal in self.withdrawals:
            tombstone = xml_elem(f"{{{TOMBSTONES_NS}}}deleted-entry", feed)
            tombstone.set("ref", withdrawal.guid)
            tombstone.set("when", timezone.localtime(withdrawal.withdrawn_at).isoformat())
            # An atom:link, unqualified under the feed's default namespace as feedgen writes.
            xml_elem("link", tombstone, href=withdrawal.url)
            comment = xml_elem(f"{{{TOMBSTONES_NS}}}comment", tombstone)
            comment.set("type", "text")
            comment.text = xml_text(f"Đã gỡ: {withdrawal.title}")
        return feed


class HubExtension(BaseExtension):
    """RSS's `<atom:link rel="hub">` beside its `rel="self"` (WebSub, 4): feedgen writes only the
    self link of the channel's Atom links in RSS."""

    def __init__(self):
        self.hub_url = ""

    def extend_rss(self, feed):
        channel = feed.find("channel")
        own = channel.find(f"{{{ATOM_NS}}}link[@rel='self']")
        if self.hub_url and own is not None:
            own.addnext(own.makeelement(f"{{{ATOM_NS}}}link", href=self.hub_url, rel="hub"))
        return feed


def render(feed, entries, fmt, self_url, hub_url="", withdrawals=()):
    """The feed document, as bytes. `hub_url`: the WebSub hub that pushes it; Atom and ninjs
    carry the stories withdrawn from it (`withdrawals`)."""
    if fmt == NINJS:
        return ninjs.render(feed, entries, self_url, withdrawals)
    generator = FeedGenerator()
    if fmt == ATOM and withdrawals:
        generator.register_extension("tombstones", TombstonesExtension, atom=True, rss=False)
        generator.tombstones.withdrawals = withdrawals
    generator.register_extension("leadimage", LeadImageExtension, LeadImageEntryExtension)
    generator.register_extension(
        "atom_enclosure", BaseExtension, AtomEnclosureEntryExtension, rss=False
    )
    generator.register_extension("hub", HubExtension, atom=False, rss=True)
    generator.hub.hub_url = hub_url
    generator.load_extension("dc", atom=False, rss=True)
    if feed.podcast:
        generator.load_extension("podcast", atom=False, rss=True)
        generator.register_extension(
            "not_explicit", NotExplicitExtension, NotExplicitEntryExtension, atom=False
        )
    generator.id(feed.link)
    generator.title(xml_text(feed.title))
    # In this order: feedgen writes the last link as RSS's channel <link>, the reader's page.
    generator.link(href=self_url, rel="self")
    if hub_url and fmt == ATOM:
        generator.link(href=hub_url, rel="hub")
    generator.link(href=feed.link, rel="alternate")
    generator.description(xml_text(feed.description))
    generator.language("vi")
    # Atom wants an author for every entry: the agency stands for items with no byline.
    generator.author(name=xml_text(feed.author))
    generator.generator(GENERATOR)
    if feed.rights:
        # Atom's <rights>, RSS's <copyright>; and Dublin Core's <dc:rights>, where outlets'
        # importers look for the terms of reuse.
        generator.rights(xml_text(feed.rights))
        generator.dc.dc_rights(xml_text(feed.rights))
    if feed.image_url:
        generator.logo(feed.image_url)
    # The newest change, not the time of writing: the same items give the same bytes (and ETag).
    # An empty feed takes a fixed date, so it keeps its ETag too.
    times = [entry.updated for entry in entries]
    times += [withdrawal.withdrawn_at for withdrawal in withdrawals if fmt == ATOM]
    newest = max(times, default=NO_DATE)
    generator.updated(timezone.localtime(newest))
    generator.lastBuildDate(timezone.localtime(newest))
    if feed.podcast:
        _podcast_channel(generator.podcast, feed)
    for entry in entries:
        _add_entry(generator, entry, feed.podcast, fmt)
    if fmt == ATOM:
        return generator.atom_str(pretty=False)
    return generator.rss_str(pretty=False)


def _add_entry(generator, entry, podcast, fmt=RSS):
    item = generator.add_entry(order="append")
    item.guid(entry.guid, permalink=entry.is_permalink)
    item.title(entry.title)
    item.link(href=entry.link, rel="alternate")
    summary = entry.summary or entry.title
    # RSS readers show <description> as HTML, so the plain-text sapo is escaped there (a sapo
    # holding "<script>" stays words); Atom's <summary> is declared text and stays as it is.
    item.description(escape(summary, quote=False) if fmt == RSS else summary, isSummary=True)
    if entry.body:
        item.content(entry.body, type="html")
    item.published(timezone.localtime(entry.published))
    item.updated(timezone.localtime(entry.updated))
    for name in entry.authors:
        item.author(name=name)
        item.dc.dc_creator(name, replace=False)
    for category in entry.categories:
        item.category(term=category, label=category)
    item.leadimage.image = entry.image
    if entry.enclosure:
        enclosure = entry.enclosure
        if fmt == RSS:
            item.enclosure(enclosure.url, str(enclosure.length), enclosure.mime_type)
        else:
            item.atom_enclosure.enclosure = enclosure
        if podcast:
            if enclosure.duration:
                item.podcast.itunes_duration(round(enclosure.duration))
            item.podcast.itunes_summary(entry.summary)
            if entry.image and entry.image.url.endswith((".jpg", ".png")):
                item.podcast.itunes_image(entry.image.url)  # feedgen refuses any other


def _podcast_channel(podcast, feed):
    podcast.itunes_author(xml_text(feed.author))
    podcast.itunes_category({"cat": "Government"})
    podcast.itunes_category({"cat": "News", "sub": "Daily News"})
    podcast.itunes_summary(xml_text(feed.description))
    podcast.itunes_type("episodic")
    if feed.image_url.endswith((".jpg", ".png")):
        podcast.itunes_image(feed.image_url)
    if feed.owner_email:
        podcast.itunes_owner(name=xml_text(feed.author), email=feed.owner_email)
