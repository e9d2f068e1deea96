"""Sanity warnings before writing: figures that say a column is mapped wrong, each with its likely fix."""

import json

from shopdesk.domain.imports import ImportFacts, warnings
from tests.importers.conftest import count, run

REPORT = "订单编号,总金额,买家实际支付金额,收货地址 ,订单创建时间,订单付款时间 ,退款金额\n"


def write(tmp_path, text, name="report.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(result):
    return [w.code for w in result.warnings]


def test_no_paid_orders_suggests_paid_when_created_and_the_choice_is_kept(shop, tmp_path):
    path = write(tmp_path, REPORT + "1,100,100,上海,2020-02-21 00:00:00,,0\n2,50,50,北京,2020-02-21 01:00:00,,0\n")
    session = shop()
    checked = run(session, path, dry_run=True)
    assert checked.paid_orders == 0 and codes(checked) == ["no_paid_orders"]
    (warning,) = checked.warnings
    assert warning.option == "paid_when_created"
    assert warning.message() == "No order counts as paid, though 2 of 2 orders have an amount."
    assert warning.suggestion() == ("The payment column 订单付款时间 is empty on every order: treat every order as "
                                    "paid when created?")
    listed = checked.to_json()["warnings"]
    assert listed[0]["code"] == "no_paid_orders" and listed[0]["option"] == "paid_when_created"
    result = run(session, path, paid_when_created=True)
    assert result.written and result.paid_orders == 2 and result.gmv() == 150 and result.warnings == []
    assert count(session, "SELECT COUNT(*) FROM orders WHERE paid_at = created_at") == 2
    record = session.store.conn.execute("SELECT summary FROM imports WHERE id = ?", (result.import_id,)).fetchone()
    assert json.loads(record[0])["options"]["paid_when_created"] is True
    audited = session.store.conn.execute(
        "SELECT after FROM audit_log WHERE action = 'import.completed' ORDER BY id DESC").fetchone()[0]
    assert json.loads(audited)["options"]["paid_when_created"] is True


def test_a_mapping_expecting_statuses_on_a_file_without_them_says_so(shop, tmp_path):
    from shopdesk.importers.mapping import Mapping
    from shopdesk.services.imports import save_mapping
    session = shop()
    save_mapping(session, Mapping(name="mine", label="mine", platform="mine", kind="orders",
                                  columns={"order_no": ["单号"], "created_at": ["时间"], "total": ["金额"],
                                           "status": ["状态"]},
                                  required=["order_no", "created_at", "total"], statuses={"已付": "received"},
                                  paid_statuses=["已付"]))
    result = run(session, write(tmp_path, "单号,时间,金额\nA,2024-06-18 10:00,10\nB,2024-06-18 11:00,20\n"),
                 mapping="mine", dry_run=True)
    assert result.paid_orders == 0
    assert [w.suggestion() for w in result.warnings] == [
        "No payment time or status column: treat every order as paid when created?"]
    assert run(session, tmp_path / "report.csv", mapping="mine", paid_when_created=True).paid_orders == 2


def test_most_orders_without_an_amount_and_zero_gmv(shop, tmp_path):
    path = write(tmp_path, REPORT + "".join(f"{n},,,上海,2020-02-21 0{n}:00:00,2020-02-21 0{n}:00:09,0\n"
                                            for n in range(1, 4)))
    result = run(shop(), path, dry_run=True)
    assert codes(result) == ["orders_without_amount", "zero_gmv"]
    assert result.warnings[0].message() == "3 of 3 orders have no amount."
    path = write(tmp_path, REPORT + "1,,,上海,2020-02-21 01:00:00,2020-02-21 01:00:09,0\n"
                                    "2,,,上海,2020-02-21 02:00:00,2020-02-21 02:00:09,0\n"
                                    "3,30,30,上海,2020-02-21 03:00:00,2020-02-21 03:00:09,0\n")
    assert codes(run(shop(), path, dry_run=True)) == ["orders_without_amount"]  # 2 of 3: more than half
    path = write(tmp_path, REPORT + "1,,,上海,2020-02-21 01:00:00,2020-02-21 01:00:09,0\n"
                                    "3,30,30,上海,2020-02-21 03:00:00,2020-02-21 03:00:09,0\n")
    assert codes(run(shop(), path, dry_run=True)) == []  # 1 of 2: not more than half


def test_an_orders_rows_apart_count_it_once(shop, tmp_path):
    path = write(tmp_path, "InvoiceNo,InvoiceDate,StockCode,Quantity,UnitPrice\n"
                           "1,2024-06-18 10:00,A,1,10\n2,2024-06-18 11:00,B,1,5\n1,2024-06-18 10:00,C,2,1\n",
                 "lines.csv")
    session = shop()
    result = run(session, path)
    assert (result.orders_added, result.paid_orders, result.warnings) == (2, 2, [])
    assert count(session, "SELECT COUNT(*) FROM order_lines") == 3


def test_paid_orders_above_orders_is_a_warning():
    (warning,) = warnings(ImportFacts(orders=2, paid=3, with_amount=2, gmv_cents=500))
    assert warning.code == "paid_above_orders" and "order number column" in warning.suggestion()


def test_days_years_outside_the_stores_orders(shop, tmp_path):
    session = shop()
    run(session, write(tmp_path, REPORT + "1,10,10,上海,2024-06-18 10:00:00,2024-06-18 10:00:09,0\n"))
    far = run(session, write(tmp_path, REPORT + "2,10,10,上海,2010-06-18 10:00:00,2010-06-18 10:00:09,0\n"),
              dry_run=True)
    assert codes(far) == ["days_far_from_store"]
    assert far.warnings[0].message() == ("The orders are dated 2010-06-18 – 2010-06-18, more than a year outside "
                                         "this store's orders (2024-06-18 – 2024-06-18).")
    near = run(session, write(tmp_path, REPORT + "3,10,10,上海,2023-09-01 10:00:00,2023-09-01 10:00:09,0\n"),
               dry_run=True)
    assert codes(near) == []
    future = run(shop(), write(tmp_path, REPORT + "4,10,10,上海,2099-01-01 10:00:00,2099-01-01 10:00:09,0\n"),
                 dry_run=True)
    assert codes(future) == ["days_in_future"]
