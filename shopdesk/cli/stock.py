"""``shopdesk stock …``: stock on hand and its alerts, replenishment, postings and stock-takes, campaign
reservations, on the same services as the Inventory tab."""

from __future__ import annotations

import argparse
import csv
import json

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
from shopdesk.domain.stock import MANUAL_KINDS
from shopdesk.domain.vocabularies import MOVEMENT_KIND_LABELS, label
from shopdesk.i18n import N_, _, formatting

DATE_HELP = N_("stock at the end of this day (default: the last day with data)")


def alerts(args: argparse.Namespace) -> int:
    from shopdesk.services import stock
    with reading_as(args) as session:
        day = as_of_day(args, session)
        lines = (stock.stock_lines(session, day) if args.all else stock.take_down(session, day) if args.take_down
                 else stock.alerts(session, day))
    if args.json:
        print(json.dumps(stock.to_json(lines, day), ensure_ascii=False))
        return EXIT_OK
    print(_("Stock as of {day}: {count} products below their safety stock.").format(
        day=formatting.date(day), count=formatting.number(sum(line.below_safety for line in lines))))
    print_table([[line.sku, formatting.number(line.on_hand) if line.tracked else _("not tracked"),
                  formatting.number(line.safety_stock), _("BELOW") if line.below_safety else "", line.name]
                 for line in lines], right=(1, 2))
    return EXIT_OK


def replenishment(args: argparse.Namespace) -> int:
    from shopdesk.services import stock
    with reading_as(args) as session:
        day = as_of_day(args, session)
        orders = stock.replenishment(session, day)
    if args.json:
        print(json.dumps(stock.replenishment_json(orders, day), ensure_ascii=False))
        return EXIT_OK
    print(_("Replenishment as of {day}: {count} products to order.").format(
        day=formatting.date(day), count=formatting.number(len(orders))))
    rows = []
    for r in orders:
        planned = f" + {formatting.number(r.planned)}" if r.planned else ""
        basis = _("({daily}/d × {lead}+{safety} d{planned} − {on_hand}, MOQ {moq})").format(
            daily=formatting.number(r.daily_units, 2), lead=r.lead_time_days, safety=r.safety_days,
            planned=planned, on_hand=formatting.number(r.on_hand), moq=formatting.number(r.min_order_qty))
        rows.append([r.supplier or "—", r.sku, formatting.number(r.suggested_qty), basis, r.name])
    print_table(rows, right=(2,))
    return EXIT_OK


def post(args: argparse.Namespace) -> int:
    from shopdesk.services.stockledger import post_movement
    with acting_as(args) as session:
        done = post_movement(session, args.code, args.kind, args.quantity, args.reason, args.ref or "")
    print(_("Posted {quantity} ({kind}) for {code}.").format(
        quantity=formatting.number(args.quantity), kind=_(label(MOVEMENT_KIND_LABELS, args.kind)), code=args.code))
    _abnormal(done.abnormal)
    return EXIT_OK


def _counts(path: str) -> dict[str, int]:
    """The counted quantities of a stock-take CSV of code,counted (a header and blank lines skipped)."""
    counts: dict[str, int] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for number, row in enumerate(csv.reader(fh), 1):
                if not row or not row[0].strip() or (number == 1 and not row[-1].strip().lstrip("-").isdigit()):
                    continue
                if len(row) < 2 or not row[1].strip().lstrip("-").isdigit():
                    raise UsageError(_("{file}, row {row}: '{value}' is not a counted quantity.").format(
                        file=path, row=number, value=row[1] if len(row) > 1 else ""))
                counts[row[0].strip()] = int(row[1])
    except OSError as exc:
        raise UsageError(_("{file} cannot be read: {reason}").format(file=path, reason=exc.strerror)) from None
    return counts


def take(args: argparse.Namespace) -> int:
    from shopdesk.services.stockledger import stock_take
    counts = _counts(args.file)
    with acting_as(args) as session:
        differences, done = stock_take(session, counts, args.reason)
    print(_("Stock-take of {count} products: {moved} differences posted.").format(
        count=formatting.number(len(differences)), moved=formatting.number(done.movements)))
    print_table([[d.code, formatting.number(d.on_hand), "→", formatting.number(d.counted),
                  f"({'+' if d.difference > 0 else ''}{formatting.number(d.difference)})"]
                 for d in differences if d.difference], right=(1, 3))
    _abnormal(done.abnormal)
    return EXIT_OK


def _abnormal(abnormal: list[tuple[str, int]]) -> None:
    for code, quantity in abnormal:
        print(_("Abnormal operation: {quantity} units of {code} (recorded in the audit log).").format(
            quantity=("+" if quantity > 0 else "") + formatting.number(quantity), code=code))


def reserve(args: argparse.Namespace) -> int:
    from shopdesk.services import reservations
    starts, ends = date_arg(args.starts, "--from"), date_arg(args.ends, "--to")
    with acting_as(args) as session:
        number = reservations.reserve(session, args.code, args.campaign, starts, ends, args.units)
    print(_("Reservation {id}: {units} units of {code} for {campaign}.").format(
        id=number, units=formatting.number(args.units), code=args.code, campaign=args.campaign))
    return EXIT_OK


def unreserve(args: argparse.Namespace) -> int:
    from shopdesk.services import reservations
    with acting_as(args) as session:
        reservations.cancel(session, args.id)
    print(_("Reservation {id} cancelled.").format(id=args.id))
    return EXIT_OK


def reservations_listed(args: argparse.Namespace) -> int:
    from shopdesk.services import reservations
    with reading_as(args) as session:
        found = reservations.reservations(session)
    print_table([[str(r["id"]), r["code"], formatting.number(r["units"]), f"{day_text(r['starts_on'])} – {day_text(r['ends_on'])}",
                  r["campaign"], _("cancelled") if r["cancelled_at"] else ""] for r in found], right=(0, 2))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    from shopdesk.cli import purchasing
    stock = group(sub, "stock", _("stock on hand and its alerts"))
    p = stock.add("alerts", alerts, _("products below their safety stock"))
    p.add_argument("--date", help=_(DATE_HELP))
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help=_("every product, tracked or not, not only the alerts"))
    p.add_argument("--take-down", action="store_true", help=_("only the live products with no stock left (下架)"))
    p = stock.add("post", post, _("post a receipt, return or adjustment"))
    p.add_argument("code", help=_("the product's code or SKU"))
    p.add_argument("--kind", required=True, choices=list(MANUAL_KINDS))
    p.add_argument("--quantity", type=int, required=True, help=_("units (an adjustment may be negative)"))
    p.add_argument("--reason", required=True)
    p.add_argument("--ref", help=_("a reference such as the purchase order"))
    p = stock.add("take", take, _("post a stock-take from a CSV of code,counted"))
    p.add_argument("--file", required=True)
    p.add_argument("--reason", required=True)
    purchasing.register(stock)
    p = stock.add("reserve", reserve, _("set units aside for an upcoming campaign"))
    p.add_argument("code", help=_("the product's code or SKU"))
    p.add_argument("--campaign", required=True)
    p.add_argument("--from", dest="starts", required=True, help=_("the campaign's first day"))
    p.add_argument("--to", dest="ends", required=True, help=_("the campaign's last day"))
    p.add_argument("--units", type=int, required=True)
    stock.add("reservations", reservations_listed, _("list the campaign reservations"))
    stock.add("unreserve", unreserve, _("cancel a campaign reservation")).add_argument("id", type=int)
    p = stock.add("replenishment", replenishment, _("what to reorder from whom"))
    p.add_argument("--date", help=_(DATE_HELP))
    p.add_argument("--json", action="store_true")
