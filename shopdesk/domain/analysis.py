"""The further analysis of SPEC §1: sales by hour and weekday (時段波動), contribution by channel
(渠道貢獻度), the funnel (漏斗模型) and repurchase (復購率) with the new-customer share.

Pure functions over sums the store layer counts; no figure here is ever shown
as 0 when its data is missing (``None``, "—" on screen). Money is integer
minor units; rates are 0–1 fractions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shopdesk.i18n import N_


def _ratio(part: int, whole: int | None) -> float | None:
    return None if not whole else part / whole


@dataclass(frozen=True)
class HourGrid:
    """Paid orders and their amounts by weekday (0 = Monday) and hour of day, in the store's time zone."""

    orders: tuple[tuple[int, ...], ...]  # [weekday][hour]
    gmv_cents: tuple[tuple[int, ...], ...]

    @property
    def total_orders(self) -> int:
        return sum(map(sum, self.orders))

    def peak(self) -> tuple[int, int] | None:
        """(weekday, hour) with the most paid orders (the earliest of equals), ``None`` without orders."""
        best = max(((self.orders[w][h], -w, -h) for w in range(7) for h in range(24)), default=(0, 0, 0))
        return None if best[0] == 0 else (-best[1], -best[2])

    def by_hour(self) -> tuple[int, ...]:
        """Paid orders per hour of day, all weekdays together."""
        return tuple(sum(self.orders[w][h] for w in range(7)) for h in range(24))


def hour_grid(cells: dict[tuple[int, int], tuple[int, int]]) -> HourGrid:
    """The grid of ``(weekday, hour) → (paid orders, amount)``; cells not given are zero."""
    orders = tuple(tuple(cells.get((w, h), (0, 0))[0] for h in range(24)) for w in range(7))
    gmv = tuple(tuple(cells.get((w, h), (0, 0))[1] for h in range(24)) for w in range(7))
    return HourGrid(orders, gmv)


@dataclass(frozen=True)
class ChannelRow:
    """One traffic channel's part of the period.

    Attributes:
        channel: the channel as the data names it ("" for orders without one).
        visitors: the channel's visitors, ``None`` where the traffic data has no such channel.
        add_to_cart: its add-to-cart count, ``None`` where not known.
        orders / gmv_cents: paid orders created through the channel and their amounts.
        gmv_share: its share of the period's GMV (渠道貢獻度), ``None`` without GMV.
        visitor_share: its share of the channels' visitors, ``None`` without channel traffic.
        conversion: paid orders / visitors of the channel.
    """

    channel: str
    visitors: int | None
    add_to_cart: int | None
    orders: int
    gmv_cents: int
    gmv_share: float | None
    visitor_share: float | None
    conversion: float | None


def channel_rows(orders: dict[str, tuple[int, int]], traffic: dict[str, tuple[int, int | None]]) -> list[ChannelRow]:
    """Every channel met in the orders (``channel → (paid orders, amount)``) or in the traffic
    (``channel → (visitors, add-to-cart)``), largest GMV first, then most visitors."""
    gmv_total = sum(g for _n, g in orders.values())
    visitors_total = sum(v for v, _c in traffic.values())
    rows = []
    for channel in sorted(set(orders) | set(traffic)):
        count, gmv = orders.get(channel, (0, 0))
        visitors, carts = traffic.get(channel, (None, None))
        rows.append(ChannelRow(channel, visitors, carts, count, gmv, _ratio(gmv, gmv_total or None),
                               _ratio(visitors, visitors_total or None) if visitors is not None else None,
                               _ratio(count, visitors) if visitors is not None else None))
    rows.sort(key=lambda r: (-r.gmv_cents, -(r.visitors or 0), r.channel))
    return rows


@dataclass(frozen=True)
class RegionRow:
    """One region's part of the period: where its paid orders ship to (a province, state or country).

    Attributes:
        region: the region as the orders name it ("" for orders without one).
        orders / gmv_cents: the paid orders shipped there and their amounts.
        gmv_share: its share of the period's GMV, ``None`` without GMV.
    """

    region: str
    orders: int
    gmv_cents: int
    gmv_share: float | None


def region_rows(orders: dict[str, tuple[int, int]]) -> list[RegionRow]:
    """Every region of the paid orders (``region → (paid orders, amount)``), largest GMV first, the orders
    without a region last."""
    total = sum(g for _n, g in orders.values())
    rows = [RegionRow(region, count, gmv, _ratio(gmv, total or None)) for region, (count, gmv) in orders.items()]
    rows.sort(key=lambda r: (r.region == "", -r.gmv_cents, -r.orders, r.region))
    return rows


FUNNEL_STEPS = ("impressions", "clicks", "visitors", "add_to_cart", "orders")
FUNNEL_LABELS = {"impressions": N_("Impressions"), "clicks": N_("Clicks"), "visitors": N_("Visitors"),
                 "add_to_cart": N_("Add-to-cart"), "orders": N_("Paid orders")}


@dataclass(frozen=True)
class FunnelStep:
    """One step of the funnel: its count and the share of the step before that reached it."""

    step: str
    count: int
    rate: float | None  # count / the previous step's count; ``None`` for the first step


def funnel(counts: dict[str, int | None]) -> list[FunnelStep]:
    """Exposure → click → visit → add-to-cart → payment, with the steps the data has.

    A step without data (``None``) is left out, and the next step's rate is taken
    against the step before it that has data. Fewer than two steps make no funnel.
    """
    steps: list[FunnelStep] = []
    for step in FUNNEL_STEPS:
        count = counts.get(step)
        if count is None:
            continue
        rate = _ratio(count, steps[-1].count or None) if steps else None
        steps.append(FunnelStep(step, count, rate))
    return steps if len(steps) >= 2 else []


@dataclass(frozen=True)
class CustomerMonth:
    """Buyers of one month: how many, how many bought twice or more (復購), and the new-customer share;
    ``None`` (not 0) where the month's orders name no buyer."""

    period: str
    buyers: int | None
    repeat_buyers: int | None
    repurchase_rate: float | None  # repeat buyers / buyers
    new_customer_share: float | None  # paid orders from first-time buyers / paid orders


def repurchase_rate(buyers: int | None, repeat_buyers: int | None) -> float | None:
    """復購率: buyers with two or more paid orders in the period / buyers in the period."""
    return None if repeat_buyers is None else _ratio(repeat_buyers, buyers or None)


def customers_unknown(months: list[CustomerMonth]) -> bool:
    """Whether every figure of the months is unknown (their orders name no buyer): the reports leave the
    table out and the dashboard shows no chart, each saying why."""
    return bool(months) and all(m.buyers is None and m.repurchase_rate is None and m.new_customer_share is None
                                for m in months)


#: Why the repurchase table and chart are missing when :func:`customers_unknown`.
NO_BUYERS = N_("The orders of these months name no buyer, so buyers, the repurchase rate and the new-customer "
               "share cannot be known; import orders with buyer IDs to see them.")


@dataclass(frozen=True)
class Analysis:
    """The further analysis of one span of days."""

    first_day: str
    last_day: str
    hours: HourGrid
    channels: list[ChannelRow]
    funnel: list[FunnelStep]
    customers: list[CustomerMonth]
    regions: list[RegionRow] = field(default_factory=list)  # empty when no order of the span names a region
