"""Weekly product monitoring (日常維護, SPEC §3): each product's units sold, conversion, add-to-cart rate
and stock over a week against its weekly target; stars (weekly sales over ``lifecycle.star_ratio`` of target,
150 %) are marked for more promotion, laggards (under ``lifecycle.laggard_ratio``, 80 %) for page or price
rework.

A week is the seven days up to a day (the day included). A product's target is the latest revision set for
it that applies by then; a product without one is measured against its usual week — its average weekly units
over the weeks before (``monitor.baseline_weeks``) — when it was on sale all that time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

WEEK_DAYS = 7
STAR, LAGGARD = "star", "laggard"
SET, USUAL = "set", "usual"  # where a units target comes from


def week_of(last: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the week ending on ``last``."""
    return last - dt.timedelta(days=WEEK_DAYS - 1), last


def ratio(value: float) -> Fraction:
    """A rate setting (1.5) as an exact fraction (3/2), so that 150 % of a target is compared exactly."""
    return Fraction(str(value))


def mark(units: int, target: Fraction | None, star_ratio: Fraction, laggard_ratio: Fraction) -> str | None:
    """``star`` above ``star_ratio`` × target, ``laggard`` below ``laggard_ratio`` × target, else ``None``
    (also with no target, or a target of zero: nothing to measure against)."""
    if not target:
        return None
    if units > star_ratio * target:
        return STAR
    if units < laggard_ratio * target:
        return LAGGARD
    return None


def usual_units(units_before: int, weeks: int, on_sale_since: str | None, baseline_first: str) -> Fraction | None:
    """The usual week's units: ``units_before`` sold over the ``weeks`` weeks starting ``baseline_first``,
    when the product was on sale from their start (a product listed since then has no usual week yet)."""
    if weeks <= 0 or (on_sale_since and on_sale_since > baseline_first):
        return None
    return Fraction(units_before, weeks)


def rate(part: int | None, whole: int | None) -> Fraction | None:
    """``part`` / ``whole``, or ``None`` when either is unknown or there is no whole."""
    if part is None or not whole:
        return None
    return Fraction(part, whole)


@dataclass(frozen=True)
class Target:
    """A product's weekly target (each part may be unset); rates in hundredths of a per cent (basis points)."""

    units: int | None = None
    conversion_bp: int | None = None
    add_to_cart_bp: int | None = None
    stock: int | None = None
    applies_from: str = ""
    set_by: str = ""


@dataclass(frozen=True)
class WeeklyLine:
    """One product's week against its target."""

    product_id: int
    code: str
    sku: str
    name: str
    owner: str
    units: int
    orders: int  # paid orders holding the product
    visitors: int | None  # None: no product traffic for the week
    add_to_cart: int | None
    on_hand: int | None  # None: stock not tracked
    target: Target
    units_target: Fraction | None  # the set target, or the usual week
    basis: str | None  # SET, USUAL or None (nothing to measure against)
    mark: str | None  # STAR, LAGGARD or None

    @property
    def conversion(self) -> Fraction | None:
        """Paid orders holding the product / the product's visitors."""
        return rate(self.orders, self.visitors)

    @property
    def add_to_cart_rate(self) -> Fraction | None:
        """Visitors who added it to the cart / the product's visitors."""
        return rate(self.add_to_cart, self.visitors)

    @property
    def attainment(self) -> Fraction | None:
        """Units sold / units target."""
        return Fraction(self.units) / self.units_target if self.units_target else None

    @property
    def below(self) -> tuple[str, ...]:
        """The parts of the set target the week fell short of: conversion, add_to_cart, stock."""
        short = []
        t = self.target
        if t.conversion_bp is not None and self.conversion is not None and self.conversion < Fraction(t.conversion_bp, 10000):
            short.append("conversion")
        if (t.add_to_cart_bp is not None and self.add_to_cart_rate is not None
                and self.add_to_cart_rate < Fraction(t.add_to_cart_bp, 10000)):
            short.append("add_to_cart")
        if t.stock is not None and self.on_hand is not None and self.on_hand < t.stock:
            short.append("stock")
        return tuple(short)


def sheet_order(line: WeeklyLine) -> tuple:
    """Stars first, then laggards, then the rest; within each, the highest attainment first, then by code."""
    group = {STAR: 0, LAGGARD: 1}.get(line.mark or "", 2 if line.units_target else 3)
    attainment = line.attainment
    return group, -(attainment if attainment is not None else Fraction(-1)), line.code
