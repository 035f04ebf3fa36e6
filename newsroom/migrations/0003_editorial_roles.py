"""The newsroom's roles and its review workflow "Duyệt tin bài".

Phóng viên (reporter) creates stories and edits their own drafts, and submits them; Biên tập viên
(editor) edits any story and reviews; Tổng biên tập (editor-in-chief) approves, publishes and
unpublishes. Page permissions sit on the root page, so they cover the whole news tree as it grows;
the workflow replaces Wagtail's default "Moderators approval" there.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER, EDITOR, CHIEF = "Phóng viên", "Biên tập viên", "Tổng biên tập"
WORKFLOW = "Duyệt tin bài"

PAGE_PERMISSIONS = {
    REPORTER: ["add_page"],
    EDITOR: ["add_page", "change_page", "lock_page"],
    CHIEF: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Wagtail checks image and document permissions on its own models even when the portal's
# models (media.PortalImage, PortalDocument) hold the files.
COLLECTION_PERMISSIONS = {
    REPORTER: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    EDITOR: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
}
COLLECTION_PERMISSIONS[CHIEF] = COLLECTION_PERMISSIONS[EDITOR]
MODEL_PERMISSIONS = {
    REPORTER: ["wagtailadmin.access_admin", "newsroom.view_author"],
    EDITOR: [
        "wagtailadmin.access_admin",
        "newsroom.add_author",
        "newsroom.change_author",
        "newsroom.view_author",
    ],
}
MODEL_PERMISSIONS[CHIEF] = MODEL_PERMISSIONS[EDITOR]


def ensure_permissions(apps):
    # Permissions are normally made after all migrations; these ones are needed now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def permission(apps, dotted):
    Permission = apps.get_model("auth.Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name in (REPORTER, EDITOR, CHIEF):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission(apps, f"wagtailcore.{codename}")
            )
        for dotted in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(apps, dotted)
            )
        group.permissions.add(*(permission(apps, dotted) for dotted in MODEL_PERMISSIONS[name]))

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    for order, (task_name, group) in enumerate(
        [("Biên tập viên duyệt", groups[EDITOR]), ("Tổng biên tập duyệt", groups[CHIEF])]
    ):
        task, _ = GroupApprovalTask.objects.get_or_create(
            name=task_name, defaults={"content_type": task_type, "active": True}
        )
        task.groups.set([group])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})

    # Wagtail's starter roles would sit confusingly beside these: a fresh portal has no users yet.
    Workflow.objects.filter(name="Moderators approval").update(active=False)
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()


def remove_roles(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("auth.Group").objects.filter(name__in=[REPORTER, EDITOR, CHIEF]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_home_curation"),
        ("media", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
