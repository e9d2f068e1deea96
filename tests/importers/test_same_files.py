"""One import of the same file twice, or of two files carrying the same orders: every order counted and stored once."""

import json
from decimal import Decimal

import pytest

from shopdesk.services.imports import history
from tests.importers.conftest import count, run

HEADER = "InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID"
GOOD = [HEADER, "1001,2024-06-18 10:00,A1,Cup,2,10.00,c1", "1001,2024-06-18 10:00,A2,Lid,1,2.50,c1",
        "1002,2024-06-19 11:00,A1,Cup,1,10.00,c2"]


def write(tmp_path, lines, name="a.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored(session):
    return (count(session, "SELECT COUNT(*) FROM orders"), count(session, "SELECT COUNT(*) FROM order_lines"),
            count(session, "SELECT SUM(total_cents) FROM orders"))


def test_the_same_file_twice_is_read_once(shop, tmp_path):
    session = shop()
    path = write(tmp_path, GOOD)
    result = run(session, path, path)
    assert result.written and result.problem_count == 0
    assert (result.orders_added, result.rows_read, result.gmv()) == (2, 3, Decimal("32.50"))
    assert stored(session) == (2, 3, 3250)
    assert result.same_file_notes() == ["a.csv was given 2 times: read once"]
    files = history(session)[0]["files"]
    assert [f["name"] for f in files] == ["a.csv"]


def test_one_file_under_two_names_is_read_once(shop, tmp_path):
    session = shop()
    first = write(tmp_path, GOOD)
    second = tmp_path / "b.csv"
    second.write_bytes(first.read_bytes())
    result = run(session, first, second)
    assert (result.orders_added, result.paid_orders, result.gmv()) == (2, 2, Decimal("32.50"))
    assert stored(session) == (2, 3, 3250)
    assert result.same_file_notes() == ["a.csv and b.csv are the same file: read once"]
    assert result.to_json()["same_files"] == [{"files": ["a.csv", "b.csv"], "read": "a.csv",
                                               "message": "a.csv and b.csv are the same file: read once"}]


def test_two_files_with_the_same_orders_merge_as_a_reimport(shop, tmp_path):
    session = shop()
    a = write(tmp_path, GOOD)
    b = write(tmp_path, GOOD + ["1003,2024-06-20 09:00,A1,Cup,1,10.00,c3"], "b.csv")
    result = run(session, a, b)
    assert result.same_files == []
    assert (result.orders_added, result.orders_updated, result.paid_orders) == (3, 0, 3)
    assert result.gmv() == Decimal("42.50")
    assert stored(session) == (3, 4, 4250)
    # the same as importing them one after the other
    other = shop()
    run(other, a)
    again = run(other, b)
    assert (again.orders_added, again.orders_updated) == (1, 0)
    assert stored(other) == stored(session)


def test_a_later_file_updates_an_order_of_the_same_import(shop, tmp_path):
    session = shop()
    header = "Name,Created at,Financial Status,Total,Lineitem quantity,Lineitem price,Lineitem name"
    a = write(tmp_path, [header, "#1,2024-06-18 10:00,pending,20.00,2,10.00,Cup"])
    b = write(tmp_path, [header, "#1,2024-06-18 10:00,paid,20.00,2,10.00,Cup"], "b.csv")
    result = run(session, a, b)
    assert result.problem_count == 0, result.problems
    assert (result.orders_added, result.paid_orders, result.gmv()) == (1, 1, Decimal("20.00"))
    assert stored(session) == (1, 1, 2000)
    assert count(session, "SELECT paid_at IS NOT NULL FROM orders") == 1


def test_stored_orders_in_two_files_are_counted_once(shop, tmp_path):
    session = shop()
    a = write(tmp_path, GOOD)
    run(session, a)
    b = write(tmp_path, GOOD + ["1003,2024-06-20 09:00,A1,Cup,1,10.00,c3"], "b.csv")
    c = write(tmp_path, GOOD[:2] + GOOD[3:], "c.csv")  # 1001 with one line less: its total changes
    result = run(session, b, c)
    assert (result.orders_added, result.orders_updated, result.paid_orders) == (1, 1, 3)
    assert result.gmv() == Decimal("40.00")  # 1001 at 20.00 as the last file says, 1002 and 1003 at 10.00
    assert stored(session)[:2] == (3, 4)


def test_summary_keeps_the_same_files(shop, tmp_path):
    session = shop()
    path = write(tmp_path, GOOD)
    run(session, path, path)
    summary = history(session)[0]["summary"]
    assert json.dumps(summary["same_files"][0]["files"]) == '["a.csv", "a.csv"]'


def test_a_file_is_hashed_while_it_is_read(shop, tmp_path, monkeypatch):
    import hashlib

    import openpyxl

    from shopdesk.importers import pipeline
    session = shop()
    a = write(tmp_path, GOOD)
    b = write(tmp_path, GOOD + ["1003,2024-06-20 09:00,A1,Cup,1,10.00,c3"], "b.csv")
    monkeypatch.setattr(pipeline, "_fingerprint", lambda path: pytest.fail(f"{path.name} read before its import"))
    run(session, a, b)  # sizes differ: neither can be the other, neither is read twice
    files = history(session)[0]["files"]
    assert [f["sha256"] for f in files] == [hashlib.sha256(p.read_bytes()).hexdigest() for p in (a, b)]
    monkeypatch.undo()
    book = openpyxl.Workbook()
    for line in GOOD:
        book.active.append(line.split(","))
    workbook = tmp_path / "c.xlsx"
    book.save(workbook)
    other = shop()
    run(other, workbook)
    assert history(other)[0]["files"][0]["sha256"] == hashlib.sha256(workbook.read_bytes()).hexdigest()


def test_one_path_named_twice_is_known_without_reading_it(shop, tmp_path, monkeypatch):
    from shopdesk.importers import pipeline
    session = shop()
    path = write(tmp_path, GOOD)
    link = tmp_path / "link.csv"
    link.symlink_to(path)
    monkeypatch.setattr(pipeline, "_fingerprint", lambda p: pytest.fail(f"{p.name} read before its import"))
    result = run(session, path, tmp_path / "." / "a.csv", link)
    assert result.same_file_notes() == ["a.csv and link.csv are the same file: read once"]
    assert result.to_json()["same_files"][0]["files"] == ["a.csv", "a.csv", "link.csv"]
    assert stored(session) == (2, 3, 3250)
