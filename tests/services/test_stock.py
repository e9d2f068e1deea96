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
         "below_safety": True, "take_down": False}]}


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


def test_replenishment_quantity_rounds_up_to_the_minimum_order():
    from fractions import Fraction

    from shopdesk.domain.stock import suggested_quantity
    # 75 units in 30 days = 2.5 a day; (7 + 3) days of it = 25, less 10 on hand = 15 → two cartons of 12
    assert suggested_quantity(75, 30, 7, 3, 0, 10, 0, 12) == (Fraction(15), 24)
    assert suggested_quantity(75, 30, 7, 3, 0, 30, 0, 12)[1] == 0  # enough in stock
    assert suggested_quantity(30, 30, 7, 0, 5, 3, 2, 1) == (Fraction(7), 7)  # a campaign's 5, less in transit
    assert suggested_quantity(9, 30, 10, 0, 0, 0, 0, 1)[1] == 3  # exactly 3: no float makes it 4
    assert suggested_quantity(0, 30, 7, 7, 0, 0, 0, 50)[1] == 0  # nothing sold, nothing planned: no order
    assert suggested_quantity(3, 30, 7, 7, 0, -4, 0, 50)[1] == 50  # negative stock counts as none


def _supplied(session, extra_lines=()):
    """The store of _store and _sales, CUP and LID from one supplier, and 60 more LIDs sold on 06-28."""
    _store(session)
    _sales(session)
    with session.store.transaction() as conn:
        conn.execute("INSERT INTO suppliers (id, code, name, lead_time_days, min_order_qty, payment_terms)"
                     " VALUES (1, 'S1', '義烏杯具', 10, 12, '月結30天')")
        conn.execute("UPDATE products SET supplier_id = 1 WHERE code IN ('CUP', 'LID')")
        bulk.insert_rows(conn, "orders", [(4, "", "A4", None, "", "completed", "2024-06-28T09:00:00+08:00",
                                           "2024-06-28", "2024-06-28T09:00:00+08:00", None, None, 30000, 0, 0, 30000,
                                           "", "")])
        bulk.insert_rows(conn, "order_lines", [(4, 1, 2, "LID", "Lid", 60, 500, 0), *extra_lines])


def test_replenishment_by_supplier(session):
    _supplied(session)
    found = {r.code: r for r in stock.replenishment(session, D(2024, 6, 30))}
    # LID: 95 units in 30 days × (10 + 7) days = 53.83, less 46 on hand = 7.83 → 8 → one carton of 12
    lid = found["LID"]
    assert (lid.supplier, lid.lead_time_days, lid.safety_days, lid.min_order_qty, lid.suggested_qty) == \
        ("義烏杯具", 10, 7, 12, 12)
    assert abs(lid.need - (95 / 30 * 17 - 46)) < 1e-9
    assert "CUP" not in found  # 12 in 30 days × 17 = 6.8, less 18 on hand: enough
    assert "BAG" not in found and "MUG" not in found  # BAG never sold; MUG's stock is not tracked
    data = stock.replenishment_json(list(found.values()), D(2024, 6, 30))
    assert data["rows"][0]["sku"] == "LID" and data["rows"][0]["suggested_qty"] == 12
    assert data["rows"][0]["lead_time_days"] == 10 and data["rows"][0]["min_order_qty"] == 12


