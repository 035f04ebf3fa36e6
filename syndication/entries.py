"""What a feed says of one item: a page, or a step in a policy's life.

A page takes part through the plain attributes the content apps already give it (`title`,
`display_summary`, `publication_time`, `display_image`, `authors` or `byline`, `topic_list`,
`media_file`); its full text is rendered by a small template per page type in
`templates/syndication/entries/`, so no content app knows of feeds.
"""

import hashlib
import logging
import mimetypes
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string, select_template
from django.utils import timezone

from wagtail.models import Page

from core import cache_tags, pictures
from core.html import absolute_urls
from core.pictures import rendition_or_none
from core.prefetch import load, prefetched, references
from core.renditions import largest_jpeg_spec
from core.text import start_of_day

logger = logging.getLogger(__name__)

NO_DATE = datetime(2000, 1, 1, tzinfo=UTC)
ENTRY_SECONDS = 3600
# XML 1.0 allows no C0 control character but tab and newlines, no lone surrogate, and not
# U+FFFE/U+FFFF: one of them in a caption would make lxml refuse the whole feed.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The relations a listing of each kind needs, fetched once for all the items of that kind.
PREFETCH = (
    "article_authors__author",
    "topics",
    "corrections",
    "image",
    "listing_image",
    "media",
    "issuing_body",
    "attachments__document",
)
# Item ids outlets deduplicate on: the page's id under the portal's host name, so a changed slug
# or a move does not make a story new again (RFC 4151 tag URIs).
TAG_DATE = "2026"


def xml_text(value):
    return XML_INVALID.sub("", str(value or ""))


@dataclass
class Image:
    url: str
    width: int
    height: int
    caption: str
    credit: str
    alt: str
    # The photo's own id (its tag URI), whatever size or file is sent: for ninjs' associations.
    guid: str = ""


@dataclass
class Enclosure:
    url: str
    length: int
    mime_type: str
    duration: float | None = None


@dataclass
class Entry:
    guid: str
    link: str
    title: str
    summary: str
    published: datetime
    updated: datetime
    body: str = ""
    authors: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    image: Image | None = None
    enclosure: Enclosure | None = None
    is_permalink: bool = True
    # What RSS and Atom leave out and ninjs carries (syndication/ninjs.py). Plain defaults, so an
    # entry kept in the cache before they existed still reads.
    # The multimedia kind (`kind_slug`: anh, video, am-thanh, infographic); "" for text.
    kind: str = ""
    # The section, also first among `categories` when set; the topics follow it there.
    section: str = ""
    # When the content itself was made, where the page knows it (a document's issue date).
    created: datetime | None = None


def tag_uri(root_url, name):
    return f"tag:{urlsplit(root_url).hostname},{TAG_DATE}:{name}"


def page_guid(root_url, page_id):
    """A page's item id in every feed, and the `ref` of its tombstone once withdrawn."""
    return tag_uri(root_url, f"trang-{page_id}")


def absolute_html(html, root_url):
    """`html` with every site-relative address absolute, as a page republished elsewhere needs
    them, and nothing XML cannot carry."""
    return xml_text(absolute_urls(html, root_url))


def prefetch(pages):
    """Fetch what entries need for many pages at once: per page type, the relations it has."""
    by_type = {}
    for page in pages:
        by_type.setdefault(type(page), []).append(page)
    for page_type, items in by_type.items():
        names = [name for name in PREFETCH if hasattr(page_type, name.split("__")[0])]
        if names:
            prefetch_related_objects(items, *names)


def section_titles(pages):
    """{page id: the title of its parent}, for the category readers know it under; one query."""
    parent_paths = {page.pk: page.path[: -page.steplen] for page in pages}
    parents = Page.objects.filter(path__in=set(parent_paths.values()), depth__gt=2)
    titles = {}
    for pk, path, title in parents.values_list("pk", "path", "title"):
        titles[path] = title
        cache_tags.add_pages(pk)  # a renamed section renews the entries that name it
    return {pk: titles[path] for pk, path in parent_paths.items() if path in titles}


