"""The read-only API at /api/v2/: Wagtail's API v2 for pages, images and documents.

Every answer is the same whoever asks, so a shared cache may keep it for a minute:

- pages: live ones outside every view restriction. Wagtail would show a restricted page to a
  logged-in editor or to a reader who typed its password, and a cache would pass that answer on;
  here nobody sees one. A scheduled page is absent until it goes live. What each type gives is
  its model's `api_fields` (serializer fields from core.api_fields).
- images and documents: only those a live, public page uses (Wagtail's reference index), so a
  photo or a file uploaded for an embargoed story stays out until the story is out, and never one
  in a collection with a view restriction.
- draft-units: the units of a published draft version of a live, public policy, counts of
  approved comments beside them (never a name or an email).
- JSON only, GET only, no authentication; at most WAGTAILAPI_LIMIT_MAX items an answer; a query
  the API cannot answer is a 400, never a 500.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import BigIntegerField, CharField, Count, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from django.utils.cache import patch_cache_control

from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from rest_framework import serializers
from rest_framework.fields import Field
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from core import cache_tags
from core.addresses import absolute
from core.paginate import cached_count
from core.privacy import all_pages
from core.search.indexing import search_words
from policy_pages.models import DraftUnit, DraftVersion, PolicyPage, Submission
from policy_pages.models.participation import COMMENT
from policy_pages.models.policies import participation_tag

MAX_AGE = 60
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 16
MAX_OFFSET = 1_000_000
# Files a page holds before readers may see them: a policy's consultation report shows from its
# date only, so the documents endpoint never lists it (the policy's own answer does, once public).
WITHHELD_REFERENCES = ["report_file"]


def public_pages(request):
    """Live pages of the site asked for (?site=, else the request's), outside every view
    restriction whoever asks. Unlike Wagtail's, it reads neither the session nor the user."""
    try:
        site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    except ValueError as error:
        raise BadRequestError(str(error)) from error
    if site is None:
        return Page.objects.none()
    return all_pages().live().descendant_of(site.root_page, inclusive=True).unrestricted()


def restricted_collections():
    """Collections under a view restriction, and their descendants."""
    paths = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection")
    ).values_list("path", flat=True)
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return Collection.objects.filter(under).values("pk") if under else Collection.objects.none()


def used_on_public_pages(queryset, request):
    """The images or documents of `queryset` that a live, public page refers to."""
    # A filter on the id, not Exists(): search results can only be filtered on indexed fields.
    page_keys = public_pages(request).order_by().annotate(key=Cast("pk", CharField()))
    used = (
        ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(queryset.model),
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=page_keys.values("key"),
        )
        .exclude(model_path__in=WITHHELD_REFERENCES)
        .annotate(target=Cast("to_object_id", BigIntegerField()))
        .values("target")
    )
    return queryset.exclude(collection__in=restricted_collections()).filter(id__in=used)