def test_ledger_postings_stock_take_and_abnormal_operations(session):
    import pytest

    from shopdesk.domain.errors import InvalidValue, PermissionDenied
    from shopdesk.domain.roles import Role
    from shopdesk.services.accounts import add_staff
    from shopdesk.services.session import login
    from shopdesk.services.stockledger import post_movement, stock_take
    from shopdesk.store import audit
    _store(session)
    today = stock.default_day(session)
    posted = post_movement(session, "CUP", "receipt", 40, "PO-2024-061 arrived", "PO-2024-061")
    assert posted.movements == 1 and posted.abnormal == []
    lines = {line.code: line for line in stock.stock_lines(session, max(today, D(2030, 1, 1)))}
    assert lines["CUP"].on_hand == 58  # 30 − 12 + 40: the sum of the ledger, never edited
    big = post_movement(session, "LID", "adjustment", -120, "water damage")
    assert big.abnormal == [("LID", -120)]  # 100 units or more (the setting): an abnormal operation
    differences, done = stock_take(session, {"CUP": 50, "BAG": 60, "MUG": 7}, "June stock-take")
    by = {d.code: d for d in differences}
    assert (by["CUP"].on_hand, by["CUP"].difference) == (58, -8) and by["BAG"].difference == 0
    assert by["MUG"].on_hand == 0 and by["MUG"].difference == 7 and done.movements == 2  # BAG matched: nothing posted
    lines = {line.code: line for line in stock.stock_lines(session, D(2030, 1, 1))}
    assert lines["MUG"].tracked and lines["MUG"].on_hand == 7  # counted: tracked from now on
    actions = [r["action"] for r in audit.rows(session.store.conn)]
    assert actions.count("stock.abnormal") == 1 and "stock.counted" in actions and actions.count("stock.posted") == 2
    for kind, qty, reason in (("receipt", -5, "x"), ("sale", 5, "x"), ("adjustment", 0, "x"), ("receipt", 5, " ")):
        with pytest.raises(InvalidValue):
            post_movement(session, "CUP", kind, qty, reason)
    with pytest.raises(InvalidValue, match="NOPE"):
        stock_take(session, {"CUP": 1, "NOPE": 2}, "count")
    with pytest.raises(InvalidValue):
        stock_take(session, {"CUP": -1}, "count")
    assert {line.code: line.on_hand for line in stock.stock_lines(session, D(2030, 1, 1))}["CUP"] == 50  # unchanged
    add_staff(session, "amy", Role.FINANCE, "secret12")
    with pytest.raises(PermissionDenied):
        post_movement(login(session.store, "amy", "secret12"), "CUP", "receipt", 1, "x")


def test_replenishment_orders_flow_into_the_ledger(session):
    import pytest

    from shopdesk.domain.errors import InvalidValue
    from shopdesk.services import purchasing
    _supplied(session)
    (order_id,) = purchasing.order_suggestions(session, D(2024, 6, 30))
    (po,) = purchasing.orders(session)
    assert (po.supplier, po.status, po.lines, po.units) == ("義烏杯具", "ordered", 1, 12)
    assert stock.replenishment(session, D(2024, 6, 30)) == []  # 12 on order cover the need of 7.83
    with pytest.raises(InvalidValue, match="qc"):
        purchasing.receive(session, order_id)  # not checked yet
    with pytest.raises(InvalidValue):
        purchasing.check_quality(session, order_id, {"LID": 13})
    purchasing.check_quality(session, order_id, {"LID": 2})  # two damaged
    assert purchasing.order_lines(session, order_id)[0]["passed"] == 10
    before = {line.code: line.on_hand for line in stock.stock_lines(session, D(2030, 1, 1))}["LID"]
    assert purchasing.receive(session, order_id) == 10
    after = {line.code: line.on_hand for line in stock.stock_lines(session, D(2030, 1, 1))}["LID"]
    assert after == before + 10 and purchasing.orders(session)[0].status == "received"
    with pytest.raises(InvalidValue, match="no order"):
        purchasing.check_quality(session, 99)


def test_out_of_stock_products_are_listed_for_take_down(session):
    from shopdesk.services.stockledger import post_movement
    _store(session)
    post_movement(session, "LID", "adjustment", -46, "damaged in the warehouse")
    down = stock.take_down(session, D(2030, 1, 1))
    assert [line.code for line in down] == ["LID"]  # MUG: not tracked, never "zero"; OLD: delisted already
    assert stock.to_json(down, D(2030, 1, 1))["rows"][0]["take_down"] is True


def test_product_page(session):
    import pytest

    from shopdesk.domain.errors import InvalidValue
    from shopdesk.services.products import WEEKS, product_page
    from shopdesk.services.stockledger import post_movement
    _store(session)
    _sales(session)
    post_movement(session, "CUP", "receipt", 10, "PO arrived")
    page = product_page(session, "CUP", D(2024, 6, 30))
    assert len(page.weeks) == WEEKS and page.weeks[-1].period == "2024-W26"
    week = {w.period: w for w in page.weeks}["2024-W24"]  # 06-10 … 06-16
    assert (week.units, week.amount_cents) == (12, 12000) and sum(w.units for w in page.weeks) == 12
    assert page.tracked and page.on_hand == 28  # 30 − 12 + 10: the ledger as it stands
    assert [m["kind"] for m in page.movements][:1] == ["receipt"] and page.movements[0]["reason"] == "PO arrived"
    assert page.history[0]["action"] == "stock.posted"
    assert product_page(session, "MUG", D(2024, 6, 30)).on_hand is None  # not tracked
    with pytest.raises(InvalidValue):
        product_page(session, "NOPE")


