"""The `<picture>` markup of a photo at a named size, made once and kept (issue 20).

Wagtail's `get_renditions()` finds a picture's renditions in its cache, one round trip per
picture, and builds a cache key per format and width on every call (a SHA-1 of the focal point
each): a home page of 37 pictures spent two thirds of its render there. A picture's markup only
changes when what it is made of changes, so it is kept whole, under a key made of all of that:
the image's id, file, file hash, dimensions and focal point, the size's definition (widths,
ratio, formats; core/renditions.py), the attributes and alt text asked for, and the address
uploads are served from. A changed focal point, file or alt text is a different key: old markup
is never served, and nothing needs deleting (old entries expire on their own).

Kept in two places: a bounded memo in each process (a warm picture costs no round trip at all)
in front of the "renditions" cache every process shares (a new process, or a photo shown first
by another, costs one round trip, no query). Only when both miss are renditions looked up or
made, through Wagtail's own `get_renditions()`.

A cold render (after a restart, or the first showing of new photos) would look renditions up one
picture at a time. So a page render is one *batch* (`one_render()`, around `BasePage.serve`):
every photo loaded from the database during it is noted (Django's `post_init` signal, so no
listing, chooser block or foreign key has to remember to say so), and the first picture that
misses fetches the stored renditions of all of them in one query. A warm render never makes
that query.
"""

import copy
import hashlib
import logging
import threading
from collections import OrderedDict, defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_init
from django.utils.safestring import mark_safe

from wagtail.images import get_image_model
from wagtail.images.models import Picture, SourceImageIOError

from .renditions import FORMATS, JPEG_SUFFIX, SIZES, all_filter_specs, filter_specs

logger = logging.getLogger(__name__)

# Markup of ~1.5 KB each: a few MB per process, enough for every picture of the busy pages.
MEMO_ENTRIES = 4096


class _Memo:
    """A small least-recently-used dict, safe under threads. functools.lru_cache keys on the
    arguments, and ours (an image instance) are not what identifies the markup."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value):
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


_memo = _Memo(MEMO_ENTRIES)
# The photos the current page render will show and whose renditions are not fetched yet; None
# outside a render.
_expected = ContextVar("pictures_expected", default=None)
# {image pk: [renditions]} fetched for the current render.
_fetched = ContextVar("pictures_fetched", default=None)


def clear_process_memo():
    """Forget this process's markup (tests and the render profile start cold with it)."""
    _memo.clear()


def shared_cache():
    return caches["renditions"]


@cache
def _version():
    """What every key shares: the sizes' definitions and where uploads are served from. A
    deploy that changes either makes new keys."""
    default_attrs = apps.get_app_config("wagtailimages").default_attrs
    parts = (FORMATS, JPEG_SUFFIX, sorted(SIZES.items()), settings.MEDIA_URL, default_attrs)
    return hashlib.blake2b(repr(parts).encode(), digest_size=6).hexdigest()


def alt_text(image):
    """The alt text Wagtail's renditions give the image (AbstractRendition.alt), read from the
    image itself: an ImageBlock's decorative or contextual alt text first."""
    if getattr(image, "decorative", False):
        return ""
    return getattr(image, "contextual_alt_text", None) or image.default_alt_text


def markup_key(image, size_name, attrs):
    """The key of `image`'s markup at `size_name` with `attrs`: everything the markup is made of."""
    alt = None if "alt" in attrs else alt_text(image)
    digest = _identity_digest(image, size_name, tuple(attrs.items()), alt)
    return f"picture:{_version()}:{digest}"


def _identity_digest(image, *more):
    """A digest of what a rendition of `image` is made of (id, file, size, focal point) and
    `more`."""
    parts = (
        image.pk,
        image.file.name,
        image.file_hash,
        image.width,
        image.height,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
        *more,
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def picture(image, size_name, attrs):
    """`image`'s `<picture>` at `size_name` with `attrs` (as Wagtail's Picture renders it), or
    "" when its original is missing from storage (not kept: the file may come back)."""
    key = markup_key(image, size_name, attrs)
    html = _memo.get(key)
    if html is None:
        html = shared_cache().get(key)
        if html is None:
            try:
                html = str(Picture(_renditions(image, filter_specs(size_name, image)), dict(attrs)))
            except SourceImageIOError:
                _missing(image)
                return ""
            shared_cache().set(key, html)
        _memo.put(key, html)
    return mark_safe(html)  # noqa: S308 - Wagtail's Picture escaped every attribute


def rendition_or_none(image, spec):
    """`image` at `spec` (for a feed, the API, a social card), or None when its original is
    missing from storage: the page, feed or API answer goes out without that picture rather
    than failing for every reader. Kept in the process memo like markup; the image is the
    caller's, so its alt text is current."""
    if image is None:
        return None
    key = f"rendition:{_version()}:{_identity_digest(image, spec)}"
    found = _memo.get(key)
    if found is None:
        try:
            found = _renditions(image, [spec])[spec]
        except SourceImageIOError:
            _missing(image)
            return None
        _memo.put(key, found)
    found = copy.copy(found)
    found.image = image
    return found


def _missing(image):
    logger.warning("The original of image %s is missing; its sizes cannot be made", image.pk)


def _renditions(image, specs):
    stored = _fetched_for(image)
    if stored is not None:
        # Wagtail takes prefetched renditions as all there are: the ones missing are made. A
        # copy, so the instance the template holds is not told so for specs fetched for none.
        image = copy.copy(image)
        image.prefetched_renditions = stored
        for rendition in stored:
            rendition.image = image
    return image.get_renditions(*specs)


# --- one render, one query for the renditions of its photos ----------------------------------


@contextmanager
def one_render():
    """Photos loaded inside the block have their renditions fetched together, once one of them
    is needed."""
    expected, fetched = _expected.set([]), _fetched.set({})
    try:
        yield
    finally:
        _expected.reset(expected)
        _fetched.reset(fetched)


def connect():
    post_init.connect(_noted, sender=get_image_model(), dispatch_uid="pictures-noted")


def _noted(sender, instance, **kwargs):
    """A photo loaded during a render is one it may show: noted for the batch."""
    pending = _expected.get()
    if pending is not None:
        pending.append(instance)


def _fetched_for(image):
    """The stored renditions (of the portal's sizes) of `image`, fetched with every photo
    noted so far in one query, or None outside a render."""
    fetched, pending = _fetched.get(), _expected.get()
    if fetched is None:
        return None
    if image.pk not in fetched:
        # A photo being created has no pk yet: nothing stored to fetch.
        wanted = {image.pk, *(each.pk for each in pending if each.pk)} - fetched.keys()
        pending.clear()
        found = defaultdict(list)
        rendition_model = get_image_model().get_rendition_model()
        for rendition in rendition_model.objects.filter(
            image_id__in=wanted, filter_spec__in=_specs()
        ):
            found[rendition.image_id].append(rendition)
        fetched.update({pk: found[pk] for pk in wanted})
    return fetched[image.pk]


@cache
def _specs():
    return all_filter_specs()
