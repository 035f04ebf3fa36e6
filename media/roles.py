"""The multimedia desk's review: photo stories, videos, audio and infographics go through
"Duyệt đa phương tiện", where the photo/video desk's editor approves and so publishes.

The group and the workflow are made by newsroom migration 0011 (the newsroom holds the roles),
which also covers a multimedia index that existed before it.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from core.workflows import put_on_desk

from .models import MultimediaIndexPage

MULTIMEDIA_EDITORS = "Biên tập đa phương tiện"
WORKFLOW = "Duyệt đa phương tiện"
PAGE_PERMISSIONS = {
    MULTIMEDIA_EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


@receiver(post_save, sender=MultimediaIndexPage)
def review_on_creation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        put_on_desk(instance, WORKFLOW, PAGE_PERMISSIONS)
