"""The newsroom's roles also upload and choose audio and video for the multimedia desk.

wagtailmedia checks its permissions on its own model (wagtailmedia.Media), per collection, as
Wagtail does for images and documents: reporters add, editors and the editor-in-chief also edit.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MEDIA_PERMISSIONS = {
    "Phóng viên": ["add_media"],
    "Biên tập viên": ["add_media", "change_media"],
    "Tổng biên tập": ["add_media", "change_media"],
}


def grant(apps, schema_editor):
    wagtailmedia = apps.get_app_config("wagtailmedia")
    wagtailmedia.models_module = True
    create_permissions(wagtailmedia, verbosity=0, apps=apps)  # normally made after migrations
    wagtailmedia.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    root_collection = Collection.objects.get(depth=1)
    for name, codenames in MEDIA_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailmedia", codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


def revoke(apps, schema_editor):
    apps.get_model("wagtailcore.GroupCollectionPermission").objects.filter(
        group__name__in=MEDIA_PERMISSIONS, permission__content_type__app_label="wagtailmedia"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0006_article_layout"),
        ("wagtailmedia", "0005_alter_media_options"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
