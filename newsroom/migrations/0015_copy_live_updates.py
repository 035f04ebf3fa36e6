"""Copy every inline update into the new records, keeping its id (readers' links to
#cap-nhat-<id> keep working), its time and content, with a history row saying where it came
from. The inline rows are what the live page showed: a draft revision's unpublished updates
were never public and stay in that revision."""

from django.core.management.color import no_style
from django.db import migrations

NOTE = "Chuyển từ phiên bản trang trước khi có bàn tường thuật."


def copy_updates(apps, schema_editor):
    InlineLiveUpdate = apps.get_model("newsroom", "InlineLiveUpdate")
    LiveUpdate = apps.get_model("newsroom", "LiveUpdate")
    LiveUpdateHistory = apps.get_model("newsroom", "LiveUpdateHistory")
    for old in InlineLiveUpdate.objects.order_by("pk").iterator():
        update = LiveUpdate.objects.create(
            pk=old.pk,
            page_id=old.page_id,
            content=old.content.raw_data,
            posted_at=old.posted_at,
            # Who wrote it is not known (the page's owner need not be): nobody, so no
            # reporter may change it as their own; the history row says where it came from.
            posted_by_id=None,
            changed_at=old.posted_at,
        )
        LiveUpdateHistory.objects.create(
            update=update, action="posted", user_id=None, at=old.posted_at, note=NOTE
        )
    # Ids were given: the next update must not take one of them (PostgreSQL's sequence).
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [LiveUpdate]):
            cursor.execute(sql)


def copy_back(apps, schema_editor):
    InlineLiveUpdate = apps.get_model("newsroom", "InlineLiveUpdate")
    LiveUpdate = apps.get_model("newsroom", "LiveUpdate")
    for update in LiveUpdate.objects.filter(removed_at__isnull=True, withdrawn_at__isnull=True):
        InlineLiveUpdate.objects.update_or_create(
            pk=update.pk,
            defaults={
                "page_id": update.page_id,
                "posted_at": update.posted_at,
                "content": update.content.raw_data,
            },
        )
    LiveUpdate.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0014_live_update_records")]

    operations = [migrations.RunPython(copy_updates, copy_back)]
