"""Locating an anomaly (異常分析與定位), SPEC §1 step 3: deviations are also checked per channel and
per product.

A store metric beyond its threshold on a day is broken down: each channel (and
each product, for GMV and paid orders) is compared with its usual value, the
average of the same weekday in the weeks before. Those beyond the metric's
threshold, large enough to matter, join the anomaly list with their scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from shopdesk.domain.targets import deviation, flag

#: Metrics broken down per channel (from traffic and orders) and per product (from order lines).
BY_CHANNEL = ("visitors", "gmv", "orders")
BY_PRODUCT = ("gmv", "orders")
CHANNEL, PRODUCT = "channel", "product"


def scope_of(kind: str, name: str) -> str:
    """The anomaly list's scope text: ``channel:搜索``, ``product:SP2024001``."""
    return f"{kind}:{name}"


def split_scope(scope: str) -> tuple[str, str]:
    """(kind, name) of a scope; ``("", "")`` for the whole store."""
    kind, _sep, name = scope.partition(":")
    return (kind, name) if name else ("", "")


def usual(earlier: list[float | None]) -> float | None:
    """The usual value: the mean of the earlier same weekdays that have a value (at least two)."""
    known = [v for v in earlier if v is not None]
    return sum(known) / len(known) if len(known) >= 2 else None


@dataclass(frozen=True)
class ScopedDeviation:
    """One channel's or product's figure on a day against its usual value."""

    scope: str
    metric: str
    actual: float
    usual: float
    deviation: float
    flag: str | None


def locate(metric: str, today: dict[str, float], earlier: list[dict[str, float]], kind: str, threshold: float,
           red_line: float | None, min_share: float, limit: int, direction: int = 0) -> list[ScopedDeviation]:
    """The channels or products of ``kind`` whose ``metric`` today is beyond ``threshold`` from usual,
    moving the way the store's metric moved from its target (``direction`` −1 or +1; 0: either way):
    those are where the store's deviation lies.

    Args:
        today: name → the metric today (a name missing has 0).
        earlier: the same weekday in the weeks before, each name → value (missing: 0 that day, when the
            day has any data; a day without data at all is left out by the caller).
        min_share: a name is checked only when its usual value is at least this share of all names' usual total.
        limit: at most this many, largest absolute change from usual first.
    """
    names = set(today).union(*earlier) if earlier else set(today)
    usuals = {n: usual([float(day.get(n, 0)) for day in earlier]) for n in names}
    total = sum(u for u in usuals.values() if u)
    found = []
    for name in sorted(names):
        base = usuals[name]
        if not base or base < min_share * total:
            continue
        actual = float(today.get(name, 0))
        rate = deviation(actual, base)
        mark = flag(rate, threshold, red_line, metric)
        if mark and (direction == 0 or (rate or 0) * direction > 0):
            found.append(ScopedDeviation(scope_of(kind, name), metric, actual, base, rate, mark))
    found.sort(key=lambda d: (-abs(d.actual - d.usual), d.scope))
    return found[:limit]

