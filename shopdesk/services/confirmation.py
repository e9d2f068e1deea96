"""Two-person confirmation of the daily figures (雙人核對), SPEC §1.

One account prepares a day; a different account with the right to confirm
confirms it. Until then the day's report is a draft. An import that later
changes a confirmed day reopens it (audited).
"""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import errors
from shopdesk.domain.clock import iso, now
from shopdesk.domain.confirmation import DayStatus
from shopdesk.domain.roles import Permission
from shopdesk.i18n import N_
from shopdesk.services.session import Session
from shopdesk.store import audit, confirmation


class SelfConfirmation(errors.ShopDeskError):
    """The preparer tried to confirm their own day."""

    msgid = N_("{day} was prepared by {username}; a different account must confirm it.")
    exit_code = 1


class NotPrepared(errors.ShopDeskError):
    """A day must be prepared before it is confirmed."""

    msgid = N_("{day} has not been prepared yet; prepare it first.")
    exit_code = 1


def _status(day: dt.date, record: dict | None) -> DayStatus:
    if record is None:
        return DayStatus(day, "open")
    state = "confirmed" if record["confirmed_by"] else "prepared"
    return DayStatus(day, state, record["prepared_by"], record["prepared_at"], record["confirmed_by"],
                     record["confirmed_at"], record["reopened_at"])


def status(session: Session, day: dt.date) -> DayStatus:
    """Where ``day`` stands."""
    session.require(Permission.VIEW_REPORTS)
    return _status(day, confirmation.get(session.store.conn, day.isoformat()))


def statuses(session: Session, first: dt.date, last: dt.date) -> dict[dt.date, DayStatus]:
    """Every day's standing from ``first`` to ``last`` (for weekly and monthly reports)."""
    session.require(Permission.VIEW_REPORTS)
    records = confirmation.in_range(session.store.conn, first.isoformat(), last.isoformat())
    out, day = {}, first
    while day <= last:
        out[day] = _status(day, records.get(day.isoformat()))
        day += dt.timedelta(days=1)
    return out


def prepare(session: Session, day: dt.date) -> DayStatus:
    """Prepare ``day``'s figures for confirmation (audited)."""
    session.require(Permission.VIEW_REPORTS)
    with session.store.transaction() as conn:
        before = confirmation.get(conn, day.isoformat())
        confirmation.prepare(conn, day.isoformat(), session.username, iso(now(session.timezone)))
        audit.record(conn, session.actor, "day.prepared", "day", day.isoformat(), before, None, tz=session.timezone)
    return status(session, day)


def confirm(session: Session, day: dt.date) -> DayStatus:
    """Confirm ``day`` as a second person (audited).

    Raises:
        PermissionDenied: the account may not confirm.
        NotPrepared: nobody prepared the day.
        SelfConfirmation: the account prepared the day itself.
    """
    session.require(Permission.CONFIRM_REPORTS)
    record = confirmation.get(session.store.conn, day.isoformat())
    if record is None:
        raise NotPrepared(day=day)
    if record["prepared_by"].casefold() == session.username.casefold():
        raise SelfConfirmation(day=day, username=record["prepared_by"])
    with session.store.transaction() as conn:
        confirmation.confirm(conn, day.isoformat(), session.username, iso(now(session.timezone)))
        audit.record(conn, session.actor, "day.confirmed", "day", day.isoformat(), None,
                     {"prepared_by": record["prepared_by"]}, tz=session.timezone)
    return status(session, day)
