"""The demo lives in `demo/` and points one way: it may use every app, and no app uses it, so a
desk keeps only its real code and the portal would run the same without the demo installed."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Every package of the project except the demo itself and the tests, which may seed the demo.
APPLICATION_PACKAGES = sorted(
    path.parent for path in ROOT.glob("*/__init__.py") if path.parent.name not in {"demo", "tests"}
)


def imported_modules(source):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_the_packages_checked_include_every_desk_and_the_wiring():
    names = {package.name for package in APPLICATION_PACKAGES}
    assert {"core", "newsroom", "media", "policy_pages", "syndication", "portal"} <= names


def test_no_application_module_imports_the_demo():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for package in APPLICATION_PACKAGES
        for path in package.rglob("*.py")
        for module in imported_modules(path.read_text(encoding="utf-8"))
        if module == "demo" or module.startswith("demo.")
    ]
    assert not offenders, offenders


def test_no_desk_holds_demo_code_and_portal_only_wires():
    stray = [
        str(path.relative_to(ROOT))
        for package in APPLICATION_PACKAGES
        for path in package.rglob("*.py")
        if path.stem in {"demo", "demo_data"}
        or "bulk" in path.relative_to(package).parts
        or (path.parent.name == "commands" and path.stem.startswith("seed_"))
    ]
    assert not stray, stray
    portal = {
        path.relative_to(ROOT / "portal").parts[0] for path in (ROOT / "portal").rglob("*.py")
    }
    assert portal == {"__init__.py", "settings", "urls.py", "wsgi.py"}
