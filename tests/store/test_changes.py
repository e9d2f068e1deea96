"""Every write reports the kinds of data it changed; the writer thread's connection is its own, and a write
asked of the window's connection during an import neither joins the import nor is lost."""

import sqlite3
import threading

import pytest

from shopdesk.domain.changes import EVERYTHING, Change, changes_of
from shopdesk.domain.errors import Cancelled, WriterBusy
from shopdesk.domain.jobs import CancelToken
from shopdesk.services import stockledger, targets
from shopdesk.services.imports import import_files
from shopdesk.services.session import Session
from shopdesk.store import bulk

ORDERS = ["InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID",
          "1001,2024-06-18 10:00,A1,Cup,2,10.00,c1", "1002,2024-06-19 11:00,A1,Cup,1,10.00,c2"]


def add_product(session, code):
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "products", [(1, code, "Cup", "", "", "", "", 100, 1000, None, 20, "mature", None,
                                             None, "now")])


def heard(session):
    got = []
    session.store.on_change(got.append)
    return got


def test_actions_name_the_kinds_they_change():
    assert changes_of(["stock.posted"]) == {Change.STOCK, Change.AUDIT}
    assert changes_of(["purchase.received"]) >= {Change.STOCK, Change.PURCHASES}
    assert changes_of(["import.completed"]) >= {Change.ORDERS, Change.PRODUCTS, Change.STOCK, Change.IMPORTS}
    assert changes_of(["staff.login"]) == {Change.AUDIT}
    assert changes_of(["something.new"]) == EVERYTHING  # an action nobody mapped: every view reads again
    assert changes_of([]) == frozenset()


def test_a_stock_posting_reports_stock_and_nothing_is_heard_of_a_rollback(session):
    add_product(session, "A1")
    got = heard(session)
    stockledger.post_movement(session, "A1", "receipt", 5, "delivery")
    assert got == [frozenset({Change.STOCK, Change.AUDIT})]
    assert session.store.last_changes == got[0]
    with pytest.raises(RuntimeError), session.store.transaction():
        stockledger.post_movement(session, "A1", "receipt", 5, "delivery")  # joins the outer one
        raise RuntimeError("half way")
    assert len(got) == 1  # rolled back: nothing changed, nothing heard
    targets.set_target(session, "gmv", "2024-06", "100000")
    assert Change.TARGETS in got[-1]


def test_nested_writes_are_heard_once_with_every_kind(session):
    add_product(session, "A1")
    got = heard(session)
    with session.store.transaction():
        stockledger.post_movement(session, "A1", "receipt", 5, "delivery")
        targets.set_target(session, "gmv", "2024-06", "100000")
    assert got == [frozenset({Change.STOCK, Change.TARGETS, Change.AUDIT})]


def test_a_connection_stays_on_its_thread(session):
    failed = []

    def use() -> None:
        try:
            session.store.conn.execute("SELECT 1")
        except sqlite3.ProgrammingError as exc:
            failed.append(exc)
    thread = threading.Thread(target=use)
    thread.start()
    thread.join()
    assert failed  # SQLite's own check: the window's connection is refused on another thread


def _import_in_writer_thread(session, path, cancel, inside, go):
    """An import on a writer connection of its own, held open (mid-transaction) until ``go`` is set."""
    out = {}

    def progress(done, total, message) -> None:
        if not inside.is_set():
            inside.set()
            go.wait(10)

    def run() -> None:
        writer = session.store.writer()
        try:
            out["result"] = import_files(Session(writer, session.staff_id, session.username), [path],
                                         progress=progress, cancel=cancel)
        except BaseException as exc:
            out["error"] = exc
        finally:
            writer.close()
    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def _orders(session) -> int:
    return session.store.conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0]


def test_a_write_during_an_import_is_refused_not_joined_and_the_import_is_heard(session, tmp_path):
    add_product(session, "Z9")
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(ORDERS) + "\n", encoding="utf-8")
    got = heard(session)
    inside, go = threading.Event(), threading.Event()
    thread, out = _import_in_writer_thread(session, path, CancelToken(), inside, go)
    try:
        assert inside.wait(10)
        assert _orders(session) == 0  # the window reads committed data only
        session.store.gate_wait = 0.1
        with pytest.raises(WriterBusy) as refused:
            stockledger.post_movement(session, "Z9", "receipt", 3, "delivery")
        assert "changing the store" in refused.value.message()
    finally:
        go.set()
        thread.join(20)
    assert out["result"].written and _orders(session) == 2
    assert Change.ORDERS in got[-1]  # the writer thread's commit is heard by the window's listeners
    stockledger.post_movement(session, "Z9", "receipt", 3, "delivery")  # once it has finished: made
    assert Change.STOCK in got[-1]


def test_a_write_waiting_for_a_cancelled_import_is_kept(session, tmp_path):
    add_product(session, "Z9")
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(ORDERS) + "\n", encoding="utf-8")
    cancel, inside, go = CancelToken(), threading.Event(), threading.Event()
    thread, out = _import_in_writer_thread(session, path, cancel, inside, go)
    try:
        assert inside.wait(10)
        cancel.cancel()
        go.set()
        session.store.gate_wait = None  # wait for the import, whatever it takes
        stockledger.post_movement(session, "Z9", "receipt", 3, "delivery")
    finally:
        go.set()
        thread.join(20)
    assert isinstance(out.get("error"), Cancelled)
    assert _orders(session) == 0  # the import rolled back alone
    on_hand = session.store.conn.execute(
        "SELECT SUM(quantity) FROM stock_movements m JOIN products p ON p.id = m.product_id WHERE p.code = 'Z9'"
    ).fetchone()[0]
    assert on_hand == 3  # the window's write was neither joined to it nor lost
