"""Bulk edits of the catalog (SPEC §3): one change applied to many products — a price set or moved by a
percentage, a cost, a safety stock set or moved by some units, a supplier, an owner, a lifecycle stage or a
category path. What each product's value becomes is computed here, before anything is written, so that the
preview shows exactly what the edit will write."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from shopdesk.domain.vocabularies import PRODUCT_STAGES
from shopdesk.i18n import N_

#: What a bulk edit may change, and how: "set" a value, move by a "percent" or "add" units.
MODES: dict[str, tuple[str, ...]] = {
    "price": ("set", "percent"), "cost": ("set", "percent"), "safety_stock": ("set", "add"),
    "supplier": ("set",), "owner": ("set",), "stage": ("set",), "category": ("set",),
    "commission": ("set",), "fulfilment": ("set",), "ad_spend": ("set",),
}
#: Stages a bulk edit may set: delisting (退市) needs an approved application, never a bulk edit.
STAGES = tuple(stage for stage in PRODUCT_STAGES if stage != "delisted")


class BadChange(ValueError):
    """A change that cannot be applied to a product; its text is a message id saying why."""


def basis_points(text: str) -> int:
    """A percentage as typed (``3.5`` or ``3.5%``) in hundredths of a per cent (350).

    Raises:
        ValueError: not a number, below 0, over 100 or with more than two decimals.
    """
    try:
        value = Decimal(text.strip().removesuffix("%").strip()) * 100
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or value < 0 or value > 10000 or value != value.to_integral_value():
        raise ValueError(text)
    return int(value)


@dataclass(frozen=True)
class Change:
    """One edit: ``field`` (a key of :data:`MODES`), ``mode`` and its ``value`` — minor units for money,
    a percentage as a Decimal for ``percent``, whole units, an id (or ``None``) for supplier and owner, a
    stage code, a tuple of up to three category names, or a product's own commission or ad spend rate in
    hundredths of a per cent (``None``: the store's setting applies)."""

    field: str
    mode: str
    value: Any

    def __post_init__(self) -> None:
        if self.mode not in MODES.get(self.field, ()):
            raise BadChange(N_("This change cannot be made that way."))


def _percent(current: int, percent: Decimal) -> int:
    return int((Decimal(current) * (100 + percent) / 100).to_integral_value(rounding=ROUND_HALF_UP))


def new_value(change: Change, current: Any) -> Any:
    """What one product's ``current`` value becomes.

    Raises:
        BadChange: the result would be negative (a price, cost or safety stock), a percentage of an unknown
            cost, a stage a bulk edit may not set, or a category path with a gap.
    """
    field, mode, value = change.field, change.mode, change.value
    if field in ("price", "cost", "fulfilment"):
        if mode == "percent":
            if current is None:
                raise BadChange(N_("It has no cost to change by a percentage."))
            result = _percent(current, value)
        else:
            result = value
        if result is not None and result < 0:
            raise BadChange(N_("It would be negative."))
        return result
    if field == "safety_stock":
        result = value if mode == "set" else current + value
        if result < 0:
            raise BadChange(N_("It would be negative."))
        return result
    if field == "stage" and value not in STAGES:
        raise BadChange(N_("This stage cannot be set by a bulk edit."))
    if field == "category":
        path = tuple(part.strip() for part in value) + ("",) * (3 - len(value))
        if len(path) != 3 or any(not path[i] and path[i + 1] for i in range(2)) or not path[0]:
            raise BadChange(N_("A category path needs its levels in order."))
        return path
    return value
