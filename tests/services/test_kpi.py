"""The daily sums read from a store, checked against the rows written by hand."""

import datetime as dt

from shopdesk.services.kpi import kpi_series, to_json
from shopdesk.store import bulk

D = dt.date


def _orders(session):
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "customers", [(1, "", "c1", ""), (2, "", "c2", "")])
        bulk.insert_rows(conn, "products", [(1, "P1", "Cup", "", "", "", "", 100, 1000, None, 5, "new", None, None,
                                             "now")])
        rows = [  # id, no, customer, status, created, day, paid, total
            (1, "A1", 1, "completed", "2024-06-17T10:00:00+08:00", "2024-06-17", "2024-06-17T10:01:00+08:00", 10000),
            (2, "A2", 2, "completed", "2024-06-17T23:30:00+08:00", "2024-06-17", "2024-06-17T23:31:00+08:00", 5000),
            (3, "A3", 1, "completed", "2024-06-19T09:00:00+08:00", "2024-06-19", "2024-06-19T09:05:00+08:00", 2500),
            (4, "A4", 2, "cancelled", "2024-06-19T10:00:00+08:00", "2024-06-19", None, 9900),  # never paid
        ]
        bulk.insert_rows(conn, "orders", [(i, "", no, c, "", st, at, day, paid, None, None, t, 0, 0, t, "", "")
                                          for i, no, c, st, at, day, paid, t in rows])
        bulk.insert_rows(conn, "order_lines", [(1, 1, 1, "P1", "Cup", 2, 5000, 0), (2, 1, 1, "P1", "Cup", 1, 5000, 0),
                                               (3, 1, 1, "P1", "Cup", 1, 2500, 0), (4, 1, 1, "P1", "Cup", 9, 1100, 0)])
        bulk.insert_rows(conn, "after_sales", [
            # a refund at 23:30 UTC on the 18th is the 19th in Shanghai
            ("R1", 1, 1, "return", "尺碼不符", "resolved", "2024-06-18T20:00:00+08:00", "2024-06-18",
             "2024-06-18T23:30:00+00:00", 1, 5000, "2024-06-18T23:30:00+00:00", "", ""),
            ("R2", 2, None, "complaint", "物流慢", "resolved", "2024-06-19T08:00:00+08:00", "2024-06-19",
             None, 0, 0, None, "", ""),
        ])
        bulk.insert_rows(conn, "traffic_daily", [("2024-06-17", "", 500, None, None, None, None),
                                                 ("2024-06-19", "搜索", 60, None, None, None, None),
                                                 ("2024-06-19", "直播", 40, None, None, None, None)])


def test_daily_series_from_the_store(session):
    _orders(session)
    days = {r.period: r for r in kpi_series(session, D(2024, 6, 17), D(2024, 6, 19))}
    assert list(days) == ["2024-06-17", "2024-06-18", "2024-06-19"]
    first = days["2024-06-17"]
    assert (first.orders, first.gmv_cents, first.aov_cents, first.visitors) == (2, 15000, 7500, 500)
    assert first.conversion_rate == 0.004 and first.units_sold == 3
    assert first.new_customer_share == 1.0  # both buyers' first orders
    second = days["2024-06-18"]
    assert (second.orders, second.aov_cents, second.visitors, second.returned_units) == (0, None, None, 1)
    assert second.refunds_cents == 0  # the refund fell on the 19th in the store's time zone
    third = days["2024-06-19"]
    assert (third.orders, third.gmv_cents, third.visitors, third.complaints) == (1, 2500, 100, 1)
    assert third.refunds_cents == 5000 and third.new_customer_share == 0.0  # c1 bought before


def test_weeks_are_whole_and_json_shape(session):
    _orders(session)
    (week,) = kpi_series(session, D(2024, 6, 18), D(2024, 6, 18), "week")
    assert week.period == "2024-W25" and week.orders == 3 and week.gmv_cents == 17500
    data = to_json([week], "week", "CNY")
    row = data["rows"][0]
    assert data["by"] == "week" and row["gmv"] == 175.0 and row["aov"] == 58.33
    assert row["return_rate"] == 0.25 and row["conversion"] == 3 / 600


