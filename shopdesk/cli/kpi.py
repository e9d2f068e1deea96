"""``shopdesk kpi``: the core metrics per day, week or month, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from shopdesk.cli.common import EXIT_OK, UsageError, command, date_arg, print_table, reading_as
from shopdesk.i18n import _

#: The columns of ``--csv``, in order (the keys of ``--json``'s rows).
CSV_KEYS = ("period", "orders", "gmv", "aov", "visitors", "conversion", "uv_value", "refunds", "returned_units",
            "return_rate", "complaints", "new_customer_share", "sell_through", "days", "period_days")
#: The metrics of the table, in order.
SHOWN = ("orders", "gmv", "aov", "visitors", "conversion", "refunds", "return_rate", "complaints",
         "new_customer_share", "sell_through")


def show(args: argparse.Namespace) -> int:
    from shopdesk.domain.cells import csv_row
    from shopdesk.domain.kpi import METRIC_LABELS, actual, span_of
    from shopdesk.reports.text import metric_text, to_date_text
    from shopdesk.services.kpi import kpi_series, to_json
    from shopdesk.services.targets import compare
    first, last = date_arg(args.date_from, "--from"), date_arg(args.date_to, "--to")
    if last < first:
        raise UsageError(_("--to comes before --from."))
    with reading_as(args) as session:
        rows = kpi_series(session, first, last, args.by)
        data = to_json(rows, args.by, session.currency, compare(session, rows))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return EXIT_OK
    if args.csv:
        out = csv.writer(sys.stdout)
        out.writerow(csv_row(CSV_KEYS))
        for row in data["rows"]:
            out.writerow(csv_row("" if row[k] is None else row[k] for k in CSV_KEYS))
        return EXIT_OK
    currency = data["currency"]
    headers = [_("Period"), *(_(METRIC_LABELS[m]) for m in SHOWN)]
    table = [headers] + [[" ".join(filter(None, (r.period, to_date_text(span_of(r, args.by))))),  # a running period
                          *(metric_text(m, actual(r, m), currency) for m in SHOWN)] for r in rows]
    print_table(table, right=range(1, len(headers)), last_free=False)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "kpi", show, _("the core metrics per day, week or month"), user=_("the staff member acting"))
    p.add_argument("--from", dest="date_from", required=True)
    p.add_argument("--to", dest="date_to", required=True)
    p.add_argument("--by", choices=["day", "week", "month"], default="day")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    shape.add_argument("--csv", action="store_true", help=_("print the result as CSV"))
