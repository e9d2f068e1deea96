"""Replenishment orders (SPEC §4): ordered from the suggestions → quality control → received, which posts
the units that passed to the stock ledger. Open orders are the stock in transit of the suggestions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shopdesk.domain import errors
from shopdesk.domain.clock import iso, now
from shopdesk.domain.roles import Permission
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services import stock
from shopdesk.services.session import Session
from shopdesk.store import audit
from shopdesk.store import purchasing as store
from shopdesk.store import stock as ledger

NEXT = {"ordered": "qc", "qc": "received"}


@dataclass(frozen=True)
class PurchaseOrder:
    """An order as the list shows it."""

    id: int
    supplier: str
    status: str
    ordered_at: str
    expected_on: dt.date
    lines: int
    units: int


def _order(row: dict) -> PurchaseOrder:
    return PurchaseOrder(row["id"], row["supplier"], row["status"], row["ordered_at"],
                         dt.date.fromisoformat(row["expected_on"]), row["lines"] or 0, row["units"] or 0)


def order_suggestions(session: Session, as_of: dt.date | None = None) -> list[int]:
    """One order per supplier for the replenishment suggestions as of ``as_of``; returns their ids."""
    session.require(Permission.MANAGE_STOCK)
    suggestions = stock.suggestions(session, as_of)  # ordered from whom they are, whoever orders
    if not suggestions:
        return []
    conn = session.store.conn
    suppliers = store.supplier_ids(conn)
    today = now(session.timezone)
    created = []
    with session.store.transaction():
        by_supplier: dict[str, list] = {}
        for r in suggestions:
            by_supplier.setdefault(r.supplier, []).append(r)
        for supplier, rows in by_supplier.items():
            expected = (today.date() + dt.timedelta(days=rows[0].lead_time_days)).isoformat()
            order_id = store.create(conn, suppliers.get(supplier), [(r.product_id, r.suggested_qty) for r in rows],
                                    iso(today), session.username, expected)
            audit.record(conn, session.actor, "purchase.ordered", "purchase_order", order_id, None,
                         {"supplier": supplier, "lines": {r.code: r.suggested_qty for r in rows}},
                         tz=session.timezone)
            created.append(order_id)
    return created


def orders(session: Session) -> list[PurchaseOrder]:
    """Every replenishment order, open ones first (the supplier masked for roles that may not see suppliers)."""
    from shopdesk.services.masking import masked
    session.require(Permission.VIEW_PRODUCTS)
    return masked(session, [_order(r) for r in store.listing(session.store.conn)], ("supplier",))


def order_lines(session: Session, order_id: int) -> list[dict]:
    """An order's lines: code, name, quantity, units passed."""
    session.require(Permission.VIEW_PRODUCTS)
    return store.lines(session.store.conn, order_id)


def _open(session: Session, order_id: int, status: str) -> dict:
    row = store.get(session.store.conn, order_id)
    if row is None:
        raise errors.InvalidValue(field=Lazy(N_("Order")), reason=_("There is no order {id}.").format(id=order_id))
    if row["status"] != status:
        raise errors.InvalidValue(field=Lazy(N_("Order")), reason=_("Order {id} is {status}, not {expected}.").format(
            id=order_id, status=row["status"], expected=status))
    return row


def check_quality(session: Session, order_id: int, failed: dict[str, int] | None = None) -> None:
    """Quality control of an ordered delivery: every unit passes except ``failed`` (code → units)."""
    session.require(Permission.MANAGE_STOCK)
    _open(session, order_id, "ordered")
    conn = session.store.conn
    passed = {}
    for line in store.lines(conn, order_id):
        bad = (failed or {}).get(line["code"], 0)
        if not 0 <= bad <= line["quantity"]:
            raise errors.InvalidValue(field=Lazy(N_("Failed")), reason=_(
                "{code}: {units} failed units of {quantity} ordered.").format(code=line["code"], units=bad,
                                                                            quantity=line["quantity"]))
        passed[line["product_id"]] = line["quantity"] - bad
    unknown = set(failed or {}) - {line["code"] for line in store.lines(conn, order_id)}
    if unknown:
        raise errors.InvalidValue(field=Lazy(N_("Product")), reason=_("{code} is not on order {id}.").format(
            code=sorted(unknown)[0], id=order_id))
    with session.store.transaction():
        store.set_passed(conn, order_id, passed)
        store.set_status(conn, order_id, "qc", iso(now(session.timezone)), session.username)
        audit.record(conn, session.actor, "purchase.qc", "purchase_order", order_id, None,
                     {"failed": failed or {}}, tz=session.timezone)


def receive(session: Session, order_id: int) -> int:
    """Receive a checked order: the units that passed are posted to the ledger as receipts; returns the units."""
    session.require(Permission.MANAGE_STOCK)
    _open(session, order_id, "qc")
    conn = session.store.conn
    stamp = iso(now(session.timezone))
    units = 0
    with session.store.transaction():
        for line in store.lines(conn, order_id):
            if line["passed"]:
                ledger.post(conn, line["product_id"], "receipt", line["passed"], stamp, f"PO{order_id}",
                            session.username, _("replenishment order {id}").format(id=order_id))
                units += line["passed"]
        store.set_status(conn, order_id, "received", stamp, session.username)
        audit.record(conn, session.actor, "purchase.received", "purchase_order", order_id, None, {"units": units},
                     tz=session.timezone)
    return units
