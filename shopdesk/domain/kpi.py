"""The core metrics of daily operations monitoring (日常運營監控), SPEC §1.

One function per definition, fed the day's sums by the store layer. Every
figure the dashboard, the reports and ``shopdesk kpi`` show comes from here.
A metric without data is ``None`` ("—" on screen), never 0 and never a crash.
Money is integer minor units; rates are 0–1 fractions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from shopdesk.domain.targets import Comparison
from shopdesk.i18n import N_

PERIODS = ("day", "week", "month")


@dataclass(frozen=True)
class DayFigures:
    """The sums of one business day, as the store layer counts them.

    Attributes:
        day: the business day (store time zone).
        paid_orders: paid orders created that day (訂單量).
        gmv_cents: their amounts after discounts, before refunds (成交額).
        units_sold: units on those orders' lines.
        new_customer_orders: those that were the buyer's first paid order.
        visitors: visitors that day (訪客數), ``None`` when not imported or typed in.
        refunds_cents: refunds issued that day (退款金額).
        returned_units: units of return cases opened that day.
        complaints: complaint cases opened that day (用戶投訴量).
        stock_on_hand: units in stock at the end of the day, of the products whose stock is tracked;
            ``None`` when the store tracks no stock.
        units_in_window: units of those products sold in the turnover window ending that day.
        window_days: the length of that window (``kpi.turnover_window_days``, 30).
        products_sold: distinct products with a unit sold on the day's paid orders.
        products_on_sale: products listed and not delisted at the end of the day.
        customer_orders: paid orders with a known buyer (the others are neither new nor returning).
    """

    day: dt.date
    paid_orders: int = 0
    gmv_cents: int = 0
    units_sold: int = 0
    new_customer_orders: int = 0
    visitors: int | None = None
    refunds_cents: int = 0
    returned_units: int = 0
    complaints: int = 0
    stock_on_hand: int | None = None
    units_in_window: int = 0
    window_days: int = 30
    products_sold: int = 0
    products_on_sale: int = 0
    customer_orders: int = 0


@dataclass(frozen=True)
class PeriodKpis:
    """The core metrics of one day, ISO week or month."""

    period: str
    first_day: dt.date
    last_day: dt.date
    orders: int
    gmv_cents: int
    aov_cents: int | None
    visitors: int | None
    conversion_rate: float | None
    uv_value_cents: int | None
    refunds_cents: int
    units_sold: int
    returned_units: int
    return_rate: float | None
    complaints: int
    new_customer_share: float | None
    stock_on_hand: int | None = None  # at the end of the period's last day
    turnover_days: float | None = None  # 庫存周轉天數 at the end of the period's last day
    sell_through: float | None = None  # 動銷率 over the period


def period_of(day: dt.date, by: str) -> tuple[str, dt.date, dt.date]:
    """The label and first and last day of the period holding ``day``.

    ``day`` → ``2024-06-18``; ``week`` → the ISO week ``2024-W25`` (Monday to
    Sunday); ``month`` → ``2024-06``.
    """
    if by == "day":
        return day.isoformat(), day, day
    if by == "week":
        year, week, weekday = day.isocalendar()
        monday = day - dt.timedelta(days=weekday - 1)
        return f"{year}-W{week:02d}", monday, monday + dt.timedelta(days=6)
    if by == "month":
        first = day.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return f"{day:%Y-%m}", first, following - dt.timedelta(days=1)
    raise ValueError(f"unknown period {by!r}; known: {', '.join(PERIODS)}")


@dataclass(frozen=True)
class Span:
    """The days of a period that are counted and compared: ``first`` … ``last``; ``end`` is the period's
    own last day (``last`` is before it while the period is still running)."""

    period: str
    first: dt.date
    last: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        """The days counted."""
        return (self.last - self.first).days + 1

    @property
    def period_days(self) -> int:
        """The days of the whole period."""
        return (self.end - self.first).days + 1

    @property
    def running(self) -> bool:
        """Whether the period is shown to date: it goes on after the last day with figures."""
        return self.last < self.end


def to_date(day: dt.date, by: str, latest: dt.date | None) -> Span:
    """The period holding ``day``, counted up to ``latest``, the store's last day with figures (orders or
    traffic, never after today).

    A period ending by ``latest`` is whole; one still running ends on ``latest`` (month to date: the 1st
    to the 15th); one that has not started yet keeps its first day. Without any figures it is whole.
    """
    label, first, end = period_of(day, by)
    last = end if latest is None else max(first, min(end, latest))
    return Span(label, first, last, end)


def span_of(row: PeriodKpis, by: str) -> Span:
    """The days a period's row counts, within its period (``by``: "day", "week" or "month")."""
    label, first, end = period_of(row.first_day, by)
    return Span(label, row.first_day, row.last_day, end)


