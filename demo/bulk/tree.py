"""Writing pages into Wagtail's tree in bulk, as `add_child()` and publishing would leave them.

A Wagtail page is a treebeard MP_Node (a `path` of 4-character steps in 0-9A-Z) stored in two
tables (multi-table inheritance), which Django's `bulk_create` refuses. So a batch goes in as:
the `wagtailcore_page` rows with their computed paths, then the rows of each page type's own table
under the same ids, then the pages' child rows (bylines, topics, milestones…), the parents'
`numchild`, the search index entries (the backend's own bulk insert) and the reference index rows.
No revision is written: a page without one is edited in the admin from its live copy.
"""

import uuid
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from modelcluster.models import get_all_child_relations
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.search.backends import get_search_backends

from . import search

# The pages seed_bulk makes carry a translation key of their own shape: these 64 high bits, then
# the index of the page in the archive. One indexed range query finds them all, and each page's
# index with it, which is what makes the command resumable.
KEY_HIGH = 0x5EED_B01C_0000_4000
KEY_VARIANT = 0x8000_0000_0000_0000
INDEX_MASK = 0x0FFF_FFFF_FFFF_FFFF
PAGE_FIELDS = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
INSERT_ROWS = 500  # rows per INSERT: PostgreSQL takes at most 65,535 parameters in one


def bulk_key(index):
    return uuid.UUID(int=(KEY_HIGH << 64) | KEY_VARIANT | index)


def key_index(key):
    return key.int & INDEX_MASK


def bulk_pages():
    return Page.objects.filter(translation_key__range=(bulk_key(0), bulk_key(INDEX_MASK)))


def existing_indexes():
    return {key_index(key) for key in bulk_pages().values_list("translation_key", flat=True)}


def insert_rows(model, objs, fields):
    """INSERT the rows of `objs` for these fields of `model`'s table; ids come back in order."""
    return model._base_manager.using("default")._batched_insert(objs, fields, INSERT_ROWS)


class Tree:
    """Places pages under their parents and writes batches of them."""

    def __init__(self):
        self.locale_id = Locale.get_default().pk
        self.page_content_type = ContentType.objects.get_for_model(Page)
        self.next_step = {}
        self.search_backends = list(get_search_backends(with_auto_update=True))

    def _next_step(self, parent):
        if parent.path not in self.next_step:
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next_step[parent.path] = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        step = self.next_step[parent.path]
        self.next_step[parent.path] = step + 1
        return step

    def place(self, page, parent, index, published_at):
        """Give `page` its place under `parent` and the fields a published page has."""
        page.path = Page._get_path(parent.path, parent.depth + 1, self._next_step(parent))
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type_id = ContentType.objects.get_for_model(type(page)).pk
        page.locale_id = self.locale_id
        page.translation_key = bulk_key(index)
        page.draft_title = page.title
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = published_at
        page.go_live_at = published_at
        page._bulk_parent = parent
        return page

    def write(self, pages, resolve=None):
        """Insert placed pages (any mix of types) with their in-memory child relations.

        `resolve(child)` runs on every child row before it is inserted, once every page of the
        batch has its id (a relation to a document of the same batch needs it)."""
        if not pages:
            return
        for page, (new_id,) in zip(pages, insert_rows(Page, pages, PAGE_FIELDS), strict=True):
            page.id = page.page_ptr_id = new_id
        by_type = defaultdict(list)
        for page in pages:
            by_type[type(page)].append(page)
        for model, group in by_type.items():
            insert_rows(model, group, model._meta.local_concrete_fields)
        children = defaultdict(list)
        for page in pages:
            for relation in get_all_child_relations(page):
                name = relation.get_accessor_name()
                items = getattr(page, "_cluster_related_objects", {}).get(name)
                if items is None:  # settle it in memory: later steps must not query for it
                    setattr(page, name, [])
                    continue
                for item in items:
                    if resolve:
                        resolve(item)
                    children[type(item)].append(item)
        for model, items in children.items():
            model.objects.bulk_create(items, batch_size=INSERT_ROWS)
        parents = defaultdict(int)
        for page in pages:
            parents[page._bulk_parent.pk] += 1
        for parent_id, count in parents.items():
            Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + count)

    def index(self, pages):
        """Search entries and reference index rows for pages written by `write()`."""
        by_type = defaultdict(list)
        for page in pages:
            by_type[type(page)].append(page)
        for backend in self.search_backends:
            if search.uses_fast_path(backend):
                for model, group in by_type.items():
                    search.add_pages(backend, model, group)
                search.refresh(backend)
            else:
                for model, group in by_type.items():
                    backend.add_bulk(model, group)
        ReferenceIndex.objects.bulk_create(
            [row for page in pages for row in self._references(page)],
            batch_size=INSERT_ROWS,
            ignore_conflicts=True,
        )

    def _references(self, page):
        content_type_id = ContentType.objects.get_for_model(type(page)).pk
        for to_type, to_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        ):
            yield ReferenceIndex(
                content_type_id=content_type_id,
                base_content_type=self.page_content_type,
                object_id=str(page.pk),
                to_content_type_id=to_type,
                to_object_id=to_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
