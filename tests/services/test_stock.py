"""Stock on hand from the ledger and its alerts, pinned with hand-computed cases (SPEC §4)."""

import datetime as dt

from shopdesk.domain.stock import is_alert, is_tracked_value, safety_for
from shopdesk.services import stock
from shopdesk.services.accounts import update_settings
from shopdesk.store import bulk

D = dt.date


def _store(session):
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "products", [
            # id, code, name, spec, c1, c2, c3, cost, price, supplier, safety, stage, owner, listed, updated
            (1, "CUP", "Cup", "", "", "", "", 100, 1000, None, 20, "mature", None, None, "now"),  # own safety 20
            (2, "LID", "Lid", "", "", "", "", 100, 500, None, 0, "mature", None, None, "now"),  # the default
            (3, "BAG", "Bag", "", "", "", "", 100, 900, None, 0, "mature", None, None, "now"),  # never sold
            (4, "MUG", "Mug", "", "", "", "", 100, 800, None, 0, "mature", None, None, "now"),  # not tracked
            (5, "OLD", "Old", "", "", "", "", 100, 800, None, 0, "delisted", None, None, "now"),
        ])
        bulk.insert_rows(conn, "stock_movements", [
            (1, "receipt", 30, "2024-06-01T09:00:00+08:00", "2024-06-01", "PO1"),
            (1, "sale", -12, "2024-06-10T09:00:00+08:00", "2024-06-10", "A1"),
            (2, "receipt", 80, "2024-06-01T09:00:00+08:00", "2024-06-01", "PO1"),
            (2, "sale", -35, "2024-06-12T09:00:00+08:00", "2024-06-12", "A2"),
            (2, "return", 1, "2024-06-13T09:00:00+08:00", "2024-06-13", "R1"),
            (3, "stocktake", 60, "2024-06-01T09:00:00+08:00", "2024-06-01", "count"),
            (5, "receipt", 3, "2024-06-01T09:00:00+08:00", "2024-06-01", "PO1"),
        ])
        conn.execute("UPDATE products SET stock_tracked = 1 WHERE id IN (1, 2, 3, 5)")


def test_definitions():
    assert safety_for(20, 50) == 20 and safety_for(0, 50) == 50 and safety_for(None, 50) == 50
    assert is_alert(18, 20, True) and not is_alert(20, 20, True)
    assert not is_alert(None, 50, False) and not is_alert(0, 50, False)  # not tracked is never "zero stock"
    assert is_tracked_value("shopify") and is_tracked_value("yes") and is_tracked_value("1")
    assert not is_tracked_value("") and not is_tracked_value("0") and not is_tracked_value("no")


def test_alerts_from_the_ledger(session):
    _store(session)
    lines = {line.code: line for line in stock.stock_lines(session, D(2024, 6, 13))}
    assert set(lines) == {"CUP", "LID", "BAG", "MUG"}  # the delisted product is not on sale
    assert (lines["CUP"].on_hand, lines["CUP"].safety_stock) == (18, 20)
    assert (lines["LID"].on_hand, lines["LID"].safety_stock) == (46, 50)  # 80 − 35 + 1, the default 50
    assert lines["MUG"].on_hand is None and not lines["MUG"].tracked
    assert [a.code for a in stock.alerts(session, D(2024, 6, 13))] == ["LID", "CUP"]  # 4 below, then 2 below
    assert [a.code for a in stock.alerts(session, D(2024, 6, 9))] == []  # before the sales
    assert stock.default_day(session) == D(2024, 6, 13)  # the last day with data
    update_settings(session, {"stock.safety_default": "40"})
    assert [a.code for a in stock.alerts(session, D(2024, 6, 13))] == ["CUP"]
    data = stock.to_json(stock.alerts(session, D(2024, 6, 13)), D(2024, 6, 13))
    assert data == {"as_of": "2024-06-13", "count": 1, "rows": [
        {"sku": "CUP", "code": "CUP", "name": "Cup", "on_hand": 18, "safety_stock": 20, "tracked": True,
         "below_safety": True}]}


def _sales(session):
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "orders", [
            (1, "", "A1", None, "", "completed", "2024-06-10T09:00:00+08:00", "2024-06-10", "2024-06-10T09:00:00+08:00",
             None, None, 12000, 0, 0, 12000, "", ""),
            (2, "", "A2", None, "", "completed", "2024-06-12T09:00:00+08:00", "2024-06-12", "2024-06-12T09:00:00+08:00",
             None, None, 17500, 0, 0, 17500, "", ""),
            (3, "", "A3", None, "", "cancelled", "2024-06-20T09:00:00+08:00", "2024-06-20", None,
             None, None, 900, 0, 0, 900, "", ""),  # never paid: BAG still never sold
        ])
        bulk.insert_rows(conn, "order_lines", [(1, 1, 1, "CUP", "Cup", 12, 1000, 0), (2, 1, 2, "LID", "Lid", 35, 500, 0),
                                               (3, 1, 3, "BAG", "Bag", 1, 900, 0)])
        bulk.insert_rows(conn, "products", [(6, "NEW", "New", "", "", "", "", 100, 800, None, 0, "new", None,
                                             "2024-06-20T09:00:00+08:00", "now")])  # listed ten days before


def test_slow_moving_hand_computed(session):
    _store(session)
    _sales(session)
    found = {s.code: s for s in stock.slow_moving(session, D(2024, 6, 30))}
    # 30 days from 06-01: CUP 18 on hand at 12 in 30 days lasts 45 days; LID 46 at 35 lasts 39.4 days
    assert set(found) == {"BAG", "MUG"}  # never sold (MUG: not tracked, still unsold); NEW is too new to judge
    assert found["BAG"].reason == "no_sales" and found["BAG"].last_sale is None and found["BAG"].on_hand == 60
    assert found["MUG"].on_hand is None and found["MUG"].turnover_days is None
    update_settings(session, {"lifecycle.slow_turnover_days": "40"})
    found = {s.code: s for s in stock.slow_moving(session, D(2024, 6, 30))}
    assert found["CUP"].reason == "slow_turnover" and found["CUP"].turnover_days == 45 and "LID" not in found
    later = {s.code: s for s in stock.slow_moving(session, D(2024, 7, 15))}
    assert later["CUP"].reason == "no_sales" and later["CUP"].last_sale == "2024-06-10"
    assert later["CUP"].units_window == 0 and "NEW" not in later  # listed on 06-20, inside the window
    assert "NEW" in {s.code for s in stock.slow_moving(session, D(2024, 7, 25))}  # on sale the whole window now
    data = stock.slow_json(stock.slow_moving(session, D(2024, 7, 15)), D(2024, 7, 15))
    assert data["count"] == len(later) and data["rows"][0]["last_sale"] is None  # never sold first
    assert {"sku", "last_sale", "units_30d", "turnover_days"} <= set(data["rows"][0])