def _first_days(day: dt.date, by: str, count: int) -> Span:
    """The first ``count`` days of the period holding ``day`` (the whole period if it is shorter)."""
    label, first, end = period_of(day, by)
    return Span(label, first, min(end, first + dt.timedelta(days=count - 1)), end)


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class ComparedSpans:
    """A period and the ones it is compared with (環比 and 同比), like with like."""

    current: Span
    previous: Span
    last_year: Span


def compared_spans(anchor: dt.date, by: str, latest: dt.date | None) -> ComparedSpans:
    """The period holding ``anchor`` (:func:`to_date`) and the periods it is compared with.

    The period before and the one a year earlier (the same month, the ISO week 52 weeks earlier, the
    same date; 29 February → 28 February) count as many days from their first day as the period does:
    the 1st–15th of November compare with the 1st–15th of October and of November a year before. A
    period shorter than that counts whole: the 1st–31st of December compare with the whole of November,
    the 1st–30th of March with the whole of February.
    """
    current = to_date(anchor, by, latest)
    previous = _first_days(current.first - dt.timedelta(days=1), by, current.days)
    year_day = current.first - dt.timedelta(weeks=52) if by == "week" else _year_before(current.first)
    return ComparedSpans(current, previous, _first_days(year_day, by, current.days))


def _ratio(part: int, whole: int | None) -> float | None:
    return None if not whole else part / whole


def _per(cents: int, count: int | None) -> int | None:
    """``cents / count`` rounded half up to whole minor units; ``None`` without a count."""
    if not count:
        return None
    return int((Decimal(cents) / Decimal(count)).to_integral_value(rounding=ROUND_HALF_UP))


def average_order_value(gmv_cents: int, orders: int) -> int | None:
    """客單價 = GMV / paid orders."""
    return _per(gmv_cents, orders)


def conversion_rate(orders: int, visitors: int | None) -> float | None:
    """訂單轉化率 = paid orders / visitors (the handbook fixes this definition)."""
    return _ratio(orders, visitors)


def uv_value(gmv_cents: int, visitors: int | None) -> int | None:
    """UV價值 = GMV / visitors."""
    return _per(gmv_cents, visitors)


def return_rate(returned_units: int, units_sold: int) -> float | None:
    """退貨率 = units returned / units sold, per period."""
    return _ratio(returned_units, units_sold)


def new_customer_share(new_customer_orders: int, customer_orders: int) -> float | None:
    """新客占比 = paid orders from first-time buyers / paid orders WITH a known buyer.

    Orders without a buyer (an export without buyer IDs) are neither new nor
    returning and stay out of both counts; ``None`` when no paid order has a buyer.
    """
    return _ratio(new_customer_orders, customer_orders)


def inventory_turnover_days(stock_on_hand: int | None, units_in_window: int, window_days: int) -> float | None:
    """庫存周轉天數 = stock on hand / average daily units sold over the trailing window (30 days).

    ``None`` without stock tracking, or without a unit sold in the window (stock that does not move).
    """
    if stock_on_hand is None or units_in_window <= 0 or window_days <= 0:
        return None
    return max(stock_on_hand, 0) / (units_in_window / window_days)


def sell_through_rate(products_sold: int, products_on_sale: int) -> float | None:
    """動銷率 = products with at least one unit sold in the period / products on sale."""
    return _ratio(min(products_sold, products_on_sale), products_on_sale)


def aggregate(days: list[DayFigures], by: str, products_sold: dict[str, int] | None = None) -> list[PeriodKpis]:
    """The metrics per day, ISO week or month, from daily sums.

    Sums add up over the period; rates are recomputed from the sums, never
    averaged. Visitors, conversion and UV value use only the days that have
    visitors (a period with none shows no value). Stock and turnover are those
    at the end of the period's last day. Sell-through counts distinct products,
    which do not add up over days: ``products_sold`` gives them per period
    label (a day's own count is used for days).
    """
    groups: dict[str, list[DayFigures]] = {}
    bounds: dict[str, tuple[dt.date, dt.date]] = {}
    for figures in sorted(days, key=lambda f: f.day):
        label, first, last = period_of(figures.day, by)
        groups.setdefault(label, []).append(figures)
        bounds[label] = (first, last)
    return [summarise(label, *bounds[label], members, (products_sold or {}).get(label))
            for label, members in groups.items()]


