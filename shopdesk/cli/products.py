"""``shopdesk products …``: slow-moving products and their treatment, delisting, the weekly sheet and its
targets, and profit, on the same services as the Products tab."""

from __future__ import annotations

import argparse
import csv
import json
from dataclasses import asdict

from shopdesk.cli.common import (
    EXIT_OK,
    UsageError,
    acting_as,
    as_of_day,
    date_arg,
    day_text,
    group,
    print_table,
    reading_as,
)
from shopdesk.domain.vocabularies import SUPPLIER_ACTIONS, TREATMENT_LABELS, WEEKLY_MARK_LABELS, label
from shopdesk.i18n import N_, _, formatting

AS_OF_HELP = N_("as of this day (default: the last day with data)")


def slow(args: argparse.Namespace) -> int:
    from shopdesk.services import stock
    with reading_as(args) as session:
        day = as_of_day(args, session)
        lines = stock.slow_moving(session, day)
    if args.json:
        print(json.dumps(stock.slow_json(lines, day), ensure_ascii=False))
        return EXIT_OK
    print(_("Slow-moving as of {day}: {count} products.").format(day=formatting.date(day),
                                                                count=formatting.number(len(lines))))
    print_table([[s.sku, day_text(s.last_sale),
                  formatting.number(s.units_window), formatting.number(s.turnover_days),
                  _("propose delisting") if s.propose_delisting else
                  (_(label(TREATMENT_LABELS, s.treatment)) if s.treatment else ""), s.name] for s in lines],
                right=(2, 3))
    return EXIT_OK


def delist(args: argparse.Namespace) -> int:
    from shopdesk.services import delisting
    with acting_as(args) as session:
        number = delisting.apply(session, args.code, args.reason, args.supplier_action, args.units)
    print(_("Delisting application {id} sent.").format(id=number))
    return EXIT_OK


def decide(args: argparse.Namespace) -> int:
    from shopdesk.services import delisting
    with acting_as(args) as session:
        delisting.decide(session, args.id, args.approve, args.note or "")
    print(_("Delisting application {id} decided.").format(id=args.id))
    return EXIT_OK


def treat(args: argparse.Namespace) -> int:
    from shopdesk.services.stockledger import record_treatment
    with acting_as(args) as session:
        record_treatment(session, args.code, args.treatment, args.note or "")
    print(_("Recorded {treatment} for {code}.").format(treatment=_(label(TREATMENT_LABELS, args.treatment)),
                                                      code=args.code))
    return EXIT_OK


def profit(args: argparse.Namespace) -> int:
    from shopdesk.services.products import profits
    with reading_as(args) as session:
        day = as_of_day(args, session)
        rows = profits(session, day)
        currency = session.currency
    if args.json:
        print(json.dumps({"as_of": day.isoformat(), "currency": currency, "count": len(rows),
                          "rows": [asdict(r) for r in rows]}, ensure_ascii=False))
        return EXIT_OK

    def roi(r) -> str:
        if r.roi is None:
            return "—"
        return f"1:{formatting.number(r.roi, 1)}" + (" " + _("below the floor") if r.below_roi_floor else "")
    print_table([[r.code, formatting.number(r.units), formatting.money(r.sales_cents, currency),
                  formatting.money(r.profit_cents, currency), roi(r), r.name] for r in rows], right=(1, 2, 3, 4))
    return EXIT_OK


def weekly(args: argparse.Namespace) -> int:
    from shopdesk.services import product_weekly
    with reading_as(args) as session:
        day = as_of_day(args, session)
        sheet = product_weekly.weekly(session, day)
    if args.json:
        print(json.dumps(product_weekly.weekly_json(sheet), ensure_ascii=False))
        return EXIT_OK
    print(_("Week {first} – {last}: {stars} stars, {laggards} laggards, {count} products.").format(
        first=formatting.date(sheet.first), last=formatting.date(sheet.last), stars=len(sheet.stars),
        laggards=len(sheet.laggards), count=formatting.number(len(sheet.lines))))
    rows = []
    for line in sheet.lines:
        target = "—" if line.units_target is None else formatting.number(float(line.units_target), 1) + (
            "*" if line.basis == "usual" else "")
        attained = formatting.percent(None if line.attainment is None else float(line.attainment), 0)
        mark = _(WEEKLY_MARK_LABELS[line.mark]) if line.mark in WEEKLY_MARK_LABELS else ""
        rows.append([line.sku, formatting.number(line.units), target, attained, mark, line.name])
    print_table(rows, right=(1, 2, 3))
    return EXIT_OK