def page_entries(pages, root_url):
    """Entries for these live, public pages (specific instances), in the order given.

    An entry is kept in the shared cache by its page's published revision and the date, with the
    tags of what it shows (core/cache_tags.py), so a feed rebuilt after a publication renders
    only the new story: the other forty-nine come in two reads (rendering fifty full texts costs
    ~100 ms). Anything an entry shows of other pages or models (a link's target withdrawn, a
    photo's credit, a section renamed) renews its tags and so the entries that show it."""
    pages = list(pages)
    today = timezone.localdate().isoformat()
    keys = {
        page.pk: "feeds:entry:"
        + hashlib.sha256(
            f"{today}|{root_url}|{page.pk}|{page.live_revision_id}|"
            f"{page.last_published_at}".encode()
        ).hexdigest()
        for page in pages
    }
    kept, stamp = cache_tags.lookup_many(list(keys.values()))
    for entry in kept.values():
        cache_tags.add(*entry["tags"])
    kept = {key: entry["entry"] for key, entry in kept.items()}
    missing = [page for page in pages if keys[page.pk] not in kept]
    if missing:
        # One query per relation, per model the bodies refer to, and for the renditions of
        # every photo loaded meanwhile (core/pictures.py), whatever the number of entries.
        with pictures.one_render():
            with cache_tags.collecting() as shared:  # what the entries' authors, photos… are
                prefetch(missing)
                sections = section_titles(missing)
            sources = [source for page in missing for source in page.prefetch_sources()]
            with cache_tags.collecting():  # each entry is tagged with what its body takes
                objects = load(references(sources))  # (core.prefetch.in_bulk)
            made = {}
            with prefetched(objects):
                for page in missing:
                    with cache_tags.collecting() as tags:
                        entry = page_entry(page, root_url, sections.get(page.pk))
                    tags |= shared | {cache_tags.page_tag(page.pk)}
                    made[keys[page.pk]] = (tags, {"entry": entry})
                    kept[keys[page.pk]] = entry
        cache_tags.store_many(made, stamp, ENTRY_SECONDS)
    return [kept[keys[page.pk]] for page in pages]


def page_entry(page, root_url, section=None):
    link = page.get_full_url()
    guid = page_guid(root_url, page.pk)
    # Every published page has a first publication time; one made outside Wagtail's publishing
    # (an import) falls back to a fixed time, so rebuilding the feed gives the same bytes.
    published = page.publication_time or page.last_published_at or NO_DATE
    updated = max(
        (t for t in (page.last_published_at, getattr(page, "modified_time", None)) if t),
        default=published,
    )
    categories = [section] if section else []
    categories += [topic.name for topic in getattr(page, "topic_list", [])]
    issued_on = getattr(page, "issued_on", None)
    return Entry(
        guid=guid,
        link=link,
        title=xml_text(page.title),
        summary=xml_text(page.display_summary),
        published=published,
        updated=max(updated, published),
        body=absolute_html(correction_notes(page) + render_body(page), root_url),
        authors=[xml_text(name) for name in author_names(page)],
        categories=[xml_text(c) for c in categories],
        image=lead_image(page.display_image, root_url),
        enclosure=media_enclosure(getattr(page, "media_file", None), root_url),
        is_permalink=False,
        kind=getattr(page, "kind_slug", ""),
        section=xml_text(section),
        created=start_of_day(issued_on) if issued_on else None,
    )


def correction_notes(page):
    """A corrected story's dated notes, newest first, to go at the top of its item: an outlet's
    importer replaces its copy with the corrected text and shows readers what changed. A
    correction is saved with a new publication, so the entry is made again (its key) and its
    `updated` is the correction's time (`modified_time`)."""
    corrections = getattr(page, "sorted_corrections", None)
    if not corrections:
        return ""
    return render_to_string("syndication/entries/corrections.html", {"corrections": corrections})


def render_body(page):
    """The full text, from `syndication/entries/<app>_<model>.html` of the page's type or of the
    nearest type it extends (live coverage is an article), else the generic template."""
    names = [
        f"syndication/entries/{model._meta.app_label}_{model._meta.model_name}.html"
        for model in type(page).__mro__
        if isinstance(model, type) and issubclass(model, Page) and not model._meta.abstract
    ]
    template = select_template([*names, "syndication/entries/page.html"])
    # What the body shows beyond the page's fields, read before the template renders (a live
    # page's updates).
    extra = page.entry_context() if hasattr(page, "entry_context") else {}
    return template.render({"page": page, **extra})


def author_names(page):
    authors = getattr(page, "authors", None)
    if authors:
        return [author.byline_name for author in authors]
    byline = getattr(page, "byline", "")
    return [name.strip() for name in byline.split(" - ") if name.strip()] if byline else []


def lead_image(image, root_url):
    rendition = rendition_or_none(image, largest_jpeg_spec(image)) if image else None
    if rendition is None:
        return None
    url = rendition.url
    return Image(
        url=root_url + url if url.startswith("/") else url,
        width=rendition.width,
        height=rendition.height,
        caption=xml_text(image.caption),
        credit=xml_text(image.credit),
        alt=xml_text(image.default_alt_text),
        guid=tag_uri(root_url, f"anh-{image.pk}"),
    )


def media_enclosure(media, root_url):
    """An audio or video file as an enclosure: its address, size in bytes and type."""
    if media is None or not media.file:
        return None
    try:
        length = media.file.size
    except Exception:  # noqa: BLE001 - any storage's "not found": announce it, with no size
        logger.warning("Feed: the size of media %s cannot be read", media.pk)
        length = 0
    url = media.url
    mime_type = mimetypes.guess_type(media.file.name)[0] or f"{media.type}/mpeg"
    return Enclosure(
        url=root_url + url if url.startswith("/") else url,
        length=length,
        mime_type=mime_type,
        duration=media.duration or None,
    )


def render_snippet(template, context):
    """The HTML of a non-page entry (a milestone, an answer), from its template."""
    return render_to_string(f"syndication/entries/{template}.html", context)
