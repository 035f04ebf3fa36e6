"""CI never goes green by running less (tests/skips.py): with CI=true a test that would skip for a
missing tool fails and names it, and so does any other skip, except the PostgreSQL-only tests in
the SQLite pass, which .ci/run's second pass runs."""

import re

import pytest

from tests.servers import ROOT

TESTS = """
import pytest

from tests.skips import needs_tool, postgresql_pass, require_tool


@needs_tool("varnishd", None, "apt-get install varnish")
def test_through_varnish():
    pass


@pytest.fixture
def browser():
    require_tool("chromium", None, "apt-get install chromium")


def test_in_a_browser(browser):
    pass


@needs_tool("rsync", "/usr/bin/rsync", "the backup copies uploads with it")
def test_with_a_tool_that_is_there():
    pass


@postgresql_pass("several processes share the database")
def test_on_postgresql():
    pass


def test_skipped_by_hand():
    pytest.skip("the network is down")


@pytest.mark.skipif(True, reason="written before tests/skips.py")
def test_skipped_by_a_mark():
    pass
"""


@pytest.fixture
def run(pytester, monkeypatch):
    """Run TESTS in a pytest of their own, with the given environment; the outcomes by test."""
    pytester.makeconftest('pytest_plugins = ["tests.skips"]')
    pytester.makepyfile(test_tools=TESTS)
    pytester.makepyfile(test_module_skip="import pytest\npytest.importorskip('no_such_module')\n")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))

    def run(**environment):
        for name in ("CI", "DATABASE_URL"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        result = pytester.runpytest_subprocess(
            "-p", "no:django", "-p", "no:cacheprovider", "-v", "--continue-on-collection-errors"
        )
        # "test_tools.py::test_in_a_browser ERROR": a failed setup counts as a failure here.
        outcomes = {
            test: {"ERROR": "failed"}.get(outcome, outcome.lower())
            for test, outcome in re.findall(
                r"^test_tools\.py::(\w+) ([A-Z]+)", result.stdout.str(), re.M
            )
        }
        return outcomes, result.stdout.str()

    return run


def test_on_a_developers_machine_a_missing_tool_skips_the_test(run):
    outcomes, _ = run()
    assert outcomes["test_through_varnish"] == "skipped"
    assert outcomes["test_in_a_browser"] == "skipped"
    assert outcomes["test_with_a_tool_that_is_there"] == "passed"
    assert outcomes["test_on_postgresql"] == "skipped"
    assert outcomes["test_skipped_by_hand"] == "skipped"


def test_in_ci_a_missing_tool_fails_the_test_and_names_the_tool(run):
    outcomes, output = run(CI="true")
    assert outcomes["test_through_varnish"] == "failed"
    assert outcomes["test_in_a_browser"] == "failed"  # in its fixture
    assert "varnishd is missing: apt-get install varnish" in output
    assert "chromium is missing: apt-get install chromium" in output
    assert outcomes["test_with_a_tool_that_is_there"] == "passed"


def test_in_ci_any_other_skip_fails_too(run):
    outcomes, output = run(CI="true")
    assert outcomes["test_skipped_by_hand"] == "failed"
    assert outcomes["test_skipped_by_a_mark"] == "failed"
    assert "the network is down" in output
    assert "written before tests/skips.py" in output
    assert "test_module_skip.py was skipped whole" in output


def test_in_ci_the_sqlite_pass_skips_the_postgresql_tests_and_the_postgresql_pass_runs_them(run):
    outcomes, _ = run(CI="true")
    assert outcomes["test_on_postgresql"] == "skipped"
    outcomes, _ = run(CI="true", DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal")
    assert outcomes["test_on_postgresql"] == "passed"
