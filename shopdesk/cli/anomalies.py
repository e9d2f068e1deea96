"""``shopdesk anomalies …``: the anomaly list detected, listed and explained."""

from __future__ import annotations

import argparse
import datetime as dt

from shopdesk.cli.common import EXIT_OK, acting_as, date_arg, group, reading_as, table_lines
from shopdesk.i18n import _, formatting


def detect(args: argparse.Namespace) -> int:
    from shopdesk.services import anomalies
    first, last = date_arg(args.date_from, "--from"), date_arg(args.date_to, "--to")
    with acting_as(args) as session:
        counts = anomalies.detect(session, first, last)
    print(_("{found} anomalies in the range, {new} new, {gone} gone.").format(
        **{k: formatting.number(v) for k, v in counts.items()}))
    return EXIT_OK


def explain(args: argparse.Namespace) -> int:
    from shopdesk.services import anomalies
    with acting_as(args) as session:
        anomalies.explain(session, args.id, args.cause)
    print(_("Cause recorded for anomaly {id}.").format(id=args.id))
    return EXIT_OK


def listed(args: argparse.Namespace) -> int:
    from shopdesk.services import anomalies
    with reading_as(args) as session:
        for line in anomaly_lines(anomalies.anomaly_list(session, args.open), session.currency):
            print(line)
    return EXIT_OK


def anomaly_lines(rows: list[dict], currency: str) -> list[str]:
    """``shopdesk anomalies list``: a heading per day, then its anomalies as the Anomalies tab groups them
    (id, metric and where it lies, the channels and products indented under their store metric, target or
    usual value, actual, signed deviation, favourable or not, cause)."""
    from shopdesk.domain.kpi import METRIC_LABELS
    from shopdesk.reports.text import assessment, cause_text, deviation_text, metric_in_scope, metric_text, scope_line
    days: list[tuple[str, list[list[str]]]] = []
    for r in rows:
        if not days or days[-1][0] != r["day"]:
            days.append((r["day"], []))
        label = _(METRIC_LABELS.get(r["metric"], r["metric"]))
        where = "  " + scope_line(r["scope"], r["scope_name"]) if r["depth"] else \
            metric_in_scope(label, r["scope"], r["scope_name"])
        days[-1][1].append([str(r["id"]), where, metric_text(r["metric"], r["target"], currency),
                            metric_text(r["metric"], r["actual"], currency), deviation_text(r["deviation"]),
                            assessment(r["favourable"], r["severity"])[0],
                            cause_text(r["cause"], r["waiting"], r["covered"])])
    lines = table_lines([row for _day, cells in days for row in cells], right=(0, 2, 3, 4))
    out, at = [], 0
    for day, cells in days:
        when = dt.date.fromisoformat(day)
        out.append(f"{formatting.date(when)} {formatting.weekday(when)}")
        out.extend("  " + line for line in lines[at:at + len(cells)])
        at += len(cells)
    return out


def register(sub: argparse._SubParsersAction) -> None:
    anomalies = group(sub, "anomalies", _("the anomaly list: detect, list, explain"))
    p = anomalies.add("detect", detect, _("put the metrics beyond their threshold on the list"))
    p.add_argument("--from", dest="date_from", required=True)
    p.add_argument("--to", dest="date_to", required=True)
    anomalies.add("list", listed, _("list the anomalies")).add_argument(
        "--open", action="store_true", help=_("only those without a cause"))
    p = anomalies.add("explain", explain, _("record the cause of an anomaly"))
    p.add_argument("id", type=int)
    p.add_argument("cause")
