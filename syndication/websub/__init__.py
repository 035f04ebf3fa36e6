"""The portal's own WebSub hub (W3C WebSub): outlets subscribe to a feed and are sent it, signed,
whenever a publication changes it, instead of polling it every few minutes.

- topics.py: a topic's address read as one of the portal's feeds, and what that feed holds now;
- callbacks.py: calling a subscriber's address without being turned on the portal's network;
- hub.py: `POST /websub/`, the subscribe and unsubscribe requests;
- tasks.py: verifying a subscriber's intent, fanning a publication out, delivering, retrying.

Modules import one way: hub → tasks → topics, callbacks.
"""

from datetime import time


def connect():
    """Deliveries follow `feeds_changed`; leases past their end are deleted every night."""
    from core import schedule

    from ..changes import feeds_changed
    from . import tasks

    feeds_changed.connect(tasks.announce, dispatch_uid="websub-deliveries", weak=False)
    schedule.daily("websub-forget-expired", time(3, 30), tasks.forget_expired)
