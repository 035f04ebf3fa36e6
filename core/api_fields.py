"""Serializer fields for Wagtail's read-only API, named in each page type's `api_fields`.

Outlets republish what the API gives them, so text comes as readers see it (HTML with absolute
addresses), a picture comes with its caption and credit, and people, topics and bodies come as
names, never as records: no account, no email, nothing a reader does not see on the page.
"""

from datetime import date, datetime

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.functional import Promise

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from rest_framework.fields import Field

from . import html as html_tools
from .addresses import absolute, site_root
from .pictures import rendition_or_none
from .renditions import largest_jpeg_spec


def _django_request(context):
    request = context["request"]
    return getattr(request, "_request", request)


def absolute_urls(html, request):
    """`html` with every address on this site absolute (the API's base URL)."""
    return html_tools.absolute_urls(html, site_root(request))


def image_data(image, request):
    """A picture as an outlet reuses it: the JPEG an article's column shows (the widest that does
    not enlarge it), its alt text, caption and credit."""
    rendition = rendition_or_none(image, largest_jpeg_spec(image))
    if rendition is None:
        return {"id": image.pk, "error": "SourceImageIOError"}
    return {
        "id": image.pk,
        "url": absolute(rendition.url, request),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "credit_line": image.credit_line,
    }


def document_data(document, request):
    return {
        "id": document.pk,
        "title": document.title,
        "url": absolute(document.url, request),
        "file_extension": document.file_extension,
        "file_size": document.file_size,
    }


def page_data(page, context):
    request = _django_request(context)
    data = {"id": page.pk, "title": page.title, "html_url": page.get_full_url(request)}
    router = context.get("router")
    if router is not None:
        path = router.get_object_detail_urlpath(type(page), page.pk)
        data["detail_url"] = absolute(path, request)
    return data


def plain(value, context, keys=None):
    """`value` as JSON-ready data: pictures, documents and pages in their public form (plus the
    attributes `keys` names), times in Vietnam's zone, anything else of the database as text."""
    if keys is not None and not isinstance(value, (AbstractImage, AbstractDocument, Page)):
        return shape(value, keys, context)
    request = context["request"]
    if isinstance(value, AbstractImage):
        data = image_data(value, request)
    elif isinstance(value, AbstractDocument):
        data = document_data(value, request)
    elif isinstance(value, Page):
        data = page_data(value, context)
    elif isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value
    elif isinstance(value, date):
        return value.isoformat()
    elif isinstance(value, FieldFile):
        return absolute(value.url, request) if value else None
    elif isinstance(value, (Promise, models.Model)):
        return str(value)
    else:
        return value
    return {**data, **shape(value, keys, context)} if keys else data


def resolve(obj, path):
    """Follow "answer.answered_by.name" from `obj`: attributes, dict keys, tuple positions ("0");
    methods are called. None anywhere along the way gives None."""
    for part in path.split("."):
        if obj is None:
            return None
        if isinstance(obj, dict):
            obj = obj.get(part)
        elif isinstance(obj, tuple) and part.isdigit():
            obj = obj[int(part)]
        else:
            obj = getattr(obj, part)
        if callable(obj) and not isinstance(obj, (models.Model, models.Manager)):
            obj = obj()
    return obj


def shape(value, keys, context):
    """A list (or queryset) of objects, or one object, as dicts of the attributes `keys` names:
    {output key: attribute path, or (attribute path, keys of the nested object)}."""
    if value is None:
        return None
    if hasattr(value, "all") and not isinstance(value, dict):
        value = value.all()
    if isinstance(value, (list, models.QuerySet)):
        return [shape(item, keys, context) for item in value]
    data = {}
    for key, spec in keys.items():
        path, nested = (spec, None) if isinstance(spec, str) else spec
        data[key] = plain(resolve(value, path), context, nested)
    return data


class ObjectsField(Field):
    """Plain data from a page's attributes: `ObjectsField({"stage": "stage", "date": "date"},
    source="timeline")`. With `when`, null unless that attribute of the page is true (a report
    before its publication date, say)."""

    def __init__(self, keys, when=None, **kwargs):
        self.keys = keys
        self.when = when
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        if self.when and not getattr(instance, self.when):
            return None
        return super().get_attribute(instance)

    def to_representation(self, value):
        return shape(value, self.keys, self.context)


class NamesField(Field):
    """People, topics, fields or bodies as their name and slug, with the address of their page on
    the portal if they have one; `name` is the attribute readers see (a pen name, say)."""

    def __init__(self, name="name", **kwargs):
        self.name_attribute = name
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if hasattr(value, "all"):
            return [self.one(item) for item in value.all()]
        if isinstance(value, (list, tuple)):
            return [self.one(item) for item in value]
        return self.one(value)

    def one(self, item):
        data = {"name": str(getattr(item, self.name_attribute)), "slug": item.slug}
        if hasattr(item, "get_absolute_url"):
            data["url"] = absolute(item.get_absolute_url(), self.context["request"])
        return data


class ImageField(Field):
    """A picture with its caption and credit (see `image_data`)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, image):
        return image_data(image, self.context["request"])


class RichTextHTMLField(Field):
    """A rich text field as readers see it: links to pages and documents expanded, addresses
    absolute."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return absolute_urls(expand_db_html(value), self.context["request"])


class StreamHTMLField(Field):
    """A StreamField rendered with the page's own block templates, addresses absolute.

    `numbered` names the page's attribute giving (block, photo number) pairs, so photos carry
    "Ảnh N" as on the page. A "see also" block pointing at a page readers cannot see renders
    nothing (newsroom.blocks.RelatedLinkBlock), so its title does not leak."""

    def __init__(self, numbered=None, **kwargs):
        self.numbered = numbered
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        if self.numbered:
            blocks = getattr(page, self.numbered)
        else:
            blocks = [(block, None) for block in getattr(page, self.field_name)]
        request = _django_request(self.context)
        html = "".join(
            block.render(context={"request": request, "photo_number": number})
            for block, number in blocks
        )
        return absolute_urls(html, self.context["request"])
