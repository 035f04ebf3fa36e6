"""Index the photos, documents, audio and video, and the multimedia pages again, with the folded words the admin's searches match (core/search/)."""

from django.db import migrations

from core.search.indexing import reindex


class Migration(migrations.Migration):
    dependencies = [("media", "0004_sapo_help")]

    operations = [migrations.RunPython(reindex("media"), migrations.RunPython.noop, elidable=True)]
