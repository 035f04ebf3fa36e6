"""A desk's review: its index page carries the desk's workflow and its groups' page permissions.

Wagtail takes the workflow nearest up the tree, so the news workflow on the root ("Duyệt tin bài")
covers every page outside the desks' index pages. Each desk calls `put_on_desk` when its index
page is created (policy_pages.roles, media.roles); its data migration does the same for index
pages that already exist.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage


def put_on_desk(index_page, workflow_name, page_permissions):
    """Give `index_page` the workflow named `workflow_name` and, for each group named in
    `page_permissions`, its page permission codenames there. Idempotent; a missing workflow or
    group (a database before its desk's migration) is skipped."""
    workflow = Workflow.objects.filter(name=workflow_name, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
    for group_name, codenames in page_permissions.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=index_page, permission=permission
            )