def test_targets_revised_and_compared(session):
    import pytest

    from shopdesk.domain.errors import InvalidValue
    from shopdesk.services.targets import compare, history, set_target
    _orders(session)
    set_target(session, "gmv", "2024-06", "3000")  # 100.00 a day
    set_target(session, "gmv", "2024-06", "4500")  # revised: 150.00 a day; the first stays in history
    set_target(session, "visitors", "2024-Q2", "45500")  # 500 a day over 91 days
    set_target(session, "conversion", "2024", "0.5%")
    assert [h["amount"] for h in history(session) if h["metric"] == "gmv"] == [450000, 300000]
    rows = kpi_series(session, D(2024, 6, 17), D(2024, 6, 17))
    found = {c.metric: c for c in compare(session, rows)["2024-06-17"]}
    assert found["gmv"].target == 15000 and found["gmv"].actual == 15000 and found["gmv"].flag is None
    assert found["visitors"].target == 500 and found["visitors"].deviation == 0
    assert found["conversion"].target == 0.005 and found["conversion"].deviation == pytest.approx(-0.2)
    assert found["conversion"].flag == "anomaly"
    day19 = {c.metric: c for c in compare(session, kpi_series(session, D(2024, 6, 19), D(2024, 6, 19)))[
        "2024-06-19"]}
    assert day19["visitors"].deviation == -0.8 and day19["visitors"].flag == "severe"
    data = to_json(rows, "day", "CNY", compare(session, rows))
    assert data["rows"][0]["targets"]["gmv"] == 150.0 and "gmv" not in data["rows"][0]["flags"]
    for metric, period, value in (("profit", "2024", "1"), ("gmv", "2024-13", "1"), ("gmv", "2024", "-5"),
                                  ("conversion", "2024", "150%")):
        with pytest.raises(InvalidValue):
            set_target(session, metric, period, value)


def test_anomaly_list_detect_and_explain(session):
    import pytest

    from shopdesk.domain.errors import InvalidValue
    from shopdesk.services.anomalies import anomaly_list, detect, explain
    from shopdesk.services.targets import set_target
    _orders(session)
    set_target(session, "visitors", "2024-06", "15000")  # 500 a day
    counts = detect(session, D(2024, 6, 17), D(2024, 6, 19))
    # the 17th meets its 500; the 18th has no visitors (no value); the 19th has 100: 80 % below, severe
    assert counts == {"found": 1, "new": 1, "gone": 0}
    (row,) = anomaly_list(session)
    assert (row["day"], row["metric"], row["severity"], row["deviation"]) == ("2024-06-19", "visitors", "severe", -0.8)
    assert detect(session, D(2024, 6, 17), D(2024, 6, 19))["new"] == 0  # checking again adds nothing
    with pytest.raises(InvalidValue):
        explain(session, row["id"], "  ")
    explain(session, row["id"], "推廣渠道流量下降")
    assert anomaly_list(session, open_only=True) == []
    set_target(session, "visitors", "2024-06", "3000")  # 100 a day: the 19th meets it, the 17th is 5 times it
    detect(session, D(2024, 6, 17), D(2024, 6, 19))
    by_day = {r["day"]: r for r in anomaly_list(session)}
    assert by_day["2024-06-19"]["cause"] == "推廣渠道流量下降"  # explained anomalies stay on the list
    assert by_day["2024-06-19"]["cause_by"] == "boss"
    assert by_day["2024-06-17"]["severity"] == "anomaly" and by_day["2024-06-17"]["deviation"] == 4.0


def test_days_after_the_last_import_are_not_anomalies(session):
    """A day no export covers yet has unknown figures, not zero ones: checking up to today flags nothing past
    the last day with figures."""
    from shopdesk.services.anomalies import anomaly_list, detect
    from shopdesk.services.targets import set_target
    _orders(session)
    set_target(session, "gmv", "2024-06", "4500")  # 150.00 a day: the 17th meets it, the 19th is below it
    detect(session, D(2024, 6, 17), D(2024, 6, 30))  # the last orders are of the 19th
    days = {r["day"] for r in anomaly_list(session) if r["metric"] == "gmv"}
    assert "2024-06-19" in days and "2024-06-18" in days
    assert not any(day > "2024-06-19" for day in days)