class Pagination(WagtailPagination):
    """Wagtail's limit and offset, with an offset too large for the database refused."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            too_far = int(request.GET.get("offset", 0)) > MAX_OFFSET
        except ValueError:
            too_far = False  # Wagtail answers it: not a positive integer
        if too_far:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(_CountCached(queryset), request, view)


class _CountCached:
    """A queryset whose count (Wagtail's `total_count`, 0.3 s over 200,000 articles) is kept
    until the next publication (core/paginate.py); Wagtail only counts and slices it."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return cached_count(self.queryset)

    def __getitem__(self, key):
        return self.queryset[key]


class CheckedFieldsFilter(FieldsFilter):
    """?field=value filters; a value the field cannot hold (a date that is no date) is a 400."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError, TypeError) as error:
            raise BadRequestError("field filter error: a value does not fit its field") from error


class CheckedOrderingFilter(OrderingFilter):
    """?order= on a type's own columns. Not by a relation (it repeats items across pages of the
    answer) and not random (it sorts the whole archive for an answer no cache can keep)."""

    def filter_queryset(self, request, queryset, view):
        for name in request.GET.get("order", "").split(","):
            if name == "random":
                raise BadRequestError("random ordering is not offered")
            try:
                field = queryset.model._meta.get_field(name.removeprefix("-"))
            except FieldDoesNotExist:
                continue  # Wagtail answers it: unknown field
            if not field.concrete or field.many_to_many:
                raise BadRequestError(f"cannot order by '{name}'")
        return super().filter_queryset(request, queryset, view)


class CheckedSearchFilter(SearchFilter):
    """?search= as words: punctuation would be query syntax to the full-text engine (a stray
    quote fails SQLite's), and a query past a reader's length is refused."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if len(request.GET["search"]) > MAX_SEARCH_LENGTH:
            raise BadRequestError(f"search cannot be longer than {MAX_SEARCH_LENGTH} characters")
        operator = request.GET.get("search_operator")
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        # Folded as the search backend folds every query (core/search/): "chinh phu" finds
        # "Chính phủ"; here to count the words before the backend sees them.
        words = search_words(request.GET["search"]).split()[:MAX_SEARCH_WORDS]
        if not words:
            return queryset.none()
        try:
            return get_search_backend().search(
                " ".join(words),
                queryset,
                operator=operator,
                order_by_relevance="order" not in request.GET,
            )
        except (FilterFieldError, OrderByFieldError) as error:
            raise BadRequestError(f"cannot search with this filter or order: {error}") from error


class ReadOnlyEndpoint:
    """What every endpoint shares: JSON, anonymous, GET only (others get 405), public caching."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = Pagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequestError("null characters are not allowed")

    def find_object(self, queryset, request):
        try:
            return super().find_object(queryset, request)
        except (ValidationError, ValueError) as error:
            raise BadRequestError("id must be a positive integer") from error

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response


class PagesEndpoint(ReadOnlyEndpoint, PagesAPIViewSet):
    filter_backends = [
        CheckedFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        CheckedOrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        CheckedSearchFilter,  # last: search results cannot be filtered further
    ]
    # A policy's drafts and answer table cost a few queries each: one policy at a time, never
    # for a whole listing (asked of a listing, they are unknown fields: a 400).
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "draft_versions", "answer_table"]

    def get_base_queryset(self):
        return public_pages(self.request)

    def get_queryset(self):
        queryset = super().get_queryset()
        model = queryset.model
        if self.action == "listing_view" and self.request.GET.get("fields"):
            # The fields a type's listing shows, for the whole page of results in a few queries.
            queryset = queryset.select_related(
                *getattr(model, "api_listing_related", ())
            ).prefetch_related(*getattr(model, "api_listing_prefetch", ()))
        return queryset


class AbsoluteDownloadUrlField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        return absolute(image.file.url, self.context["request"])


class PortalImageSerializer(ImageSerializer):
    download_url = AbsoluteDownloadUrlField(read_only=True)


class ImagesEndpoint(ReadOnlyEndpoint, ImagesAPIViewSet):
    """Pictures with their caption and credit; not who uploaded them, their tags or file hash."""

    base_serializer_class = PortalImageSerializer
    filter_backends = [CheckedFieldsFilter, CheckedOrderingFilter, CheckedSearchFilter]
    body_fields = [
        "id",
        "title",
        "width",
        "height",
        "caption",
        "credit",
        "credit_line",
        APIField("alt", serializer=serializers.CharField(source="default_alt_text")),
    ]
    meta_fields = ["type", "detail_url", "download_url"]
    listing_default_fields = ["id", "type", "detail_url", "download_url", "title", "credit"]
    nested_default_fields = ["id", "type", "detail_url", "download_url", "title"]

    def get_queryset(self):
        return used_on_public_pages(self.model.objects.order_by("id"), self.request)


class DocumentsEndpoint(ReadOnlyEndpoint, DocumentsAPIViewSet):
    """Files by title and address; not who uploaded them, their tags or file hash."""

    filter_backends = [CheckedFieldsFilter, CheckedOrderingFilter, CheckedSearchFilter]
    meta_fields = ["type", "detail_url", "download_url"]
    listing_default_fields = ["id", "type", "detail_url", "download_url", "title"]
    nested_default_fields = ["id", "type", "detail_url", "download_url", "title"]

    def get_queryset(self):
        return used_on_public_pages(self.model.objects.order_by("id"), self.request)


class DraftUnitsEndpoint(ReadOnlyEndpoint, BaseAPIViewSet):
    """The units of a published draft version, in reading order, a page at a time:
    `?policy=<page id>&version=<n>`. Each with its text, anchor and place in the tree, its
    lineage (the same unit in other versions) and how many approved comments that lineage has
    had in any version: counts only, never who sent them."""

    model = DraftUnit
    filter_backends = []
    known_query_parameters = frozenset(
        ["limit", "offset", "fields", "_", "format", "policy", "version"]
    )
    body_fields = [
        "id",
        "anchor",
        "kind",
        "number",
        "title",
        "text",
        "depth",
        "position",
        APIField("label", serializer=serializers.CharField(read_only=True)),
        APIField("parent", serializer=serializers.IntegerField(source="parent_id")),
        APIField("lineage", serializer=serializers.IntegerField(source="lineage_id")),
        APIField("approved_comments", serializer=serializers.IntegerField()),
    ]
    meta_fields = ["type", "detail_url"]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "anchor",
        "kind",
        "number",
        "title",
        "text",
        "depth",
        "parent",
        "lineage",
        "approved_comments",
    ]
    nested_default_fields = ["id", "type", "detail_url", "anchor"]

    def get_queryset(self):
        versions = DraftVersion.objects.published().filter(
            policy__in=public_pages(self.request).type(PolicyPage).values("pk")
        )
        if self.action == "listing_view":
            policy, number = self._positive("policy"), self._positive("version")
            cache_tags.add(participation_tag(policy))  # comment counts follow moderation
            versions = versions.filter(policy_id=policy, number=number)
            if not versions.exists():
                raise Http404("Không có dự thảo đã công bố này của chính sách.")
        comments = (
            Submission.objects.approved()
            .filter(kind=COMMENT, unit__lineage=OuterRef("lineage"))
            .order_by()
            .values("unit__lineage")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            DraftUnit.objects.filter(version__in=versions)
            .select_related("version")
            .annotate(approved_comments=Coalesce(Subquery(comments), 0))
            .order_by("version", "position")
        )

    def get_object(self):
        unit = super().get_object()
        cache_tags.add(participation_tag(unit.version.policy_id))
        return unit

    def _positive(self, name):
        value = self.request.GET.get(name, "")
        if not value:
            raise BadRequestError(
                "Cần chỉ rõ chính sách và số dự thảo: ?policy=<mã trang>&version=<số dự thảo>."
            )
        if not (value.isascii() and value.isdigit()) or len(value) > 9 or int(value) < 1:
            raise BadRequestError(f"Tham số {name} phải là số nguyên dương.")
        return int(value)
