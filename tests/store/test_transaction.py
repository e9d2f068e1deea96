"""A change and its audit row commit together or not at all."""

import sqlite3

import pytest

from shopdesk.domain.roles import Role
from shopdesk.store import audit, bulk, staff
from shopdesk.store.audit import Actor
from shopdesk.store.opening import open_store


def counts(store):
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("staff", "audit_log", "suppliers", "products")}


def test_rollback_half_way_leaves_no_rows_and_no_audit(store_path):
    with open_store(store_path, daily_backup=False) as store:
        before = counts(store)
        actor = Actor(1, "boss")
        with pytest.raises(sqlite3.IntegrityError):
            with store.transaction() as conn:
                staff.insert(conn, "amy", "", Role.FINANCE, "x", "2026-01-01T00:00:00+08:00")
                audit.record(conn, actor, "staff.added", "staff", 2, None, {"username": "amy"})
                bulk.insert_rows(conn, "suppliers", [(1, "S1", "One", "", "", 3, 0)])
                bulk.insert_rows(conn, "products", [
                    (1, "P1", "Cup", "", "", "", "", 100, 200, 1, 5, "new", None, None, "now"),
                    (2, "P2", "Bad", "", "", "", "", 100, -1, 1, 5, "new", None, None, "now"),  # negative price
                ])
        assert counts(store) == before
    with open_store(store_path, daily_backup=False) as store:  # and on disk, after reopening
        assert counts(store) == before


def test_cancel_rolls_back_too(store_path):
    from shopdesk.domain.errors import Cancelled
    with open_store(store_path, daily_backup=False) as store:
        before = counts(store)
        with pytest.raises(Cancelled):
            with store.transaction() as conn:
                bulk.insert_rows(conn, "suppliers", [(1, "S1", "One", "", "", 3, 0)])
                raise Cancelled()
        assert counts(store) == before


def test_audit_rows_need_a_transaction(store_path):
    with open_store(store_path, daily_backup=False) as store:
        with pytest.raises(RuntimeError, match="inside"):
            audit.record(store.conn, Actor(1, "boss"), "x", "y")


def test_audit_log_refuses_update_and_delete(store_path):
    with open_store(store_path, daily_backup=False) as store:
        for sql in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                with store.transaction() as conn:
                    conn.execute(sql)
        assert audit.verify(store.conn) == []


def test_nested_transactions_join_the_outer_one(store_path):
    with open_store(store_path, daily_backup=False) as store:
        with pytest.raises(ValueError):
            with store.transaction() as conn:
                with store.transaction():
                    bulk.insert_rows(conn, "suppliers", [(1, "S1", "One", "", "", 3, 0)])
                raise ValueError
        assert counts(store)["suppliers"] == 0
