"""Weekly product monitoring (SPEC §3 日常維護), pinned with hand-computed cases."""

import datetime as dt
from fractions import Fraction

import pytest

from shopdesk.domain.errors import InvalidValue
from shopdesk.domain.product_weekly import LAGGARD, STAR, mark, ratio, usual_units, week_of
from shopdesk.services import product_weekly
from shopdesk.services.accounts import update_settings
from shopdesk.store import bulk
from shopdesk.store import product_weekly as store

D = dt.date


def test_definitions():
    assert week_of(D(2024, 6, 30)) == (D(2024, 6, 24), D(2024, 6, 30))
    star, laggard = ratio(1.5), ratio(0.8)
    assert star == Fraction(3, 2) and laggard == Fraction(4, 5)
    assert mark(31, Fraction(20), star, laggard) == STAR  # 155 %
    assert mark(30, Fraction(20), star, laggard) is None  # exactly 150 % is not over it
    assert mark(16, Fraction(20), star, laggard) is None  # exactly 80 % is not under it
    assert mark(15, Fraction(20), star, laggard) == LAGGARD
    assert mark(0, Fraction(1, 3), star, laggard) == LAGGARD
    assert mark(5, None, star, laggard) is None and mark(5, Fraction(0), star, laggard) is None
    assert usual_units(36, 4, None, "2024-05-27") == 9
    assert usual_units(36, 4, "2024-05-27", "2024-05-27") == 9  # listed the first day of the baseline
    assert usual_units(36, 4, "2024-06-01", "2024-05-27") is None  # listed later: no usual week yet


def _order(oid, day, lines, paid=True):
    return (oid, "", f"W{oid}", None, "", "completed" if paid else "cancelled", f"{day}T10:00:00+08:00", day,
            f"{day}T10:00:00+08:00" if paid else None, None, None, 0, 0, 0, 0, "", ""), lines


def _store(session):
    orders, lines = [], []
    # the week 06-24 … 06-30: CUP 31 units in 2 orders (target 20: star), LID 15 (target 20: laggard),
    # BAG 10 with no target (usual week: 36 over the 4 weeks before = 9; 10 is 111 %: on track)
    week = [("2024-06-25", [("CUP", 1, 20), ("LID", 2, 15)]), ("2024-06-29", [("CUP", 1, 11), ("BAG", 3, 10)])]
    before = [("2024-06-01", [("BAG", 3, 20)]), ("2024-06-20", [("BAG", 3, 16), ("CUP", 1, 40)])]
    unpaid = [("2024-06-26", [("LID", 2, 50)])]  # never paid: not a sale
    oid = 0
    for group, paid in ((week, True), (before, True), (unpaid, False)):
        for day, items in group:
            oid += 1
            order, items = _order(oid, day, items, paid)
            orders.append(order)
            lines += [(oid, n, pid, code, code, qty, 100, 0) for n, (code, pid, qty) in enumerate(items, 1)]
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "products", [
            (1, "CUP", "Cup", "", "", "", "", 100, 1000, None, 0, "mature", None, "2024-01-01T09:00:00+08:00", "now"),
            (2, "LID", "Lid", "", "", "", "", 100, 500, None, 0, "mature", None, "2024-01-01T09:00:00+08:00", "now"),
            (3, "BAG", "Bag", "", "", "", "", 100, 900, None, 0, "mature", None, None, "now"),
            (4, "NEW", "New", "", "", "", "", 100, 800, None, 0, "new", None, "2024-06-27T09:00:00+08:00", "now"),
            (5, "LATE", "Late", "", "", "", "", 100, 800, None, 0, "new", None, "2024-07-02T09:00:00+08:00", "now"),
        ])
        bulk.insert_rows(conn, "orders", orders)
        bulk.insert_rows(conn, "order_lines", lines)
        bulk.insert_rows(conn, "stock_movements", [(1, "receipt", 100, "2024-06-01T09:00:00+08:00", "2024-06-01", "P"),
                                                   (1, "sale", -71, "2024-06-29T09:00:00+08:00", "2024-06-29", "S"),
                                                   (1, "receipt", 50, "2024-07-01T09:00:00+08:00", "2024-07-01", "P")])
        conn.execute("UPDATE products SET stock_tracked = 1 WHERE id = 1")
        for day, pid, visitors, cart in (("2024-06-25", 1, 100, 10), ("2024-06-26", 1, 100, 14),
                                         ("2024-06-24", 2, 50, None), ("2024-06-23", 2, 999, 999)):
            store.put_traffic(conn, day, pid, visitors, cart)


