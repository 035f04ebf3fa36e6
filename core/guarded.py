"""A signal handler whose failure never fails what it heard of: an editor's publication or a
moderator's save goes on, and the failure is logged. Its writes go in a savepoint of their own,
in the sender's transaction, so a publication that fails leaves none of them."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def guarded(find):
    """A handler calling `find(instance)`."""

    def handler(sender, instance, **kwargs):
        try:
            with transaction.atomic():
                find(instance)
        except Exception:
            logger.exception("%s for %s %s failed", find.__name__, sender.__name__, instance.pk)

    return handler
