"""Supplier scorecard (供應商考核), SPEC §4: on-time delivery rate (交貨準時率) and quality pass rate
(產品合格率) from the replenishment orders, price competitiveness from the products' costs, and for dropship
suppliers the share of orders shipped within the deadline (95 % within 48 h by default)."""

from __future__ import annotations

from dataclasses import dataclass


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Scorecard:
    """One supplier's figures; ``None`` where the data has nothing to measure. For roles that may not see
    suppliers its id, name, minimum order, payment terms and price index read :data:`~shopdesk.domain.roles.MASK`."""

    supplier_id: int
    name: str
    lead_time_days: int
    dropship: bool
    orders_received: int
    on_time_rate: float | None  # received by the expected day / received
    quality_rate: float | None  # units passing QC / units checked
    price_index: float | None  # its products' cost / the average cost of their category (below 1: cheaper)
    dropship_orders: int
    shipped_in_time_rate: float | None  # dropship: shipped within the deadline / shipped
    meets_dropship_target: bool | None
    min_order_qty: int = 1
    payment_terms: str = ""


def on_time_rate(received: list[tuple[str, str]]) -> float | None:
    """Orders received by their expected day: (received day, expected day) pairs."""
    return _ratio(sum(got <= due for got, due in received), len(received))


def quality_rate(passed: int, checked: int) -> float | None:
    """產品合格率 = units passing quality control / units checked."""
    return _ratio(passed, checked)


def price_index(own_costs: list[tuple[str, int]], category_means: dict[str, float]) -> float | None:
    """The mean of each product's cost over its category's mean cost (all suppliers); 1 is the market."""
    ratios = [cost / category_means[cat] for cat, cost in own_costs if category_means.get(cat)]
    return sum(ratios) / len(ratios) if ratios else None


def shipped_in_time_rate(hours_to_ship: list[float], deadline_hours: int) -> float | None:
    """Dropship orders shipped within ``deadline_hours`` of payment / dropship orders shipped."""
    return _ratio(sum(h <= deadline_hours for h in hours_to_ship), len(hours_to_ship))
