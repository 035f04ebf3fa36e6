"""The syndication desk's records: stories withdrawn from the feeds (their tombstones), the
outlets that republish the portal and what they fetch, and their WebSub subscriptions."""

from .outlets import Outlet, OutletUsage
from .websub import Subscription
from .withdrawals import Withdrawal, WithdrawnFrom

__all__ = ["Outlet", "OutletUsage", "Subscription", "Withdrawal", "WithdrawnFrom"]
