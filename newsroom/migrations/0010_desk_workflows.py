"""The multimedia desk's review, "Duyệt đa phương tiện": photo stories, videos, audio bulletins
and infographics are approved, and so published, by the photo/video desk's editor (Biên tập đa
phương tiện) instead of the newsroom's two rounds. News keeps "Duyệt tin bài" on the root.

The desk's editor uploads and edits photos, documents, audio and video and holds publishing on
the multimedia tree only. The multimedia index, if it exists, gets the workflow here; a new one
gets it when created (media.roles).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Biên tập đa phương tiện"
WORKFLOW, TASK = "Duyệt đa phương tiện", "Biên tập đa phương tiện duyệt"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
    "wagtailmedia.add_media",
    "wagtailmedia.change_media",
]
MODEL_PERMISSIONS = ["wagtailadmin.access_admin", "newsroom.view_author"]


def permission(apps, dotted):
    app_label, codename = dotted.split(".")
    return apps.get_model("auth.Permission").objects.get(
        content_type__app_label=app_label, codename=codename
    )


def create_review(apps, schema_editor):
    for app_config in apps.get_app_configs():  # permissions are normally made after migrations
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    ContentType = apps.get_model("contenttypes.ContentType")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*(permission(apps, dotted) for dotted in MODEL_PERMISSIONS))
    root_collection = Collection.objects.get(depth=1)
    for dotted in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission(apps, dotted)
        )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([group])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, sort_order=0)

    for index in apps.get_model("media", "MultimediaIndexPage").objects.all():
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=index.pk, permission=permission(apps, f"wagtailcore.{codename}")
            )


def remove_review(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore.Task").objects.filter(name=TASK).delete()
    apps.get_model("auth.Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0009_sapo_prefix_help"),
        ("media", "0003_multimedia_pages"),
        ("wagtailmedia", "0005_alter_media_options"),
    ]

    operations = [migrations.RunPython(create_review, remove_review)]
