"""The supplier scorecard (SPEC §4), for the Inventory tab, ``shopdesk report suppliers`` and the CLI."""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import suppliers as rules
from shopdesk.domain.roles import Permission
from shopdesk.services import stock
from shopdesk.services.session import Session
from shopdesk.store import settings
from shopdesk.store import suppliers as sums

#: Days of orders behind the dropship shipping measure.
DROPSHIP_WINDOW_DAYS = 90


def scorecards(session: Session, as_of: dt.date | None = None) -> list[rules.Scorecard]:
    """Every supplier's scorecard; dropship shipping over the 90 days up to ``as_of``."""
    session.require(Permission.VIEW_PRODUCTS)
    conn = session.store.conn
    day = as_of or stock.default_day(session)
    deadline = int(settings.get(conn, "supplier.dropship_hours"))
    target = float(settings.get(conn, "supplier.dropship_on_time_rate"))
    received, quality = sums.received_orders(conn), sums.quality(conn)
    costs = sums.costs(conn)
    by_category: dict[str, list[int]] = {}
    for _sid, category, cost in costs:
        by_category.setdefault(category, []).append(cost)
    means = {c: sum(v) / len(v) for c, v in by_category.items()}
    shipping = sums.dropship_shipping(conn, (day - dt.timedelta(days=DROPSHIP_WINDOW_DAYS - 1)).isoformat(),
                                      day.isoformat())
    out = []
    for sid, name, lead, dropship in sums.suppliers(conn):
        passed, checked = quality.get(sid, (0, 0))
        hours = [(dt.datetime.fromisoformat(s) - dt.datetime.fromisoformat(p)).total_seconds() / 3600
                 for p, s in shipping.get(sid, [])]
        rate = rules.shipped_in_time_rate(hours, deadline) if dropship else None
        out.append(rules.Scorecard(
            sid, name, lead, bool(dropship), len(received.get(sid, [])), rules.on_time_rate(received.get(sid, [])),
            rules.quality_rate(passed, checked),
            rules.price_index([(c, cost) for s, c, cost in costs if s == sid], means), len(hours), rate,
            None if rate is None else rate >= target))
    return out
