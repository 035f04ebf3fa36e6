"""Migrations 0013-0016: a live page's inline updates (saved with the page's revisions) become
records of their own, keeping their ids, times and content, each with a history row; going back
restores the inline rows."""

import datetime as dt

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

from newsroom.models import LiveUpdate
from tests.factories import LiveCoveragePageFactory, SectionPageFactory

BEFORE = [("newsroom", "0014_live_update_records")]


def migrate(targets):
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_inline_updates_become_records_with_their_ids_and_content(home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    page = LiveCoveragePageFactory(parent=section, title="Trực tiếp: Kỳ họp Quốc hội")
    apps = migrate(BEFORE)
    try:
        InlineLiveUpdate = apps.get_model("newsroom", "InlineLiveUpdate")
        posted = timezone.now() - dt.timedelta(minutes=30)
        InlineLiveUpdate.objects.create(
            pk=41,
            page_id=page.pk,
            posted_at=posted,
            sort_order=0,
            content=[{"type": "quote", "value": {"quote": "Đoàn kết.", "attribution": "Ông A"}}],
        )
        InlineLiveUpdate.objects.create(
            pk=42,
            page_id=page.pk,
            posted_at=posted + dt.timedelta(minutes=5),
            sort_order=1,
            content=[{"type": "text", "value": "<p>Khai mạc kỳ họp.</p>"}],
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    updates = {update.pk: update for update in LiveUpdate.objects.all()}
    assert set(updates) == {41, 42}
    assert updates[41].posted_at == posted and updates[41].changed_at == posted
    assert updates[41].content[0].value["quote"] == "Đoàn kết."
    assert "Khai mạc kỳ họp." in str(updates[42].content[0].value)
    assert updates[42].history.get().action == "posted"
    # The sequence moved past the copied ids: the next update gets a new one.
    newer = LiveUpdate.objects.create(page=page, content=[], changed_at=timezone.now())
    assert newer.pk > 42
