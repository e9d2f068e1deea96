"""Meeting minutes and their decisions as tasks (SPEC §1)."""

import datetime as dt

import pytest

from shopdesk.domain.errors import InvalidValue
from shopdesk.domain.meetings import kind_for
from shopdesk.domain.roles import Role
from shopdesk.services import meetings, tasks
from shopdesk.services.accounts import add_staff
from shopdesk.store import audit

D = dt.date


def test_minutes_recorded_corrected_and_audited(session):
    add_staff(session, "ops", Role.OPERATIONS, "secret12")
    first = meetings.record(session, "daily_review", D(2024, 6, 18), "  GMV below target: coupon ended early. ",
                            ["ops", "boss", "ops"])
    again = meetings.record(session, "daily_review", D(2024, 6, 18), "GMV below target: the coupon ended a day early.",
                            ["ops"])
    assert again == first  # one review a day: corrected, not doubled
    (found,) = meetings.meetings(session)
    assert (found.kind, found.day, found.attendees) == ("daily_review", D(2024, 6, 18), ["ops"])
    assert found.minutes == "GMV below target: the coupon ended a day early." and found.recorded_by == "boss"
    entries = [e for e in reversed(audit.rows(session.store.conn)) if e["action"] == "meeting.minutes"]
    assert len(entries) == 2 and "coupon ended early" in entries[0]["after"]


@pytest.mark.parametrize("kind, day, minutes, attendees, word", [
    ("party", D(2024, 6, 18), "x", [], "party"),
    ("daily_review", D(2024, 6, 18), "   ", [], "empty"),
    ("daily_review", D(2999, 1, 1), "x", [], "future"),
    ("daily_review", D(2024, 6, 18), "x", ["nobody"], "nobody"),
])
def test_bad_minutes_are_refused(session, kind, day, minutes, attendees, word):
    with pytest.raises(InvalidValue, match=word):
        meetings.record(session, kind, day, minutes, attendees)
    assert meetings.meetings(session) == []


def test_a_decision_becomes_a_task_of_the_meeting(session):
    add_staff(session, "ops", Role.OPERATIONS, "secret12")
    weekly = meetings.record(session, "weekly_meeting", D(2024, 6, 17), "Plan the 618 warm-up.", ["boss", "ops"])
    brief = meetings.record(session, "morning_brief", D(2024, 6, 18), "Visitors 20 % below target.")
    task_id = meetings.decide(session, weekly, "Add two live sessions before 618", "ops", D(2024, 6, 16), ["boss"])
    found = {m.kind: m for m in meetings.meetings(session, D(2024, 6, 17), D(2024, 6, 18))}
    (decision,) = found["weekly_meeting"].decisions
    assert decision.id == task_id and decision.owner == "ops" and decision.helpers == ["boss"]
    assert decision.meeting_id == weekly and found["morning_brief"].decisions == []
    assert [t.id for t in tasks.tasks(session, mine=True)] == [task_id]  # the helper sees it as theirs
    assert meetings.meeting(session, brief).minutes == "Visitors 20 % below target."
    assert [m.kind for m in meetings.meetings(session, D(2024, 6, 18), D(2024, 6, 18))] == ["morning_brief"]
    with pytest.raises(InvalidValue, match="no meeting"):
        meetings.decide(session, 999, "x", "ops", D(2024, 6, 20))
    with pytest.raises(InvalidValue, match="no meeting"):
        meetings.meeting(session, 999)


def test_kind_for_the_time_of_day():
    review = dt.time(17, 0)
    assert kind_for(dt.datetime(2024, 6, 18, 9, 5), review) == "morning_brief"
    assert kind_for(dt.datetime(2024, 6, 17, 10, 0), review) == "weekly_meeting"  # a Monday morning
    assert kind_for(dt.datetime(2024, 6, 18, 17, 0), review) == "daily_review"
