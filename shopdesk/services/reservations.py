"""Campaign reservations (活動備貨, SPEC §4): units set aside for an upcoming campaign, which the
replenishment suggestion orders ahead; cancelled rather than deleted, every step audited."""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import errors
from shopdesk.domain.clock import iso, now
from shopdesk.domain.roles import Permission
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services.session import Session
from shopdesk.services.stockledger import require_products
from shopdesk.store import audit
from shopdesk.store import reservations as store


def reserve(session: Session, code: str, campaign: str, starts_on: dt.date, ends_on: dt.date, units: int) -> int:
    """Set ``units`` of ``code`` aside for ``campaign`` (its first and last day); returns the reservation's id.

    Raises:
        InvalidValue: no such product, no campaign name, fewer than one unit, or a campaign ending before it
            starts (nothing is written).
    """
    session.require(Permission.MANAGE_STOCK)
    name = campaign.strip()
    if not name:
        raise errors.InvalidValue(field=Lazy(N_("Campaign")), reason=_("It cannot be empty."))
    if units < 1:
        raise errors.InvalidValue(field=Lazy(N_("Units")), reason=_("It must be at least 1."))
    if ends_on < starts_on:
        raise errors.InvalidValue(field=Lazy(N_("Last day")), reason=_("The campaign ends before it starts."))
    product_id = require_products(session, [code])[code]
    with session.store.transaction() as conn:
        number = store.add(conn, product_id, name, starts_on.isoformat(), ends_on.isoformat(), units,
                           session.username, iso(now(session.timezone)))
        audit.record(conn, session.actor, "stock.reserved", "product", code, None,
                     {"campaign": name, "starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat(),
                      "units": units, "reservation": number}, tz=session.timezone)
    return number


def reservations(session: Session) -> list[dict]:
    """Every reservation: open ones by first day, then cancelled ones."""
    session.require(Permission.VIEW_PRODUCTS)
    return store.listing(session.store.conn)


def cancel(session: Session, reservation_id: int) -> None:
    """Cancel an open reservation (it stays in the list, marked)."""
    session.require(Permission.MANAGE_STOCK)
    row = store.get(session.store.conn, reservation_id)
    if row is None or row["cancelled_at"]:
        raise errors.InvalidValue(field=Lazy(N_("Reservation")), reason=_("There is no open reservation {id}.").format(
            id=reservation_id))
    with session.store.transaction() as conn:
        store.cancel(conn, reservation_id, session.username, iso(now(session.timezone)))
        audit.record(conn, session.actor, "stock.reservation_cancelled", "product", row["code"], None,
                     {"reservation": reservation_id}, tz=session.timezone)
