"""A product's page (SPEC §3): its record, its weekly sales curve, its stock ledger and its history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shopdesk.domain import errors, kpi
from shopdesk.domain.roles import Permission
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services import stock
from shopdesk.services.masking import COST_FIELDS, SUPPLIER_FIELDS, masked, masked_audit
from shopdesk.services.session import Session
from shopdesk.store import audit, product_weekly
from shopdesk.store import stock as ledger

#: Weeks of sales the page shows, up to the last day with data.
WEEKS = 26


@dataclass(frozen=True)
class WeekSales:
    """One ISO week of a product's sales."""

    period: str  # YYYY-Www
    first_day: dt.date
    units: int
    amount_cents: int


@dataclass(frozen=True)
class ProductPage:
    """Everything the product page shows."""

    record: dict
    tracked: bool
    on_hand: int | None
    weeks: list[WeekSales]
    movements: list[dict]
    history: list[dict]
    weekly_target: int | None = None  # units a week, as set for the last day shown


def product_page(session: Session, code: str, as_of: dt.date | None = None) -> ProductPage:
    """The page of product ``code`` (its sales over the 26 ISO weeks up to ``as_of``).

    Raises:
        InvalidValue: no such product.
    """
    session.require(Permission.VIEW_PRODUCTS)
    conn = session.store.conn
    record = ledger.product(conn, code)
    if record is None:
        raise errors.InvalidValue(field=Lazy(N_("Product")), reason=_("There is no product {code}.").format(code=code))
    shown = masked(session, record, COST_FIELDS + SUPPLIER_FIELDS + ("supplier_id",))  # as the product list masks them
    last = as_of or stock.default_day(session)
    _label, first, _end = kpi.period_of(last - dt.timedelta(weeks=WEEKS - 1), "week")
    daily = ledger.daily_sales(conn, record["id"], first.isoformat(), last.isoformat())
    weeks: dict[str, list] = {}
    day = first
    while day <= last:
        label, start, _e = kpi.period_of(day, "week")
        units, amount = daily.get(day.isoformat(), (0, 0))
        week = weeks.setdefault(label, [start, 0, 0])
        week[1] += units
        week[2] += amount
        day += dt.timedelta(days=1)
    tracked = bool(record["stock_tracked"])
    target = product_weekly.targets(conn, last.isoformat()).get(record["id"], {}).get("units")
    return ProductPage(shown, tracked, record["on_hand"] if tracked else None,
                       [WeekSales(label, start, units, amount) for label, (start, units, amount) in weeks.items()],
                       ledger.movements(conn, record["id"]),
                       masked_audit(session, audit.about(conn, "product", code)), target)


def profits(session: Session, as_of: dt.date | None = None) -> list:
    """Profit per product over ``profit.window_days`` up to ``as_of`` (needs the right to see costs): a
    product's own commission, fulfilment cost and ad spend where set, else the store's settings."""
    from decimal import ROUND_HALF_UP, Decimal

    from shopdesk.domain.money import exponent
    from shopdesk.domain.profit import product_profit
    from shopdesk.store import settings
    session.require(Permission.VIEW_SENSITIVE)
    conn = session.store.conn
    values = settings.get_all(conn)
    last = as_of or stock.default_day(session)
    first = last - dt.timedelta(days=int(values["profit.window_days"]) - 1)
    fulfilment = int((Decimal(str(values["profit.fulfilment_per_unit"])) * 10 ** exponent(session.currency))
                     .to_integral_value(rounding=ROUND_HALF_UP))
    commission, ads = float(values["profit.commission_rate"]), float(values["profit.ad_spend_rate"])
    return [product_profit(code, name, units, sales, cost, commission if own_commission is None else own_commission / 10000,
                           fulfilment if own_fulfilment is None else own_fulfilment,
                           ads if own_ads is None else own_ads / 10000, float(values["profit.min_roi"]))
            for code, name, units, sales, cost, own_commission, own_fulfilment, own_ads
            in ledger.sales_with_costs(conn, first.isoformat(), last.isoformat())]


def profit_terms(session: Session) -> dict[str, float]:
    """The settings profit per product is computed with: window days, commission and ad spend rates,
    fulfilment per unit (in the currency) and the ROI floor."""
    from shopdesk.store import settings
    session.require(Permission.VIEW_SENSITIVE)
    conn = session.store.conn
    return {key.removeprefix("profit."): float(settings.get(conn, key))
            for key in ("profit.window_days", "profit.commission_rate", "profit.fulfilment_per_unit",
                        "profit.ad_spend_rate", "profit.min_roi")}
