from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0015_copy_live_updates")]

    operations = [migrations.DeleteModel(name="InlineLiveUpdate")]
