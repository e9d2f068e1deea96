"""Visitors typed in by hand (SPEC §1: imported from the traffic export, or typed in)."""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import errors
from shopdesk.domain.roles import Permission
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services.session import Session
from shopdesk.store import audit, traffic

#: Each traffic figure with its label, for messages.
LABELS = {"visitors": N_("Visitors"), "page_views": N_("Page views"), "add_to_cart": N_("Add-to-cart"),
          "impressions": N_("Impressions"), "clicks": N_("Clicks")}


def enter_traffic(session: Session, day: dt.date, visitors: int, page_views: int | None = None,
                  add_to_cart: int | None = None, channel: str = "", impressions: int | None = None,
                  clicks: int | None = None) -> None:
    """Store one day's visitors (and page views, add-to-cart, impressions, clicks; ``None``: not known),
    audited with the earlier values.

    Raises:
        InvalidValue: a negative count, or a day in the future.
    """
    session.require(Permission.IMPORT_DATA)
    figures = {"visitors": visitors, "page_views": page_views, "add_to_cart": add_to_cart,
               "impressions": impressions, "clicks": clicks}
    for key, value in figures.items():
        if value is not None and value < 0:
            raise errors.InvalidValue(field=Lazy(LABELS[key]), reason=_("It cannot be negative."))
    if day > dt.date.today() + dt.timedelta(days=1):
        raise errors.InvalidValue(field=Lazy(N_("Day")), reason=_("{day} is in the future.").format(day=day))
    conn = session.store.conn
    key = day.isoformat()
    with session.store.transaction():
        before = traffic.get(conn, key, channel.strip())
        traffic.put(conn, key, channel.strip(), figures)
        audit.record(conn, session.actor, "traffic.entered", "traffic", f"{key} {channel.strip()}".strip(), before,
                     figures, tz=session.timezone)
