"""Search index entries for a batch of new pages on PostgreSQL, in one INSERT per chunk.

modelsearch's `add_items` does the same but costs ~40 ms a page here: its indexer extracts every
field's text once for each of the five columns it fills (and our folded copy of the text walks the
whole page again each time), then compiles three ORM expressions per page. This indexer is
modelsearch's own, extracting each field once, and its vectors are written as the same SQL
(`setweight(to_tsvector(config, text), weight) || …`) the ORM would have produced. Other backends
(SQLite in the tests) go through the backend's `add_bulk`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from wagtail.models import Page
from wagtail.search.models import IndexEntry

from modelsearch.backends.database.postgres.postgres import ObjectIndexer, PostgresSearchBackend

ROWS_PER_INSERT = 200
# Only placeholders and our own table name go into the text; every value is a parameter.
UPSERT = f"""
    INSERT INTO {IndexEntry._meta.db_table}
        (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
    VALUES {{rows}}
    ON CONFLICT (content_type_id, object_id)
    DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                  body = EXCLUDED.body, title_text = EXCLUDED.title_text,
                  body_text = EXCLUDED.body_text
"""  # noqa: S608


class OnePassIndexer(ObjectIndexer):
    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self._fields = {}

    def prepare_field(self, obj, field):
        if obj is not self.obj:  # a related object: extracted once, through its parent field
            return super().prepare_field(obj, field)
        if id(field) not in self._fields:
            self._fields[id(field)] = list(super().prepare_field(obj, field))
        return self._fields[id(field)]

    def as_vector(self, texts, for_autocomplete=False):
        """(SQL, params) rather than a SearchVector expression."""
        config = self.autocomplete_config if for_autocomplete else self.config
        texts = [(text.strip(), weight) for text, weight in texts]
        texts = [(text, weight) for text, weight in texts if text]
        if not texts:
            return "''::tsvector", []
        sql = " || ".join(["setweight(to_tsvector(%s::regconfig, %s), %s)"] * len(texts))
        return f"({sql})", [param for text, weight in texts for param in (config, text, weight)]


def uses_fast_path(backend):
    return isinstance(backend, PostgresSearchBackend) and connection.vendor == "postgresql"


def add_pages(backend, model, pages):
    content_type_id = ContentType.objects.get_for_model(model).pk
    with connection.cursor() as cursor:
        for start in range(0, len(pages), ROWS_PER_INSERT):
            rows, params = [], []
            for page in pages[start : start + ROWS_PER_INSERT]:
                indexer = OnePassIndexer(page, backend)
                vectors = [indexer.title, indexer.autocomplete, indexer.body]
                rows.append(f"(%s, %s, {', '.join(sql for sql, _ in vectors)}, 1.0, %s, %s)")
                params += [content_type_id, indexer.id]
                params += [param for _, vector_params in vectors for param in vector_params]
                params += [indexer.title_text, indexer.body_text]
            cursor.execute(UPSERT.format(rows=", ".join(rows)), params)


def refresh(backend):
    """What modelsearch does after each `add_items`: the new entries' title norms."""
    backend.get_index_for_model(Page)._refresh_title_norms()