def test_weekly_sheet_hand_computed(session):
    _store(session)
    product_weekly.set_targets(session, {"CUP": product_weekly.parse_target("20", "2.5", "15%", "40"),
                                     "LID": product_weekly.parse_target(units="20")}, D(2024, 6, 1))
    sheet = product_weekly.weekly(session, D(2024, 6, 30))
    assert (sheet.first, sheet.last) == (D(2024, 6, 24), D(2024, 6, 30))
    assert [line.code for line in sheet.lines] == ["CUP", "LID", "BAG", "NEW"]  # star, laggard, on track, none
    cup, lid, bag, new = sheet.lines
    assert (cup.units, cup.orders, cup.mark, cup.basis, cup.attainment) == (31, 2, STAR, "set", Fraction(31, 20))
    assert (cup.visitors, cup.add_to_cart) == (200, 24)  # 06-23 is the week before
    assert cup.conversion == Fraction(2, 200) and cup.add_to_cart_rate == Fraction(24, 200)
    # conversion 1 % < 2.5 % and stock 29 < 40 fall short; add-to-cart 12 % < 15 % too
    assert cup.on_hand == 29 and cup.below == ("conversion", "add_to_cart", "stock")
    assert (lid.units, lid.mark, lid.visitors, lid.add_to_cart, lid.on_hand) == (15, LAGGARD, 50, None, None)
    assert lid.add_to_cart_rate is None and lid.conversion == Fraction(1, 50)
    assert (bag.units_target, bag.basis, bag.mark) == (Fraction(9), "usual", None)
    assert (new.units, new.units_target, new.basis, new.mark) == (0, None, None, None)  # listed in the week
    assert "LATE" not in {line.code for line in sheet.lines}  # not on sale yet
    assert [s.code for s in sheet.stars] == ["CUP"] and [s.code for s in sheet.laggards] == ["LID"]
    update_settings(session, {"lifecycle.laggard_ratio": "0.7"})
    assert product_weekly.weekly(session, D(2024, 6, 30)).laggards == []  # 75 % is not under 70 %
    data = product_weekly.weekly_json(product_weekly.weekly(session, D(2024, 6, 30)))
    assert data["as_of"] == "2024-06-30" and data["count"] == 4 and data["stars"] == 1
    assert data["rows"][0] | {} == data["rows"][0] and data["rows"][0]["sku"] == "CUP"
    assert data["rows"][0]["target_conversion"] == 0.025 and data["rows"][0]["short_of"] == [
        "conversion", "add_to_cart", "stock"]


def test_target_revisions_apply_from_their_day(session):
    _store(session)
    product_weekly.set_targets(session, {"BAG": product_weekly.parse_target("4")}, D(2024, 6, 1))
    product_weekly.set_targets(session, {"BAG": product_weekly.parse_target("5")}, D(2024, 7, 1))  # later: not yet
    bag = {line.code: line for line in product_weekly.weekly(session, D(2024, 6, 30)).lines}["BAG"]
    assert (bag.units_target, bag.basis, bag.mark) == (4, "set", STAR)  # 10 > 6
    assert [r["units"] for r in product_weekly.target_history(session, "BAG")] == [5, 4]
    assert {line.code: line for line in product_weekly.weekly(session, D(2024, 7, 7)).lines}["BAG"].units_target == 5


def test_bad_targets_are_refused_and_nothing_is_written(session):
    _store(session)
    for parts in ({"units": "-3"}, {"units": "2.5"}, {"conversion": "101"}, {"add_to_cart": "abc"},
                  {"conversion": "1.234"}, {"stock": "x"}):
        with pytest.raises(InvalidValue):
            product_weekly.parse_target(**parts)
    assert product_weekly.parse_target(conversion="3.5%", add_to_cart="12") == {
        "units": None, "stock": None, "conversion_bp": 350, "add_to_cart_bp": 1200}
    with pytest.raises(InvalidValue):
        product_weekly.set_targets(session, {"CUP": product_weekly.parse_target("3"), "NOPE": product_weekly.parse_target("1")},
                               D(2024, 6, 1))
    assert product_weekly.target_history(session, "CUP") == []  # all or none
