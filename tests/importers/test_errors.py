"""Broken files: every problem names file, row, column and value; nothing is half-written."""

import csv
import json

import pytest

from shopdesk.domain.errors import Cancelled
from shopdesk.domain.jobs import CancelToken
from shopdesk.importers.pipeline import ImportOptions, NoMapping, UnknownMapping
from shopdesk.importers.reading import UnreadableFile
from shopdesk.services.imports import history, import_files, undo
from tests.importers.conftest import count, run

GOOD = ["InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID",
        "1001,2024-06-18 10:00,A1,Cup,2,10.00,c1",
        "1001,2024-06-18 10:00,A2,Lid,1,2.50,c1",
        "1002,2024-06-19 11:00,A1,Cup,1,10.00,c2"]


def write(tmp_path, lines, name="orders.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(session):
    conn = session.store.conn
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("orders", "order_lines", "products", "customers", "after_sales", "imports", "audit_log")}


@pytest.mark.parametrize("line, column, value, reason", [
    ("1003,2024-06-20 09:00,A1,Cup,two,10.00,c3", "Quantity", "two", "not a whole number"),
    ("1003,2024-06-20 09:00,A1,Cup,1,ten,c3", "UnitPrice", "ten", "not an amount"),
    ("1003,2024-06-20 09:00,A1,Cup,1,-10.00,c3", "UnitPrice", "-10.00", "a negative price"),
    ("1003,2024-06-20 09:00,A1,Cup,1,10.005,c3", "UnitPrice", "10.005", "more decimals than the currency has"),
    (",2024-06-20 09:00,A1,Cup,1,10.00,c3", "InvoiceNo", "", "the order number is missing"),
    ("1003,2024-02-30 09:00,A1,Cup,1,10.00,c3", "InvoiceDate", "2024-02-30 09:00", "not a date"),
    ("1003,next tuesday,A1,Cup,1,10.00,c3", "InvoiceDate", "next tuesday", "not a date"),
])
def test_bad_cell_refuses_the_import_and_names_it(shop, tmp_path, line, column, value, reason):
    session = shop()
    before = snapshot(session)
    path = write(tmp_path, GOOD + [line])
    result = run(session, path)
    assert not result.written and result.problem_count == 1
    assert result.problems[0] == {"file": "orders.csv", "row": 5, "column": column, "value": value,
                                  "reason": result.problems[0]["reason"]}
    assert reason in result.problems[0]["reason"]
    assert snapshot(session) == before


def test_every_problem_is_listed(shop, tmp_path):
    lines = GOOD + [f"{1003 + i},2024-06-20 09:00,A1,Cup,x{i},10.00,c3" for i in range(30)]
    result = run(shop(), write(tmp_path, lines))
    assert result.problem_count == 30 and [p["row"] for p in result.problems] == list(range(5, 35))


def test_skip_mode_writes_the_rest_and_a_rejected_file(shop, tmp_path):
    session = shop()
    path = write(tmp_path, GOOD + ["1003,2024-06-20 09:00,A1,Cup,two,10.00,c3",
                                   "1004,2024-06-21 09:00,A1,Cup,1,10.00,c4"])
    result = run(session, path, on_error="skip")
    assert result.written and result.rows_rejected == 1 and result.rows_imported == 4
    assert result.orders_added == 4  # 1003 keeps its order row, without the bad line
    assert count(session, "SELECT COUNT(*) FROM order_lines") == 4
    rejected = tmp_path / "orders.rejected.csv"
    assert result.rejected_files == [str(rejected)]
    with rejected.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0][:3] == ["row", "reason", "InvoiceNo"]
    assert table[1][0] == "5" and "whole number" in table[1][1] and table[1][2] == "1003"


def test_dry_run_writes_nothing(shop, tmp_path):
    session = shop()
    before = snapshot(session)
    result = run(session, write(tmp_path, GOOD), dry_run=True)
    assert result.orders_added == 2 and not result.written and result.dry_run
    assert snapshot(session) == before


def test_cancel_leaves_the_store_as_it_was(shop, tmp_path):
    session = shop()
    before = snapshot(session)
    lines = GOOD[:1] + [f"{5000 + i},2024-06-18 10:00,A1,Cup,1,10.00,c1" for i in range(20000)]
    token = CancelToken()

    def progress(done, total, message):
        if done > 8000:
            token.cancel()
    with pytest.raises(Cancelled):
        import_files(session, [write(tmp_path, lines)], ImportOptions(), progress, token)
    assert snapshot(session) == before


