"""The supplier scorecard (SPEC §4), for the Inventory tab, ``shopdesk report suppliers`` and the CLI."""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import suppliers as rules
from shopdesk.domain.roles import Permission
from shopdesk.services import stock
from shopdesk.services.masking import masked
from shopdesk.services.session import Session
from shopdesk.store import settings
from shopdesk.store import suppliers as sums

#: Days of orders behind the dropship shipping measure.
DROPSHIP_WINDOW_DAYS = 90
#: What a scorecard shows of the supplier itself, masked for roles that may not see suppliers (SPEC §8): its
#: name, its terms of trade and the price index computed from its costs.
SCORECARD_SENSITIVE = ("supplier_id", "name", "min_order_qty", "payment_terms", "price_index")
#: The same of a supplier's contact and terms.
TERMS_SENSITIVE = ("code", "name", "contact", "phone", "min_order_qty", "payment_terms")


def scorecards(session: Session, as_of: dt.date | None = None) -> list[rules.Scorecard]:
    """Every supplier's scorecard; dropship shipping over the 90 days up to ``as_of``; the supplier's name,
    terms and price index masked for roles that may not see suppliers."""
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
    for sid, name, lead, dropship, moq, payment in sums.suppliers(conn):
        passed, checked = quality.get(sid, (0, 0))
        hours = [(dt.datetime.fromisoformat(s) - dt.datetime.fromisoformat(p)).total_seconds() / 3600
                 for p, s in shipping.get(sid, [])]
        rate = rules.shipped_in_time_rate(hours, deadline) if dropship else None
        out.append(rules.Scorecard(
            sid, name, lead, bool(dropship), len(received.get(sid, [])), rules.on_time_rate(received.get(sid, [])),
            rules.quality_rate(passed, checked),
            rules.price_index([(c, cost) for s, c, cost in costs if s == sid], means), len(hours), rate,
            None if rate is None else rate >= target, moq, payment))
    return masked(session, out, SCORECARD_SENSITIVE)


def supplier_terms(session: Session) -> list[dict]:
    """Every supplier's contact and terms: lead time, minimum order, payment terms, dropship (masked for roles
    that may not see suppliers)."""
    session.require(Permission.VIEW_PRODUCTS)
    return masked(session, sums.terms(session.store.conn), TERMS_SENSITIVE)


def set_terms(session: Session, name: str, lead_time_days: int | None = None, min_order_qty: int | None = None,
              payment_terms: str | None = None, dropship: bool | None = None) -> dict:
    """Change a supplier's terms (those given), audited; returns them as they were.

    Raises:
        InvalidValue: no such supplier, a lead time outside 0–365 days or a minimum order below 1.
    """
    from shopdesk.domain import errors
    from shopdesk.i18n import N_, Lazy, _
    from shopdesk.store import audit
    session.require(Permission.MANAGE_STOCK)
    session.require(Permission.VIEW_SENSITIVE)  # supplier details are sensitive (SPEC §8)
    conn = session.store.conn
    before = sums.by_name(conn, name)
    if before is None:
        raise errors.InvalidValue(field=Lazy(N_("Supplier")), reason=_("There is no supplier {name}.").format(name=name))
    if lead_time_days is not None and not 0 <= lead_time_days <= 365:
        raise errors.InvalidValue(field=Lazy(N_("Lead time")), reason=_("It must be from 0 to 365 days."))
    if min_order_qty is not None and min_order_qty < 1:
        raise errors.InvalidValue(field=Lazy(N_("Minimum order")), reason=_("It must be at least 1."))
    values = {k: v for k, v in (("lead_time_days", lead_time_days), ("min_order_qty", min_order_qty),
                                ("payment_terms", None if payment_terms is None else payment_terms.strip()),
                                ("dropship", None if dropship is None else int(dropship))) if v is not None}
    changed = {k: v for k, v in values.items() if before[k] != v}
    if changed:
        with session.store.transaction():
            sums.set_terms(conn, before["id"], changed)
            audit.record(conn, session.actor, "supplier.terms", "supplier", before["name"],
                         {k: before[k] for k in changed}, changed, tz=session.timezone)
    return before
