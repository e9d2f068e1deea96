"""Stock alerts (SPEC §4): the products below their safety stock, as of a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shopdesk.domain.clock import now
from shopdesk.domain.roles import Permission
from shopdesk.domain.stock import (
    Replenishment,
    SlowLine,
    StockLine,
    is_alert,
    planned_units,
    proposes_delisting,
    safety_for,
    slow_reason,
    suggested_quantity,
    turnover_days,
)
from shopdesk.services.session import Session
from shopdesk.store import purchasing, reservations, settings
from shopdesk.store import stock as ledger


def default_day(session: Session) -> dt.date:
    """The last day with data (orders or stock movements), else today."""
    last = ledger.last_day(session.store.conn)
    return dt.date.fromisoformat(last) if last else now(session.timezone).date()


def stock_lines(session: Session, as_of: dt.date | None = None) -> list[StockLine]:
    """Every sellable product's stock at the end of ``as_of`` (the last day with data when not given),
    with its safety stock (its own, or the ``stock.safety_default`` setting) and whether it is tracked."""
    session.require(Permission.VIEW_PRODUCTS)
    day = as_of or default_day(session)
    default = int(settings.get(session.store.conn, "stock.safety_default"))
    return [StockLine(pid, code, sku or code, name, on_hand if tracked else None, safety_for(own, default), bool(tracked))
            for pid, code, sku, name, on_hand, own, tracked in ledger.levels(session.store.conn, day.isoformat())]


def alerts(session: Session, as_of: dt.date | None = None) -> list[StockLine]:
    """The tracked products below their safety stock, furthest below first."""
    session.require(Permission.VIEW_PRODUCTS)
    day = as_of or default_day(session)
    default = int(settings.get(session.store.conn, "stock.safety_default"))
    conn = session.store.conn
    below = {}
    for pid, on_hand, own, tracked in ledger.level_numbers(conn, day.isoformat()):
        safety = safety_for(own, default)
        if is_alert(on_hand, safety, bool(tracked)):
            below[pid] = (on_hand, safety)
    named = ledger.names(conn, list(below))
    found = [StockLine(pid, code, sku or code, name, *below[pid], True) for pid, (code, sku, name) in named.items()]
    found.sort(key=lambda line: ((line.on_hand or 0) - line.safety_stock, line.code))  # all tracked: a number
    return found


def take_down(session: Session, as_of: dt.date | None = None) -> list[StockLine]:
    """The live products with no stock left, to be taken down at once (下架), by code."""
    return [line for line in stock_lines(session, as_of) if line.out_of_stock]


def to_json(lines: list[StockLine], as_of: dt.date) -> dict[str, Any]:
    """The object ``shopdesk stock alerts --json`` prints."""
    return {"as_of": as_of.isoformat(), "count": len(lines), "rows": [
        {"sku": line.sku, "code": line.code, "name": line.name, "on_hand": line.on_hand,
         "safety_stock": line.safety_stock, "tracked": line.tracked, "below_safety": line.below_safety,
         "take_down": line.out_of_stock}
        for line in lines]}


def slow_moving(session: Session, as_of: dt.date | None = None) -> list[SlowLine]:
    """滯銷品 (SPEC §3): products on sale for the whole window (``lifecycle.slow_days``, 30) with no unit
    sold in it, or whose stock lasts more than ``lifecycle.slow_turnover_days`` (90) at its pace; the
    longest unsold first."""
    day = as_of or default_day(session)
    conn = session.store.conn
    window = int(settings.get(conn, "lifecycle.slow_days"))
    limit = int(settings.get(conn, "lifecycle.slow_turnover_days"))
    first = (day - dt.timedelta(days=window - 1)).isoformat()
    sales = ledger.sales_by_product(conn, first, day.isoformat())
    listed = ledger.listed_days(conn)
    treated = ledger.latest_treatments(conn)
    delist_after = int(settings.get(conn, "lifecycle.delist_after_days"))
    found = []
    for line in stock_lines(session, day):
        if listed.get(line.product_id, "") > first:
            continue  # listed within the window: too new to judge
        last, units = sales.get(line.product_id, (None, 0))
        turnover = turnover_days(line.on_hand, units, window)
        reason = slow_reason(units, turnover, limit)
        if reason:
            treatment, treated_on = treated.get(line.product_id, (None, None))
            found.append(SlowLine(line.product_id, line.code, line.sku, line.name, last, units, line.on_hand,
                                  turnover, reason, treatment, treated_on,
                                  proposes_delisting(treated_on, last, day.isoformat(), delist_after)))
    found.sort(key=lambda s: (s.last_sale or "", s.code))
    return found


def slow_json(lines: list[SlowLine], as_of: dt.date) -> dict[str, Any]:
    """The object ``shopdesk products slow --json`` prints."""
    return {"as_of": as_of.isoformat(), "count": len(lines), "rows": [
        {"sku": s.sku, "code": s.code, "name": s.name, "last_sale": s.last_sale, "units_30d": s.units_window,
         "on_hand": s.on_hand, "turnover_days": None if s.turnover_days is None else round(s.turnover_days, 1),
         "reason": s.reason, "treatment": s.treatment, "treated_on": s.treated_on,
         "propose_delisting": s.propose_delisting} for s in lines]}


#: Lead time assumed for a product without a supplier (the suppliers table's own default).
DEFAULT_LEAD_DAYS = 7


#: What a suggestion shows of its supplier, masked for roles that may not see suppliers (SPEC §8).
REPLENISHMENT_SENSITIVE = ("supplier", "min_order_qty")


def replenishment(session: Session, as_of: dt.date | None = None) -> list[Replenishment]:
    """The suggestions of :func:`suggestions`, the supplier and its minimum order masked for roles that may
    not see suppliers: what the Inventory tab, the printed list and ``shopdesk stock replenishment`` show."""
    from shopdesk.services.masking import masked
    return masked(session, suggestions(session, as_of), REPLENISHMENT_SENSITIVE)


def suggestions(session: Session, as_of: dt.date | None = None) -> list[Replenishment]:
    """補貨建議 (SPEC §4): for each tracked product, average daily units over ``replenish.window_days`` ×
    (its supplier's lead time + ``replenish.safety_days``) + units planned for upcoming campaigns − (on hand
    + in transit), rounded up to the supplier's minimum order; the products with something to order,
    grouped by supplier.

    In transit are the units on open replenishment orders (ordered, or passed QC). Planned are the units
    reserved for campaigns starting after the day and within the lead time and safety days (see
    :func:`shopdesk.domain.stock.planned_units`).
    """
    day = as_of or default_day(session)
    conn = session.store.conn
    window = int(settings.get(conn, "replenish.window_days"))
    safety_days = int(settings.get(conn, "replenish.safety_days"))
    first = (day - dt.timedelta(days=window - 1)).isoformat()
    sales = ledger.sales_by_product(conn, first, day.isoformat())
    terms = ledger.supply_terms(conn)
    transit = purchasing.in_transit(conn)
    reserved = reservations.open_by_product(conn, day.isoformat())
    found = []
    for line in stock_lines(session, day):
        if not line.tracked or line.on_hand is None:  # tracked: on hand is known
            continue  # unknown stock: nothing to compute an order from
        units = sales.get(line.product_id, (None, 0))[1]
        supplier, lead, moq, _payment = terms.get(line.product_id, ("", DEFAULT_LEAD_DAYS, 1, ""))
        coming = transit.get(line.product_id, 0)
        planned = planned_units(reserved.get(line.product_id, []), day.isoformat(), lead + safety_days)
        need, qty = suggested_quantity(units, window, lead, safety_days, planned, line.on_hand, coming, moq)
        if qty:
            found.append(Replenishment(line.product_id, line.code, line.sku, line.name, supplier, units / window,
                                       lead, safety_days, planned, line.on_hand, coming, moq, float(need), qty))
    found.sort(key=lambda r: (r.supplier == "", r.supplier, r.code))
    return found


def replenishment_json(lines: list[Replenishment], as_of: dt.date) -> dict[str, Any]:
    """The object ``shopdesk stock replenishment --json`` prints."""
    return {"as_of": as_of.isoformat(), "count": len(lines), "rows": [
        {"sku": r.sku, "code": r.code, "name": r.name, "supplier": r.supplier, "suggested_qty": r.suggested_qty,
         "daily_units": round(r.daily_units, 3), "lead_time_days": r.lead_time_days, "safety_days": r.safety_days,
         "planned": r.planned, "on_hand": r.on_hand, "in_transit": r.in_transit, "min_order_qty": r.min_order_qty,
         "need": round(r.need, 3)} for r in lines]}
