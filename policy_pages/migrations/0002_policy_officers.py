"""Chuyên viên chính sách (policy officer): writes legal documents and policies, and submits them
to the same review workflow as news ("Duyệt tin bài", which covers the whole tree).

Page permissions cannot be granted here: the policy tree's index pages do not exist yet on a new
database. `policy_pages.roles` grants them on each index page when it is created.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Chuyên viên chính sách"
MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("policy_pages", "add_issuingbody"),
    ("policy_pages", "change_issuingbody"),
    ("policy_pages", "view_issuingbody"),
    ("policy_pages", "add_legalfield"),
    ("policy_pages", "change_legalfield"),
    ("policy_pages", "view_legalfield"),
    ("newsroom", "view_author"),
]
COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
]


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*(permission(*dotted) for dotted in MODEL_PERMISSIONS))
    root_collection = Collection.objects.get(depth=1)
    for dotted in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission(*dotted)
        )


def remove_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("policy_pages", "0001_initial"),
        ("newsroom", "0007_multimedia_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
