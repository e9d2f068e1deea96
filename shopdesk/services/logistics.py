"""Logistics channels (SPEC §4): each carrier's delivery time, cost and damage rate from the orders."""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import logistics as rules
from shopdesk.domain.roles import Permission
from shopdesk.services import stock
from shopdesk.services.session import Session
from shopdesk.store import logistics as sums

#: Days of orders measured, up to the day asked for.
WINDOW_DAYS = 90


def carriers(session: Session, as_of: dt.date | None = None) -> list[rules.CarrierFigures]:
    """Every carrier of the shipped orders of the 90 days up to ``as_of``, most orders first."""
    session.require(Permission.VIEW_ORDERS)
    last = as_of or stock.default_day(session)
    first = last - dt.timedelta(days=WINDOW_DAYS - 1)
    rows = sums.shipments(session.store.conn, first.isoformat(), last.isoformat())
    reasons = sums.case_reasons(session.store.conn, [r[0] for r in rows])
    grouped: dict[str, list] = {}
    for row in rows:
        grouped.setdefault(row[1], []).append(row)
    out = []
    for carrier, group in grouped.items():
        ship, deliver, charges, damaged, delivered = [], [], [], 0, 0
        for oid, _c, paid, shipped, arrived, charge in group:
            ship.append((dt.datetime.fromisoformat(shipped) - dt.datetime.fromisoformat(paid)).total_seconds() / 3600)
            charges.append(charge)
            if arrived:
                delivered += 1
                deliver.append((dt.datetime.fromisoformat(arrived) - dt.datetime.fromisoformat(shipped))
                               .total_seconds() / 3600)
            damaged += sum(rules.is_damage(reason) for reason in reasons.get(oid, []))
        avg_charge = rules.mean(charges)
        out.append(rules.CarrierFigures(carrier, len(group), delivered, rules.mean(ship), rules.mean(deliver),
                                        None if avg_charge is None else round(avg_charge), damaged,
                                        damaged / delivered if delivered else None))
    out.sort(key=lambda c: (-c.shipped, c.carrier))
    return out
