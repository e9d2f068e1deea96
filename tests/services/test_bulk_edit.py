"""Catalog bulk edits: the preview is what gets written, to the cent; all or none; audited."""

from decimal import Decimal

import pytest

from shopdesk.domain.bulk_edit import BadChange, Change, new_value
from shopdesk.domain.errors import InvalidValue
from shopdesk.domain.paging import Query
from shopdesk.domain.roles import Role
from shopdesk.services import bulk_edit, paging
from shopdesk.services.accounts import add_staff
from shopdesk.services.session import login
from shopdesk.store import bulk


def _catalog(session):
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "suppliers", [(1, "S1", "義烏杯具", "", "", 7, 0)])
        bulk.insert_rows(conn, "products", [
            (1, "CUP", "Cup", "", "家居", "餐廚", "杯子", 450, 1999, 1, 20, "mature", None, None, "2024-01-01"),
            (2, "LID", "Lid", "", "家居", "餐廚", "配件", None, 5, None, 0, "growth", None, None, "2024-01-01"),
            (3, "BAG", "Bag", "", "服飾", "", "", 300, 999, None, 5, "new", None, None, "2024-01-01"),
        ])


def test_new_values_hand_computed():
    ten_off = Change("price", "percent", Decimal("-10"))
    assert new_value(ten_off, 1999) == 1799  # 17.991 → 17.99
    assert new_value(ten_off, 5) == 5  # 4.5 cents rounds half up to 5
    assert new_value(Change("price", "percent", Decimal("12.5")), 1000) == 1125
    assert new_value(Change("safety_stock", "add", -5), 20) == 15
    with pytest.raises(BadChange):
        new_value(Change("safety_stock", "add", -25), 20)
    with pytest.raises(BadChange):
        new_value(Change("cost", "percent", Decimal(5)), None)  # no cost to move
    with pytest.raises(BadChange):
        new_value(Change("stage", "set", "delisted"), "mature")  # delisting needs an application
    assert new_value(Change("category", "set", ("家居", "餐廚")), ("", "", "")) == ("家居", "餐廚", "")
    with pytest.raises(BadChange):
        new_value(Change("category", "set", ("家居", "", "杯子")), ("", "", ""))
    with pytest.raises(BadChange):
        Change("owner", "percent", Decimal(1))


def test_preview_then_apply_a_price_cut(session):
    _catalog(session)
    change = bulk_edit.parse_change(session, "price", "percent", "-10%")
    rows = bulk_edit.preview(session, ["CUP", "LID", "NOPE"], change)
    assert [(r.code, r.before, r.after) for r in rows] == [("CUP", 1999, 1799), ("LID", 5, 5)]
    assert [r.changes for r in rows] == [True, False]  # 0.05 less 10 % rounds back to 0.05
    done = bulk_edit.apply(session, ["CUP", "LID"], change)
    assert (done.changed, done.abnormal) == (1, False)  # one product's price: not a bulk price change
    conn = session.store.conn
    assert conn.execute("SELECT price_cents, updated_at != '2024-01-01' FROM products WHERE code = 'CUP'").fetchone()[:] \
        == (1799, 1)
    done = bulk_edit.apply(session, ["CUP", "BAG"], bulk_edit.parse_change(session, "price", "set", "9.90"))
    assert (done.changed, done.abnormal) == (2, True)
    actions = [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions[-3:] == ["product.bulk_edit", "product.bulk_edit", "price.abnormal"]


def test_refused_rows_write_nothing(session):
    _catalog(session)
    change = bulk_edit.parse_change(session, "safety_stock", "add", "-10")
    rows = bulk_edit.preview(session, ["CUP", "BAG"], change)
    assert rows[0].after == 10 and rows[1].problem  # BAG has 5: would be negative
    with pytest.raises(InvalidValue, match="BAG"):
        bulk_edit.apply(session, ["CUP", "BAG"], change)
    assert session.store.conn.execute("SELECT safety_stock FROM products WHERE code = 'CUP'").fetchone()[0] == 20
    for field, mode, text in (("price", "set", "abc"), ("price", "set", "1.234"), ("price", "percent", "-100"),
                              ("supplier", "set", "nobody"), ("owner", "set", "ghost"), ("category", "set", "a/b/c/d"),
                              ("stage", "percent", "5")):
        with pytest.raises(InvalidValue):
            bulk_edit.parse_change(session, field, mode, text)


def test_owner_category_and_filters(session):
    _catalog(session)
    add_staff(session, "mia", Role.MERCHANDISE, "secret12")
    everything = Query("products")
    assert bulk_edit.codes_shown(session, everything) == ["BAG", "CUP", "LID"]
    bulk_edit.apply(session, ["CUP", "LID"], bulk_edit.parse_change(session, "owner", "set", "mia"))
    bulk_edit.apply(session, ["BAG"], bulk_edit.parse_change(session, "category", "set", "服飾 / 包袋 / 托特包"))
    assert paging.categories(session) == ["家居", "服飾"]
    assert paging.categories(session, ("服飾",)) == ["包袋"] and paging.categories(session, ("家居", "餐廚")) == [
        "杯子", "配件"]
    assert paging.owners(session) == [("mia", "mia")]
    kitchen = Query("products", categories=("家居", "餐廚", "配件"))
    assert bulk_edit.codes_shown(session, kitchen) == ["LID"]
    assert paging.total(session, Query("products", owner="mia")) == 2
    assert paging.total(session, Query("products", owner="-")) == 1
    row = paging.page(session, Query("products", categories=("服飾",)), 0, 5)[0]
    keys = paging.columns(Query("products"))
    assert row[keys.index("category")] == "服飾 / 包袋 / 托特包"
    assert row[keys.index("owner")] is None and paging.page(session, kitchen, 0, 5)[0][keys.index("owner")] == "mia"


def test_cost_and_supplier_need_the_sensitive_right(session):
    _catalog(session)
    add_staff(session, "ops", Role.OPERATIONS, "secret12")
    ops = login(session.store, "ops", "secret12")
    from shopdesk.domain.errors import PermissionDenied
    if ops.can(paging.Permission.MANAGE_PRODUCTS) and not ops.can(paging.Permission.VIEW_SENSITIVE):
        with pytest.raises(PermissionDenied):
            bulk_edit.preview(ops, ["CUP"], Change("cost", "set", 100))
    else:
        pytest.fail("operations should manage products without seeing costs")
