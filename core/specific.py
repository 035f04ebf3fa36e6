"""Pages as their specific types in one query, by joining each type's table.

Wagtail's `PageQuerySet.specific()` reads the page rows, then each type's rows in a query of its
own: a listing of articles and the four multimedia kinds costs six queries, and the count grows
with the kinds a page happens to show. Here the page rows come with a LEFT JOIN to each type's
table (and to the pictures a card shows), and each row is turned into its specific instance from
what the join brought: one query, whatever the mix. The joins are on primary keys, so the cost
is that of the page rows.
"""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models.query import ModelIterable

from wagtail.models import Page, get_page_models


@cache
def _link_path(model):
    """The reverse one-to-one accessors from Page down to `model`: ("articlepage",
    "livecoveragepage") for live coverage. Empty for Page itself."""
    names = []
    while model is not Page:
        parent, link = next(
            (parent, link)
            for parent, link in model._meta.parents.items()
            if issubclass(parent, Page)
        )
        names.insert(0, link.remote_field.get_accessor_name())
        model = parent
    return tuple(names)


def _subtypes(page_types):
    return [
        model
        for model in get_page_models()
        if model is not Page
        and not model._meta.abstract
        and any(issubclass(model, page_type) for page_type in page_types)
    ]


def joined_relations(page_types, related=()):
    """`select_related()` paths that bring the rows of every type in `page_types` (and their
    subclasses) with the pages, and the foreign keys named in `related` or in a type's
    `joined_with_page` (what its own page shows beside it) that the type declares."""
    paths = []
    for model in _subtypes(page_types):
        path = "__".join(_link_path(model))
        paths.append(path)
        local = {field.name for field in model._meta.local_concrete_fields}
        wanted = [*related, *getattr(model, "joined_with_page", ())]
        paths += [f"{path}__{name}" for name in dict.fromkeys(wanted) if name in local]
    return paths


def joined_specific(queryset, page_types, related=()):
    """`queryset` (of Page) yielding specific pages of `page_types` in one query, with the foreign
    keys in `related` (e.g. the pictures a card shows) joined too. A page of another type comes
    as `.specific` would give it, at a query of its own."""
    queryset = queryset.select_related(*joined_relations(page_types, related))
    queryset._iterable_class = JoinedSpecificIterable
    return queryset


def from_join(page):
    """The specific instance that a joined query brought along with `page`, or None."""
    model = ContentType.objects.get_for_id(page.content_type_id).model_class()
    if model is None or model is Page:
        return page
    specific = page
    for name in _link_path(model):
        link = type(specific)._meta.get_field(name)
        if not link.is_cached(specific):
            return None
        specific = link.get_cached_value(specific)
        if specific is None:
            return None
    return specific


class JoinedSpecificIterable(ModelIterable):
    def __iter__(self):
        annotations = list(self.queryset.query.annotation_select)
        for page in super().__iter__():
            specific = from_join(page) or page.specific
            for name in annotations:
                setattr(specific, name, getattr(page, name))
            yield specific
