"""An index for listings of 200,000 stories, newest first (issue 8).

Every listing (home, sections, topics, authors, multimedia, the API) reads live pages of a few
types under one path, newest first. This index holds the live pages in that order with the
columns those filters test, so a page of a listing, even ?page=500, is read from the index
alone, without visiting the table. Wagtail's own table, so raw SQL; PostgreSQL only (INCLUDE and
partial indexes), SQLite keeps Wagtail's index on first_published_at.
"""

from django.db import migrations

INDEX = "newsroom_live_page_newest_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page "
            "(first_published_at DESC, id DESC) INCLUDE (content_type_id, path, depth) "
            "WHERE live"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0007_multimedia_roles"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
