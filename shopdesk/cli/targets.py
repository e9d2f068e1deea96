"""``shopdesk target …``: the store's targets per year, quarter or month, set and listed."""

from __future__ import annotations

import argparse

from shopdesk.cli.common import EXIT_OK, acting_as, group, print_table, reading_as, stamp_text
from shopdesk.domain.vocabularies import WEIGHTING_LABELS, label
from shopdesk.i18n import _


def set_target(args: argparse.Namespace) -> int:
    from shopdesk.services import targets
    with acting_as(args) as session:
        targets.set_target(session, args.metric, args.period, args.value, "weekday" if args.weekday else "even")
    print(_("Target of {metric} for {period} set to {value}.").format(metric=args.metric, period=args.period,
                                                                     value=args.value))
    return EXIT_OK


def listed(args: argparse.Namespace) -> int:
    from shopdesk.domain.kpi import METRIC_LABELS
    from shopdesk.reports.text import metric_text
    from shopdesk.services import targets
    with reading_as(args) as session:
        rows, currency = targets.history(session), session.currency
    print_table([[row["period"], _(METRIC_LABELS.get(row["metric"], row["metric"])),
                  metric_text(row["metric"], row["amount"] if row["amount"] is not None else row["rate"], currency),
                  _(label(WEIGHTING_LABELS, row["weighting"])),
                  stamp_text(row["set_at"]), str(row["set_by"])]
                 for row in rows], right=(2,))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    targets = group(sub, "target", _("set targets per year, quarter or month; list them"))
    p = targets.add("set", set_target, _("set or revise a target"))
    p.add_argument("metric")
    p.add_argument("period", help=_("2024, 2024-Q2 or 2024-06"))
    p.add_argument("value")
    p.add_argument("--weekday", action="store_true", help=_("split by last year's weekday pattern"))
    targets.add("list", listed, _("list the targets, revisions included"))
