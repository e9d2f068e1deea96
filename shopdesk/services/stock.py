"""Stock alerts (SPEC §4): the products below their safety stock, as of a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shopdesk.domain.clock import now
from shopdesk.domain.roles import Permission
from shopdesk.domain.stock import StockLine, safety_for
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