def summarise(label: str, first: dt.date, last: dt.date, members: list[DayFigures],
              products_sold: int | None = None) -> PeriodKpis:
    """The metrics of the days ``members`` (sorted, not empty) as the period ``label`` from ``first`` to
    ``last`` (see :func:`aggregate`)."""
    orders = sum(f.paid_orders for f in members)
    gmv = sum(f.gmv_cents for f in members)
    counted = [f for f in members if f.visitors is not None]
    visitors = sum(f.visitors for f in counted if f.visitors is not None) if counted else None
    orders_counted = sum(f.paid_orders for f in counted)
    gmv_counted = sum(f.gmv_cents for f in counted)
    units = sum(f.units_sold for f in members)
    returned = sum(f.returned_units for f in members)
    return PeriodKpis(
        period=label, first_day=first, last_day=last, orders=orders, gmv_cents=gmv,
        aov_cents=average_order_value(gmv, orders), visitors=visitors,
        conversion_rate=conversion_rate(orders_counted, visitors), uv_value_cents=uv_value(gmv_counted, visitors),
        refunds_cents=sum(f.refunds_cents for f in members), units_sold=units, returned_units=returned,
        return_rate=return_rate(returned, units), complaints=sum(f.complaints for f in members),
        new_customer_share=new_customer_share(sum(f.new_customer_orders for f in members),
                                              sum(f.customer_orders for f in members)),
        stock_on_hand=members[-1].stock_on_hand,
        turnover_days=inventory_turnover_days(members[-1].stock_on_hand, members[-1].units_in_window,
                                              members[-1].window_days),
        sell_through=_sell_through(members, products_sold))


def _sell_through(members: list[DayFigures], sold: int | None) -> float | None:
    if sold is None:
        if len(members) != 1:
            return None  # distinct products of several days are not the sum of each day's
        sold = members[0].products_sold
    return sell_through_rate(sold, members[-1].products_on_sale)


#: Where each metric's actual value sits on :class:`PeriodKpis`.
ACTUALS = {
    "orders": "orders", "gmv": "gmv_cents", "visitors": "visitors", "refunds": "refunds_cents",
    "complaints": "complaints", "returned_units": "returned_units", "aov": "aov_cents",
    "uv_value": "uv_value_cents", "conversion": "conversion_rate", "return_rate": "return_rate",
    "new_customer_share": "new_customer_share", "turnover_days": "turnover_days", "sell_through": "sell_through",
}


def actual(row: PeriodKpis, metric: str) -> float | None:
    """The actual value of ``metric`` in a period."""
    return getattr(row, ACTUALS[metric])


def change(now: float | None, before: float | None) -> float | None:
    """The relative change from ``before`` to ``now``; no value without both or from zero."""
    if now is None or before is None or before == 0:
        return None
    return (now - before) / before


CARD_METRICS = ("gmv", "orders", "aov", "visitors", "conversion", "uv_value", "refunds", "return_rate",
                "complaints", "new_customer_share", "turnover_days", "sell_through")
METRIC_LABELS = {
    "gmv": N_("GMV"), "orders": N_("Paid orders"), "aov": N_("AOV"), "visitors": N_("Visitors"),
    "conversion": N_("Conversion"), "uv_value": N_("UV value"), "refunds": N_("Refunds"),
    "return_rate": N_("Return rate"), "complaints": N_("Complaints"), "new_customer_share": N_("New-customer share"),
    "returned_units": N_("Returned units"), "turnover_days": N_("Inventory turnover days"),
    "sell_through": N_("Sell-through rate"),
}


@dataclass(frozen=True)
class Dashboard:
    """The figures of one period: now, the period before (環比), a year earlier (同比), targets, and days."""

    by: str
    current: PeriodKpis  # the days of spans.current: a running period to date
    previous: PeriodKpis  # as many days of the period before
    last_year: PeriodKpis  # as many days of the period a year before
    targets: dict[str, Comparison]  # the current period against its target to date
    days: list[PeriodKpis]
    day_targets: dict[str, dict[str, Comparison]]
    spans: ComparedSpans  # which days each of the three counts

    @property
    def shown_span(self) -> tuple[dt.date, dt.date]:
        """The period's first day and its last day shown: days after today or after the last day with
        figures are left out (a running period is shown to date)."""
        return self.current.first_day, self.current.last_day
