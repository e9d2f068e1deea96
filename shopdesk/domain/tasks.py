"""Optimisation tasks (優化執行與跟蹤), SPEC §1 step 4: owner, helpers, due date, status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shopdesk.i18n import N_

STATUSES = ("open", "in_progress", "done", "cancelled")
STATUS_LABELS = {"open": N_("open"), "in_progress": N_("in progress"), "done": N_("done"),
                 "cancelled": N_("cancelled")}
FINISHED = frozenset({"done", "cancelled"})


@dataclass(frozen=True)
class Task:
    """A task as the list shows it."""

    id: int
    title: str
    owner: str
    helpers: list[str]
    due_on: dt.date
    status: str
    overdue: bool
    anomaly_id: int | None
    note: str
    created_by: str
    meeting_id: int | None = None  # decided in this meeting's minutes


def is_overdue(due_on: dt.date, status: str, today: dt.date) -> bool:
    """An unfinished task past its due date stands out."""
    return status not in FINISHED and due_on < today


def involves(owner: str, helpers: list[str], username: str) -> bool:
    """Whether ``username`` is the task's first owner or one of its helpers."""
    name = username.casefold()
    return owner.casefold() == name or any(h.casefold() == name for h in helpers)