def test_thresholds_and_red_lines_per_metric(session):
    from shopdesk.services.accounts import update_settings
    from shopdesk.services.targets import compare, set_target
    _orders(session)
    set_target(session, "gmv", "2024-06", "4200")  # 140.00 a day: the 17th's 150.00 is +7.1 %
    set_target(session, "conversion", "2024", "0.5%")  # the 17th's 0.4 % is −20 %
    set_target(session, "return_rate", "2024", "10%")  # week 25 returns 25 % of its units: +150 %
    rows = kpi_series(session, D(2024, 6, 17), D(2024, 6, 19)) + kpi_series(session, D(2024, 6, 18),
                                                                            D(2024, 6, 18), "week")

    def flags():
        found = compare(session, rows)
        return {(p, c.metric): c.flag for p, cs in found.items() for c in cs if c.flag}
    before = flags()
    assert before[("2024-06-17", "gmv")] == "anomaly"  # beyond the general 5 %
    assert before[("2024-06-17", "conversion")] == "anomaly" and before[("2024-W25", "return_rate")] == "anomaly"
    update_settings(session, {"anomaly.threshold.gmv": "0.10", "anomaly.redline.conversion": "0.15",
                              "anomaly.redline.return_rate": "1.0"})
    after = flags()
    assert ("2024-06-17", "gmv") not in after  # its own 10 % threshold
    assert after[("2024-06-17", "conversion")] == "severe"  # 20 % below, past its 15 % red line
    assert after[("2024-W25", "return_rate")] == "severe"  # returns are bad above target
    update_settings(session, {"anomaly.threshold.gmv": "", "anomaly.threshold": "0.08"})
    assert ("2024-06-17", "gmv") not in flags()  # empty again: the general threshold, now 8 %


def test_inventory_turnover_and_sell_through(session):
    _orders(session)
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "products", [(2, "P2", "Lid", "", "", "", "", 100, 500, None, 5, "mature", None, None,
                                             "now")])  # on sale, never sold
        bulk.insert_rows(conn, "stock_movements", [(1, "receipt", 100, "2024-06-01T09:00:00+08:00", "2024-06-01", "PO1"),
                                                   (1, "sale", -3, "2024-06-17T23:40:00+08:00", "2024-06-17", "A1"),
                                                   (1, "sale", -1, "2024-06-19T09:06:00+08:00", "2024-06-19", "A3")])
        conn.execute("UPDATE products SET stock_tracked = 1 WHERE id = 1")  # P2's stock is not tracked
    days = {r.period: r for r in kpi_series(session, D(2024, 6, 17), D(2024, 6, 19))}
    # the 17th: 97 in stock, 3 units sold in the 30 days ending that day: 97 / (3 / 30) = 970 days
    assert days["2024-06-17"].stock_on_hand == 97 and days["2024-06-17"].turnover_days == 970
    assert days["2024-06-19"].turnover_days == 720  # 96 / (4 / 30); the cancelled order sold nothing
    assert days["2024-06-17"].sell_through == 0.5 and days["2024-06-18"].sell_through == 0.0  # 1 of 2 products
    (week,) = kpi_series(session, D(2024, 6, 18), D(2024, 6, 18), "week")
    assert week.sell_through == 0.5 and week.stock_on_hand == 96  # the week ends on the 23rd: stock as then
    row = to_json([days["2024-06-19"]], "day", "CNY")["rows"][0]
    assert row["turnover_days"] == 720 and row["sell_through"] == 0.5 and row["stock_on_hand"] == 96


def test_no_stock_ledger_means_no_turnover(session):
    _orders(session)
    days = kpi_series(session, D(2024, 6, 17), D(2024, 6, 17))
    assert days[0].stock_on_hand is None and days[0].turnover_days is None


