"""``shopdesk stock …`` and ``shopdesk products …``: stock, replenishment, suppliers, carriers, slow-moving
products, treatments, delisting and profit, on the same services as the Inventory and Products tabs."""

from __future__ import annotations

import argparse

from shopdesk.cli import EXIT_OK, UsageError, _acting, _acting_as, _date, _Parser, _reading_as
from shopdesk.domain.vocabularies import PURCHASE_ORDER_STATUS_LABELS, label
from shopdesk.i18n import _


def cmd_stock(args: argparse.Namespace) -> int:
    import json

    from shopdesk.services import stock
    if args.stock_command in ("post", "take"):
        return _stock_posting(args)
    if args.stock_command in ("order", "orders", "qc", "receive"):
        return _purchasing(args)
    if args.stock_command == "suppliers":
        return _suppliers(args)
    if args.stock_command == "carriers":
        return _carriers(args)
    if args.stock_command in ("reserve", "reservations", "unreserve"):
        return _reservations(args)
    with _reading_as(args) as session:
        day = _date(args.date, "--date") if args.date else stock.default_day(session)
        if args.stock_command == "replenishment":
            orders = stock.replenishment(session, day)
            if args.json:
                print(json.dumps(stock.replenishment_json(orders, day), ensure_ascii=False))
                return EXIT_OK
            print(_("Replenishment as of {day}: {count} products to order.").format(day=day, count=len(orders)))
            for r in orders:
                planned = f" + {r.planned}" if r.planned else ""
                print(f"{r.supplier or '—':<20} {r.sku:<24} {r.suggested_qty:>6}  ({r.daily_units:.2f}/d × "
                      f"{r.lead_time_days}+{r.safety_days} d{planned} − {r.on_hand}, MOQ {r.min_order_qty})  {r.name}")
            return EXIT_OK
        lines = (stock.stock_lines(session, day) if args.all else stock.take_down(session, day) if args.take_down
                 else stock.alerts(session, day))
        if args.json:
            print(json.dumps(stock.to_json(lines, day), ensure_ascii=False))
            return EXIT_OK
        print(_("Stock as of {day}: {count} products below their safety stock.").format(
            day=day, count=sum(line.below_safety for line in lines)))
        for line in lines:
            on_hand = str(line.on_hand) if line.tracked else _("not tracked")
            mark = _("BELOW") if line.below_safety else ""
            print(f"{line.sku:<24} {on_hand:>12} {line.safety_stock:>6}  {mark:<6} {line.name}")
    return EXIT_OK


