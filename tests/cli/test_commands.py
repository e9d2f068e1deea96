"""The command line is a package of command groups: every subcommand names the function that runs it, and
every figure it prints is written by ``i18n`` in the chosen language."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import pytest

import shopdesk.cli
from shopdesk import cli
from shopdesk.i18n import set_language
from tests.conftest import OWNER, OWNER_PASSWORD

CLI_DIR = Path(shopdesk.cli.__file__).parent


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for name, child in subs[0].choices.items():
        yield from _leaves(child, (*path, name))


def test_every_subcommand_names_its_own_function():
    leaves = list(_leaves(cli.build_parser()))
    assert len(leaves) >= 45
    for path, parser in leaves:
        func = parser.get_default("func")
        assert callable(func), path
        assert func.__module__.startswith("shopdesk.cli."), path
    groups: dict[str, set] = {}
    for path, parser in leaves:
        groups.setdefault(path[0], set()).add(parser.get_default("func"))
    for name, funcs in groups.items():  # no handler branching on the subcommand's name
        assert len(funcs) == sum(1 for p, _parser in leaves if p[0] == name), name


def test_each_group_registers_the_commands_the_map_names():
    """``shopdesk kpi`` imports the kpi group alone: the map of groups to commands must hold."""
    import importlib
    for name, commands in cli.GROUPS.items():
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        importlib.import_module(f"shopdesk.cli.{name}").register(sub)
        assert tuple(sub.choices) == commands, name
    assert sorted(CLI_DIR.glob("*.py")) == sorted(
        CLI_DIR / f"{m}.py" for m in ("__init__", "common", "purchasing", *cli.GROUPS))


def test_a_command_loads_its_own_group_only():
    import subprocess
    import sys
    code = ("import sys; from shopdesk import cli; cli.build_parser('kpi'); "
            "print(sorted(m for m in sys.modules if m.startswith('shopdesk.cli.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "['shopdesk.cli.common', 'shopdesk.cli.kpi']", out.stderr


def test_no_handler_dispatches_on_a_command_string():
    for path in CLI_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr.endswith("_command"):
                pytest.fail(f"{path.name}:{node.lineno} reads args.{node.attr}")


def _run(monkeypatch, capsys, *argv: str) -> str:
    monkeypatch.setenv("SHOPDESK_PASSWORD", OWNER_PASSWORD)
    try:
        assert cli.main(list(argv)) == 0, capsys.readouterr().err
    finally:
        set_language("en")
    return capsys.readouterr().out


@pytest.mark.parametrize(("lang", "money", "day"), [("en", "¥1,250.00", "Jun 18, 2024"),
                                                    ("zh_CN", "¥1,250.00", "2024年6月18日"),
                                                    ("zh_TW", "¥1,250.00", "2024年6月18日")])
def test_stock_and_product_figures_follow_the_language(store_path, tmp_path, monkeypatch, capsys, lang, money, day):
    acting = ("--db", str(store_path), "--user", OWNER, "--lang", lang)
    (tmp_path / "products.csv").write_text("Code,Name,Price,Cost,Stock\nCUP,Cup,250.00,100.00,1500\n", encoding="utf-8")
    (tmp_path / "orders.csv").write_text("InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID\n"
                                         "1001,2024-06-18 10:00,CUP,Cup,5,250.00,c1\n", encoding="utf-8")
    for name in ("products.csv", "orders.csv"):
        _run(monkeypatch, capsys, "import", str(tmp_path / name), *acting)
    profit = _run(monkeypatch, capsys, "products", "profit", "--date", "2024-06-18", *acting)
    assert money in profit  # 5 × 250.00, grouped as the language groups
    alerts = _run(monkeypatch, capsys, "stock", "alerts", "--all", *acting)
    assert "1,500" in alerts or "1,495" in alerts, alerts
    slow = _run(monkeypatch, capsys, "products", "slow", "--date", "2024-06-18", *acting)
    assert day in slow.splitlines()[0] and "2024-06-18" not in slow
