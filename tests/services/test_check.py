"""``check`` finds audit rows changed or removed behind the application's back."""

import sqlite3

from shopdesk.services.check import check_store
from shopdesk.store import audit
from shopdesk.store.audit import Actor


def _tamper(path, *statements):
    """Change the audit log behind ShopDesk's back, the guards dropped and put back afterwards."""
    conn = sqlite3.connect(path)
    kept = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").fetchall()
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    for sql in statements:
        conn.execute(sql)
    for (sql,) in kept:
        if "no_replace" not in sql:
            conn.execute(sql)
    conn.commit()
    conn.close()


def _grow(session, n=4):
    with session.store.transaction() as conn:
        for i in range(n):
            audit.record(conn, Actor(1, "boss"), "test.step", "thing", i)
    session.store.close()


def test_clean_store_passes(session):
    _grow(session)
    result = check_store(session.store.path)
    assert result.ok, result.problems
    assert result.audit_rows > 4


def test_row_edited_with_raw_sql_is_named(session):
    _grow(session)
    _tamper(session.store.path, "UPDATE audit_log SET staff_name = 'mallory' WHERE id = 3")
    result = check_store(session.store.path)
    assert result.problems == ["audit row 3 was changed after it was written"]


def test_row_removed_is_found(session):
    _grow(session)
    _tamper(session.store.path, "DELETE FROM audit_log WHERE id = 4")
    result = check_store(session.store.path)
    assert "audit rows before row 5 were removed" in result.problems


def test_newest_rows_removed_are_found(session):
    _grow(session)
    last = sqlite3.connect(session.store.path).execute("SELECT MAX(id) FROM audit_log").fetchone()[0]
    _tamper(session.store.path, f"DELETE FROM audit_log WHERE id >= {last - 1}")
    result = check_store(session.store.path)
    assert result.problems == [f"the newest audit rows, from row {last - 1} on, were removed"]


def test_foreign_key_problem_is_listed(session):
    session.store.close()
    conn = sqlite3.connect(session.store.path)
    conn.execute("INSERT INTO products (id, code, name, price_cents, supplier_id, updated_at)"
                 " VALUES (1, 'P', 'x', 1, 99, 'now')")
    conn.commit()
    conn.close()
    result = check_store(session.store.path)
    assert any("foreign key" in p and "products" in p for p in result.problems)


def test_a_guard_dropped_or_made_harmless_is_named(session):
    _grow(session)
    conn = sqlite3.connect(session.store.path)
    conn.execute("DROP TRIGGER audit_log_no_replace")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0"
                 " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    conn.commit()
    conn.close()
    result = check_store(session.store.path)
    assert result.problems == [
        "the audit log's guard audit_log_no_update is missing or altered: its rows could be changed or removed",
        "the audit log's guard audit_log_no_replace is missing or altered: its rows could be changed or removed"]


def test_an_older_store_is_not_blamed_for_a_guard_its_schema_never_had(tmp_path):
    import shutil
    from pathlib import Path
    path = tmp_path / "v4.sqlite"
    shutil.copy(Path(__file__).parents[1] / "store" / "data" / "v4.sqlite", path)
    result = check_store(path)
    assert not any("guard" in p for p in result.problems) and any("older" in p for p in result.problems)
