"""``shopdesk task …``: optimisation tasks added, listed and moved on."""

from __future__ import annotations

import argparse

from shopdesk.cli.common import EXIT_OK, acting_as, date_arg, group, print_table, reading_as
from shopdesk.domain.tasks import STATUS_LABELS, STATUSES
from shopdesk.domain.vocabularies import label
from shopdesk.i18n import _, formatting


def add(args: argparse.Namespace) -> int:
    from shopdesk.services import tasks
    due = date_arg(args.due, "--due")
    with acting_as(args) as session:
        task_id = tasks.create(session, args.title, args.owner, due, args.helper or [], args.anomaly)
    print(_("Task {id} created.").format(id=task_id))
    return EXIT_OK


def move(args: argparse.Namespace) -> int:
    from shopdesk.services import tasks
    with acting_as(args) as session:
        tasks.set_status(session, args.id, args.status, args.note or "")
    print(_("Task {id} is now {status}.").format(id=args.id, status=_(label(STATUS_LABELS, args.status))))
    return EXIT_OK


def listed(args: argparse.Namespace) -> int:
    from shopdesk.services import tasks
    with reading_as(args) as session:
        found = tasks.tasks(session, args.mine)
    print_table([[str(t.id), formatting.date(t.due_on), _(label(STATUS_LABELS, t.status)),
                  _("OVERDUE") if t.overdue else "", t.owner, formatting.items(t.helpers), t.title] for t in found],
                right=(0,))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    tasks = group(sub, "task", _("optimisation tasks: add, list, move on"))
    p = tasks.add("add", add, _("add a task"))
    p.add_argument("title")
    p.add_argument("--owner", required=True, help=_("the first owner"))
    p.add_argument("--due", required=True)
    p.add_argument("--helper", action="append", help=_("a helper (repeat for more)"))
    p.add_argument("--anomaly", type=int, help=_("the anomaly the task answers"))
    tasks.add("list", listed, _("list the tasks")).add_argument("--mine", action="store_true", help=_("only mine"))
    p = tasks.add("status", move, _("move a task on"))
    p.add_argument("id", type=int)
    p.add_argument("status", choices=list(STATUSES))
    p.add_argument("--note")
