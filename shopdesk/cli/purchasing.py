"""``shopdesk stock order|orders|qc|receive|suppliers|carriers``: replenishment orders from suggestion to
stock, the supplier scorecard and terms, and the carriers' figures."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import TYPE_CHECKING

from shopdesk.cli.common import EXIT_OK, UsageError, acting_as, optional_date, print_table, reading_as, stamp_text
from shopdesk.domain.vocabularies import PURCHASE_ORDER_STATUS_LABELS, label
from shopdesk.i18n import _, formatting

if TYPE_CHECKING:
    from shopdesk.cli.common import Subcommands


def order(args: argparse.Namespace) -> int:
    from shopdesk.services import purchasing
    day = optional_date(args.date, "--date")
    with acting_as(args) as session:
        created = purchasing.order_suggestions(session, day)
    print(_("{count} replenishment orders created.").format(count=formatting.number(len(created))))
    return EXIT_OK


def orders(args: argparse.Namespace) -> int:
    from shopdesk.services import purchasing
    with reading_as(args) as session:
        found = purchasing.orders(session)
    print_table([[str(po.id), _(label(PURCHASE_ORDER_STATUS_LABELS, po.status)), po.supplier or "—",
                  formatting.number(po.lines), formatting.number(po.units),
                  f"{stamp_text(po.ordered_at)} → {formatting.date(po.expected_on)}"]
                 for po in found], right=(0, 3, 4))
    return EXIT_OK


def check_quality(args: argparse.Namespace) -> int:
    from shopdesk.services import purchasing
    failed = {}
    for item in args.failed or []:
        code, _sep, units = item.rpartition("=")
        if not code or not units.isdigit():
            raise UsageError(_("--failed: '{value}' is not CODE=UNITS.").format(value=item))
        failed[code] = int(units)
    with acting_as(args) as session:
        purchasing.check_quality(session, args.id, failed)
    print(_("Order {id} checked.").format(id=args.id))
    return EXIT_OK


def receive(args: argparse.Namespace) -> int:
    from shopdesk.services import purchasing
    with acting_as(args) as session:
        units = purchasing.receive(session, args.id)
    print(_("Order {id} received: {units} units posted to stock.").format(id=args.id, units=formatting.number(units)))
    return EXIT_OK


def suppliers(args: argparse.Namespace) -> int:
    from shopdesk.services.suppliers import scorecards, set_terms
    if args.name:
        dropship = None if args.dropship is None else args.dropship == "yes"
        with acting_as(args) as session:
            set_terms(session, args.name, args.lead_days, args.min_order, args.payment_terms, dropship)
        print(_("Terms of {name} saved.").format(name=args.name))
        return EXIT_OK
    with reading_as(args) as session:
        cards = scorecards(session)
    if args.json:
        print(json.dumps({"count": len(cards), "rows": [asdict(c) for c in cards]}, ensure_ascii=False))
        return EXIT_OK
    print_table([[c.name, _("{days} d").format(days=c.lead_time_days), formatting.number(c.orders_received),
                  _("on time {rate}").format(rate=formatting.percent(c.on_time_rate, 0)),
                  _("quality {rate}").format(rate=formatting.percent(c.quality_rate, 0)),
                  _("price {index}").format(index=formatting.number(c.price_index, 2)),  # the mask where masked
                  _("dropship {rate}").format(rate=formatting.percent(c.shipped_in_time_rate, 0))] for c in cards],
                right=(1, 2))
    return EXIT_OK


def carriers(args: argparse.Namespace) -> int:
    from shopdesk.services.logistics import carriers as figures
    with reading_as(args) as session:
        rows = figures(session, optional_date(args.date, "--date"))
        currency = session.currency
    if args.json:
        print(json.dumps({"count": len(rows), "rows": [asdict(r) for r in rows]}, ensure_ascii=False))
        return EXIT_OK

    def hours(value: float | None) -> str:
        return "—" if value is None else _("{hours} h").format(hours=formatting.number(value))
    print_table([[c.carrier, formatting.number(c.shipped), hours(c.hours_to_ship), hours(c.hours_to_deliver),
                  formatting.money(c.shipping_cents, currency), formatting.percent(c.damage_rate)] for c in rows],
                right=(1, 2, 3, 4, 5), last_free=False)
    return EXIT_OK


def register(stock: Subcommands) -> None:
    """Adds these subcommands to ``shopdesk stock``."""
    p = stock.add("order", order, _("order the replenishment suggestions, one order per supplier"))
    p.add_argument("--date", help=_("the suggestions as of this day (default: the last day with data)"))
    stock.add("orders", orders, _("list the replenishment orders"))
    p = stock.add("suppliers", suppliers, _("the supplier scorecard, or a supplier's terms changed"))
    p.add_argument("--json", action="store_true")
    p.add_argument("name", nargs="?", help=_("the supplier whose terms change"))
    p.add_argument("--lead-days", type=int, help=_("lead time in days"))
    p.add_argument("--min-order", type=int, help=_("minimum order quantity"))
    p.add_argument("--payment-terms", help=_("payment terms, such as 月結30天"))
    p.add_argument("--dropship", choices=["yes", "no"])
    p = stock.add("carriers", carriers, _("delivery time, cost and damage rate per carrier"))
    p.add_argument("--date", help=_("the 90 days up to this day (default: the last day with data)"))
    p.add_argument("--json", action="store_true")
    p = stock.add("qc", check_quality, _("quality control of a delivered order"))
    p.add_argument("id", type=int)
    p.add_argument("--failed", action="append", help=_("CODE=UNITS that failed (repeat for more)"))
    stock.add("receive", receive, _("receive a checked order into stock")).add_argument("id", type=int)
