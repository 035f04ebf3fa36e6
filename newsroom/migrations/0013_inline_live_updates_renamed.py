"""A live page's updates leave the page's revisions for records of their own (issue 24): the
inline rows are renamed out of the way here, copied into the new records (0015) and dropped
(0016)."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0012_admin_texts")]

    operations = [
        migrations.RenameModel("LiveUpdate", "InlineLiveUpdate"),
        migrations.AlterField(
            model_name="inlineliveupdate",
            name="page",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="newsroom.livecoveragepage",
            ),
        ),
    ]
