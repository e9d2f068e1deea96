"""Every sample export in ../shared/data imports with figures computed here independently."""

import csv
import json
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from shopdesk.importers.dates import AmbiguousDates
from tests.conftest import SHARED_DATA
from tests.importers.conftest import count, needs_data, run

pytestmark = [needs_data, pytest.mark.shared_data]
D = SHARED_DATA


def rows(path, encoding="utf-8-sig"):
    with open(path, newline="", encoding=encoding) as fh:
        return list(csv.DictReader(fh))


def money(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def assert_idempotent(session, *files, **options):
    again = run(session, *files, **options)
    assert again.written and again.orders_added == 0 and again.orders_updated == 0
    assert again.products_added == 0 and again.customers_added == 0


@pytest.mark.parametrize("name, order", [("OnlineRetail_MDYY.csv", "mdy"), ("OnlineRetail_DMYYYY.csv", "dmy")])
def test_uci_variants(shop, name, order):
    path = D / "uci_online_retail_variants" / name
    session = shop("GBP", "Europe/London")
    with pytest.raises(AmbiguousDates) as info:
        run(session, path)
    assert name in info.value.message() and "InvoiceDate" in info.value.message()
    assert count(session, "SELECT COUNT(*) FROM orders") == 0
    data = rows(path)
    sales = [r for r in data if not r["InvoiceNo"].startswith("C")]
    totals = defaultdict(Decimal)
    for r in sales:
        totals[r["InvoiceNo"]] += int(r["Quantity"]) * Decimal(r["UnitPrice"])
    paid = {k: v for k, v in totals.items() if v > 0}
    refunds = sum(abs(int(r["Quantity"])) * Decimal(r["UnitPrice"]) for r in data if r["InvoiceNo"].startswith("C"))
    result = run(session, path, date_order=order)
    assert result.written and result.problem_count == 0
    assert result.rows_read == result.rows_imported == len(data)
    assert result.orders_added == len(totals)
    assert result.paid_orders == len(paid)
    assert result.gmv() == sum(paid.values())
    assert money(result.to_json()["refunds"]) == money(refunds)
    assert result.customers_added == len({r["CustomerID"] for r in sales if r["CustomerID"]})
    assert result.products_added == len({r["StockCode"] for r in data})
    assert result.returns_added == sum(1 for r in data if r["InvoiceNo"].startswith("C"))
    assert (result.first_day, result.last_day) == ("2010-12-01", "2010-12-01")
    assert count(session, "SELECT COUNT(*) FROM order_lines") == len(sales)
    assert count(session, "SELECT created_at FROM orders WHERE order_no = '536365'") == "2010-12-01T08:26:00+00:00"
    assert_idempotent(session, path, date_order=order)


def test_both_uci_variants_overlap_without_duplicates(shop):
    session = shop("GBP", "Europe/London")
    run(session, D / "uci_online_retail_variants" / "OnlineRetail_MDYY.csv", date_order="mdy")
    before = count(session, "SELECT COUNT(*) FROM orders")
    again = run(session, D / "uci_online_retail_variants" / "OnlineRetail_DMYYYY.csv", date_order="dmy")
    assert again.orders_added == 0 and count(session, "SELECT COUNT(*) FROM orders") == before


def test_tmall_order_report(shop):
    path = D / "tmall" / "tmall_order_report.csv"
    session = shop()
    data = rows(path)
    keys = list(data[0])
    paid = [r for r in data if r[keys[5]].strip()]
    result = run(session, path)
    assert result.platform == "tmall" and result.written
    assert result.orders_added == len(data) == 28010
    assert result.paid_orders == len(paid) == 24087
    assert result.gmv() == sum(Decimal(r[keys[1]]) for r in paid)
    assert money(result.to_json()["refunds"]) == money(sum(Decimal(r[keys[6]]) for r in data))
    assert (result.first_day, result.last_day) == ("2020-02-01", "2020-02-29")
    assert count(session, "SELECT COUNT(*) FROM orders WHERE paid_at IS NULL") == len(data) - len(paid)
    # the delivery address (收货地址) is the order's region, by the province's short name; never its channel
    assert count(session, "SELECT COUNT(*) FROM orders WHERE channel != ''") == 0
    regions = dict(session.store.conn.execute("SELECT region, COUNT(*) FROM orders GROUP BY region").fetchall())
    assert regions["上海"] == sum(r[keys[3]] == "上海" for r in data)
    assert regions["广东"] == sum(r[keys[3]] == "广东省" for r in data)
    assert regions["内蒙古"] == sum(r[keys[3]] == "内蒙古自治区" for r in data)
    assert sum(regions.values()) == len(data) and "" not in regions
    assert_idempotent(session, path)


def test_shopify_orders(shop):
    path = D / "shopify" / "orders_export_79cols.csv"
    session = shop("INR", "Asia/Kolkata")
    data = rows(path)
    firsts = {}
    for r in data:
        firsts.setdefault(r["Name"], r)
    paid = [r for r in firsts.values() if r["Financial Status"] in ("paid", "partially_refunded", "refunded",
                                                                     "partially_paid")]
    result = run(session, path)
    assert result.platform == "shopify" and result.problem_count == 0
    assert result.orders_added == len(firsts) == 51
    assert result.paid_orders == len(paid)
    assert result.gmv() == sum(Decimal(r["Total"]) for r in paid)
    assert money(result.to_json()["refunds"]) == money(sum(Decimal(r["Refunded Amount"] or 0) for r in firsts.values()))
    assert result.customers_added == len({r["Email"] for r in firsts.values() if r["Email"]})
    assert result.products_added == len({r["Lineitem sku"] or r["Lineitem name"] for r in data})
    assert count(session, "SELECT COUNT(*) FROM order_lines") == len(data)
    assert count(session, "SELECT created_at FROM orders WHERE order_no = '#1051'") == "2025-12-06T10:37:33-05:00"
    assert count(session, "SELECT day FROM orders WHERE order_no = '#1051'") == "2025-12-06"  # 21:07 in Kolkata
    assert_idempotent(session, path)


def converted(amount, rate: str) -> Decimal:
    """``amount`` × ``rate``, rounded half away from zero to the cent, computed independently."""
    return (Decimal(amount) * Decimal(rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_shopify_orders_refused_in_another_currency_or_converted_at_a_rate(shop):
    from shopdesk.domain.imports import CurrencyMismatch
    path = D / "shopify" / "orders_export_79cols.csv"
    session = shop("CNY")
    with pytest.raises(CurrencyMismatch) as refused:
        run(session, path)
    assert "orders_export_79cols.csv is in INR, but this store keeps its amounts in CNY" in refused.value.message()
    assert count(session, "SELECT COUNT(*) FROM orders") == 0 and count(session, "SELECT COUNT(*) FROM imports") == 0
    data = rows(path)
    firsts = {}
    for r in data:
        firsts.setdefault(r["Name"], r)
    paid = [r for r in firsts.values() if r["Financial Status"] in ("paid", "partially_refunded", "refunded",
                                                                     "partially_paid")]
    result = run(session, path, rate="1 INR = 0.0813 CNY")
    assert result.written and result.problem_count == 0 and result.paid_orders == len(paid)
    assert result.gmv() == sum(converted(r["Total"], "0.0813") for r in paid)  # each amount on its own
    assert count(session, "SELECT unit_price_cents FROM order_lines ORDER BY order_id, line_no LIMIT 1") == \
        int(converted(data[0]["Lineitem price"], "0.0813") * 100)
    record = session.store.conn.execute("SELECT summary FROM imports WHERE id = ?", (result.import_id,)).fetchone()[0]
    assert json.loads(record)["options"]["rate"] == "1 INR = 0.0813 CNY"


def test_shopify_products_with_stock(shop):
    path = D / "shopify" / "products_export_48cols_real_stock.csv"
    session = shop("USD", "America/New_York")
    variants = [r for r in rows(path) if r["Variant Price"].strip()]
    result = run(session, path)
    assert result.products_added == len(variants) == 3675
    tracked = [r for r in variants if r["Variant Inventory Tracker"].strip()]  # "shopify"; blank: not tracked
    assert len(tracked) == 2986
    assert count(session, "SELECT SUM(quantity) FROM stock_on_hand") == sum(
        int(r["Variant Inventory Qty"]) for r in tracked)
    assert count(session, "SELECT COUNT(*) FROM products WHERE stock_tracked = 1") == len(tracked)
    assert count(session, "SELECT COUNT(DISTINCT variant_of) FROM products") == len({r["Handle"] for r in variants})
    assert run(session, path).products_added == 0
    assert count(session, "SELECT COUNT(*) FROM stock_movements") == sum(
        1 for r in tracked if int(r["Variant Inventory Qty"]) != 0)  # re-import moves no stock


def test_shopify_2024_products_localised_headers_cost_no_stock(shop):
    path = D / "shopify" / "products_export_2024_63cols_sv.csv"
    session = shop("SEK", "Europe/Stockholm")
    variants = [r for r in rows(path) if r["Variant Price"].strip()]
    result = run(session, path)
    assert result.problem_count == 0 and result.products_added == len(variants)
    cost = count(session, "SELECT cost_cents FROM products WHERE code = 'WH-FS-700C-BK-V1'")
    assert cost == 200000
    assert count(session, "SELECT category1 FROM products WHERE code = 'WH-FS-700C-BK-V1'") == "Sporting Goods"
    assert count(session, "SELECT COUNT(*) FROM stock_movements") == 0


def test_shopify_stock_alerts(shop):
    """Alerts computed independently from the export: tracked variants below the default safety stock of 50."""
    from shopdesk.services import stock
    path = D / "shopify" / "products_export_48cols_real_stock.csv"
    session = shop("USD", "America/New_York")
    run(session, path)
    variants = [r for r in rows(path) if r["Variant Price"].strip()]
    tracked = [r for r in variants if r["Variant Inventory Tracker"].strip()]
    expected = sorted(int(r["Variant Inventory Qty"]) for r in tracked if int(r["Variant Inventory Qty"]) < 50)
    found = stock.alerts(session)
    assert [line.on_hand for line in found] == expected and len(expected) == 2403
    assert found[0].on_hand == min(int(r["Variant Inventory Qty"]) for r in tracked)  # furthest below first
    lines = stock.stock_lines(session)
    untracked = [line for line in lines if not line.tracked]
    assert len(untracked) == len(variants) - len(tracked) and all(line.on_hand is None for line in untracked)


def test_woocommerce_products(shop):
    path = D / "woocommerce" / "sample_products.csv"
    session = shop("USD", "America/New_York")
    data = rows(path)
    sellable = [r for r in data if r["Type"] not in ("variable", "grouped") and (r["Regular price"] or r["Sale price"])]
    result = run(session, path)
    assert result.problem_count == 0 and result.products_added == len(sellable)
    assert count(session, "SELECT COUNT(*) FROM products WHERE variant_of != ''") == sum(
        1 for r in sellable if r["Type"] == "variation")
    from shopdesk.services import stock
    # the sample leaves "Stock" blank everywhere: nothing tracked, so no alert and no zero stock
    assert all(not r["Stock"].strip() for r in sellable)
    assert stock.alerts(session) == []
    assert {line.on_hand for line in stock.stock_lines(session)} == {None}


def test_olist_multi_table(shop):
    folder = D / "olist_sample"
    files = sorted(folder.glob("*.csv"))
    session = shop("BRL", "America/Sao_Paulo")
    orders = rows(folder / "olist_orders_dataset.csv")
    items = defaultdict(list)
    for r in rows(folder / "olist_order_items_dataset.csv"):
        items[r["order_id"]].append(r)
    payments = defaultdict(Decimal)
    for r in rows(folder / "olist_order_payments_dataset.csv"):
        payments[r["order_id"]] += Decimal(r["payment_value"])
    people = {r["customer_id"]: r["customer_unique_id"] for r in rows(folder / "olist_customers_dataset.csv")}
    paid = [o for o in orders if o["order_approved_at"].strip()]

    def amount(order_id):
        if order_id in payments:
            return payments[order_id]
        return sum(Decimal(i["price"]) + Decimal(i["freight_value"]) for i in items[order_id])
    reviews = {(r["review_id"], r["order_id"]) for r in rows(folder / "olist_order_reviews_dataset.csv")}
    result = run(session, *files)
    assert result.platform == "olist" and result.problem_count == 0, result.problems[:3]
    assert result.orders_added == len(orders)
    assert result.paid_orders == len(paid)
    assert result.gmv() == sum(amount(o["order_id"]) for o in paid)
    assert result.customers_added == len({people.get(o["customer_id"], o["customer_id"]) for o in orders})
    assert result.products_added == len(rows(folder / "olist_products_dataset.csv"))
    assert result.reviews_added == len(reviews)
    order_ids = {o["order_id"] for o in orders}
    assert count(session, "SELECT COUNT(*) FROM order_lines") == sum(len(v) for k, v in items.items() if k in order_ids)
    assert_idempotent(session, *files)
    # into a store in yuan: refused, or each order's amount converted once at the rate typed
    from shopdesk.domain.imports import CurrencyMismatch
    session = shop("CNY")
    with pytest.raises(CurrencyMismatch, match="is in BRL, but this store keeps its amounts in CNY"):
        run(session, *files)
    converted_result = run(session, *files, rate="1 BRL = 1.3137 CNY")
    assert converted_result.paid_orders == len(paid) and converted_result.problem_count == 0
    assert converted_result.gmv() == sum(converted(amount(o["order_id"]), "1.3137") for o in paid)


def test_kpi_agrees_with_the_import_figures(shop):
    import datetime as dt

    from shopdesk.services.kpi import kpi_series
    session = shop()
    result = run(session, D / "tmall" / "tmall_order_report.csv")
    (month,) = kpi_series(session, dt.date(2020, 2, 1), dt.date(2020, 2, 29), "month")
    assert month.orders == result.paid_orders and month.gmv_cents == result.gmv_cents
    days = kpi_series(session, dt.date(2020, 2, 1), dt.date(2020, 3, 31), "day")  # a refund may come in March
    assert sum(d.orders for d in days) == result.paid_orders
    assert sum(d.refunds_cents for d in days) == result.refunds_cents


def test_report_prints_the_kpi_figures_of_a_real_export(shop):
    import datetime as dt

    from shopdesk.domain.kpi import actual
    from shopdesk.reports import operations
    from shopdesk.reports.text import metric_text
    from shopdesk.services.kpi import kpi_series
    from shopdesk.services.reports import report_figures
    from tests.reports.conftest import HAS_FONT, pdf_pages
    if not HAS_FONT:
        pytest.skip("no TrueType font covering Chinese on this machine (Debian: apt install fonts-wqy-microhei)")
    session = shop()
    run(session, D / "tmall" / "tmall_order_report.csv")
    (month,) = kpi_series(session, dt.date(2020, 2, 1), dt.date(2020, 2, 29), "month")
    figures = report_figures(session, "monthly", dt.date(2020, 2, 10))
    assert figures.board.current == month  # the dashboard's figures
    text = "".join(pdf_pages(operations.pdf(figures)))
    for metric in ("gmv", "orders", "aov", "refunds"):
        assert metric_text(metric, actual(month, metric), "CNY") in text, metric


@needs_data
def test_taobao_behaviour_log_without_a_header(shop):
    """The behaviour log: 4,321 events of 43 users, no header; one event dated 2017-09-11, far from the rest."""
    import datetime as dt
    path = SHARED_DATA / "taobao_user_behavior" / "UserBehavior_head.csv"
    session = shop()
    refused = run(session, path)
    assert refused.mappings == ["taobao-user-behavior"] and not refused.written
    (problem,) = refused.problems
    with path.open(encoding="utf-8") as handle:
        stray = list(csv.reader(handle))[4170]  # row 4171 of the file: there is no header
    assert (problem["row"], problem["column"], problem["value"]) == (4171, "timestamp", stray[4])
    assert "2017-09-11" in problem["reason"]
    result = run(session, path, on_error="skip")
    assert result.written and result.rows_read == 4321 and result.rows_rejected == 1
    # computed here independently: distinct users with any event, pv count, distinct users with a cart event
    tz = dt.timezone(dt.timedelta(hours=8))
    expected: dict[str, list] = {}
    with path.open(encoding="utf-8") as handle:
        for user, _item, _cat, kind, stamp in csv.reader(handle):
            day = dt.datetime.fromtimestamp(int(stamp), tz).date().isoformat()
            users, views, carts = expected.setdefault(day, [set(), 0, set()])
            users.add(user)
            expected[day][1] += kind == "pv"
            if kind == "cart":
                carts.add(user)
    del expected["2017-09-11"]
    stored = {r[0]: r[1:] for r in session.store.conn.execute(
        "SELECT day, visitors, page_views, add_to_cart FROM traffic_daily WHERE channel = ''")}
    assert stored == {day: (len(u), v, len(c)) for day, (u, v, c) in expected.items()}
    assert result.traffic_days == len(expected) == 9