def _target_file(path: str) -> dict:
    from shopdesk.domain import errors
    from shopdesk.services import product_weekly
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(_("--file: {path} cannot be read: {reason}").format(path=path, reason=exc)) from None
    targets = {}
    for number, row in enumerate(rows, 2):
        code = (row.get("code") or "").strip()
        try:
            if not code:
                raise errors.InvalidValue(field="code", reason=_("It cannot be empty."))
            targets[code] = product_weekly.parse_target(row.get("units") or "", row.get("conversion") or "",
                                                        row.get("add_to_cart") or "", row.get("stock") or "")
        except errors.InvalidValue as exc:
            raise UsageError(_("{file}, row {row}: {problem}").format(file=path, row=number, problem=exc)) from None
    if not targets:
        raise UsageError(_("{file} has no rows (columns: code, units, conversion, add_to_cart, stock).").format(
            file=path))
    return targets


def set_targets(args: argparse.Namespace) -> int:
    from shopdesk.services import product_weekly
    applies_from = date_arg(args.applies_from, "--from")
    if args.file:
        if args.code or any(v is not None for v in (args.units, args.conversion, args.add_to_cart, args.stock)):
            raise UsageError(_("--file cannot be combined with a code or target values."))
        targets = _target_file(args.file)
    else:
        if not args.code:
            raise UsageError(_("Name a product code, or give --file."))
        targets = {args.code: product_weekly.parse_target(args.units or "", args.conversion or "",
                                                          args.add_to_cart or "", args.stock or "")}
    with acting_as(args) as session:
        count = product_weekly.set_targets(session, targets, applies_from)
    print(_("Weekly targets set for {count} products from {day}.").format(count=formatting.number(count),
                                                                          day=formatting.date(applies_from)))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    products = group(sub, "products", _("products: weekly monitoring, slow-moving, delisting, profit"))
    p = products.add("slow", slow, _("products on sale that do not sell"))
    p.add_argument("--date", help=_(AS_OF_HELP))
    p.add_argument("--json", action="store_true")
    p = products.add("delist", delist, _("apply to delist a product"))
    p.add_argument("code", help=_("the product's code or SKU"))
    p.add_argument("--reason", required=True)
    p.add_argument("--supplier-action", choices=list(SUPPLIER_ACTIONS), default="none")
    p.add_argument("--units", type=int, default=0, help=_("units returned or exchanged"))
    p = products.add("decide", decide, _("approve or reject a delisting application"))
    p.add_argument("id", type=int)
    verdict = p.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--approve", action="store_true")
    verdict.add_argument("--reject", action="store_true")
    p.add_argument("--note")
    p = products.add("treat", treat, _("record how a slow-moving product is treated"))
    p.add_argument("code", help=_("the product's code or SKU"))
    p.add_argument("--treatment", required=True, choices=list(TREATMENT_LABELS))
    p.add_argument("--note")
    p = products.add("weekly", weekly, _("each product's week against its weekly target"))
    p.add_argument("--date", help=_("the week's last day (default: the last day with data)"))
    p.add_argument("--json", action="store_true")
    p = products.add("target", set_targets, _("set products' weekly targets"))
    p.add_argument("code", nargs="?", help=_("the product's code or SKU"))
    p.add_argument("--units", help=_("units sold a week"))
    p.add_argument("--conversion", help=_("conversion in per cent, such as 3.5"))
    p.add_argument("--add-to-cart", help=_("add-to-cart rate in per cent"))
    p.add_argument("--stock", help=_("units on hand at the week's end"))
    p.add_argument("--from", dest="applies_from", required=True, help=_("the first day the targets apply to"))
    p.add_argument("--file", help=_("a CSV of code, units, conversion, add_to_cart, stock"))
    p = products.add("profit", profit, _("profit and ROI per product"))
    p.add_argument("--date", help=_(AS_OF_HELP))
    p.add_argument("--json", action="store_true")