def _carriers(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from shopdesk.services.logistics import carriers
    with _reading_as(args) as session:
        day = _date(args.date, "--date") if args.date else None
        rows = carriers(session, day)
    if args.json:
        print(json.dumps({"count": len(rows), "rows": [asdict(r) for r in rows]}, ensure_ascii=False))
        return EXIT_OK
    for c in rows:
        def hours(v):
            return "—" if v is None else f"{v:.0f} h"
        rate = "—" if c.damage_rate is None else f"{c.damage_rate:.1%}"
        print(f"{c.carrier:<12} {c.shipped:>6} {hours(c.hours_to_ship):>7} {hours(c.hours_to_deliver):>7} "
              f"{rate:>7}")
    return EXIT_OK


def _suppliers(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from shopdesk.i18n import formatting
    from shopdesk.services.suppliers import scorecards, set_terms
    if args.name:
        dropship = None if args.dropship is None else args.dropship == "yes"
        with _acting_as(args) as session:
            set_terms(session, args.name, args.lead_days, args.min_order, args.payment_terms, dropship)
        print(_("Terms of {name} saved.").format(name=args.name))
        return EXIT_OK
    with _reading_as(args) as session:
        cards = scorecards(session)
    if args.json:
        print(json.dumps({"count": len(cards), "rows": [asdict(c) for c in cards]}, ensure_ascii=False))
        return EXIT_OK
    for c in cards:
        def pct(v):
            return "—" if v is None else f"{v:.0%}"
        price = formatting.number(c.price_index, 2)  # "—" unknown, the mask where masked
        print(f"{c.name:<20} {c.lead_time_days:>3} d  {c.orders_received:>4}  on time {pct(c.on_time_rate):>5}  "
              f"quality {pct(c.quality_rate):>5}  price {price}  dropship {pct(c.shipped_in_time_rate)}")
    return EXIT_OK


def _reservations(args: argparse.Namespace) -> int:
    from shopdesk.services import reservations
    with _acting_as(args, write=args.stock_command != "reservations") as session:
        if args.stock_command == "reserve":
            number = reservations.reserve(session, args.code, args.campaign, _date(args.starts, "--from"),
                                          _date(args.ends, "--to"), args.units)
            print(_("Reservation {id}: {units} units of {code} for {campaign}.").format(
                id=number, units=args.units, code=args.code, campaign=args.campaign))
        elif args.stock_command == "unreserve":
            reservations.cancel(session, args.id)
            print(_("Reservation {id} cancelled.").format(id=args.id))
        else:
            for r in reservations.reservations(session):
                state = _("cancelled") if r["cancelled_at"] else ""
                print(f"{r['id']:>4}  {r['code']:<20} {r['units']:>6}  {r['starts_on']} – {r['ends_on']}  "
                      f"{r['campaign']}  {state}")
    return EXIT_OK


def _purchasing(args: argparse.Namespace) -> int:
    from shopdesk.services import purchasing
    with _acting_as(args, write=args.stock_command != "orders") as session:
        if args.stock_command == "order":
            day = _date(args.date, "--date") if args.date else None
            created = purchasing.order_suggestions(session, day)
            print(_("{count} replenishment orders created.").format(count=len(created)))
        elif args.stock_command == "qc":
            failed = {}
            for item in args.failed or []:
                code, _sep, units = item.rpartition("=")
                if not code or not units.isdigit():
                    raise UsageError(_("--failed: '{value}' is not CODE=UNITS.").format(value=item))
                failed[code] = int(units)
            purchasing.check_quality(session, args.id, failed)
            print(_("Order {id} checked.").format(id=args.id))
        elif args.stock_command == "receive":
            units = purchasing.receive(session, args.id)
            print(_("Order {id} received: {units} units posted to stock.").format(id=args.id, units=units))
        else:
            for po in purchasing.orders(session):
                print(f"{po.id:>5}  {_(label(PURCHASE_ORDER_STATUS_LABELS, po.status)):<20} {po.supplier or '—':<20} {po.lines:>4} {po.units:>7}  "
                      f"{po.ordered_at[:10]} → {po.expected_on}")
    return EXIT_OK


def _stock_posting(args: argparse.Namespace) -> int:
    import csv

    from shopdesk.services.stockledger import post_movement, stock_take
    if args.stock_command == "post":
        with _acting_as(args) as session:
            done = post_movement(session, args.code, args.kind, args.quantity, args.reason, args.ref or "")
        print(_("Posted {quantity} ({kind}) for {code}.").format(quantity=args.quantity, kind=args.kind,
                                                                   code=args.code))
    else:
        counts: dict[str, int] = {}
        try:
            with open(args.file, encoding="utf-8-sig", newline="") as fh:
                for number, row in enumerate(csv.reader(fh), 1):
                    if not row or not row[0].strip() or (number == 1 and not row[-1].strip().lstrip("-").isdigit()):
                        continue  # blank lines and a header
                    if len(row) < 2 or not row[1].strip().lstrip("-").isdigit():
                        raise UsageError(_("{file}, row {row}: '{value}' is not a counted quantity.").format(
                            file=args.file, row=number, value=row[1] if len(row) > 1 else ""))
                    counts[row[0].strip()] = int(row[1])
        except OSError as exc:
            raise UsageError(_("{file} cannot be read: {reason}").format(file=args.file, reason=exc.strerror)) \
                from None
        with _acting_as(args) as session:
            differences, done = stock_take(session, counts, args.reason)
        print(_("Stock-take of {count} products: {moved} differences posted.").format(count=len(differences),
                                                                                      moved=done.movements))
        for d in differences:
            if d.difference:
                print(f"{d.code:<24} {d.on_hand:>8} → {d.counted:>8}  ({d.difference:+})")
    for code, quantity in done.abnormal:
        print(_("Abnormal operation: {quantity:+} units of {code} (recorded in the audit log).").format(
            quantity=quantity, code=code))
    return EXIT_OK


def _profit(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from shopdesk.services import stock
    from shopdesk.services.products import profits
    with _reading_as(args) as session:
        day = _date(args.date, "--date") if args.date else stock.default_day(session)
        rows = profits(session, day)
        currency = session.currency
    if args.json:
        print(json.dumps({"as_of": day.isoformat(), "currency": currency, "count": len(rows),
                          "rows": [asdict(r) for r in rows]}, ensure_ascii=False))
        return EXIT_OK
    from shopdesk.domain.money import from_minor
    for r in rows:
        profit = "—" if r.profit_cents is None else f"{from_minor(r.profit_cents, currency):,}"
        roi = "—" if r.roi is None else f"1:{r.roi:.1f}" + (" " + _("below the floor") if r.below_roi_floor else "")
        print(f"{r.code:<24} {r.units:>6} {from_minor(r.sales_cents, currency):>12,} {profit:>12} {roi:>14}  {r.name}")
    return EXIT_OK


def _weekly(args: argparse.Namespace) -> int:
    import json

    from shopdesk.services import product_weekly, stock
    with _reading_as(args) as session:
        day = _date(args.date, "--date") if args.date else stock.default_day(session)
        sheet = product_weekly.weekly(session, day)
    if args.json:
        print(json.dumps(product_weekly.weekly_json(sheet), ensure_ascii=False))
        return EXIT_OK
    print(_("Week {first} – {last}: {stars} stars, {laggards} laggards, {count} products.").format(
        first=sheet.first, last=sheet.last, stars=len(sheet.stars), laggards=len(sheet.laggards),
        count=len(sheet.lines)))
    marks = {"star": _("star"), "laggard": _("laggard")}
    for line in sheet.lines:
        target = "—" if line.units_target is None else f"{float(line.units_target):.1f}" + (
            "*" if line.basis == "usual" else "")
        attained = "—" if line.attainment is None else f"{float(line.attainment):.0%}"
        print(f"{line.sku:<24} {line.units:>6} {target:>8} {attained:>6}  {marks.get(line.mark or '', ''):<8} {line.name}")
    return EXIT_OK


def _targets(args: argparse.Namespace) -> int:
    import csv

    from shopdesk.domain import errors
    from shopdesk.services import product_weekly
    applies_from = _date(args.applies_from, "--from")
    if args.file:
        if args.code or any(v is not None for v in (args.units, args.conversion, args.add_to_cart, args.stock)):
            raise UsageError(_("--file cannot be combined with a code or target values."))
        targets = {}
        try:
            with open(args.file, encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(_("--file: {path} cannot be read: {reason}").format(path=args.file, reason=exc)) from None
        for number, row in enumerate(rows, 2):
            code = (row.get("code") or "").strip()
            try:
                if not code:
                    raise errors.InvalidValue(field="code", reason=_("It cannot be empty."))
                targets[code] = product_weekly.parse_target(row.get("units") or "", row.get("conversion") or "",
                                                        row.get("add_to_cart") or "", row.get("stock") or "")
            except errors.InvalidValue as exc:
                raise UsageError(_("{file}, row {row}: {problem}").format(file=args.file, row=number,
                                                                          problem=exc)) from None
        if not targets:
            raise UsageError(_("{file} has no rows (columns: code, units, conversion, add_to_cart, stock).").format(
                file=args.file))
    else:
        if not args.code:
            raise UsageError(_("Name a product code, or give --file."))
        targets = {args.code: product_weekly.parse_target(args.units or "", args.conversion or "",
                                                      args.add_to_cart or "", args.stock or "")}
    with _acting_as(args) as session:
        count = product_weekly.set_targets(session, targets, applies_from)
    print(_("Weekly targets set for {count} products from {day}.").format(count=count, day=applies_from))
    return EXIT_OK


def cmd_products(args: argparse.Namespace) -> int:
    import json

    from shopdesk.services import stock
    if args.products_command == "profit":
        return _profit(args)
    if args.products_command == "weekly":
        return _weekly(args)
    if args.products_command == "target":
        return _targets(args)
    if args.products_command in ("delist", "decide"):
        from shopdesk.services import delisting
        with _acting_as(args) as session:
            if args.products_command == "delist":
                number = delisting.apply(session, args.code, args.reason, args.supplier_action, args.units)
                print(_("Delisting application {id} sent.").format(id=number))
            else:
                delisting.decide(session, args.id, args.approve, args.note or "")
                print(_("Delisting application {id} decided.").format(id=args.id))
        return EXIT_OK
    if args.products_command == "treat":
        from shopdesk.services.stockledger import record_treatment
        with _acting_as(args) as session:
            record_treatment(session, args.code, args.treatment, args.note or "")
        print(_("Recorded {treatment} for {code}.").format(treatment=args.treatment, code=args.code))
        return EXIT_OK
    with _reading_as(args) as session:
        day = _date(args.date, "--date") if args.date else stock.default_day(session)
        lines = stock.slow_moving(session, day)
        if args.json:
            print(json.dumps(stock.slow_json(lines, day), ensure_ascii=False))
            return EXIT_OK
        print(_("Slow-moving as of {day}: {count} products.").format(day=day, count=len(lines)))
        for s in lines:
            turnover = "—" if s.turnover_days is None else f"{s.turnover_days:.0f}"
            proposal = _("propose delisting") if s.propose_delisting else (s.treatment or "")
            print(f"{s.sku:<24} {s.last_sale or '—':<10} {s.units_window:>6} {turnover:>7}  {proposal:<18} {s.name}")
    return EXIT_OK


def add_commands(sub) -> None:
    """The ``stock`` and ``products`` commands, on the main parser's subparsers."""
    p = sub.add_parser("stock", help=_("stock on hand and its alerts"))
    p.set_defaults(func=cmd_stock)
    ssub = p.add_subparsers(dest="stock_command", required=True, parser_class=_Parser)
    alerts = ssub.add_parser("alerts", parents=[_acting()], help=_("products below their safety stock"))
    alerts.add_argument("--date", help=_("stock at the end of this day (default: the last day with data)"))
    alerts.add_argument("--json", action="store_true")
    alerts.add_argument("--all", action="store_true", help=_("every product, tracked or not, not only the alerts"))
    alerts.add_argument("--take-down", action="store_true", help=_("only the live products with no stock left (下架)"))
    post = ssub.add_parser("post", parents=[_acting()], help=_("post a receipt, return or adjustment"))
    post.add_argument("code", help=_("the product's code or SKU"))
    post.add_argument("--kind", required=True, choices=["receipt", "return", "adjustment"])
    post.add_argument("--quantity", type=int, required=True, help=_("units (an adjustment may be negative)"))
    post.add_argument("--reason", required=True)
    post.add_argument("--ref", help=_("a reference such as the purchase order"))
    take = ssub.add_parser("take", parents=[_acting()], help=_("post a stock-take from a CSV of code,counted"))
    take.add_argument("--file", required=True)
    take.add_argument("--reason", required=True)
    order = ssub.add_parser("order", parents=[_acting()], help=_("order the replenishment suggestions, one order "
                                                                 "per supplier"))
    order.add_argument("--date", help=_("the suggestions as of this day (default: the last day with data)"))
    ssub.add_parser("orders", parents=[_acting()], help=_("list the replenishment orders"))
    suppliers = ssub.add_parser("suppliers", parents=[_acting()], help=_("the supplier scorecard, or a "
                                                                      "supplier's terms changed"))
    suppliers.add_argument("--json", action="store_true")
    suppliers.add_argument("name", nargs="?", help=_("the supplier whose terms change"))
    suppliers.add_argument("--lead-days", type=int, help=_("lead time in days"))
    suppliers.add_argument("--min-order", type=int, help=_("minimum order quantity"))
    suppliers.add_argument("--payment-terms", help=_("payment terms, such as 月結30天"))
    suppliers.add_argument("--dropship", choices=["yes", "no"])
    carriers = ssub.add_parser("carriers", parents=[_acting()], help=_("delivery time, cost and damage rate per "
                                                                        "carrier"))
    carriers.add_argument("--date", help=_("the 90 days up to this day (default: the last day with data)"))
    carriers.add_argument("--json", action="store_true")
    check = ssub.add_parser("qc", parents=[_acting()], help=_("quality control of a delivered order"))
    check.add_argument("id", type=int)
    check.add_argument("--failed", action="append", help=_("CODE=UNITS that failed (repeat for more)"))
    ssub.add_parser("receive", parents=[_acting()], help=_("receive a checked order into stock")).add_argument(
        "id", type=int)
    reserve = ssub.add_parser("reserve", parents=[_acting()], help=_("set units aside for an upcoming campaign"))
    reserve.add_argument("code", help=_("the product's code or SKU"))
    reserve.add_argument("--campaign", required=True)
    reserve.add_argument("--from", dest="starts", required=True, help=_("the campaign's first day"))
    reserve.add_argument("--to", dest="ends", required=True, help=_("the campaign's last day"))
    reserve.add_argument("--units", type=int, required=True)
    ssub.add_parser("reservations", parents=[_acting()], help=_("list the campaign reservations"))
    ssub.add_parser("unreserve", parents=[_acting()], help=_("cancel a campaign reservation")).add_argument(
        "id", type=int)
    refill = ssub.add_parser("replenishment", parents=[_acting()], help=_("what to reorder from whom"))
    refill.add_argument("--date", help=_("stock at the end of this day (default: the last day with data)"))
    refill.add_argument("--json", action="store_true")
    p = sub.add_parser("products", help=_("products: weekly monitoring, slow-moving, delisting, profit"))
    p.set_defaults(func=cmd_products)
    psub = p.add_subparsers(dest="products_command", required=True, parser_class=_Parser)
    slow = psub.add_parser("slow", parents=[_acting()], help=_("products on sale that do not sell"))
    slow.add_argument("--date", help=_("as of this day (default: the last day with data)"))
    slow.add_argument("--json", action="store_true")
    delist = psub.add_parser("delist", parents=[_acting()], help=_("apply to delist a product"))
    delist.add_argument("code", help=_("the product's code or SKU"))
    delist.add_argument("--reason", required=True)
    delist.add_argument("--supplier-action", choices=["return", "exchange", "none"], default="none")
    delist.add_argument("--units", type=int, default=0, help=_("units returned or exchanged"))
    decide = psub.add_parser("decide", parents=[_acting()], help=_("approve or reject a delisting application"))
    decide.add_argument("id", type=int)
    verdict = decide.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--approve", action="store_true")
    verdict.add_argument("--reject", action="store_true")
    decide.add_argument("--note")
    treat = psub.add_parser("treat", parents=[_acting()], help=_("record how a slow-moving product is treated"))
    treat.add_argument("code", help=_("the product's code or SKU"))
    treat.add_argument("--treatment", required=True, choices=["discount", "bundle", "clearance"])
    treat.add_argument("--note")
    week = psub.add_parser("weekly", parents=[_acting()], help=_("each product's week against its weekly target"))
    week.add_argument("--date", help=_("the week's last day (default: the last day with data)"))
    week.add_argument("--json", action="store_true")
    target = psub.add_parser("target", parents=[_acting()], help=_("set products' weekly targets"))
    target.add_argument("code", nargs="?", help=_("the product's code or SKU"))
    target.add_argument("--units", help=_("units sold a week"))
    target.add_argument("--conversion", help=_("conversion in per cent, such as 3.5"))
    target.add_argument("--add-to-cart", help=_("add-to-cart rate in per cent"))
    target.add_argument("--stock", help=_("units on hand at the week's end"))
    target.add_argument("--from", dest="applies_from", required=True, help=_("the first day the targets apply to"))
    target.add_argument("--file", help=_("a CSV of code, units, conversion, add_to_cart, stock"))
    profit = psub.add_parser("profit", parents=[_acting()], help=_("profit and ROI per product"))
    profit.add_argument("--date", help=_("as of this day (default: the last day with data)"))
    profit.add_argument("--json", action="store_true")
