"""Stock on hand and its alerts (SPEC §4): stock is the sum of the ledger's movements, never edited;
a product below its safety stock is an alert; a product whose stock is not tracked is "not tracked"."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class StockLine:
    """One sellable product's stock as of a day.

    Attributes:
        on_hand: units in stock (the ledger's sum up to the day); ``None`` when not tracked.
        safety_stock: its own safety stock, or the store's default where it has none.
    """

    product_id: int
    code: str
    sku: str
    name: str
    on_hand: int | None
    safety_stock: int
    tracked: bool

    @property
    def out_of_stock(self) -> bool:
        """To be taken down at once (下架): tracked and nothing left."""
        return needs_take_down(self.on_hand, self.tracked)

    @property
    def below_safety(self) -> bool:
        """庫存預警: tracked and below its safety stock."""
        return is_alert(self.on_hand, self.safety_stock, self.tracked)


def needs_take_down(on_hand: int | None, tracked: bool) -> bool:
    """下架 (SPEC §3): a live product whose tracked stock is gone is listed for immediate take-down."""
    return tracked and on_hand is not None and on_hand <= 0


def safety_for(own: int | None, default: int) -> int:
    """A product's safety stock: its own when set (above 0), else the store's default (50 units)."""
    return own if own and own > 0 else default


def is_alert(on_hand: int | None, safety_stock: int, tracked: bool) -> bool:
    """Whether a product needs restocking: its stock is tracked and below its safety stock."""
    return tracked and on_hand is not None and on_hand < safety_stock


def is_tracked_value(text: str) -> bool:
    """Whether an export's inventory-tracking cell means "tracked" (``shopify``, ``yes``, ``1``…)."""
    return text.strip().casefold() not in ("", "0", "no", "false", "n", "否", "不", "not tracked")


@dataclass(frozen=True)
class SlowLine:
    """One product's sales over the slow-moving window (滯銷品), as of a day.

    Attributes:
        last_sale: the last day a paid order held it (``None``: never sold).
        units_window: units sold in the window (the last ``lifecycle.slow_days`` days, 30).
        on_hand: stock on hand, ``None`` when not tracked.
        turnover_days: on hand / average daily units over the window; ``None`` without tracking or sales.
    """

    product_id: int
    code: str
    sku: str
    name: str
    last_sale: str | None
    units_window: int
    on_hand: int | None
    turnover_days: float | None
    reason: str  # "no_sales" or "slow_turnover"
    treatment: str | None = None  # the latest treatment: "discount", "bundle" or "clearance"
    treated_on: str | None = None
    propose_delisting: bool = False  # treated long enough ago and still no sale since


TREATMENTS = ("discount", "bundle", "clearance")


def proposes_delisting(treated_on: str | None, last_sale: str | None, as_of: str, days: int) -> bool:
    """退市 starts (SPEC §3): a treated product with no sale within ``days`` (30) of its treatment."""
    if treated_on is None:
        return False
    waited = dt.date.fromisoformat(as_of) - dt.date.fromisoformat(treated_on) >= dt.timedelta(days=days)
    return waited and (last_sale is None or last_sale <= treated_on)


def turnover_days(on_hand: int | None, units: int, days: int) -> float | None:
    """Days the stock on hand lasts at the window's pace: on hand / (units / days)."""
    if on_hand is None or units <= 0 or days <= 0:
        return None
    return max(on_hand, 0) / (units / days)


def slow_reason(units_window: int, turnover: float | None, slow_turnover_days: int) -> str | None:
    """Why a product on sale for the whole window is slow-moving: ``"no_sales"`` (no unit sold in the
    window), ``"slow_turnover"`` (turnover days above the setting, 90), else ``None``."""
    if units_window <= 0:
        return "no_sales"
    if turnover is not None and turnover > slow_turnover_days:
        return "slow_turnover"
    return None


@dataclass(frozen=True)
class Replenishment:
    """A suggested order for one product (補貨建議), with the terms it was computed from (the supplier and its
    minimum order read :data:`~shopdesk.domain.roles.MASK` for roles that may not see suppliers)."""

    product_id: int
    code: str
    sku: str
    name: str
    supplier: str  # "" when the product has none
    daily_units: float  # average units a day over the window
    lead_time_days: int
    safety_days: int
    planned: int  # units set aside for upcoming campaigns
    on_hand: int
    in_transit: int
    min_order_qty: int
    need: float  # daily × (lead time + safety days) + planned − (on hand + in transit)
    suggested_qty: int  # need rounded up to the minimum order quantity; 0: nothing to order


def suggested_quantity(units_window: int, window_days: int, lead_time_days: int, safety_days: int, planned: int,
                       on_hand: int, in_transit: int, min_order_qty: int) -> tuple[Fraction, int]:
    """(need, order quantity): average daily units (units sold in the window / its days) × (lead time +
    safety days) + planned campaign units − (on hand + in transit), rounded up to a whole multiple of the
    supplier's minimum order quantity; nothing to order when the need is not above zero. Exact: no
    floating-point rounding decides a unit."""
    daily = Fraction(units_window, window_days) if window_days > 0 else Fraction(0)
    need = daily * (lead_time_days + safety_days) + planned - (max(on_hand, 0) + in_transit)
    if need <= 0:
        return need, 0
    step = max(min_order_qty, 1)
    units = math.ceil(need)
    return need, math.ceil(Fraction(units, step)) * step


#: Movements staff post by hand (sales come from orders, stock-takes from a count).
MANUAL_KINDS = ("receipt", "return", "adjustment")


@dataclass(frozen=True)
class Difference:
    """One product of a stock-take: what the ledger says, what was counted, the movement posted."""

    code: str
    on_hand: int
    counted: int

    @property
    def difference(self) -> int:
        return self.counted - self.on_hand


def is_abnormal(quantity: int, large: int) -> bool:
    """An adjustment (or stock-take difference) this large, either way, is an abnormal operation."""
    return abs(quantity) >= large


def planned_units(reservations: list[tuple[str, int]], as_of: str, horizon_days: int) -> int:
    """Units set aside for the campaigns (their first day, units) that start after ``as_of`` and within
    ``horizon_days`` of it — the supplier's lead time and the safety days: stock ordered today arrives by
    then. A campaign already running is left out: its sales are in the pace already."""
    import datetime as dt
    last = (dt.date.fromisoformat(as_of) + dt.timedelta(days=horizon_days)).isoformat()
    return sum(units for starts_on, units in reservations if as_of < starts_on <= last)
