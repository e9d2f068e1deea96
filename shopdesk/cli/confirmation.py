"""``shopdesk daily …``: the two-person confirmation of a day's figures."""

from __future__ import annotations

import argparse

from shopdesk.cli.common import EXIT_OK, acting_as, date_arg, group, reading_as, stamp_text
from shopdesk.domain.confirmation import DayStatus
from shopdesk.i18n import _, formatting


def day_status_text(state: DayStatus) -> str:
    """A day's standing in one line, in the current language."""
    day = formatting.date(state.day)
    if state.state == "confirmed":
        return _("{day}: prepared by {preparer} ({prepared_at}), confirmed by {confirmer} ({confirmed_at}).").format(
            day=day, preparer=state.prepared_by, prepared_at=stamp_text(state.prepared_at),
            confirmer=state.confirmed_by, confirmed_at=stamp_text(state.confirmed_at))
    if state.state == "prepared":
        return _("{day}: prepared by {preparer} ({prepared_at}), waiting for a second person to confirm.").format(
            day=day, preparer=state.prepared_by, prepared_at=stamp_text(state.prepared_at))
    return _("{day}: not prepared yet.").format(day=day)


def prepare(args: argparse.Namespace) -> int:
    from shopdesk.services import confirmation
    day = date_arg(args.date, "--date")
    with acting_as(args) as session:
        print(day_status_text(confirmation.prepare(session, day)))
    return EXIT_OK


def confirm(args: argparse.Namespace) -> int:
    from shopdesk.services import confirmation
    day = date_arg(args.date, "--date")
    with acting_as(args) as session:
        print(day_status_text(confirmation.confirm(session, day)))
    return EXIT_OK


def status(args: argparse.Namespace) -> int:
    from shopdesk.services import confirmation
    day = date_arg(args.date, "--date")
    with reading_as(args) as session:
        print(day_status_text(confirmation.status(session, day)))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    days = group(sub, "daily", _("two-person confirmation of a day's figures"))
    days.add("prepare", prepare, _("prepare a day for confirmation")).add_argument("--date", required=True)
    days.add("confirm", confirm, _("confirm a day prepared by someone else")).add_argument("--date", required=True)
    days.add("status", status, _("show where a day stands")).add_argument("--date", required=True)