def test_profit_per_product_hand_computed(session):
    from shopdesk.domain.profit import product_profit
    from shopdesk.services.products import profits
    p = product_profit("CUP", "Cup", 10, 20000, 900, 0.05, 150, 0.10, 2.5)
    # 200.00 sales − 90.00 cost − 10.00 commission − 15.00 fulfilment − 20.00 ads = 65.00; ROI 200 / 20 = 10
    assert (p.commission_cents, p.fulfilment_cents, p.ad_spend_cents, p.profit_cents) == (1000, 1500, 2000, 6500)
    assert p.margin == 0.325 and p.roi == 10 and not p.below_roi_floor
    assert product_profit("X", "X", 1, 1000, 500, 0, 0, 0.5, 2.5).below_roi_floor  # ROI 2 < 2.5
    assert product_profit("X", "X", 1, 1000, None, 0.05, 0, 0, 2.5).profit_cents is None  # no cost price
    assert product_profit("X", "X", 1, 1000, 500, 0.05, 0, 0, 2.5).roi is None  # no ad spend, no ROI
    _store(session)
    _sales(session)
    update_settings(session, {"profit.fulfilment_per_unit": "1.5", "profit.ad_spend_rate": "0.1"})
    rows = {r.code: r for r in profits(session, D(2024, 6, 30))}
    cup = rows["CUP"]  # 12 units for 120.00 at a cost of 1.00 each
    assert (cup.units, cup.sales_cents, cup.cost_cents) == (12, 12000, 1200)
    assert cup.profit_cents == 12000 - 1200 - 600 - 1800 - 1200 and cup.roi == 10
    assert list(rows) == ["LID", "CUP"]  # most sales first: LID sold 175.00


def test_slow_moving_treatment_and_delisting_proposal(session):
    import pytest

    from shopdesk.domain.errors import InvalidValue
    from shopdesk.domain.stock import proposes_delisting
    from shopdesk.services.stockledger import record_treatment
    assert proposes_delisting("2024-06-01", None, "2024-07-01", 30)  # 30 days, never sold
    assert not proposes_delisting("2024-06-01", None, "2024-06-30", 30)  # still waiting
    assert not proposes_delisting("2024-06-01", "2024-06-15", "2024-07-15", 30)  # sold after the treatment
    assert proposes_delisting("2024-06-01", "2024-05-20", "2024-07-15", 30)  # the last sale was before it
    assert not proposes_delisting(None, None, "2024-07-15", 30)
    _store(session)
    _sales(session)
    record_treatment(session, "BAG", "discount", "8折")
    line = {s.code: s for s in stock.slow_moving(session, D(2030, 1, 1))}["BAG"]
    from shopdesk.domain.clock import now
    today = now(session.timezone).date()
    assert (line.treatment, line.treated_on) == ("discount", today.isoformat()) and line.propose_delisting  # unsold
    assert not {s.code: s for s in stock.slow_moving(session, today)}["BAG"].propose_delisting  # just treated
    record_treatment(session, "BAG", "clearance")
    assert {line.code: line for line in stock.stock_lines(session)}["BAG"].code == "BAG"
    from shopdesk.services.products import product_page
    assert product_page(session, "BAG").record["stage"] == "clearance"
    with pytest.raises(InvalidValue):
        record_treatment(session, "BAG", "burn")


def test_delisting_needs_a_second_account_and_returns_stock(session):
    import pytest

    from shopdesk.domain.errors import InvalidValue, PermissionDenied
    from shopdesk.domain.roles import Role
    from shopdesk.services import delisting
    from shopdesk.services.accounts import add_staff
    from shopdesk.services.session import login
    _store(session)
    add_staff(session, "mia", Role.MERCHANDISE, "secret12")
    mia = login(session.store, "mia", "secret12")
    number = delisting.apply(mia, "BAG", "款式過時", "return", 50)
    with pytest.raises(PermissionDenied):
        delisting.decide(mia, number, True)
    own = delisting.apply(session, "LID", "品質投訴")
    with pytest.raises(InvalidValue, match="different account"):
        delisting.decide(session, own, True)
    with pytest.raises(InvalidValue):
        delisting.decide(session, number, False)  # a rejection needs a note
    delisting.decide(session, number, True, "同意")
    lines = {line.code: line for line in stock.stock_lines(session, D(2030, 1, 1))}
    assert "BAG" not in lines  # delisted: no longer on sale
    from shopdesk.services.products import product_page
    page = product_page(session, "BAG")
    assert page.record["stage"] == "delisted" and page.on_hand == 10  # 60 − 50 returned to the supplier
    rows = {r["id"]: r for r in delisting.applications(session)}
    assert rows[number]["status"] == "approved" and rows[own]["status"] == "applied"
    for args in (("BAG", " "), ("CUP", "x", "burn"), ("CUP", "x", "none", 5)):
        with pytest.raises(InvalidValue):
            delisting.apply(mia, *args)


