"""Parts of a page kept apart from it, each with the cache tags of what it shows.

The page cache (core/page_cache.py) keys a page on its full address, so the same page asked for
under another query string (`?fbclid=…`, `?utm_source=…`, the links every social network and
newsletter adds) renders again, and a publication renews every page that lists the new story
whole. A *fragment* is a part of a page (a section's list of stories, an article's body, a
policy's comments) rendered from its own template with a context it reads itself, and kept in the
shared cache under what it depends on (its name, the `vary` values its caller gives: the page,
the page number, the filters) rather than under the address. It carries its tags, as a kept page
does (core/cache_tags.py): those of what it reads while it renders, and those the page had
collected before it (the page itself, the photos fetched for its body), since it may show them.
A page served from kept fragments carries their tags, so it is renewed exactly when one of them
would be.

So a page missed under a new address costs its routing, its breadcrumbs and one batch of
lookups (the frame's head and header are parts too: `Later`), and after a publication only the
fragments that show what changed render again: a story published in a section renews the home
page's stories and its sections' block, and leaves its documents and policy blocks kept.

Fragments are kept and read only for answers the page cache may share, anonymous readers' GET
and HEAD requests outside any preview (`shared()`): an editor, a preview or a reader with a
session always renders them afresh, and what they render is never kept. Keyed by the day too,
like kept pages: what follows the date (a consultation's days left) never outlives it.

Hand-written rather than Django's `{% cache %}` tag, which expires by time only and cannot carry
the tags of what a fragment shows. See docs/adr/0009-cache-tags.md.
"""

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from . import cache_tags, prefetch

SHARED_ATTRIBUTE = "answer_is_shared"
OLDEST_ATTRIBUTE = "oldest_fragment_made"
STAMP_ATTRIBUTE = "page_cache_stamp"
MADE_ATTRIBUTE = "fragments_made"
LATER_ATTRIBUTE = "fragments_later"


@dataclass(frozen=True)
class Fragment:
    """`template` rendered with the context `make()` returns (read inside the fragment, so what
        it reads is tagged), kept under `name` and `vary` (strings, numbers, or model instances,
        which count by their primary key). `shows_body`: it renders the page's body, whose photos,
    files and links (core/prefetch.py) are then read before its template renders."""

    name: str
    vary: tuple
    template: str
    make: Callable[[], dict] = field(compare=False)
    shows_body: bool = False  # what the page's body refers to is read before it renders


def mark_shared(request):
    """The page cache may share this request's answer: its fragments may be kept and read."""
    setattr(request, SHARED_ATTRIBUTE, True)


def shared(request):
    return (
        bool(settings.PAGE_CACHE_SECONDS)
        and getattr(request, SHARED_ATTRIBUTE, False)
        and not getattr(request, "is_preview", False)
    )


class Later:
    """A fragment shown by a template the page extends (its head, its header), rendered when
    the template shows it, or sooner in the batch of the page's own parts (`render()`), at no
    round trip of its own."""

    def __init__(self, request, fragment):
        self.request, self.fragment, self.markup = request, fragment, None
        if shared(request):
            pending = getattr(request, LATER_ATTRIBUTE, None)
            if pending is None:
                pending = []
                setattr(request, LATER_ATTRIBUTE, pending)
            pending.append(self)

    def __html__(self):
        if self.markup is None:
            if shared(self.request):
                render(self.request)  # this one is pending: it gets its markup there
                if self.markup is None:  # (not pending after all: on its own)
                    self.markup = render(self.request, self.fragment)[0]
            else:
                self.markup = _render(self.request, self.fragment)
        return self.markup

    __str__ = __html__


def render(request, *fragments):
    """[markup] of each fragment, kept ones in one batch of lookups (one round trip, two when
    a renewal has moved the clock since), the others rendered, to be kept together once the
    page cache knows the answer may be shared (`keep_made()`)."""
    if not shared(request):
        return [_render(request, fragment) for fragment in fragments]
    later = [each for each in getattr(request, LATER_ATTRIBUTE, ()) if each.markup is None]
    setattr(request, LATER_ATTRIBUTE, [])
    asked = len(fragments)
    fragments = (*fragments, *(each.fragment for each in later))
    keys = [_key(request, fragment) for fragment in fragments]
    found, _now = cache_tags.lookup_many(keys)
    inherited = cache_tags.collected()
    markup, made = [], {}
    for key, fragment in zip(keys, fragments, strict=True):
        entry = found.get(key)
        if entry is not None:
            cache_tags.add(*entry["tags"])
            _note_made(request, entry.get("made", 0))
            markup.append(mark_safe(entry["html"]))  # noqa: S308 (rendered by our templates)
            continue
        with cache_tags.collecting() as tags:
            tags.update(inherited)
            html = _render(request, fragment)
        made[key] = (tags, {"html": str(html), "made": time.time()})
        markup.append(html)
    getattr(request, MADE_ATTRIBUTE, {}).update(made)
    for each, html in zip(later, markup[asked:], strict=True):
        each.markup = html
    return markup[:asked]


def begin(request, stamp):
    """The page cache renders this request's answer under `stamp`, the clock read before it
    routed: every part made for it is kept under that stamp, since a part shows what the page
    read before it (the page itself, its photos) as well as what it reads."""
    setattr(request, STAMP_ATTRIBUTE, stamp)
    setattr(request, MADE_ATTRIBUTE, {})


def keep_made(request, seconds):
    """Keep the parts made for this answer, once the page cache has found it may be shared (no
    cookie set, nothing private): a part is never kept from an answer that is not."""
    made = getattr(request, MADE_ATTRIBUTE, None)
    if made:
        cache_tags.store_many(made, getattr(request, STAMP_ATTRIBUTE, None), seconds)


def seconds_left(request, seconds):
    """How long an answer made of this request's kept fragments may be kept: `seconds`, less
    the age of its oldest fragment, so that what no tag renews (a story's related stories, which
    follow their topics' newest) is never older than `seconds` once kept again."""
    oldest = getattr(request, OLDEST_ATTRIBUTE, None)
    if oldest is None:
        return seconds
    return max(0, min(seconds, int(oldest + seconds - time.time())))


def _note_made(request, made):
    setattr(request, OLDEST_ATTRIBUTE, min(made, getattr(request, OLDEST_ATTRIBUTE, made)))


def render_one(request, name, vary, template, make):
    return render(request, Fragment(name, tuple(vary), template, make))[0]


def _render(request, fragment):
    if fragment.shows_body:
        prefetch.ready()  # what the body refers to, read now rather than in the template
    return render_to_string(fragment.template, fragment.make(), request=request)


def _key(request, fragment):
    parts = [
        fragment.name,
        request.scheme,  # the addresses a part shows are absolute in places (the canonical)
        request.get_host(),
        timezone.localdate().isoformat(),
        *(_part(value) for value in fragment.vary),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"fragment:{fragment.name}:{digest}"


def _part(value):
    pk = getattr(value, "pk", None)
    if pk is not None and hasattr(value, "_meta"):
        return f"{value._meta.label_lower}.{pk}"
    return repr(value)
