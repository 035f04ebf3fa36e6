"""A feed's entries as RSS 2.0 or Atom bytes, through feedgen.

feedgen writes most of what outlets read; two things it lacks are added here: Media RSS's
`<media:credit>` and `<media:description>` inside `<media:content>` (its own media extension
writes only the element's attributes), and Dublin Core's `dc:creator` for bylines in RSS, whose
`<author>` must be an email address, which the portal never publishes.
"""

from html import escape

from django.utils import timezone

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .entries import NO_DATE, xml_text

MEDIA_NS = "http://search.yahoo.com/mrss/"
ATOM_NS = "http://www.w3.org/2005/Atom"
RSS, ATOM = "rss", "atom"
CONTENT_TYPES = {
    RSS: "application/rss+xml; charset=utf-8",
    ATOM: "application/atom+xml; charset=utf-8",
}
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


def render(feed, entries, fmt, self_url, hub_url=""):
    """The feed document, as bytes; `hub_url` is the WebSub hub that pushes it."""
    generator = FeedGenerator()
    generator.register_extension("leadimage", LeadImageExtension, LeadImageEntryExtension)
    generator.register_extension("hub", HubExtension, atom=False, rss=True)
    generator.hub.hub_url = hub_url
    generator.load_extension("dc", atom=False, rss=True)
    if feed.podcast:
        generator.load_extension("podcast", atom=False, rss=True)
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
        generator.rights(xml_text(feed.rights))
    if feed.image_url:
        generator.logo(feed.image_url)
    # The newest change, not the time of writing: the same items give the same bytes (and ETag).
    # An empty feed takes a fixed date, so it keeps its ETag too.
    newest = max((entry.updated for entry in entries), default=NO_DATE)
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
        item.enclosure(enclosure.url, str(enclosure.length), enclosure.mime_type)
        if podcast:
            if enclosure.duration:
                item.podcast.itunes_duration(round(enclosure.duration))
            item.podcast.itunes_summary(entry.summary)
            item.podcast.itunes_explicit("no")
            if entry.image and entry.image.url.endswith((".jpg", ".png")):
                item.podcast.itunes_image(entry.image.url)  # feedgen refuses any other


def _podcast_channel(podcast, feed):
    podcast.itunes_author(xml_text(feed.author))
    podcast.itunes_category({"cat": "Government"})
    podcast.itunes_category({"cat": "News", "sub": "Daily News"})
    podcast.itunes_explicit("no")
    podcast.itunes_summary(xml_text(feed.description))
    podcast.itunes_type("episodic")
    if feed.image_url.endswith((".jpg", ".png")):
        podcast.itunes_image(feed.image_url)
    if feed.owner_email:
        podcast.itunes_owner(name=xml_text(feed.author), email=feed.owner_email)
