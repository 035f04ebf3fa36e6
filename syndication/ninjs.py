"""A feed as IPTC ninjs 2.4 (News in JSON), for newsrooms' editorial systems.

ninjs describes one news item, not a feed, and has no list type of its own. Dressing the feed
up as a ninjs item (a "composite" whose associations are the stories) would pass the schema but
tell importers something false, and bury each story one level down. So the document is a plain
JSON object with the feed's `title`, `link`, `updated` and `rights`, and its ninjs items in
`items`; each item is valid on its own against the published schema (tests/syndication/
schemas/), so an importer takes them one by one, as from a ninjs API.

The items are made from the same entries as RSS and Atom (syndication/entries.py), with what
ninjs names that the other formats cannot say: a `version` per publication, the bylines
as `people`, section and topics as `subjects`, the lead picture as an association with its
renditions, credit and usage terms, and the audio or video file as a rendition. A story
withdrawn in the last 30 days stays in the feeds it was in as an item with `pubstatus`
"canceled" (IPTC's status for a story killed: ninjs 2.x has no "withdrawn"), its id, the time
and its headline, and nothing else of it.
"""

import json
from urllib.parse import urljoin

from django.urls import reverse
from django.utils import timezone

from .entries import NO_DATE

STANDARD = {
    "name": "ninjs",
    "version": "2.4",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.4.json",
}
USABLE, CANCELED = "usable", "canceled"
# IPTC's news item natures (cv.iptc.org/newscodes/ninature), by the multimedia kind a page has.
NATURES = {"anh": "composite", "video": "video", "am-thanh": "audio", "infographic": "graphic"}
TEXT = "text"
# The anchor of the reuse terms on /feeds/ (templates/syndication/feed_list.html).
TERMS_ANCHOR = "#dieu-kien"


def render(feed, entries, self_url, withdrawals):
    """The feed document, as UTF-8 bytes: the same items give the same bytes (and ETag).
    `withdrawals`: the stories withdrawn from this feed (syndication/withdrawals.py)."""
    live = {entry.guid for entry in entries}
    # Published again since: its own item says so.
    withdrawals = [withdrawal for withdrawal in withdrawals if withdrawal.guid not in live]
    terms_url = urljoin(self_url, reverse("syndication:feed_list")) + TERMS_ANCHOR
    newest = max(
        [entry.updated for entry in entries] + [w.withdrawn_at for w in withdrawals],
        default=NO_DATE,
    )
    document = {
        "title": feed.title,
        "link": feed.link,
        "updated": iso(newest),
        "rights": feed.rights,
        "items": [item(entry, feed.rights, terms_url) for entry in entries]
        + [withdrawn_item(withdrawal) for withdrawal in withdrawals],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def item(entry, usage_terms, terms_url):
    """One entry as a ninjs item."""
    nature = NATURES.get(entry.kind, TEXT)
    ninjs = {
        "uri": entry.guid,
        "standard": STANDARD,
        "type": nature,
        "representationtype": "full",
        "profile": f"{nature}-photo" if entry.image else f"{nature}-only",
        # `updated` moves with every publication (a republish, a correction) and never back, for
        # every kind of entry: a page imported without revisions, a policy's own steps.
        "version": str(int(entry.updated.timestamp())),
        "firstcreated": iso(entry.published),
        "versioncreated": iso(entry.updated),
        "pubstatus": USABLE,
        "language": "vi",
        "usageterms": usage_terms,
        "rightsinfo": {"linkedrights": terms_url},
        "headlines": [{"role": "main", "value": entry.title}],
    }
    if entry.created:
        ninjs["contentcreated"] = iso(entry.created)
    if entry.summary:
        ninjs["descriptions"] = [
            {"role": "summary", "contenttype": "text/plain", "value": entry.summary}
        ]
    if entry.body:
        ninjs["bodies"] = [{"role": "main", "contenttype": "text/html", "value": entry.body}]
    if entry.authors:
        # ninjs 2.x has `by` for the byline as printed and `people` for each person named.
        ninjs["by"] = " - ".join(entry.authors)
        ninjs["people"] = [{"name": name, "rel": "author"} for name in entry.authors]
    if entry.categories:
        ninjs["subjects"] = subjects(entry)
    ninjs["renditions"] = renditions(entry)
    if entry.image:
        ninjs["associations"] = [picture(entry.image, usage_terms, terms_url)]
    return ninjs


def subjects(entry):
    topics = entry.categories[1:] if entry.section else entry.categories
    named = [{"name": entry.section, "rel": "section"}] if entry.section else []
    return named + [{"name": name, "rel": "topic"} for name in topics]


def renditions(entry):
    """The story as the portal shows it (2.x has no `links`: the page is its HTML rendition),
    then its audio or video file."""
    found = [{"name": "web", "href": entry.link, "contenttype": "text/html"}]
    media = entry.enclosure
    if media:
        rendition = {"name": "media", "href": media.url, "contenttype": media.mime_type}
        if media.length:
            rendition["sizeinbytes"] = media.length
        if media.duration:
            rendition["duration"] = media.duration
        found.append(rendition)
    return found


def picture(image, usage_terms, terms_url):
    """The lead picture: its largest JPEG, caption, alt text, credit and the terms of reuse."""
    association = {
        "name": "lead-picture",
        "uri": image.guid or image.url,
        "type": "picture",
        "representationtype": "partial",
        "usageterms": usage_terms,
        "rightsinfo": {"linkedrights": terms_url},
        "renditions": [
            {
                "name": "largest",
                "href": image.url,
                "contenttype": "image/jpeg",
                "width": image.width,
                "height": image.height,
            }
        ],
    }
    if image.credit:
        association["by"] = image.credit
    if image.caption:
        association["descriptions"] = [
            {"role": "caption", "contenttype": "text/plain", "value": image.caption}
        ]
    if image.alt and image.alt != image.caption:
        association.setdefault("descriptions", []).append(
            {"role": "alt", "contenttype": "text/plain", "value": image.alt}
        )
    return association


def withdrawn_item(withdrawal):
    """A story taken back: its id, that it is not to be used, when, and the headline an outlet
    finds its copy by. Nothing else of it is published again."""
    return {
        "uri": withdrawal.guid,
        "pubstatus": CANCELED,
        "versioncreated": iso(withdrawal.withdrawn_at),
        "headlines": [{"role": "main", "value": withdrawal.title}],
    }


def iso(moment):
    """RFC 3339 in Hà Nội's time, to the second."""
    return timezone.localtime(moment).isoformat(timespec="seconds")
