"""The live-desk reporter's role, "Phóng viên tường thuật": posts, edits and takes down updates
on the live pages an editor assigns them to (newsroom/live_desk.py), and nothing else of the
page tree. They reach the admin, choose and upload photos for an update, and choose videos
and documents through the page chooser."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LIVE_REPORTER = "Phóng viên tường thuật"
MODEL_PERMISSIONS = ["wagtailadmin.access_admin"]
COLLECTION_PERMISSIONS = ["wagtailimages.add_image", "wagtailimages.choose_image"]


def permission(apps, dotted):
    Permission = apps.get_model("auth.Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_role(apps, schema_editor):
    for app_config in apps.get_app_configs():  # permissions are normally made after migrations
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    group, _ = Group.objects.get_or_create(name=LIVE_REPORTER)
    group.permissions.add(*(permission(apps, dotted) for dotted in MODEL_PERMISSIONS))
    root_collection = Collection.objects.get(depth=1)
    for dotted in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission(apps, dotted)
        )


def remove_role(apps, schema_editor):
    group = apps.get_model("auth.Group").objects.filter(name=LIVE_REPORTER).first()
    if group is None:
        return
    # Row by row: the collector of a cascading delete mixes this state's models with later ones.
    apps.get_model("wagtailcore.GroupCollectionPermission").objects.filter(group=group).delete()
    group.permissions.clear()
    group.user_set.clear()
    type(group).objects.filter(pk=group.pk)._raw_delete(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0016_drop_inline_live_updates")]

    operations = [migrations.RunPython(create_role, remove_role)]
