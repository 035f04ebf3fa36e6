"""When a test may skip, and why CI never lets it: CI must not go green by running less.

Two reasons only, each a mark:

- `needs_tool(name, available, why)`: a program or service the test drives (chromium, varnishd,
  rsync, pg_dump, Redis…). Missing on a developer's machine, the test is skipped; with `CI=true`
  it fails, naming the tool, since .ci/run installs or starts every one of them.
- `postgresql_pass(why)`: the test is about the PostgreSQL pass itself (several processes sharing
  one database, pg_dump). The SQLite pass skips it even in CI, which is no tool missing: .ci/run
  runs both passes, and in the PostgreSQL pass the test runs.

Any other skip (a bare `pytest.skip`, `skipif`, `importorskip`) is turned into a failure when
`CI=true`. This module imports no Django, so the mechanism's own test can load it in a bare
pytest (tests/test_skips.py).
"""

import os

import pytest

POSTGRESQL_PASS = "PostgreSQL pass only (.ci/run's second pass): "


def in_ci():
    return os.environ.get("CI", "").lower() == "true"


def on_postgresql():
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def require_tool(name, available, why):
    """Skip the running test without `name`, or fail it in CI."""
    if available:
        return
    message = f"{name} is missing: {why}"
    if in_ci():
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


def needs_tool(name, available, why):
    """Mark a test (or a module, in `pytestmark`) that cannot run without `name`."""
    return pytest.mark.needs_tool(name, available=bool(available), why=why)


def postgresql_pass(why):
    """Mark a test that runs in the PostgreSQL pass only."""
    return pytest.mark.postgresql_pass(why)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "needs_tool(name, available, why): skipped without the tool, failed in CI"
    )
    config.addinivalue_line(
        "markers", "postgresql_pass(why): runs only when DATABASE_URL is PostgreSQL"
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture: a skipped test sets up no database and starts no server.
    for mark in item.iter_markers("postgresql_pass"):
        if not on_postgresql():
            pytest.skip(POSTGRESQL_PASS + mark.args[0])
    for mark in item.iter_markers("needs_tool"):
        require_tool(mark.args[0], mark.kwargs["available"], mark.kwargs["why"])


def _other_pass(item):
    return item.get_closest_marker("postgresql_pass") is not None and not on_postgresql()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if not report.skipped or hasattr(report, "wasxfail"):
        return report
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
    if in_ci() and not _other_pass(item):
        report.outcome = "failed"
        report.longrepr = f"CI=true and the test was skipped, which CI must not allow: {reason}"
    elif item.get_closest_marker("postgresql_pass") or item.get_closest_marker("needs_tool"):
        # Point the summary at the test, not at the hook above that skipped it.
        path, line, _ = item.reportinfo()
        report.longrepr = (str(path), (line or 0) + 1, reason)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    report = yield
    if report.skipped and in_ci():
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"CI=true and {collector.nodeid} was skipped whole: {reason}"
    return report
