"""Several short lists of rows read in one query, each list as a JSON array.

A page that shows four short lists from four tables (a policy's draft files, draft parts,
guidance notes and questions) would cost four queries per view. Here each list is a scalar
subquery that folds its rows into a JSON array, so all of them come back as columns of one row:

    lists = Page.objects.filter(pk=page.pk).values(
        files=JSONRows(DraftFile.objects.filter(page=page), "pk", "label", "document__title"),
    ).get()
    files = rows(lists["files"], DraftFile, related={"document": Document})

Django has JSONObject but no JSON aggregate for every backend, hence the two templates below:
PostgreSQL's json_agg and SQLite's json_group_array around Django's own JSONObject. Neither
promises the order of the aggregated rows, so `rows()` sorts them itself.
"""

import json

from django.db.models import JSONField, Subquery
from django.db.models.functions import JSONObject

ROW = "json_row"  # the column the templates below aggregate


class JSONRows(Subquery):
    """The rows of `queryset` as a JSON array of objects holding `fields` (lookups such as
    "document__title" allowed). Decoded, the value is a list of dicts keyed by the lookups."""

    output_field = JSONField()

    def __init__(self, queryset, *fields):
        row = JSONObject(**{field: field for field in fields})
        super().__init__(queryset.order_by().values(**{ROW: row}))

    def as_postgresql(self, compiler, connection, **extra):
        template = "(SELECT COALESCE(json_agg(r.json_row), '[]')::text FROM (%(subquery)s) r)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        template = "(SELECT json_group_array(json(r.json_row)) FROM (%(subquery)s) r)"
        return self.as_sql(compiler, connection, template=template, **extra)


def rows(data, model, related=None, order_by=("sort_order", "pk")):
    """Instances of `model` from the decoded rows of a JSONRows, as if loaded from the database
    with only those fields (any other is deferred), in `order_by` order. `related` maps a
    foreign key to its model: its "<name>__<field>" keys become the related instance, or None
    where the row had none."""
    if isinstance(data, str):
        data = json.loads(data)
    related = related or {}
    instances = []
    for row in data:
        instance = _instance(model, {k: v for k, v in row.items() if "__" not in k})
        for name, related_model in related.items():
            values = {k.split("__", 1)[1]: v for k, v in row.items() if k.startswith(f"{name}__")}
            target = _instance(related_model, values) if values.get("pk") is not None else None
            setattr(instance, name, target)
        instances.append(instance)
    return sorted(instances, key=lambda item: tuple(_sortable(item, f) for f in order_by))


def _instance(model, values):
    """`values` (JSON primitives) turned into field values as the database would give them."""
    meta = model._meta
    given = {}
    for name, value in values.items():
        field = meta.pk if name == "pk" else meta.get_field(name)
        given[field.attname] = None if value is None else field.to_python(value)
    # from_db() takes the values in the order of the model's fields; the rest are deferred.
    names = [field.attname for field in meta.concrete_fields if field.attname in given]
    return model.from_db("default", names, [given[name] for name in names])


def _sortable(instance, field):
    value = getattr(instance, field)
    return (value is None, value)
