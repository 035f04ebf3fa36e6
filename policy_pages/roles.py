"""The policy desk's page permissions and review, on the policy tree as soon as it exists.

Wagtail grants page permissions per subtree. The news roles hold theirs on the root; policy
officers hold theirs only on the two index pages of the policy desk, so they write documents and
policies but cannot touch the news, and submit them to "Duyệt chính sách", where the head of the
policy desk approves and so publishes. The groups and the workflow are made by migrations 0002
and 0007, which also cover index pages that existed before them.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from core.workflows import put_on_desk

from .models import LegalDocumentIndexPage, PolicyIndexPage

POLICY_OFFICERS = "Chuyên viên chính sách"
POLICY_HEAD = "Trưởng ban Chính sách"
WORKFLOW = "Duyệt chính sách"
PAGE_PERMISSIONS = {
    POLICY_OFFICERS: ["add_page", "change_page"],
    POLICY_HEAD: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def grant_policy_tree(index_page):
    put_on_desk(index_page, WORKFLOW, PAGE_PERMISSIONS)


@receiver(post_save, sender=LegalDocumentIndexPage)
@receiver(post_save, sender=PolicyIndexPage)
def grant_on_creation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_policy_tree(instance)
