"""``shopdesk report``: an operations report or a stock list printed to PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from shopdesk.cli.common import EXIT_OK, UsageError, command, date_arg, reading_as, write_pdf
from shopdesk.i18n import _, formatting

KINDS = ("daily", "weekly", "monthly", "replenishment", "slow-moving", "suppliers", "delisting", "product-weekly")


def pdf(args: argparse.Namespace) -> int:
    from shopdesk.domain.reports import LISTS
    from shopdesk.reports import operations, stock_lists
    from shopdesk.services.reports import print_settings, report_figures, stock_list_figures
    if args.kind not in LISTS and not args.date:
        raise UsageError(_("--date is needed for the {kind} report.").format(kind=args.kind))
    day = date_arg(args.date, "--date") if args.date else None
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(_("--out: the folder {folder} does not exist.").format(folder=out.parent))
    with reading_as(args) as session:
        font, paper = print_settings(session)
        if args.kind in LISTS:
            listed = stock_list_figures(session, args.kind, day)
        else:
            figures = report_figures(session, args.kind, day)
    if args.kind in LISTS:
        write_pdf(out, stock_lists.pdf(listed, font, args.paper or paper))
        print(_("Wrote {path} ({count} rows).").format(path=out, count=formatting.number(len(listed.rows))))
        return EXIT_OK
    write_pdf(out, operations.pdf(figures, font, args.paper or paper))
    state = _("draft") if figures.is_draft else _("confirmed")
    print(_("Wrote {path} ({state}).").format(path=out, state=state))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "report", pdf, _("print an operations report or a stock list as PDF"),
                user=_("the staff member acting"))
    p.add_argument("kind", choices=list(KINDS))
    p.add_argument("--date", help=_("a day of the period (weekly: its ISO week; monthly: its month); a list: the "
                                    "day it is as of (product-weekly: the week's last day; default: the last day with data)"))
    p.add_argument("--paper", choices=["a4", "letter"], help=_("paper size (default: the store's setting)"))
    p.add_argument("--out", required=True, help=_("the PDF file to write"))
