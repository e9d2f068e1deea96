"""Meeting minutes (SPEC §1): the morning brief, the 17:00 daily review and the weekly meeting.

Minutes are recorded against the day the meeting was held; a decision in the
minutes becomes a task with a first owner, helpers and a due date.
"""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import errors
from shopdesk.domain.clock import iso, now
from shopdesk.domain.meetings import KINDS, Meeting, kind_for
from shopdesk.domain.roles import Permission
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services import tasks
from shopdesk.services.session import Session
from shopdesk.store import audit, settings, staff
from shopdesk.store import meetings as store


def _meeting(row: dict, decisions: dict[int, list]) -> Meeting:
    return Meeting(row["id"], row["kind"], dt.date.fromisoformat(row["day"]), row["attendees"], row["minutes"],
                   row["recorded_by"], row["recorded_at"], decisions.get(row["id"], []))


def suggested(session: Session) -> tuple[str, dt.date]:
    """(kind, day) of the minutes someone starts now: the daily review from ``ops.review_at`` on, the
    weekly meeting on a Monday morning, else the morning brief; today in the store's time zone."""
    moment = now(session.timezone)
    review_at = dt.time.fromisoformat(settings.get(session.store.conn, "ops.review_at"))
    return kind_for(moment, review_at), moment.date()


def record(session: Session, kind: str, day: dt.date, minutes: str, attendees: list[str] | None = None) -> int:
    """Record (or correct) the minutes of a meeting held on ``day``, audited with the earlier text.

    Raises:
        InvalidValue: an unknown kind, empty minutes, a day in the future, an unknown attendee.
    """
    session.require(Permission.VIEW_REPORTS)
    if kind not in KINDS:
        raise errors.InvalidValue(field=Lazy(N_("Meeting")), reason=_("'{value}' is not one of {known}.").format(
            value=kind, known=", ".join(KINDS)))
    text = minutes.strip()
    if not text:
        raise errors.InvalidValue(field=Lazy(N_("Minutes")), reason=_("It cannot be empty."))
    if day > now(session.timezone).date():
        raise errors.InvalidValue(field=Lazy(N_("Day")), reason=_("{day} is in the future.").format(day=day))
    names = []
    for name in attendees or []:
        row = staff.by_name(session.store.conn, name.strip()) if name.strip() else None
        if name.strip() and row is None:
            raise errors.InvalidValue(field=Lazy(N_("Attendees")), reason=_("There is no account {username}.").format(
                username=name.strip()))
        if row is not None and row.username not in names:
            names.append(row.username)
    conn = session.store.conn
    before = store.find(conn, kind, day.isoformat())
    with session.store.transaction():
        meeting_id = store.save(conn, kind, day.isoformat(), names, text, session.username, iso(now(session.timezone)))
        audit.record(conn, session.actor, "meeting.minutes", "meeting", meeting_id,
                     {"minutes": before["minutes"], "attendees": before["attendees"]} if before else None,
                     {"kind": kind, "day": day.isoformat(), "minutes": text, "attendees": names}, tz=session.timezone)
    return meeting_id


def decide(session: Session, meeting_id: int, title: str, owner: str, due_on: dt.date,
           helpers: list[str] | None = None) -> int:
    """A decision in a meeting's minutes, as a task of its own; returns the task's id."""
    return tasks.create(session, title, owner, due_on, helpers, meeting_id=meeting_id)


def meetings(session: Session, first: dt.date | None = None, last: dt.date | None = None) -> list[Meeting]:
    """The meetings held from ``first`` to ``last`` (all when not given), newest first, with their decisions."""
    session.require(Permission.VIEW_REPORTS)
    rows = store.listing(session.store.conn, first.isoformat() if first else "", last.isoformat() if last else "9999")
    decisions: dict[int, list] = {}
    for task in tasks.tasks(session):
        if task.meeting_id is not None:
            decisions.setdefault(task.meeting_id, []).append(task)
    return [_meeting(r, decisions) for r in rows]


def meeting(session: Session, meeting_id: int) -> Meeting:
    """One meeting with its decisions.

    Raises:
        InvalidValue: no such meeting.
    """
    session.require(Permission.VIEW_REPORTS)
    row = store.get(session.store.conn, meeting_id)
    if row is None:
        raise errors.InvalidValue(field=Lazy(N_("Meeting")), reason=_("There is no meeting {id}.").format(id=meeting_id))
    return _meeting(row, {meeting_id: [t for t in tasks.tasks(session) if t.meeting_id == meeting_id]})
