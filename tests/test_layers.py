"""The dependency rule of STYLE.md §1, checked on every import of every module (at module level or inside
a function alike), plus circular imports and SQL text outside the store."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import shopdesk

ROOT = Path(shopdesk.__file__).parent

#: The ShopDesk layers each layer may import (itself always). ``i18n`` is gettext (stdlib only) with
#: babel's formatting; the domain names its messages with it (``N_``, ``_``), never its formatting.
ALLOWED = {
    "domain": {"i18n"},
    "i18n": {"domain"},
    "store": {"domain", "i18n"},
    "importers": {"domain", "store", "i18n"},
    "services": {"domain", "store", "importers", "i18n"},
    "reports": {"domain", "i18n"},
    "ui": {"services", "reports", "domain", "i18n"},
    "cli": {"services", "reports", "domain", "i18n", "app"},
    "app": {"ui", "services", "store", "domain", "i18n", "cli"},
    "__main__": {"cli"},
}
#: Outside the standard library, the domain computes with pandas, and takes currencies' minor units from
#: babel's data (ISO 4217, kept up to date there).
DOMAIN_THIRD_PARTY = {"pandas", "numpy", "babel"}
QT = ("PySide6", "pyqtgraph", "shiboken6")
SQL = re.compile(r"\b(SELECT\b[\s\S]+\bFROM\b|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|"
                 r"CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|VIEW|TRIGGER)\b|DROP\s+(TABLE|INDEX)\b|PRAGMA\s+\w+|"
                 r"BEGIN\s+(IMMEDIATE|EXCLUSIVE|DEFERRED)|ALTER\s+TABLE\b)")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _sources() -> dict[str, ast.Module]:
    return {_module(p): ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(ROOT.rglob("*.py"))}


SOURCES = _sources()


def _imports(tree: ast.Module, module_level_only: bool = False):
    """(imported module, line) of every import; ``from shopdesk import cli`` names ``shopdesk.cli``."""
    nodes = tree.body if module_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield (full if full.removesuffix(".*") in MODULES or node.module == "shopdesk" else node.module,
                       node.lineno)


MODULES = set(SOURCES)


def _violations() -> list[str]:
    found = []
    stdlib = set(sys.stdlib_module_names)
    for module, tree in SOURCES.items():
        layer = _layer(module)
        for name, line in _imports(tree):
            where = f"{module.replace('.', '/')}.py:{line} imports {name}"
            top = name.split(".")[0]
            if top == "shopdesk":
                target = _layer(name)
                if target and target != layer and target not in {"__version__"} and \
                        target not in ALLOWED.get(layer, set()):
                    found.append(where)
            elif top in QT and layer not in ("ui", "app"):
                found.append(where + " (Qt below the UI)")
            elif layer == "domain" and top not in stdlib and top not in DOMAIN_THIRD_PARTY:
                found.append(where + " (the domain imports the stdlib and pandas only)")
    return found


def test_every_import_follows_the_dependency_rule():
    assert {"shopdesk.ui.main_window", "shopdesk.cli.stock", "shopdesk.store.db"} <= MODULES
    assert _violations() == []


def test_the_rule_catches_a_forbidden_import(monkeypatch):
    """The checker itself: a UI module reading the store, a command reading the importers are caught."""
    monkeypatch.setitem(SOURCES, "shopdesk.ui.probe", ast.parse("def f():\n    from shopdesk.store.db import open_store\n"))
    monkeypatch.setitem(SOURCES, "shopdesk.cli.probe", ast.parse("from shopdesk.importers import pipeline\n"))
    monkeypatch.setitem(SOURCES, "shopdesk.domain.probe", ast.parse("import sqlite_utils\nimport PySide6\n"))
    assert len(_violations()) == 4


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _graph(module_level_only: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, tree in SOURCES.items():
        for name, _line in _imports(tree, module_level_only):
            target = name if name in MODULES else name.rsplit(".", 1)[0]
            if target in MODULES and target != module and not module.startswith(target + "."):
                graph.setdefault(module, set()).add(target)
    return graph


def test_no_circular_imports():
    """No module needs, even from inside a function, a module that needs it back (a package's
    ``__init__`` that gathers its own modules aside)."""
    assert _cycles(_graph(module_level_only=False)) == []


def test_no_sql_outside_the_store():
    found = []
    for module, tree in SOURCES.items():
        if _layer(module) == "store":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                found.append(f"{module}:{node.lineno}: {node.value[:50]!r}")
            elif isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany", "executescript"):
                found.append(f"{module}:{node.lineno}: .{node.attr}(")
    assert found == []


def test_no_qt_below_the_ui():
    modules = [m.name for m in pkgutil.walk_packages(shopdesk.__path__, "shopdesk.")
               if not m.name.startswith(("shopdesk.ui", "shopdesk.app", "shopdesk.__main__"))]
    assert "shopdesk.store.db" in modules and "shopdesk.services.demo" in modules
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
            "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'shiboken6')))\n"
            "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_cli_startup_does_not_load_qt():
    code = "import sys, shopdesk.cli; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("layer", ["reports", "cli"])
def test_loading_a_layer_opens_no_store(layer):
    """Report builders are fed figures and the command line's parser is built without the store: loading
    either loads neither ``store`` nor (for reports) ``services``."""
    modules = [m.name for m in pkgutil.walk_packages(shopdesk.__path__, "shopdesk.")
               if m.name.startswith(f"shopdesk.{layer}")]
    banned = ("shopdesk.store", "shopdesk.services") if layer == "reports" else ("shopdesk.store",)
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
            f"print(','.join(sorted(m for m in sys.modules if m.startswith({banned!r}))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
