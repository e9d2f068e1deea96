"""Meetings and their minutes (會議紀要), SPEC §1: the morning brief, the 17:00 daily review and the
weekly cross-team meeting. A decision in the minutes becomes a task."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from shopdesk.domain.tasks import Task
from shopdesk.i18n import N_

KINDS = ("morning_brief", "daily_review", "weekly_meeting")
KIND_LABELS = {"morning_brief": N_("Morning brief"), "daily_review": N_("Daily review"),
               "weekly_meeting": N_("Weekly meeting")}


@dataclass(frozen=True)
class Meeting:
    """One meeting's minutes and the tasks decided in it."""

    id: int
    kind: str
    day: dt.date
    attendees: list[str]
    minutes: str
    recorded_by: str
    recorded_at: str
    decisions: list[Task] = field(default_factory=list)


def kind_for(moment: dt.datetime, review_at: dt.time) -> str:
    """The meeting a note taken at ``moment`` most likely belongs to: the daily review from its time
    (``ops.review_at``, 17:00) on, the weekly meeting on a Monday morning, else the morning brief."""
    if moment.time() >= review_at:
        return "daily_review"
    return "weekly_meeting" if moment.weekday() == 0 else "morning_brief"
