"""Index the authors and the newsroom's pages again, with the folded words the admin's searches match (core/search/)."""

from django.db import migrations

from core.search.indexing import reindex


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0010_desk_workflows")]

    operations = [migrations.RunPython(reindex("newsroom"), migrations.RunPython.noop, elidable=True)]
