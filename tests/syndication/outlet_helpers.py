"""Outlets and their polls, for the tests of syndication/outlet_polls.py and of the admin."""

from django.test import TestCase

from syndication import usage
from syndication.models import Outlet

TERMS = "Ghi rõ nguồn “Cổng Thông tin điện tử Chính phủ” và dẫn đường link về bài gốc."


def committed():
    """Run the on-commit callbacks of what the block does, as a committed transaction would
    (the shared cache learns an outlet's key once its save is committed)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def make_outlet(name="Báo Nhân Dân điện tử", **fields):
    with committed():
        return Outlet.objects.create(
            name=name,
            contact_name=fields.pop("contact_name", "Nguyễn Thị Hoa"),
            contact_email=fields.pop("contact_email", "toasoan@nhandan.example.vn"),
            terms_accepted=fields.pop("terms_accepted", TERMS),
            **fields,
        )


def usage_of(outlet):
    """{feed: (polls, items)} of the outlet, as the report reads them (after a flush)."""
    usage.flush()
    return {row.feed: (row.polls, row.items) for row in outlet.usage.all()}
