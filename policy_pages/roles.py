"""The policy officers' page permissions, on the policy tree as soon as it exists.

Wagtail grants page permissions per subtree. The news roles hold theirs on the root; policy
officers hold theirs only on the two index pages of the policy desk, so they write documents and
policies but cannot touch the news. The group is made by migration 0002.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.models import GroupPagePermission

from .models import LegalDocumentIndexPage, PolicyIndexPage

POLICY_OFFICERS = "Chuyên viên chính sách"
PAGE_PERMISSIONS = ["add_page", "change_page"]


def grant_policy_tree(index_page):
    group = Group.objects.filter(name=POLICY_OFFICERS).first()
    if group is None:
        return
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=index_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


@receiver(post_save, sender=LegalDocumentIndexPage)
@receiver(post_save, sender=PolicyIndexPage)
def grant_on_creation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_policy_tree(instance)