def test_profit_with_a_products_own_commission_fulfilment_and_ads(session):
    import pytest

    from shopdesk.domain.errors import InvalidValue
    from shopdesk.services import bulk_edit
    from shopdesk.services.products import profits
    _store(session)
    _sales(session)
    update_settings(session, {"profit.fulfilment_per_unit": "1.5", "profit.ad_spend_rate": "0.1"})
    for field, text in (("commission", "8"), ("fulfilment", "0.50"), ("ad_spend", "2.5%")):
        bulk_edit.apply(session, ["CUP"], bulk_edit.parse_change(session, field, "set", text))
    rows = {r.code: r for r in profits(session, D(2024, 6, 30))}
    # CUP: 120.00 − 12.00 cost − 9.60 commission (8 %) − 6.00 fulfilment (12 × 0.50) − 3.00 ads (2.5 %)
    assert (rows["CUP"].commission_cents, rows["CUP"].fulfilment_cents, rows["CUP"].ad_spend_cents) == (960, 600, 300)
    assert rows["CUP"].profit_cents == 12000 - 1200 - 960 - 600 - 300 and rows["CUP"].roi == 40
    lid = rows["LID"]  # the store's settings still apply: 5 %, 1.50 a unit, 10 %
    assert (lid.commission_cents, lid.fulfilment_cents, lid.ad_spend_cents) == (875, 35 * 150, 1750)
    bulk_edit.apply(session, ["CUP"], bulk_edit.parse_change(session, "commission", "set", ""))  # back to the setting
    assert {r.code: r for r in profits(session, D(2024, 6, 30))}["CUP"].commission_cents == 600
    preview = bulk_edit.preview(session, ["CUP"], bulk_edit.parse_change(session, "ad_spend", "set", ""))
    assert bulk_edit.value_text(session, "ad_spend", preview[0].before) == "2.50%"
    for text in ("101", "-1", "2.555"):
        with pytest.raises(InvalidValue):
            bulk_edit.parse_change(session, "commission", "set", text)


def test_campaign_reservation_is_ordered_ahead(session):
    import pytest

    from shopdesk.domain.errors import InvalidValue
    from shopdesk.domain.stock import planned_units
    from shopdesk.services import reservations
    # the horizon: campaigns starting after the day and within lead time + safety days
    assert planned_units([("2024-07-01", 40), ("2024-07-17", 5), ("2024-07-18", 9)], "2024-06-30", 17) == 45
    assert planned_units([("2024-06-30", 40)], "2024-06-30", 17) == 0  # already running: in the pace
    _supplied(session)
    number = reservations.reserve(session, "CUP", "雙11", D(2024, 7, 10), D(2024, 7, 12), 30)
    reservations.reserve(session, "CUP", "雙12", D(2024, 8, 30), D(2024, 8, 31), 500)  # beyond the horizon
    cup = {r.code: r for r in stock.replenishment(session, D(2024, 6, 30))}["CUP"]
    # CUP: 12 in 30 days × (10 + 7) = 6.8, + 30 reserved = 36.8, − 18 on hand = 18.8 → two cartons of 12
    assert (cup.planned, cup.suggested_qty) == (30, 24) and abs(cup.need - (12 / 30 * 17 + 30 - 18)) < 1e-9
    assert stock.replenishment_json([cup], D(2024, 6, 30))["rows"][0]["planned"] == 30
    reservations.cancel(session, number)
    assert "CUP" not in {r.code for r in stock.replenishment(session, D(2024, 6, 30))}
    rows = reservations.reservations(session)
    assert [r["campaign"] for r in rows] == ["雙12", "雙11"] and rows[1]["cancelled_by"] == session.username
    with pytest.raises(InvalidValue):
        reservations.cancel(session, number)  # already cancelled
    for args in (("CUP", " ", D(2024, 7, 1), D(2024, 7, 2), 1), ("CUP", "x", D(2024, 7, 3), D(2024, 7, 2), 1),
                 ("CUP", "x", D(2024, 7, 1), D(2024, 7, 2), 0), ("NOPE", "x", D(2024, 7, 1), D(2024, 7, 2), 1)):
        with pytest.raises(InvalidValue):
            reservations.reserve(session, *args)
    assert len(reservations.reservations(session)) == 2
