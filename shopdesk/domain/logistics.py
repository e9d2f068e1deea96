"""Logistics channels (物流渠道), SPEC §4: delivery time, cost and damage rate per carrier."""

from __future__ import annotations

from dataclasses import dataclass

#: Words an after-sales reason uses for goods damaged in transit.
DAMAGE_WORDS = ("破损", "破損", "损坏", "損壞", "压坏", "壓壞", "damaged", "broken")


@dataclass(frozen=True)
class CarrierFigures:
    """One carrier's orders over the window."""

    carrier: str
    shipped: int  # orders it carried
    delivered: int  # of those, delivered
    hours_to_ship: float | None  # mean hours from payment to shipment
    hours_to_deliver: float | None  # mean hours from shipment to delivery
    shipping_cents: int | None  # mean shipping charge per order
    damaged: int  # after-sales cases for damage on its orders
    damage_rate: float | None  # damaged / delivered


def is_damage(reason: str) -> bool:
    """Whether an after-sales reason speaks of damage in transit."""
    text = reason.casefold()
    return any(word in text for word in DAMAGE_WORDS)


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None
