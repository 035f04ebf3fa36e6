"""The policy desk's own review, "Duyệt chính sách": a policy officer submits, the head of the
policy desk (Trưởng ban Chính sách) approves and so publishes. Legal documents and policies no
longer go to the newsroom's editors; news keeps "Duyệt tin bài" on the root.

The head holds the officers' permissions plus publishing, on the policy tree only. Index pages
that exist get the workflow here; new ones get it when created (policy_pages.roles).
"""

from django.db import migrations

OFFICERS, HEAD = "Chuyên viên chính sách", "Trưởng ban Chính sách"
WORKFLOW, TASK = "Duyệt chính sách", "Trưởng ban Chính sách duyệt"
PAGE_PERMISSIONS = {
    OFFICERS: ["add_page", "change_page"],
    HEAD: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
INDEX_PAGES = ["LegalDocumentIndexPage", "PolicyIndexPage"]


def create_review(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")

    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    head, _ = Group.objects.get_or_create(name=HEAD)
    head.permissions.add(*officers.permissions.all())
    for granted in GroupCollectionPermission.objects.filter(group=officers):
        GroupCollectionPermission.objects.get_or_create(
            group=head, collection_id=granted.collection_id, permission_id=granted.permission_id
        )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([head])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, sort_order=0)

    groups = {OFFICERS: officers, HEAD: head}
    for model_name in INDEX_PAGES:
        for index in apps.get_model("policy_pages", model_name).objects.all():
            WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})
            for group_name, codenames in PAGE_PERMISSIONS.items():
                for permission in Permission.objects.filter(
                    content_type__app_label="wagtailcore", codename__in=codenames
                ):
                    GroupPagePermission.objects.get_or_create(
                        group=groups[group_name], page_id=index.pk, permission=permission
                    )


def remove_review(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore.Task").objects.filter(name=TASK).delete()
    apps.get_model("auth.Group").objects.filter(name=HEAD).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("policy_pages", "0006_submission_form_key"),
        ("newsroom", "0003_editorial_roles"),
    ]

    operations = [migrations.RunPython(create_review, remove_review)]
