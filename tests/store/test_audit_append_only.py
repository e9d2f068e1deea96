"""The audit log is append-only against every SQL path that rewrites a row, on a raw connection to the file.

REPLACE deletes the row it replaces without firing DELETE triggers (unless ``recursive_triggers`` is on, which a
raw connection need not turn on), so an insert naming an existing row is refused by its own trigger.
"""

import shutil
import sqlite3
from pathlib import Path

import pytest

from shopdesk.services.check import check_store
from shopdesk.store import audit
from shopdesk.store.audit import Actor
from shopdesk.store.opening import open_store

COLUMNS = "id, at, staff_id, staff_name, action, entity, entity_id, before, after, prev_hash, hash"
FORGED = "1, '2020-01-01T00:00:00+00:00', NULL, 'mallory', 'nothing.happened', 'store', NULL, NULL, NULL, 'x', 'y'"

REWRITES = {
    "insert or replace": f"INSERT OR REPLACE INTO audit_log ({COLUMNS}) VALUES ({FORGED})",
    "replace": f"REPLACE INTO audit_log ({COLUMNS}) VALUES ({FORGED})",
    "replace from a select": f"INSERT OR REPLACE INTO audit_log ({COLUMNS}) SELECT id, at, staff_id, 'mallory',"
                             " action, entity, entity_id, before, after, prev_hash, hash FROM audit_log",
    "upsert": f"INSERT INTO audit_log ({COLUMNS}) VALUES ({FORGED}) ON CONFLICT (id) DO UPDATE SET"
              " staff_name = excluded.staff_name",
    "on conflict do update": f"INSERT INTO audit_log ({COLUMNS}) VALUES ({FORGED}) ON CONFLICT DO UPDATE SET"
                             " action = 'nothing.happened'",
    "on conflict do nothing": f"INSERT INTO audit_log ({COLUMNS}) VALUES ({FORGED}) ON CONFLICT DO NOTHING",
    "insert or ignore": f"INSERT OR IGNORE INTO audit_log ({COLUMNS}) VALUES ({FORGED})",
    "update": "UPDATE audit_log SET staff_name = 'mallory' WHERE id = 1",
    "update or replace": "UPDATE OR REPLACE audit_log SET id = 1 WHERE id = 2",
    "delete": "DELETE FROM audit_log WHERE id = 1",
}


def _grown(store_path: Path) -> Path:
    with open_store(store_path, daily_backup=False) as store, store.transaction() as conn:
        for i in range(3):
            audit.record(conn, Actor(1, "boss"), "test.step", "thing", i)
    return store_path


def _all_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return [tuple(r) for r in conn.execute(f"SELECT {COLUMNS} FROM audit_log ORDER BY id")]


@pytest.mark.parametrize("recursive_triggers", [False, True], ids=["plain", "recursive-triggers"])
@pytest.mark.parametrize("how", list(REWRITES))
def test_a_raw_connection_cannot_rewrite_an_audit_row(store_path, how, recursive_triggers):
    path = _grown(store_path)
    before = _all_rows(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA recursive_triggers = {int(recursive_triggers)}")
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(REWRITES[how])
        conn.commit()
    finally:
        conn.close()
    assert _all_rows(path) == before
    result = check_store(path)
    assert result.ok, result.problems


def test_new_rows_are_still_appended(store_path):
    path = _grown(store_path)
    before = _all_rows(path)
    with open_store(path, daily_backup=False) as store:
        with store.transaction() as conn:
            new_id = audit.record(conn, Actor(1, "boss"), "test.after", "thing", 9)
        assert new_id == before[-1][0] + 1
        assert audit.verify(store.conn) == []
    assert _all_rows(path)[:-1] == before


def test_an_upgraded_store_refuses_replace_too(tmp_path):
    path = tmp_path / "v4.sqlite"
    shutil.copy(Path(__file__).with_name("data") / "v4.sqlite", path)
    with open_store(path, daily_backup=False) as store:
        assert store.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger'"
                                  " AND name = 'audit_log_no_replace'").fetchone()
        assert audit.verify(store.conn) == []
    before = _all_rows(path)
    assert before, "the fixture has audit rows"
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(REWRITES["insert or replace"])
    finally:
        conn.close()
    assert _all_rows(path) == before
