"""Every released schema version's store opens, as the app and the command line open it, and is upgraded to
the latest keeping every row it held (fixtures in tests/store/data, made by make_fixtures.py)."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from shopdesk.services.check import check_store
from shopdesk.store import backup, migrate
from shopdesk.store.db import inspect
from shopdesk.store.opening import open_store

DATA = Path(__file__).with_name("data")
FIXTURES = {int(p.stem[1:]): p for p in DATA.glob("v*.sqlite") if p.stem[1:].isdigit()}
#: Columns an upgrade drops on purpose: schema 3 keyed the order lines by order and line number.
DROPPED = {("order_lines", "id")}
#: Tables every fixture fills where its schema has them.
KEY_TABLES = ("staff", "audit_log", "products", "orders", "order_lines")

Snapshot = dict[str, tuple[list[str], Counter]]


def tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The store's own tables (not SQLite's) and their columns."""
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')] for name in names}


def rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> Counter:
    """The table's rows over ``columns``, each value with its type (an amount must stay an integer)."""
    listed = ", ".join(f'"{c}"' for c in columns)
    return Counter(tuple((type(v).__name__, v) for v in row)
                   for row in conn.execute(f'SELECT {listed} FROM "{table}"'))


def rows_over(held: Counter, columns: list[str], kept: list[str]) -> Counter:
    """``held`` (rows over ``columns``) over the ``kept`` columns only."""
    at = [columns.index(c) for c in kept]
    out: Counter = Counter()
    for row, n in held.items():
        out[tuple(row[i] for i in at)] += n
    return out


def snapshot(path: Path) -> Snapshot:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {t: (cols, rows(conn, t, cols)) for t, cols in tables(conn).items()}
    finally:
        conn.close()


def schema(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """Tables, indexes, views and triggers of the store, SQL with whitespace normalised (statistics aside)."""
    return {(r[0], r[1], " ".join((r[2] or "").split())) for r in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}


def test_every_released_version_has_a_fixture():
    assert set(range(1, migrate.LATEST)) <= set(FIXTURES), "run tests/store/data/make_fixtures.py"


@pytest.mark.parametrize("version", sorted(FIXTURES))
def test_a_fixture_has_the_schema_its_version_made(version):
    """A committed fixture freezes its release: an old migration edited since then shows here."""
    fresh = sqlite3.connect(":memory:", isolation_level=None)
    kept = sqlite3.connect(f"{FIXTURES[version].as_uri()}?mode=ro", uri=True)
    try:
        assert kept.execute("PRAGMA user_version").fetchone()[0] == version
        migrate.apply(fresh, target=version)
        assert schema(kept) == schema(fresh)
    finally:
        fresh.close()
        kept.close()


@pytest.mark.parametrize("version", sorted(FIXTURES))
def test_each_version_upgrades_keeping_every_row(version, tmp_path):
    path = tmp_path / f"v{version}.sqlite"
    shutil.copy(FIXTURES[version], path)
    assert inspect(path) == version
    before = snapshot(path)
    for table in set(KEY_TABLES) & set(before):
        assert before[table][1], f"the v{version} fixture has {table} rows"

    with open_store(path) as store:  # as the app and the command line open a store
        assert store.schema_version == migrate.LATEST
        upgraded = tables(store.conn)
        for table, (columns, held) in before.items():
            assert table in upgraded, f"v{version}: the upgrade lost the table {table}"
            lost = {(table, c) for c in columns if c not in upgraded[table]}
            assert lost <= DROPPED, f"v{version}: the upgrade lost the columns {sorted(lost)}"
            kept = [c for c in columns if c in upgraded[table]]
            assert rows(store.conn, table, kept) == rows_over(held, columns, kept), f"v{version}: {table}"
        assert [r[0] for r in store.conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []

    result = check_store(path)  # integrity, foreign keys, schema version, the audit chain and its guards
    assert result.problems == [] and result.schema_version == migrate.LATEST
    assert result.audit_rows == sum(before["audit_log"][1].values())

    saved = [p for p in backup.list_backups(path) if "before-v" in p.name]
    if version == migrate.LATEST:
        assert saved == []
        return
    assert len(saved) == 1 and f"before-v{migrate.LATEST}" in saved[0].name
    assert inspect(saved[0]) == version and snapshot(saved[0]) == before

