"""Weekly product monitoring (商品周度監控, SPEC §3): the week of every product on sale against its weekly
target, stars and laggards marked; and the weekly targets themselves, set per product as revisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from shopdesk.domain import errors
from shopdesk.domain.bulk_edit import basis_points
from shopdesk.domain.clock import iso, now
from shopdesk.domain.product_weekly import (
    SET,
    USUAL,
    WEEK_DAYS,
    Target,
    WeeklyLine,
    mark,
    ratio,
    sheet_order,
    usual_units,
    week_of,
)
from shopdesk.domain.roles import Permission
from shopdesk.domain.vocabularies import WEEKLY_TARGET_LABELS
from shopdesk.i18n import Lazy, _
from shopdesk.services.session import Session
from shopdesk.services.stock import default_day
from shopdesk.services.stockledger import require_products
from shopdesk.store import audit, settings
from shopdesk.store import product_weekly as store


@dataclass(frozen=True)
class WeeklySheet:
    """The monitored week: its days, the ratios that mark stars and laggards, and one line per product."""

    first: dt.date
    last: dt.date
    star_ratio: Fraction
    laggard_ratio: Fraction
    baseline_weeks: int
    lines: list[WeeklyLine]

    @property
    def stars(self) -> list[WeeklyLine]:
        return [line for line in self.lines if line.mark == "star"]

    @property
    def laggards(self) -> list[WeeklyLine]:
        return [line for line in self.lines if line.mark == "laggard"]


def weekly(session: Session, last: dt.date | None = None) -> WeeklySheet:
    """The seven days up to ``last`` (the last day with data when not given) of every product on sale by
    then: stars first, then laggards, then the rest by attainment."""
    session.require(Permission.VIEW_PRODUCTS)
    conn = session.store.conn
    first, last = week_of(last or default_day(session))
    weeks = int(settings.get(conn, "monitor.baseline_weeks"))
    star, laggard = ratio(settings.get(conn, "lifecycle.star_ratio")), ratio(settings.get(conn, "lifecycle.laggard_ratio"))
    baseline_first = first - dt.timedelta(days=WEEK_DAYS * weeks)
    week = store.sales(conn, first.isoformat(), last.isoformat())
    before = store.sales(conn, baseline_first.isoformat(), (first - dt.timedelta(days=1)).isoformat())
    visits = store.traffic(conn, first.isoformat(), last.isoformat())
    stock = store.stock_at(conn, last.isoformat())
    targets = store.targets(conn, last.isoformat())
    lines = []
    for pid, code, sku, name, owner, listed, tracked in store.products(conn):
        if listed and listed > last.isoformat():
            continue  # not on sale yet that week
        units, orders = week.get(pid, (0, 0))
        target = Target(**targets[pid]) if pid in targets else Target()
        units_target: Fraction | None
        basis: str | None
        if target.units is not None:
            units_target, basis = Fraction(target.units), SET
        else:
            units_target = usual_units(before.get(pid, (0, 0))[0], weeks, listed, baseline_first.isoformat())
            basis = USUAL if units_target else None
        visitors, cart = visits.get(pid, (None, None))
        lines.append(WeeklyLine(pid, code, sku or code, name, owner, units, orders, visitors, cart,
                                stock.get(pid, 0) if tracked else None, target, units_target or None, basis,
                                mark(units, units_target, star, laggard)))
    lines.sort(key=sheet_order)
    return WeeklySheet(first, last, star, laggard, weeks, lines)


def _number(value: Fraction | None, digits: int = 4) -> float | None:
    return None if value is None else round(float(value), digits)


def weekly_json(sheet: WeeklySheet) -> dict[str, Any]:
    """The object ``shopdesk products weekly --json`` prints."""
    return {"as_of": sheet.last.isoformat(), "first_day": sheet.first.isoformat(), "count": len(sheet.lines),
            "stars": len(sheet.stars), "laggards": len(sheet.laggards), "rows": [
                {"sku": line.sku, "code": line.code, "name": line.name, "owner": line.owner, "units": line.units,
                 "orders": line.orders, "visitors": line.visitors, "add_to_cart": line.add_to_cart,
                 "conversion": _number(line.conversion), "add_to_cart_rate": _number(line.add_to_cart_rate),
                 "on_hand": line.on_hand, "tracked": line.on_hand is not None,
                 "target_units": _number(line.units_target, 2), "target_basis": line.basis,
                 "attainment": _number(line.attainment), "mark": line.mark,
                 "target_conversion": None if line.target.conversion_bp is None else line.target.conversion_bp / 10000,
                 "target_add_to_cart_rate": None if line.target.add_to_cart_bp is None
                 else line.target.add_to_cart_bp / 10000,
                 "target_stock": line.target.stock, "short_of": list(line.below)}
                for line in sheet.lines]}




def parse_target(units: str = "", conversion: str = "", add_to_cart: str = "", stock: str = "") -> dict[str, int | None]:
    """A weekly target from text as typed (units and stock whole, rates as percentages such as ``3.5`` or
    ``3.5%``; blank parts stay unset).

    Raises:
        InvalidValue: a part that is not a number, negative, a fraction of a unit or a rate over 100 %.
    """
    out: dict[str, int | None] = {}
    for key, text in (("units", units), ("stock", stock)):
        label = WEEKLY_TARGET_LABELS[key]
        text = text.strip().replace(",", "")
        if not text:
            out[key] = None
            continue
        if not text.isdigit():
            raise errors.InvalidValue(field=Lazy(label), reason=_("'{value}' is not a whole number of units "
                                                                  "(0 or more).").format(value=text))
        out[key] = int(text)
    for key, text in (("conversion_bp", conversion), ("add_to_cart_bp", add_to_cart)):
        label = WEEKLY_TARGET_LABELS[key.removesuffix("_bp")]
        try:
            out[key] = basis_points(text) if text.strip() else None
        except ValueError:
            raise errors.InvalidValue(field=Lazy(label), reason=_(
                "'{value}' is not a percentage from 0 to 100 with at most two decimals.").format(
                value=text.strip())) from None
    return out


def set_targets(session: Session, targets: dict[str, dict[str, int | None]], applies_from: dt.date) -> int:
    """New weekly target revisions (code → parts, as :func:`parse_target` returns them) applying from
    ``applies_from`` on, all or none, audited; returns how many were set.

    Raises:
        InvalidValue: a code the store does not have (nothing is written).
    """
    session.require(Permission.MANAGE_PRODUCTS)
    ids = require_products(session, list(targets))
    stamp = iso(now(session.timezone))
    with session.store.transaction() as conn:
        for code, values in targets.items():
            store.add_target(conn, ids[code], applies_from.isoformat(), values, session.username, stamp)
        audit.record(conn, session.actor, "product.weekly_targets", "product",
                     next(iter(targets)) if len(targets) == 1 else f"{len(targets)} products", None,
                     {"applies_from": applies_from.isoformat(), "targets": targets}, tz=session.timezone)
    return len(targets)


def target_history(session: Session, code: str) -> list[dict]:
    """Every revision of a product's weekly target, newest first."""
    session.require(Permission.VIEW_PRODUCTS)
    return store.target_history(session.store.conn, require_products(session, [code])[code])
