"""The supplier scorecard, pinned with hand-computed figures (SPEC §4)."""

import datetime as dt

from shopdesk.domain import suppliers as rules
from shopdesk.services.suppliers import scorecards
from shopdesk.store import bulk


def test_definitions():
    assert rules.on_time_rate([("2024-06-10", "2024-06-12"), ("2024-06-20", "2024-06-15")]) == 0.5
    assert rules.on_time_rate([]) is None
    assert rules.quality_rate(95, 100) == 0.95 and rules.quality_rate(0, 0) is None
    assert rules.price_index([("cups", 900), ("lids", 300)], {"cups": 1000, "lids": 200}) == (0.9 + 1.5) / 2
    assert rules.price_index([], {}) is None
    assert rules.shipped_in_time_rate([10, 47.9, 48, 60], 48) == 0.75


def test_scorecards_from_orders_and_shipping(session):
    with session.store.transaction() as conn:
        conn.execute("INSERT INTO suppliers (id, code, name, lead_time_days, dropship) VALUES (1, 'A', '甲廠', 7, 1),"
                     " (2, 'B', '乙廠', 10, 0)")
        bulk.insert_rows(conn, "products", [
            (1, "CUP", "Cup", "", "cups", "", "", 900, 2000, 1, 0, "mature", None, None, "now"),
            (2, "MUG", "Mug", "", "cups", "", "", 1100, 2200, 2, 0, "mature", None, None, "now"),
        ])
        conn.execute("""INSERT INTO purchase_orders (id, supplier_id, status, ordered_at, ordered_by, expected_on,
                        qc_at, received_at) VALUES
                        (1, 1, 'received', '2024-06-01T09:00', 'boss', '2024-06-08', '2024-06-07', '2024-06-07T10:00'),
                        (2, 1, 'received', '2024-06-05T09:00', 'boss', '2024-06-12', '2024-06-14', '2024-06-14T10:00'),
                        (3, 2, 'qc', '2024-06-05T09:00', 'boss', '2024-06-15', '2024-06-15', NULL)""")
        conn.execute("""INSERT INTO purchase_order_lines (order_id, product_id, quantity, passed) VALUES
                        (1, 1, 50, 48), (2, 1, 50, 50), (3, 2, 40, 30)""")
        orders = [  # paid, shipped 30 h later / 60 h later
            (1, "", "A1", None, "", "shipped", "2024-06-10T09:00:00+08:00", "2024-06-10", "2024-06-10T09:00:00+08:00",
             "2024-06-11T15:00:00+08:00", None, 2000, 0, 0, 2000, "", ""),
            (2, "", "A2", None, "", "shipped", "2024-06-11T09:00:00+08:00", "2024-06-11", "2024-06-11T09:00:00+08:00",
             "2024-06-13T21:00:00+08:00", None, 2000, 0, 0, 2000, "", ""),
        ]
        bulk.insert_rows(conn, "orders", orders)
        bulk.insert_rows(conn, "order_lines", [(1, 1, 1, "CUP", "Cup", 1, 2000, 0), (2, 1, 1, "CUP", "Cup", 1, 2000, 0)])
    cards = {c.name: c for c in scorecards(session, dt.date(2024, 6, 30))}
    a, b = cards["甲廠"], cards["乙廠"]
    assert (a.orders_received, a.on_time_rate, a.quality_rate) == (2, 0.5, 0.98)  # one late; 98 of 100 passed
    assert a.price_index == 0.9 and b.price_index == 1.1  # cups cost 10.00 on average
    assert (a.dropship_orders, a.shipped_in_time_rate, a.meets_dropship_target) == (2, 0.5, False)  # 95 % in 48 h
    assert (b.orders_received, b.on_time_rate, b.quality_rate) == (0, None, 0.75)  # checked, not received yet
    assert b.shipped_in_time_rate is None and b.meets_dropship_target is None  # not dropship


def test_carriers_delivery_time_cost_and_damage(session):
    from shopdesk.services.logistics import carriers
    rows = [  # id, carrier, paid, shipped (+h), delivered (+h), shipping
        (1, "順豐", "2024-06-10T09:00:00+08:00", "2024-06-10T21:00:00+08:00", "2024-06-11T21:00:00+08:00", 1200),
        (2, "順豐", "2024-06-11T09:00:00+08:00", "2024-06-12T09:00:00+08:00", "2024-06-14T09:00:00+08:00", 800),
        (3, "中通", "2024-06-11T09:00:00+08:00", "2024-06-13T09:00:00+08:00", None, 500),
    ]
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "orders", [
            (i, "", f"A{i}", None, "", "shipped", paid, paid[:10], paid, shipped, arrived, 5000, 0, charge,
             5000 + charge, carrier, "") for i, carrier, paid, shipped, arrived, charge in rows])
        bulk.insert_rows(conn, "after_sales", [
            ("R1", 2, None, "return", "外箱破損，商品壓壞", "resolved", "2024-06-15T09:00:00+08:00", "2024-06-15",
             None, 1, 0, None, "", ""),
            ("R2", 1, None, "return", "尺碼不符", "resolved", "2024-06-15T09:00:00+08:00", "2024-06-15",
             None, 1, 0, None, "", "")])
    found = {c.carrier: c for c in carriers(session, dt.date(2024, 6, 30))}
    sf, zt = found["順豐"], found["中通"]
    assert (sf.shipped, sf.delivered, sf.hours_to_ship, sf.hours_to_deliver) == (2, 2, 18, 36)  # (12+24)/2, (24+48)/2
    assert sf.shipping_cents == 1000 and sf.damaged == 1 and sf.damage_rate == 0.5  # a size return is no damage
    assert (zt.delivered, zt.hours_to_deliver, zt.damage_rate) == (0, None, None)  # still on its way
    assert list(found) == ["順豐", "中通"]  # most orders first
