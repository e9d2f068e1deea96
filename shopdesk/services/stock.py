"""Stock alerts (SPEC §4): the products below their safety stock, as of a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shopdesk.domain.clock import now
from shopdesk.domain.roles import Permission
from shopdesk.domain.stock import SlowLine, StockLine, safety_for, slow_reason, turnover_days
from shopdesk.services.session import Session
from shopdesk.store import settings
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
    found = [line for line in stock_lines(session, as_of) if line.below_safety]
    found.sort(key=lambda line: (line.on_hand - line.safety_stock, line.code))
    return found


def to_json(lines: list[StockLine], as_of: dt.date) -> dict[str, Any]:
    """The object ``shopdesk stock alerts --json`` prints."""
    return {"as_of": as_of.isoformat(), "count": len(lines), "rows": [
        {"sku": line.sku, "code": line.code, "name": line.name, "on_hand": line.on_hand,
         "safety_stock": line.safety_stock, "tracked": line.tracked, "below_safety": line.below_safety}
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
    found = []
    for line in stock_lines(session, day):
        if listed.get(line.product_id, "") > first:
            continue  # listed within the window: too new to judge
        last, units = sales.get(line.product_id, (None, 0))
        turnover = turnover_days(line.on_hand, units, window)
        reason = slow_reason(units, turnover, limit)
        if reason:
            found.append(SlowLine(line.product_id, line.code, line.sku, line.name, last, units, line.on_hand,
                                  turnover, reason))
    found.sort(key=lambda s: (s.last_sale or "", s.code))
    return found


def slow_json(lines: list[SlowLine], as_of: dt.date) -> dict[str, Any]:
    """The object ``shopdesk products slow --json`` prints."""
    return {"as_of": as_of.isoformat(), "count": len(lines), "rows": [
        {"sku": s.sku, "code": s.code, "name": s.name, "last_sale": s.last_sale, "units_30d": s.units_window,
         "on_hand": s.on_hand, "turnover_days": None if s.turnover_days is None else round(s.turnover_days, 1),
         "reason": s.reason} for s in lines]}
