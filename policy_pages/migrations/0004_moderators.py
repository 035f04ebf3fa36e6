"""Kiểm duyệt viên (moderator): sees the public's comments, questions and proposals and approves,
rejects or marks them as spam; nothing else. Policy officers also see them, answer them and export
them with the senders' emails."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Kiểm duyệt viên"
OFFICERS = "Chuyên viên chính sách"
GRANTS = {
    MODERATORS: [
        ("wagtailadmin", "access_admin"),
        ("policy_pages", "view_submission"),
        ("policy_pages", "moderate_submission"),
    ],
    OFFICERS: [
        ("policy_pages", "view_submission"),
        ("policy_pages", "export_submission"),
        ("policy_pages", "add_answer"),
        ("policy_pages", "change_answer"),
        ("policy_pages", "view_answer"),
    ],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, permissions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *(
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in permissions
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.filter(name=MODERATORS).delete()
    officers = Group.objects.filter(name=OFFICERS).first()
    if officers:
        officers.permissions.remove(
            *officers.permissions.filter(
                content_type__app_label="policy_pages",
                codename__in=[codename for _, codename in GRANTS[OFFICERS]],
            )
        )


class Migration(migrations.Migration):
    dependencies = [("policy_pages", "0003_participation")]

    operations = [migrations.RunPython(grant, revoke)]
