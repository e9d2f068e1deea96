"""Hours, channels, funnel and repeat buyers read from a store, against rows written by hand."""

import datetime as dt

from shopdesk.services.analysis import analysis
from shopdesk.store import bulk

D = dt.date


def _store(session):
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "customers", [(1, "", "c1", ""), (2, "", "c2", ""), (3, "", "c3", "")])
        rows = [  # id, customer, channel, created (as the file gave it), day, paid, total
            (1, 1, "搜索", "2024-06-17T10:15:00+08:00", "2024-06-17", True, 10000),  # Monday 10:00
            (2, 1, "搜索", "2024-06-17T10:40:00+08:00", "2024-06-17", True, 5000),
            # 16:30 UTC on Tuesday is 00:30 on Wednesday in Shanghai
            (3, 2, "直播", "2024-06-18T16:30:00+00:00", "2024-06-19", True, 20000),
            (4, 3, "", "2024-06-19T09:00:00+08:00", "2024-06-19", True, 5000),
            (5, 2, "直播", "2024-06-19T11:00:00+08:00", "2024-06-19", False, 9900),  # never paid
            (6, 2, "直播", "2024-05-02T11:00:00+08:00", "2024-05-02", True, 1000),  # May: c2 once
        ]
        bulk.insert_rows(conn, "orders", [
            (i, "", f"A{i}", c, ch, "completed" if paid else "cancelled", at, day, at if paid else None, None, None,
             t, 0, 0, t, "", "") for i, c, ch, at, day, paid, t in rows])
        bulk.insert_rows(conn, "traffic_daily", [
            # day, channel, visitors, page views, add-to-cart, impressions, clicks
            ("2024-06-17", "", 500, None, 50, 20000, 600),
            ("2024-06-17", "搜索", 400, None, 40, None, None), ("2024-06-17", "直播", 100, None, 10, None, None),
            ("2024-06-19", "搜索", 300, None, 30, 9000, 350), ("2024-06-19", "直播", 200, None, None, 6000, 250),
        ])


def test_analysis_of_a_span(session):
    _store(session)
    found = analysis(session, D(2024, 6, 17), D(2024, 6, 19))
    grid = found.hours
    assert grid.orders[0][10] == 2 and grid.gmv_cents[0][10] == 15000  # Monday 10:00
    assert grid.orders[2][0] == 1 and grid.orders[1][16] == 0  # moved into the store's time zone
    assert grid.orders[2][9] == 1 and grid.total_orders == 4 and grid.peak() == (0, 10)
    by = {r.channel: r for r in found.channels}
    assert (by["搜索"].orders, by["搜索"].gmv_cents, by["搜索"].visitors) == (2, 15000, 700)
    assert by["直播"].gmv_share == 0.5 and by["直播"].visitors == 300 and by["直播"].add_to_cart is None
    assert by["搜索"].add_to_cart == 70 and by[""].visitors is None
    steps = {s.step: s for s in found.funnel}
    # the 17th's whole-store row, plus the 19th's channels summed; the 18th has no traffic and no orders count
    assert steps["impressions"].count == 35000 and steps["clicks"].count == 1200
    assert steps["visitors"].count == 1000 and steps["orders"].count == 4
    assert "add_to_cart" not in steps  # the 19th's 直播 row has no add-to-cart: the total is unknown
    assert steps["orders"].rate == 0.004  # against visitors, the last step before it with data
    june = found.customers[-1]
    assert june.period == "2024-06" and (june.buyers, june.repeat_buyers) == (3, 1)
    assert june.repurchase_rate == 1 / 3 and june.new_customer_share == 0.5  # c1 and c3 new; c2 bought in May
    assert [m.period for m in found.customers] == ["2024-05", "2024-06"]  # months before the first order left out


def test_analysis_without_traffic_or_channels(session):
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "orders", [(1, "", "A1", None, "", "completed", "2024-06-17T10:00:00+08:00",
                                           "2024-06-17", "2024-06-17T10:00:00+08:00", None, None, 100, 0, 0, 100,
                                           "", "")])
    found = analysis(session, D(2024, 6, 17), D(2024, 6, 17))
    assert found.channels == [] and found.funnel == []
    assert found.hours.total_orders == 1
    assert found.customers[-1].buyers is None and found.customers[-1].repurchase_rate is None  # no buyer IDs
