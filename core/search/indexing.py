"""What the search index holds of a page: folded words (core/search/__init__.py says why).

Used by every page (`BasePage.folded_title`, `folded_search_text`) and by the reader's query, so
both go through the same fold.
"""

import logging
import re

from django.db import DatabaseError, transaction
from django.db.models import Manager
from django.dispatch import receiver
from django.utils.encoding import force_str

from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.tasks import insert_or_update_object_task
from wagtail.signals import page_published

from ..text import fold_accents

_WORD = re.compile(r"[^\W_]+")
logger = logging.getLogger(__name__)


def search_words(text):
    """What search matches on, for pages and queries alike: no accents, lower case, only letters
    and digits, one space between words ("Nghị định 68/2023/NĐ-CP" -> "nghi dinh 68 2023 nd cp")."""
    return " ".join(_WORD.findall(fold_accents(text or "").lower()))


def indexed_text(obj, fields, skip=()):
    """The texts of `obj`'s SearchFields, following RelatedFields, as modelsearch's indexers
    extract them (StreamField and rich text through `get_searchable_content`): a model's
    `search_fields` stays the one place that says what is searchable."""
    for search_field in fields:
        if isinstance(search_field, index.RelatedFields):
            value = search_field.get_value(obj)
            if value is None:
                continue
            if isinstance(value, Manager):
                related = value.all()
            else:
                related = [value() if callable(value) else value]
            for item in related:
                yield from indexed_text(item, search_field.fields)
        elif isinstance(search_field, index.SearchField) and search_field.field_name not in skip:
            yield _as_text(search_field.get_value(obj))


class FoldedWords:
    """For a model that is not a page (a photo, a document, an author, an issuer): a folded copy
    of its searchable words, indexed for whole-word search and for the admin's as-you-type
    search (pages have `BasePage.folded_title` and `folded_search_text`). A model lists
    `*FoldedWords.folded_search_fields` last in its `search_fields`."""

    folded_search_fields = [
        index.SearchField("folded_words"),
        index.AutocompleteField("folded_words"),
    ]

    def folded_words(self):
        return search_words(
            " ".join(indexed_text(self, self.get_search_fields(), {"folded_words"}))
        )


def reindex(app_label):
    """A migration's RunPython: index again the rows of every indexed model of `app_label`, so an
    existing database finds them by their folded words (what `manage.py update_index` does, for
    one app). Runs with the models as the code defines them (their search_fields and methods),
    which a historical model does not have; a database without rows does nothing."""

    def run(apps, schema_editor):
        from django.apps import apps as current

        for model in current.get_app_config(app_label).get_models():
            if not issubclass(model, index.Indexed) or not model.get_search_fields():
                continue
            try:
                historical = apps.get_model(app_label, model.__name__)
            except LookupError:  # a model a later migration creates: nothing to index yet
                continue
            if not historical.objects.exists():
                continue
            try:
                with transaction.atomic():  # a savepoint: PostgreSQL's migration goes on after
                    _index_rows(model)
            except DatabaseError:
                # The current model reads columns that a later migration adds: a database several
                # releases behind. Its rows are indexed by `update_index`, which the release steps
                # run after `migrate` (docs/deploy.md); the migration itself must not fail.
                logger.warning("search index of %s left to update_index", model._meta.label)

    return run


def _index_rows(model):
    # Asked for only now: on a new database the backend would be chosen before SQLite's
    # full-text table exists, and Wagtail keeps that first choice (a plain LIKE search).
    search_index = get_search_backend().get_index_for_model(model)
    objects = model.get_indexed_objects().order_by("pk")
    chunk = list(objects[:REINDEX_CHUNK])
    while chunk:  # by key, not by offset: an archive holds 250,000 pages
        search_index.add_items(model, chunk)
        chunk = list(objects.filter(pk__gt=chunk[-1].pk)[:REINDEX_CHUNK])


REINDEX_CHUNK = 500


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return force_str(value)


@receiver(page_published)
def reindex_published_page(sender, instance, **kwargs):
    """Index a page again once it is published. Wagtail indexes it on save, but modelcluster
    writes its child rows (topics, photo captions, questions) after that save: without this,
    a change to them would reach the search index only at the next publish."""
    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )
