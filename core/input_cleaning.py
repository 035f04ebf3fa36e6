"""Every text the portal stores is cleaned on its way to the database (core.text.clean_input:
NFC, no NUL, control, lone-surrogate or invisible format characters), and rich text is sanitised
(core.rich_text). The models cleaned are those of the apps registered with
`core.registry.clean_text_of()`: core's own, and each desk's from its `AppConfig.ready()`.

Why on save and not in the forms: text arrives through Wagtail's page, snippet, image, document
and media forms (each with its own base class, and StreamField's JSON inside them), the public
participation form, imports, `seed_demo`, the shell. A `pre_save` receiver sees all of them,
including Wagtail's own Page fields (title, seo_title, search_description) of our page types, and
a `Revision` receiver cleans drafts, which Wagtail serialises without saving the page: a NUL
inside a draft's rich text would otherwise make PostgreSQL refuse the revision ("unsupported
Unicode escape sequence") and the editor would see a server error. Forms still refuse NUL where
Django's CharField does (ProhibitNullCharactersValidator) with their own message. What
`bulk_create` and `QuerySet.update` write bypasses this; the code using them writes trusted text.
"""

import json

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.signals import pre_save

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import BaseLogEntry, Revision
from wagtail.whitelist import check_url

from . import registry
from .rich_text import sanitise_rich_text
from .text import clean_input


def clean_strings(value):
    """`value` (text, or JSON-shaped lists and dicts) with every string cleaned."""
    if isinstance(value, str):
        return clean_input(value)
    if isinstance(value, list):
        return [clean_strings(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_strings(item) for key, item in value.items()}
    return value


def clean_block_data(block, raw):
    """A StreamField's raw (JSON) data for `block`, cleaned: rich text sanitised, link addresses
    with an unsafe scheme emptied, every other string cleaned (table cells included)."""
    if isinstance(block, blocks.StreamBlock) and isinstance(raw, list):
        for item in raw:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None and "value" in item:
                item["value"] = clean_block_data(child, item["value"])
        return raw
    if isinstance(block, blocks.ListBlock) and isinstance(raw, list):
        return [
            {**item, "value": clean_block_data(block.child_block, item.get("value"))}
            if isinstance(item, dict) and item.get("type") == "item"
            else clean_block_data(block.child_block, item)
            for item in raw
        ]
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            if name in raw:
                raw[name] = clean_block_data(child, raw[name])
        return raw
    if isinstance(block, blocks.RichTextBlock) and isinstance(raw, str):
        return sanitise_rich_text(clean_input(raw))
    if isinstance(block, blocks.URLBlock) and isinstance(raw, str):
        return check_url(clean_input(raw)) or ""
    return clean_strings(raw)


def clean_field_value(field, value):
    """The cleaned form of one model field's value, or `value` itself when nothing changes."""
    if isinstance(field, StreamField):
        if value is None:
            return value
        raw = field.get_prep_value(value)
        raw = json.loads(raw) if isinstance(raw, str) else raw
        encoder = field.json_field.encoder
        # A deep copy through JSON, so `raw` stays as it was for the comparison below.
        cleaned = clean_block_data(field.stream_block, json.loads(json.dumps(raw, cls=encoder)))
        return value if cleaned == raw else field.to_python(cleaned)
    if isinstance(value, str) and isinstance(field, models.CharField | models.TextField):
        cleaned = clean_input(value)
        if isinstance(field, RichTextField):
            cleaned = sanitise_rich_text(cleaned)
        if isinstance(field, models.URLField):
            cleaned = check_url(cleaned) or ""
        return cleaned
    return value


def clean_instance(instance):
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        cleaned = clean_field_value(field, value)
        if cleaned is not value and cleaned != value:
            setattr(instance, field.attname, cleaned)


def clean_serialised(model, data):
    """A revision's content (modelcluster's serialisable data of `model`), cleaned in place:
    StreamFields are JSON strings inside it, child relations lists of their own objects' data."""
    if model is None or not isinstance(data, dict):
        return
    for key, value in data.items():
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:  # "pk", and what a later version of the model dropped
            continue
        if field.one_to_many and isinstance(value, list):
            for child in value:
                clean_serialised(field.related_model, child)
        elif isinstance(field, StreamField) and isinstance(value, str):
            try:
                raw = json.loads(value)
            except ValueError:
                continue
            cleaned = clean_block_data(field.stream_block, json.loads(value))
            if cleaned != raw:
                data[key] = json.dumps(cleaned, cls=field.json_field.encoder)
        elif isinstance(value, str):
            data[key] = clean_field_value(field, value)


def clean_before_save(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loaddata: fixtures are stored as they are
    if sender is Revision:
        content_type = instance.content_type or instance.base_content_type
        clean_serialised(content_type.model_class() if content_type else None, instance.content)
        clean_instance(instance)  # object_str, the title the admin lists it by
    elif sender._meta.app_label in registry.CLEANED_APPS or issubclass(sender, BaseLogEntry):
        clean_instance(instance)  # a log entry's label is the page's or object's title


def connect():
    pre_save.connect(clean_before_save, dispatch_uid="core.input_cleaning")
