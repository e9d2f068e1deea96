"""``shopdesk meeting …``: meeting minutes recorded and listed, their decisions made tasks."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shopdesk.cli.common import EXIT_OK, UsageError, acting_as, date_arg, group, optional_date, reading_as
from shopdesk.domain.meetings import KIND_LABELS, KINDS
from shopdesk.domain.tasks import STATUS_LABELS
from shopdesk.domain.vocabularies import label
from shopdesk.i18n import _, formatting


def record(args: argparse.Namespace) -> int:
    from shopdesk.services import meetings
    if args.minutes_file:
        try:
            text = Path(args.minutes_file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeError) as exc:
            raise UsageError(_("{file} cannot be read: {reason}").format(file=args.minutes_file, reason=exc)) \
                from None
    else:
        text = args.minutes or ""
    attendees = [a.strip() for a in (args.attendees or "").split(",") if a.strip()]
    day = date_arg(args.date, "--date")
    with acting_as(args) as session:
        meeting_id = meetings.record(session, args.kind, day, text, attendees)
    print(_("Minutes of meeting {id} saved.").format(id=meeting_id))
    return EXIT_OK


def decide(args: argparse.Namespace) -> int:
    from shopdesk.services import meetings
    due = date_arg(args.due, "--due")
    with acting_as(args) as session:
        task_id = meetings.decide(session, args.meeting, args.title, args.owner, due, args.helper or [])
    print(_("Task {id} created.").format(id=task_id))
    return EXIT_OK


def listed(args: argparse.Namespace) -> int:
    from shopdesk.services import meetings
    first, last = optional_date(args.date_from, "--from"), optional_date(args.date_to, "--to")
    with reading_as(args) as session:
        found = meetings.meetings(session, first, last)
    if args.json:
        print(json.dumps([{"id": m.id, "kind": m.kind, "day": m.day.isoformat(), "attendees": m.attendees,
                           "minutes": m.minutes, "recorded_by": m.recorded_by,
                           "decisions": [{"task": t.id, "title": t.title, "owner": t.owner,
                                          "due": t.due_on.isoformat(), "status": t.status} for t in m.decisions]}
                          for m in found], ensure_ascii=False))
        return EXIT_OK
    for m in found:
        print(f"{m.id:>4}  {formatting.date(m.day)}  {_(KIND_LABELS[m.kind])}  {formatting.items(m.attendees)}")
        for line in m.minutes.splitlines():
            print(f"      {line}")
        for t in m.decisions:
            print(f"      → {_('task')} {t.id}: {t.title} ({t.owner}, {formatting.date(t.due_on)}, "
                  f"{_(label(STATUS_LABELS, t.status))})")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    minutes = group(sub, "meeting", _("meeting minutes: record, decide, list"))
    p = minutes.add("record", record, _("record the minutes of a meeting"))
    p.add_argument("--kind", required=True, choices=list(KINDS))
    p.add_argument("--date", required=True, help=_("the day the meeting was held"))
    text = p.add_mutually_exclusive_group(required=True)
    text.add_argument("--minutes", help=_("the minutes"))
    text.add_argument("--minutes-file", help=_("a UTF-8 text file holding the minutes"))
    p.add_argument("--attendees", help=_("user names, separated by commas"))
    p = minutes.add("decide", decide, _("a decision of a meeting, as a task"))
    p.add_argument("--meeting", type=int, required=True)
    p.add_argument("title")
    p.add_argument("--owner", required=True, help=_("the first owner"))
    p.add_argument("--due", required=True)
    p.add_argument("--helper", action="append", help=_("a helper (repeat for more)"))
    p = minutes.add("list", listed, _("list the minutes"))
    p.add_argument("--from", dest="date_from")
    p.add_argument("--to", dest="date_to")
    p.add_argument("--json", action="store_true")
