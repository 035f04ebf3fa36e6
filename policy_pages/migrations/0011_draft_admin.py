"""Draft versions in the admin: policy officers (Chuyên viên chính sách) import and correct them;
the head of the policy desk (Trưởng ban Chính sách) does the same and alone publishes them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICERS, HEAD = "Chuyên viên chính sách", "Trưởng ban Chính sách"
EDITING = ["add_draftversion", "change_draftversion", "view_draftversion"]
GRANTS = {OFFICERS: EDITING, HEAD: [*EDITING, "publish_draftversion"]}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="policy_pages", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="policy_pages", codename__in=GRANTS[group.name]
            )
        )


class Migration(migrations.Migration):
    dependencies = [("policy_pages", "0010_parts_to_units")]

    operations = [migrations.RunPython(grant, revoke)]
