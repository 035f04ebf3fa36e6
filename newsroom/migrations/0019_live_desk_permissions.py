"""The live desk's rights as model permissions, so the admin reads them from the user's
permission cache (newsroom/live_desk.py): the live-desk reporter may add updates (to the pages
assigned to them), editors and the editor-in-chief may add and change them on every live page."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Phóng viên tường thuật": ["add_liveupdate"],
    "Biên tập viên": ["add_liveupdate", "change_liveupdate"],
    "Tổng biên tập": ["add_liveupdate", "change_liveupdate"],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.filter(content_type__app_label="newsroom", codename__in=codenames)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("newsroom")
    app_config.models_module = True  # permissions are normally made after migrations
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))


def take_back(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0018_one_pinned_update"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant, take_back)]
