"""Core is the floor every desk stands on, so it knows none of them (docs/architecture.md): no
import of a desk's module, at module level or inside a function, no look-up of a desk's model by
name (`apps.get_model("newsroom", …)`, a lazy reference such as "newsroom.ArticlePage") and no
hand-kept list of desks. What core needs from a desk, the desk registers in its
`AppConfig.ready()` (core/registry.py).

Read from the source with `ast`, so a desk import inside a function that no test calls is caught
too. Migrations are left out: Django writes them, and they name what the models named.
"""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

import pytest

from core import registry

CORE = Path(settings.BASE_DIR) / "core"
# Calls whose string arguments name an app, a model or a module.
LOOKUPS = {"get_model", "get_app_config", "get_containing_app_config", "import_module"}


def desks():
    """{module name or label: app} for every first-party app outside core (`demo` too, once it
    exists), from INSTALLED_APPS rather than a list here that could fall behind."""
    base = Path(settings.BASE_DIR).resolve()
    found = {}
    for config in apps.get_app_configs():
        if config.name == "core" or config.name.startswith("core."):
            continue
        # A folder of the repository's own, not a package of the virtualenv (`.venv/` lies
        # inside the repository in a fresh clone).
        top = base / config.name.split(".")[0]
        if top.is_dir() and Path(config.path).resolve().is_relative_to(top.resolve()):
            found[config.name.split(".")[0]] = config.name
            found[config.label] = config.name
    return found


def _module_of(path):
    return ".".join(path.relative_to(CORE.parent).with_suffix("").parts).removesuffix(".__init__")


def _absolute(node, module, is_package):
    """The module an ImportFrom reads, with relative imports resolved against `module`."""
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _names_desk(text, desk_names):
    """Whether a string names a desk's app, module or model: "newsroom", "newsroom.models",
    "policy_pages.LegalDocumentPage"."""
    return bool(re.fullmatch(r"[A-Za-z_]\w*(\.\w+)*", text)) and text.split(".")[0] in desk_names


def _docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                yield body[0].value


def desk_references(source, module, desk_names, is_package=False):
    """[(line, what)] for each place in `source` (the module `module`) that imports a desk or
    names one of its models or modules."""
    tree = ast.parse(source)
    skip = {id(node) for node in _docstrings(tree)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, f"import {alias.name}")
                for alias in node.names
                if alias.name.split(".")[0] in desk_names
            ]
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(node, module, is_package)
            # "from .. import newsroom" reads the package "" and imports a desk by its name.
            targets = [target] if target else [alias.name for alias in node.names]
            if any(t.split(".")[0] in desk_names for t in targets):
                found.append((node.lineno, f"from {target or '..'} import …"))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in LOOKUPS or name == "__import__":
                arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
                strings = [
                    arg.value
                    for arg in arguments
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                ]
                if any(_names_desk(text, desk_names) for text in strings):
                    found.append((node.lineno, f"{name}({', '.join(map(repr, strings))})"))
                    skip.update(id(arg) for arg in arguments)
        elif isinstance(node, ast.Set | ast.List | ast.Tuple):
            # A hand-kept list of desks ({"newsroom", "media", …}); one word alone may be
            # anything (<portal> is an HTML element).
            labels = [
                item.value
                for item in node.elts
                if isinstance(item, ast.Constant) and item.value in desk_names
            ]
            if len(labels) > 1:
                found.append((node.lineno, f"a list of desks {labels}"))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and "." in node.value
            and _names_desk(node.value, desk_names)
        ):
            found.append((node.lineno, repr(node.value)))
    return found


def core_modules():
    return sorted(path for path in CORE.rglob("*.py") if "migrations" not in path.parts)


def test_the_desks_are_found_from_the_installed_apps():
    found = desks()
    assert {"newsroom", "media", "policy_pages", "syndication"} <= set(found)
    assert "core" not in found and "portal_accounts" not in found


@pytest.mark.parametrize(
    "source",
    [
        "import newsroom.models",
        "from policy_pages.models.documents import number_key",
        "def f():\n    from syndication import feeds",
        "from ..newsroom import models",
        "from django.apps import apps\napps.get_model('newsroom', 'SectionPage')",
        "from django.apps import apps\napps.get_model('policy_pages.LegalDocumentPage')",
        "import importlib\nimportlib.import_module('media.models')",
        "from django.apps import apps\napps.get_model(app_label='newsroom', model_name='Topic')",
        "from django.db import models\nx = models.ForeignKey('newsroom.ArticlePage', on_delete=1)",
        "CLEANED_APPS = frozenset({'core', 'newsroom', 'media'})",
    ],
)
def test_the_check_finds_each_way_of_reaching_a_desk(source):
    assert desk_references(source, "core.example", desks())


def test_the_check_leaves_core_wagtail_and_prose_alone():
    source = '''"""Sections come from newsroom.SectionPage, registered in its ready()."""
from django.apps import apps
from wagtail.models import Page
from . import registry
from .search.indexing import search_words
apps.get_model("wagtailsearchpromotions", "SearchPromotion")
CSS = "media-card"
ELEMENTS = ("canvas", "portal")
'''
    assert desk_references(source, "core.example", desks()) == []


def test_no_core_module_imports_a_desk_or_looks_up_its_models():
    desk_names = desks()
    found = [
        f"{path.relative_to(CORE.parent)}:{line}: {what}"
        for path in core_modules()
        for line, what in desk_references(
            path.read_text(encoding="utf-8"),
            _module_of(path),
            desk_names,
            is_package=path.name == "__init__.py",
        )
    ]
    assert found == []
    assert len(core_modules()) > 30  # the walk did read core


def test_what_core_needs_from_the_desks_is_registered_by_them():
    """The registry is filled from the desks' ready(): searching by section, by a document's
    number and cleaning each desk's text keep working without core naming a desk."""
    from newsroom.models import SectionPage
    from policy_pages.search import documents_cited

    assert SectionPage in registry.SEARCH_SECTION_TYPES
    assert documents_cited in registry.EXACT_FINDERS
    assert {"core", "newsroom", "media", "policy_pages", "taggit"} <= registry.CLEANED_APPS
