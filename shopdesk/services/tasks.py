"""Optimisation tasks: created from anomalies (or by hand), followed up by their owners."""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import errors
from shopdesk.domain import tasks as rules
from shopdesk.domain.clock import iso, now
from shopdesk.domain.roles import Permission
from shopdesk.domain.tasks import Task
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services.session import Session
from shopdesk.store import anomalies, audit, meetings, staff
from shopdesk.store import tasks as store


def _task(row: dict, today: dt.date) -> Task:
    due = dt.date.fromisoformat(row["due_on"])
    return Task(row["id"], row["title"], row["owner"], row["helpers"], due, row["status"],
                rules.is_overdue(due, row["status"], today), row["anomaly_id"], row["note"], row["created_by"],
                row["meeting_id"])


def _account(session: Session, username: str) -> str:
    row = staff.by_name(session.store.conn, username.strip())
    if row is None or not row.active:
        raise errors.InvalidValue(field=Lazy(N_("First owner")), reason=_("There is no active account {username}.").format(
            username=username))
    return row.username


def create(session: Session, title: str, owner: str, due_on: dt.date, helpers: list[str] | None = None,
           anomaly_id: int | None = None, meeting_id: int | None = None) -> int:
    """A new task with its first owner, helpers and due date (audited); for an anomaly, or decided in a
    meeting, when given."""
    session.require(Permission.VIEW_REPORTS)
    if not title.strip():
        raise errors.InvalidValue(field=Lazy(N_("Task")), reason=_("It cannot be empty."))
    owner_name = _account(session, owner)
    helper_names = [_account(session, h) for h in (helpers or []) if h.strip()]
    if anomaly_id is not None and anomalies.get(session.store.conn, anomaly_id) is None:
        raise errors.InvalidValue(field=Lazy(N_("Anomaly")), reason=_("There is no anomaly {id}.").format(id=anomaly_id))
    if meeting_id is not None and meetings.get(session.store.conn, meeting_id) is None:
        raise errors.InvalidValue(field=Lazy(N_("Meeting")), reason=_("There is no meeting {id}.").format(id=meeting_id))
    with session.store.transaction() as conn:
        task_id = store.add(conn, title.strip(), owner_name, helper_names, due_on.isoformat(), anomaly_id,
                            session.username, iso(now(session.timezone)), meeting_id)
        audit.record(conn, session.actor, "task.created", "task", task_id, None,
                     {"title": title.strip(), "owner": owner_name, "helpers": helper_names,
                      "due_on": due_on.isoformat(), "anomaly": anomaly_id, "meeting": meeting_id},
                     tz=session.timezone)
    return task_id


def set_status(session: Session, task_id: int, status: str, note: str = "") -> None:
    """Move a task on: its owner, a helper, or someone who approves may (audited)."""
    session.require(Permission.VIEW_REPORTS)
    if status not in rules.STATUSES:
        raise errors.InvalidValue(field=Lazy(N_("Status")), reason=_("'{value}' is not one of {known}.").format(
            value=status, known=", ".join(rules.STATUSES)))
    row = store.get(session.store.conn, task_id)
    if row is None:
        raise errors.InvalidValue(field=Lazy(N_("Task")), reason=_("There is no task {id}.").format(id=task_id))
    if not rules.involves(row["owner"], row["helpers"], session.username) and not session.can(Permission.APPROVE):
        raise errors.PermissionDenied(username=session.username, role=session.role.label,
                                      action=Lazy(N_("change someone else's task")))
    with session.store.transaction() as conn:
        store.set_status(conn, task_id, status, note.strip(), iso(now(session.timezone)))
        audit.record(conn, session.actor, "task.status", "task", task_id, {"status": row["status"]},
                     {"status": status, "note": note.strip()}, tz=session.timezone)


def tasks(session: Session, mine: bool = False) -> list[Task]:
    """The task list (``mine``: those the account owns or helps with); overdue ones are marked."""
    session.require(Permission.VIEW_REPORTS)
    today = now(session.timezone).date()
    rows = store.listing(session.store.conn)
    if mine:
        rows = [r for r in rows if rules.involves(r["owner"], r["helpers"], session.username)]
    return [_task(r, today) for r in rows]


def assignees(session: Session) -> list[str]:
    """The active accounts a task can be given to."""
    session.require(Permission.VIEW_REPORTS)
    return [row.username for row in staff.list_all(session.store.conn) if row.active]
