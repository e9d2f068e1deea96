"""Profit per product (利潤核算), SPEC §4: sales − cost − platform commission − fulfilment − ad spend;
ROI (投產比) = sales / ad spend, against the handbook's floor of 1 : 2.5."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def _cents(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ProductProfit:
    """One product's profit over the window, in minor units."""

    code: str
    name: str
    units: int
    sales_cents: int
    cost_cents: int | None  # None: the product has no cost price
    commission_cents: int
    fulfilment_cents: int
    ad_spend_cents: int
    profit_cents: int | None
    margin: float | None  # profit / sales
    roi: float | None  # sales / ad spend (None without ad spend)
    below_roi_floor: bool


def product_profit(code: str, name: str, units: int, sales_cents: int, unit_cost_cents: int | None,
                   commission_rate: float, fulfilment_per_unit_cents: int, ad_spend_rate: float,
                   min_roi: float) -> ProductProfit:
    """The profit of ``units`` sold for ``sales_cents``: commission and ad spend as shares of sales, fulfilment
    per unit; no profit without a cost price; ROI flagged below ``min_roi``."""
    commission = _cents(Decimal(sales_cents) * Decimal(str(commission_rate)))
    ad_spend = _cents(Decimal(sales_cents) * Decimal(str(ad_spend_rate)))
    fulfilment = units * fulfilment_per_unit_cents
    cost = None if unit_cost_cents is None else units * unit_cost_cents
    profit = None if cost is None else sales_cents - cost - commission - fulfilment - ad_spend
    margin = None if profit is None or not sales_cents else profit / sales_cents
    roi = sales_cents / ad_spend if ad_spend else None
    below = roi is not None and not math.isclose(roi, min_roi) and roi < min_roi
    return ProductProfit(code, name, units, sales_cents, cost, commission, fulfilment, ad_spend, profit, margin, roi,
                         below)