def test_year_sheet_round_trip_and_all_or_nothing(session):
    import pytest

    from shopdesk.domain.errors import InvalidValue
    from shopdesk.services.targets import editable_text, history, set_targets, year_sheet
    set_targets(session, [("gmv", "2024-06", "3000.5", "weekday"), ("conversion", "2024", "3.25%", "even"),
                          ("orders", "2024-Q2", "900", "even")])
    sheet = year_sheet(session, 2024)
    assert editable_text("gmv", sheet[("gmv", "2024-06")], "CNY") == "3000.50"
    assert editable_text("conversion", sheet[("conversion", "2024")], "CNY") == "3.25%"
    assert editable_text("orders", sheet[("orders", "2024-Q2")], "CNY") == "900"
    assert sheet[("gmv", "2024-06")]["weighting"] == "weekday"
    before = len(history(session))
    with pytest.raises(InvalidValue, match="2024-07"):
        set_targets(session, [("gmv", "2024-05", "100", "even"), ("gmv", "2024-07", "lots", "even")])
    assert len(history(session)) == before  # the good one was not saved either
    assert year_sheet(session, 2025) == {}


def _repeat_buyers(session):
    """c1 buys on the 1st and again on the 3rd; c2 twice on the 2nd (the lower id is the first); c3's first
    order was never paid; three orders have no known buyer (one of them alone on the 4th)."""
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "customers", [(1, "", "c1", ""), (2, "", "c2", ""), (3, "", "c3", "")])
        rows = [  # id, customer, day, paid
            (1, 1, "2024-07-01", True), (2, None, "2024-07-01", True),
            (4, 2, "2024-07-02", True), (3, 2, "2024-07-02", True), (5, 3, "2024-07-02", False),
            (6, 1, "2024-07-03", True), (7, 3, "2024-07-03", True), (8, None, "2024-07-03", True),
            (9, None, "2024-07-04", True),
        ]
        bulk.insert_rows(conn, "orders", [
            (i, "", f"N{i}", c, "", "completed" if paid else "cancelled", f"{day}T10:00:00+08:00", day,
             f"{day}T10:01:00+08:00" if paid else None, None, None, 1000, 0, 0, 1000, "", "")
            for i, c, day, paid in rows])


def test_new_customer_share_counts_only_orders_with_a_buyer(session):
    _repeat_buyers(session)
    days = {r.period: r.new_customer_share for r in kpi_series(session, D(2024, 7, 1), D(2024, 7, 4))}
    assert days["2024-07-01"] == 1.0  # c1's first; the order without a buyer is left out, not "returning"
    assert days["2024-07-02"] == 0.5  # c2's first (id 3) and its second (id 4) on the same day
    assert days["2024-07-03"] == 0.5  # c1 returns; c3's first paid order (its unpaid one does not count)
    assert days["2024-07-04"] is None  # no order of the day has a buyer: no share, never 0
    (week,) = kpi_series(session, D(2024, 7, 1), D(2024, 7, 4), "week")
    assert week.orders == 8 and week.new_customer_share == 3 / 5
    (later,) = kpi_series(session, D(2024, 7, 3), D(2024, 7, 3))  # c1's first order lies before the span
    assert later.new_customer_share == 0.5
    assert to_json([kpi_series(session, D(2024, 7, 4), D(2024, 7, 4))[0]], "day", "CNY")["rows"][0][
        "new_customer_share"] is None


def test_first_orders_are_ranked_once_per_query_not_looked_up_per_order(session):
    """The plans of the paid-orders and repeat-buyer queries have no subquery run again for every order."""
    from shopdesk.store import analysis, kpi
    _repeat_buyers(session)
    conn = session.store.conn
    for read in (kpi.paid_orders_by_day, analysis.buyers_by_month):
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        try:
            read(conn, "2024-07-01", "2024-07-04")
        finally:
            conn.set_trace_callback(None)
        (sql,) = [s for s in statements if "orders" in s]
        plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
        per_order = [step for step in plan if "CORRELATED" in step or ("SCAN" in step and "JOIN" in step)]
        assert plan and not per_order, (read.__name__, plan)
