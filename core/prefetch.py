"""What a page's body refers to (photos, documents, linked pages), fetched once per render.

Wagtail converts each StreamField on its own (one query per chooser type per stream) and expands
each rich text on its own (one query per link type per text): an article with photos, files and
links in ten paragraphs, or a live coverage with fifty updates, would cost a query per paragraph or
per update. Instead, before a page renders, `BasePage.serve()` reads the raw data of what it shows
(`BasePage.prefetch_sources()`), fetches every referenced object in one query per model when a
block or link first needs one, and renders inside `prefetched()`; the chooser blocks below and the
rich-text link handlers (core/wagtail_hooks.py) take their objects from there. Outside a page
render (feeds, the API, the admin) nothing is stored and they query as Wagtail does.

The store lives in a context variable that is reset when the render ends, so no object outlives
the request it was read for.
"""

import copy
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.rich_text import extract_references_from_rich_text

from . import cache_tags

_objects = ContextVar("prefetched_objects", default=None)


@contextmanager
def prefetched(objects):
    """Render with `objects` ({model: {pk: instance}}) at hand."""
    token = _objects.set(objects)
    try:
        yield
    finally:
        _objects.reset(token)


class _OnFirstUse(dict):
    """{model: {pk: instance}} of what a page refers to, read (one query per model) when first
    asked for, or by `ready()`: a page whose body is kept apart from it (core/fragments.py)
    reads nothing when that part is kept."""

    def __init__(self, found):
        super().__init__()
        self.found = found

    def get(self, model, default=None):
        self.load()
        return super().get(model, default)

    def load(self):
        if self.found is not None:
            self.update(load(self.found))
            self.found = None


def ready():
    """Read now what the page being rendered refers to, if not yet: before a part of it that
    shows its body renders (core/fragments.py), so that its template only displays."""
    objects = _objects.get()
    if isinstance(objects, _OnFirstUse):
        objects.load()


def render_prefetched(page, serve):
    """`serve()`'s response, rendered with the objects `page.prefetch_sources()` refers to at
    hand (once: a page whose serve() calls another's renders in the outer one's store)."""
    if _objects.get() is not None:
        return serve()
    found = references(page.prefetch_sources())
    if not found:
        return serve()
    objects = _OnFirstUse(found)
    if not page.body_in_parts:
        objects.load()  # read before the page's templates render them: they only display
    with prefetched(objects):
        response = serve()
        # Rendered now, while the objects are at hand (a TemplateResponse renders late).
        if hasattr(response, "render"):
            response.render()
    return response


def in_bulk(model, ids):
    """{pk: instance} for `ids`, from the render's store where it has them, else one query."""
    wanted = {int(pk) for pk in ids if pk not in (None, "") and str(pk).isdigit()}
    objects = _objects.get()  # (an _OnFirstUse is empty, so falsy, until first asked)
    store = objects.get(model, {}) if objects is not None else {}
    found = {pk: store[pk] for pk in wanted if pk in store}
    for instance in found.values():
        # Read once for the whole render: each answer or part that shows it is tagged with it
        # (core/cache_tags.py), as if it had read it itself.
        cache_tags.add_read(instance)
    missing = wanted - found.keys()
    if missing:
        found.update(model._default_manager.in_bulk(missing))
    return found


def references(sources):
    """{model: {pk}} of the pages, photos and documents that `sources` refer to: each source is
    a (block, raw value) pair (a StreamField's raw data with its StreamBlock) or a rich-text
    string, as stored in the database."""
    found = defaultdict(set)
    for source in sources:
        if isinstance(source, str):
            _rich_text_references(source, found)
        else:
            _block_references(*source, found)
    return found


def load(found):
    """One query per model: {model: {pk: instance}}. Pages come as Wagtail's base `Page`, which
    is what a link or a "see also" needs (title, address, live, path)."""
    return {model: model._default_manager.in_bulk(ids) for model, ids in found.items() if ids}


def _rich_text_references(html, found):
    for model, pk, _path, _content_path in extract_references_from_rich_text(html or ""):
        if model in (Page, get_image_model(), get_document_model()) and str(pk).isdigit():
            found[model].add(int(pk))


def _block_references(block, raw, found):
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for item in raw:
            if isinstance(item, dict) and item.get("type") in block.child_blocks:
                _block_references(block.child_blocks[item["type"]], item.get("value"), found)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            is_wrapped = isinstance(item, dict) and item.get("type") == "item"
            _block_references(block.child_block, item["value"] if is_wrapped else item, found)
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child in block.child_blocks.items():
                _block_references(child, raw.get(name), found)
    elif isinstance(block, blocks.ChooserBlock):
        if str(raw).isdigit():
            found[block.model_class].add(int(raw))
    elif isinstance(block, blocks.RichTextBlock):
        _rich_text_references(raw, found)


class PrefetchedChooserMixin:
    """A chooser block that takes its objects from the render's store when there is one. It is
    written to migrations as Wagtail's own block: its definition does not change."""

    def bulk_to_python(self, values):
        values = list(values)
        objects = in_bulk(self.model_class, values)
        # Wagtail gives each occurrence its own instance; a copy keeps that.
        seen, result = set(), []
        for value in values:
            obj = objects.get(int(value)) if str(value).isdigit() else None
            if obj is not None and obj.pk in seen:
                obj = copy.copy(obj)
            elif obj is not None:
                seen.add(obj.pk)
            result.append(obj)
        return result


class PortalImageChooserBlock(PrefetchedChooserMixin, ImageChooserBlock):
    canonical_module_path = "wagtail.images.blocks.ImageChooserBlock"


class PortalDocumentChooserBlock(PrefetchedChooserMixin, DocumentChooserBlock):
    canonical_module_path = "wagtail.documents.blocks.DocumentChooserBlock"


class PortalPageChooserBlock(PrefetchedChooserMixin, blocks.PageChooserBlock):
    canonical_module_path = "wagtail.blocks.PageChooserBlock"
