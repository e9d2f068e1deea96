"""The one rule masking cost prices, supplier details and profit (SPEC §8)."""

import dataclasses
import datetime as dt
import json

import pytest

from shopdesk.domain import errors
from shopdesk.domain.roles import MASK, Role
from shopdesk.domain.stock import Replenishment
from shopdesk.services import masking, paging
from shopdesk.services.accounts import add_staff
from shopdesk.services.session import login


@pytest.fixture
def operations(session):
    add_staff(session, "ops", Role.OPERATIONS, "secret12")
    return login(session.store, "ops", "secret12")


def _line(**changes):
    line = Replenishment(1, "CUP", "CUP-1", "Cup", "甲廠", 1.5, 7, 7, 0, 3, 0, 24, 18.0, 24)
    return dataclasses.replace(line, **changes)


def test_one_mask_symbol():
    assert paging.MASK is MASK == "***"


def test_masked_for_a_role_without_the_right_unchanged_for_one_with_it(session, operations):
    rows = [_line(), _line(supplier="")]
    assert masking.masked(session, rows, ("supplier", "min_order_qty")) is rows  # the owner sees them
    hidden = masking.masked(operations, rows, ("supplier", "min_order_qty"))
    assert [(r.supplier, r.min_order_qty, r.suggested_qty) for r in hidden] == [(MASK, MASK, 24)] * 2
    assert masking.masked(operations, {"supplier": "甲廠", "code": "CUP"}, ("supplier", "cost_cents")) == \
        {"supplier": MASK, "code": "CUP"}  # fields it lacks stay absent
    with pytest.raises(TypeError):
        masking.masked(operations, ("甲廠",), ("supplier",))


def test_audit_values_masked(session, operations):
    rows = [{"action": "supplier.terms", "before": json.dumps({"lead_time_days": 7}), "after": None},
            {"action": "product.bulk_edit", "before": json.dumps({"CUP": "9.00"}), "after": json.dumps({"CUP": "8.00"})},
            {"action": "stock.posted", "before": None, "after": json.dumps({"quantity": 5, "supplier": "甲廠"})}]
    assert masking.masked_audit(session, rows) is rows
    shown = masking.masked_audit(operations, rows)
    assert json.loads(shown[0]["before"]) == {"lead_time_days": MASK}
    assert json.loads(shown[1]["after"]) == {"CUP": MASK}  # a bulk edit does not say which field it changed
    assert json.loads(shown[2]["after"]) == {"quantity": 5, "supplier": MASK}


def test_services_mask_and_profit_is_refused(session, operations):
    from shopdesk.services import products, suppliers
    from shopdesk.store import bulk
    with session.store.transaction() as conn:
        conn.execute("INSERT INTO suppliers (id, code, name, lead_time_days, min_order_qty, payment_terms)"
                     " VALUES (1, 'A', '甲廠', 7, 24, '月結30天')")
        bulk.insert_rows(conn, "products", [(1, "CUP", "Cup", "", "cups", "", "", 900, 2000, 1, 0, "mature", None,
                                             None, "now")])
    (card,) = suppliers.scorecards(operations, dt.date(2024, 6, 30))
    assert (card.name, card.min_order_qty, card.payment_terms, card.price_index) == (MASK,) * 4
    assert card.lead_time_days == 7  # how long an order takes is not a supplier detail
    (terms,) = suppliers.supplier_terms(operations)
    assert {terms[k] for k in ("code", "name", "contact", "phone", "min_order_qty", "payment_terms")} == {MASK}
    page = products.product_page(operations, "CUP", dt.date(2024, 6, 30))
    assert (page.record["cost_cents"], page.record["supplier"], page.record["supplier_id"]) == (MASK,) * 3
    assert products.product_page(session, "CUP", dt.date(2024, 6, 30)).record["cost_cents"] == 900
    with pytest.raises(errors.PermissionDenied):
        products.profits(operations)


def test_a_role_without_the_right_orders_from_the_right_suppliers(demo_path):
    """Warehouse staff order the suggestions they see masked: the orders go to the real suppliers."""
    from shopdesk.services import purchasing, stock
    from shopdesk.store.opening import open_store
    store = open_store(demo_path, daily_backup=False)
    try:
        warehouse, owner = login(store, "warehouse", "demo1234"), login(store, "owner", "demo1234")
        expected = {r.supplier for r in stock.replenishment(owner)}
        assert {r.supplier for r in stock.replenishment(warehouse)} == {MASK}
        assert purchasing.order_suggestions(warehouse)
        assert {o.supplier for o in purchasing.orders(owner)} == expected and "" not in expected
        assert {o.supplier for o in purchasing.orders(warehouse)} == {MASK}
    finally:
        store.close()
