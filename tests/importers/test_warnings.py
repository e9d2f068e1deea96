"""Sanity warnings before writing: figures that say a column is mapped wrong, each with its likely fix."""

import datetime as dt
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
    ahead = shop()
    from shopdesk.services.accounts import update_settings
    update_settings(ahead, {"import.years_ahead": "5"})  # 2099 lies beyond the plausible years: a problem
    year = dt.date.today().year + 3
    future = run(ahead, write(tmp_path, REPORT + f"4,10,10,上海,{year}-01-01 10:00:00,{year}-01-01 10:00:09,0\n"),
                 dry_run=True)
    assert codes(future) == ["days_in_future"]


# Currencies ----------------------------------------------------------------------------------------

def test_a_platform_currency_other_than_the_stores_is_refused_or_converted(shop, tmp_path):
    import pytest

    from shopdesk.domain.imports import BadRate, CurrencyMismatch, RateMismatch
    path = write(tmp_path, REPORT + "1,100.00,100.00,上海,2020-02-21 00:00:00,2020-02-21 00:00:02,10.01\n"
                                    "2,0.05,0.05,北京,2020-02-21 01:00:00,2020-02-21 01:00:09,0\n")
    session = shop("BRL", "America/Sao_Paulo")
    with pytest.raises(CurrencyMismatch) as refused:
        run(session, path, dry_run=True)
    assert refused.value.message().startswith("report.csv is in CNY, but this store keeps its amounts in BRL")
    with pytest.raises(RateMismatch, match=r"report.csv is in CNY, but the rate given is 1 USD = 5\.1 BRL"):
        run(session, path, rate="1 USD = 5.1 BRL")
    for bad in ("CNY", "1 CNY = 0 BRL", "1 CNY = 0.7 EUR", "1 XXQ = 2 BRL", "seven"):
        with pytest.raises(BadRate):
            run(session, path, rate=bad)
    assert count(session, "SELECT COUNT(*) FROM imports") == 0
    result = run(session, path, rate="1 CNY = 0.7 BRL")
    assert result.written and result.currency == "BRL"
    # 100.00 × 0.7 = 70.00; 0.05 × 0.7 = 0.035 → 0.04 (half away from zero); refund 10.01 × 0.7 = 7.007 → 7.01
    assert result.gmv_cents == 7004 and result.refunds_cents == 701
    assert result.options == {"paid_when_created": False, "rate": "1 CNY = 0.7 BRL"}
    audited = session.store.conn.execute(
        "SELECT after FROM audit_log WHERE action = 'import.completed' ORDER BY id DESC").fetchone()[0]
    assert json.loads(audited)["options"]["rate"] == "1 CNY = 0.7 BRL"


def test_a_file_of_unknown_currency_is_the_stores_unless_a_rate_says_otherwise(shop, tmp_path):
    lines = "InvoiceNo,InvoiceDate,StockCode,Quantity,UnitPrice\n1,2024-06-18 10:00,A,3,2.55\n"
    assert run(shop(), write(tmp_path, lines, "a.csv")).gmv_cents == 765
    result = run(shop(), write(tmp_path, lines, "b.csv"), rate="100 GBP = 915 CNY")
    assert result.gmv_cents == 3 * 2333  # 2.55 × 9.15 = 23.3325 → 23.33 a unit
    assert count(shop(), "SELECT COUNT(*) FROM orders") == 0


def test_an_order_in_another_currency_than_the_rest_of_its_file_is_a_problem(shop, tmp_path):
    path = write(tmp_path, "Name,Created at,Currency,Total,Lineitem quantity,Lineitem name,Lineitem price,"
                           "Financial Status\n"
                           "#1,2024-06-18 10:00:00 +0800,USD,10.00,1,Cup,10.00,paid\n"
                           "#2,2024-06-18 11:00:00 +0800,EUR,20.00,1,Lid,20.00,paid\n", "orders.csv")
    result = run(shop(), path, rate="1 USD = 7.1 CNY")
    assert not result.written
    assert [(p["row"], p["column"], p["value"], p["reason"]) for p in result.problems] == [
        (3, "Currency", "EUR", "the file's other orders are in USD")]


def test_rate_conversion_rounds_half_away_from_zero():
    from decimal import Decimal

    from shopdesk.domain.imports import Rate
    rate = Rate.parse("1 brl = 1,5", "CNY")
    assert (rate.source, rate.target, rate.text()) == ("BRL", "CNY", "1 BRL = 1.5 CNY")
    assert [rate.convert(Decimal(a), 2) for a in ("0.01", "0.03", "-0.01", "1234567.89")] == [2, 5, -2, 185185184]
    assert Rate.parse("100 JPY = 4.8 CNY", "CNY").convert(Decimal("1"), 2) == 5  # 0.048 → 0.05
    assert Rate.parse("1 CNY = 20.5 JPY", "JPY").convert(Decimal("0.01"), 0) == 0  # 0.205 yen → 0


def test_a_rate_no_file_needed_is_not_kept(shop, tmp_path):
    path = write(tmp_path, REPORT + "1,100,100,上海,2020-02-21 00:00:00,2020-02-21 00:00:02,0\n")
    result = run(shop(), path, rate="1 USD = 7.1 CNY")  # the report is in yuan, as the store
    assert result.written and result.gmv() == 100 and result.options["rate"] is None
