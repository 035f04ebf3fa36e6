"""The two roles of an online dialogue (models/dialogues.py, dialogue_admin.py).

Kiểm duyệt giao lưu (the dialogue's moderator): approves or rejects the dialogue's questions,
orders them and hands them to the host, on the dialogue's own screen; no page, no other queue.
Thư ký khách mời (the guests' secretariat): posts and edits the guests' answers; sees only the
approved questions handed to the host, by the asker's name (never the email); may add a photo
to an answer (the library's root collection), edits no page.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DIALOGUE_MODERATORS = "Kiểm duyệt giao lưu"
SECRETARIAT = "Thư ký khách mời"
GRANTS = {
    DIALOGUE_MODERATORS: [
        ("wagtailadmin", "access_admin"),
        ("policy_pages", "moderate_dialogue"),
    ],
    SECRETARIAT: [
        ("wagtailadmin", "access_admin"),
        ("policy_pages", "add_guestanswer"),
        ("policy_pages", "change_guestanswer"),
        ("policy_pages", "view_guestanswer"),
    ],
}
SECRETARIAT_COLLECTION = [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    def permission(app, codename):
        return Permission.objects.get(content_type__app_label=app, codename=codename)

    for name, permissions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(permission(app, codename) for app, codename in permissions))
    secretariat = Group.objects.get(name=SECRETARIAT)
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for app, codename in SECRETARIAT_COLLECTION:
            GroupCollectionPermission.objects.get_or_create(
                group=secretariat, collection=root, permission=permission(app, codename)
            )


def revoke(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=list(GRANTS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("policy_pages", "0015_dialogues"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
