"""Index the issuing bodies, legal fields and the policy desk's pages again, with the folded words the admin's searches match (core/search/)."""

from django.db import migrations

from core.search.indexing import reindex


class Migration(migrations.Migration):
    dependencies = [("policy_pages", "0007_desk_workflows")]

    operations = [migrations.RunPython(reindex("policy_pages"), migrations.RunPython.noop, elidable=True)]
