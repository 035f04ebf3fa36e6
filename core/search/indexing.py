"""What the search index holds of a page: folded words (core/search/__init__.py says why).

Used by every page (`BasePage.folded_title`, `folded_search_text`) and by the reader's query, so
both go through the same fold.
"""

import re

from django.db.models import Manager
from django.dispatch import receiver
from django.utils.encoding import force_str

from wagtail.search import index
from wagtail.search.tasks import insert_or_update_object_task
from wagtail.signals import page_published

from ..text import fold_accents

_WORD = re.compile(r"[^\W_]+")


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