def test_unreadable_and_unknown_files(shop, tmp_path):
    session = shop()
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile, match="empty.csv cannot be read: the file is empty"):
        run(session, empty)
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 50)
    with pytest.raises(UnreadableFile, match="junk.csv"):
        run(session, junk)
    other = write(tmp_path, ["colour,size", "red,L"], "other.csv")
    with pytest.raises(NoMapping) as info:
        run(session, other)
    assert "other.csv" in info.value.message() and "colour, size" in info.value.message()
    with pytest.raises(UnknownMapping):
        run(session, write(tmp_path, GOOD), mapping="no-such-mapping")
    with pytest.raises(UnreadableFile, match="does not exist"):
        run(session, tmp_path / "missing.csv")
    broken_xlsx = tmp_path / "broken.xlsx"
    broken_xlsx.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UnreadableFile, match="broken.xlsx"):
        run(session, broken_xlsx)


def test_wrong_encoding_given(shop, tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("订单号,日期,数量,单价\nA1,2024-06-18,1,5\n".encode("gbk"))
    with pytest.raises(UnreadableFile, match="utf-8"):
        run(shop(), path, encoding="utf-8")
    with pytest.raises(UnreadableFile, match="unknown"):
        run(shop(), path, encoding="no-such-codec")


def test_undo_removes_added_and_restores_changed(shop, tmp_path):
    session = shop()
    path = write(tmp_path, GOOD)
    first = run(session, path)
    base = snapshot(session)
    second = run(session, write(tmp_path, GOOD + ["1003,2024-06-20 09:00,A9,Bowl,1,8.00,c9"], "more.csv"))
    assert second.orders_added == 1 and second.products_added == 1 and second.customers_added == 1
    undo(session, second.import_id)
    after = snapshot(session)
    assert {k: after[k] for k in ("orders", "order_lines", "products", "customers")} == \
        {k: base[k] for k in ("orders", "order_lines", "products", "customers")}
    records = history(session)
    assert [r["status"] for r in records] == ["undone", "done"]
    assert records[1]["id"] == first.import_id and records[1]["files"][0]["name"] == "orders.csv"
    assert len(records[1]["files"][0]["sha256"]) == 64 and records[1]["staff_name"] == "boss"
    undo(session, first.import_id)
    assert count(session, "SELECT COUNT(*) FROM orders") == 0
    actions = [r[0] for r in session.store.conn.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions.count("import.completed") == 2 and actions.count("import.undone") == 2
    from shopdesk.domain.errors import InvalidValue
    with pytest.raises(InvalidValue):
        undo(session, first.import_id)


def test_import_needs_the_right(shop, tmp_path):
    from shopdesk.domain.errors import PermissionDenied
    from shopdesk.domain.roles import Role
    from shopdesk.services.accounts import add_staff
    from shopdesk.services.session import login
    session = shop()
    add_staff(session, "cs", Role.CUSTOMER_SERVICE, "secret12")
    with pytest.raises(PermissionDenied):
        run(login(session.store, "cs", "secret12"), write(tmp_path, GOOD))


def test_skip_mode_leaves_out_orders_with_unreadable_dates(shop, tmp_path):
    session = shop()
    path = write(tmp_path, GOOD + ["1003,2024-02-30 09:00,A1,Cup,1,10.00,c3", "1003,2024-02-30 09:00,A2,Lid,1,2.50,c3"])
    result = run(session, path, on_error="skip")
    assert result.written and result.orders_added == 2 and result.rows_rejected == 2
    assert count(session, "SELECT COUNT(*) FROM orders WHERE order_no = '1003'") == 0
    with (tmp_path / "orders.rejected.csv").open(encoding="utf-8-sig") as fh:
        assert [line.split(",")[0] for line in fh.read().splitlines()[1:]] == ["5", "6"]


def test_order_number_in_scientific_notation_is_refused(shop, tmp_path):
    path = write(tmp_path, ["订单编号,订单创建时间,数量,单价", "1.23457E+18,2024-06-18 10:00,1,5.00"], "cut.csv")
    result = run(shop(), path)
    assert not result.written
    assert result.problems[0]["column"] == "订单编号" and result.problems[0]["value"] == "1.23457E+18"
    assert "scientific notation" in result.problems[0]["reason"]


def test_cancellations_met_before_the_date_order_is_known_get_their_day(shop, tmp_path):
    session = shop()
    path = write(tmp_path, ["InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID",
                            "C1001,12/1/10 9:00,A1,Cup,-1,10.00,c1", "1002,12/13/10 9:00,A1,Cup,1,10.00,c1"])
    run(session, path)
    case = session.store.conn.execute("SELECT opened_at, day, refunded_at FROM after_sales").fetchone()
    assert tuple(case) == ("2010-12-01T09:00:00+08:00", "2010-12-01", "2010-12-01T09:00:00+08:00")


@pytest.mark.parametrize("cells, column, value", [
    ("P1,Cup,-5.00,2.00,10,5", "Price", "-5.00"),
    ("P1,Cup,5.00,-2.00,10,5", "Cost", "-2.00"),
    ("P1,Cup,5.00,2.00,ten,5", "Stock", "ten"),
    ("P1,Cup,5.00,2.00,10,-5", "Safety Stock", "-5"),
])
def test_bad_product_numbers_name_their_column(shop, tmp_path, cells, column, value):
    session = shop()
    before = snapshot(session)
    result = run(session, write(tmp_path, ["Code,Name,Price,Cost,Stock,Safety Stock", "P0,Plate,3.00,1.00,4,2", cells],
                                "products.csv"))
    assert not result.written and result.problem_count == 1
    problem = result.problems[0]
    assert (problem["file"], problem["row"], problem["column"], problem["value"]) == ("products.csv", 3, column, value)
    assert snapshot(session) == before


def test_mapping_file_with_a_status_outside_the_order_flow_is_refused(shop, tmp_path):
    from shopdesk.importers.pipeline import BadMapping
    spec = {"name": "odd", "label": "Odd", "platform": "odd", "kind": "orders",
            "columns": {"order_no": ["InvoiceNo"], "created_at": ["InvoiceDate"], "status": ["Status"]},
            "required": ["order_no", "created_at"], "statuses": {"Done": "finished"}}
    mapping = tmp_path / "odd.json"
    mapping.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(BadMapping, match=r"odd.json.*finished"):
        run(shop(), write(tmp_path, ["InvoiceNo,InvoiceDate,Status", "1,2024-06-18,Done"]), mapping=str(mapping))
    mapping.write_text("{not json", encoding="utf-8")
    with pytest.raises(BadMapping, match="odd.json"):
        run(shop(), write(tmp_path, GOOD), mapping=str(mapping))


def test_constraints_hold_again_after_an_import(shop, tmp_path):
    """The import skips per-row FK and CHECK work; afterwards both are enforced and the store checks clean."""
    import sqlite3
    session = shop()
    assert run(session, write(tmp_path, GOOD)).written
    conn = session.store.conn
    assert [tuple(r) for r in conn.execute("PRAGMA quick_check")] == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        with session.store.transaction():
            conn.execute("UPDATE order_lines SET unit_price_cents = -1")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        with session.store.transaction():
            conn.execute("UPDATE order_lines SET order_id = 999999 WHERE line_no = 1 AND order_id = 1")


def test_a_mapping_asked_for_refuses_a_file_without_its_required_column(shop, tmp_path):
    from shopdesk.importers.pipeline import MissingColumns
    session = shop()
    before = snapshot(session)
    no_price = write(tmp_path, ["InvoiceNo,InvoiceDate,StockCode,Quantity", "1001,2024-06-18 10:00,A1,2"])
    with pytest.raises(MissingColumns) as info:
        run(session, no_price, mapping="generic-lines")
    text = info.value.message()
    assert "orders.csv" in text and "unit_price (UnitPrice" in text and "generic-lines" in text
    assert info.value.exit_code == 2
    assert snapshot(session) == before


def test_a_users_product_code_is_kept_for_every_row(shop, tmp_path):
    """A repeated code in a plain product list is the same product, updated, not a new one named by its title."""
    from shopdesk.importers.mapping import Mapping
    from shopdesk.services.imports import save_mapping
    session = shop()
    save_mapping(session, Mapping(name="my-list", label="my-list", platform="my-list", kind="products",
                                  columns={"code": ["货品编号"], "name": ["品名"], "price": ["单价"]},
                                  required=["code", "name", "price"]))
    path = write(tmp_path, ["货品编号,品名,单价", "P1,运动鞋,10", "P2,保温杯,5", "P1,运动鞋 新款,12"], "list.csv")
    result = run(session, path, mapping="my-list")
    assert result.problem_count == 0 and result.products_added == 2
    rows = session.store.conn.execute("SELECT code, name, price_cents FROM products ORDER BY code").fetchall()
    assert [tuple(r) for r in rows] == [("P1", "运动鞋 新款", 1200), ("P2", "保温杯", 500)]
    assert run(session, path).products_added == 0  # detected as the saved mapping again: the same products
