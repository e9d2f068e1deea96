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
    flag: str


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
        if mark and rate is not None and (direction == 0 or rate * direction > 0):
            found.append(ScopedDeviation(scope_of(kind, name), metric, actual, base, rate, mark))
    found.sort(key=lambda d: (-abs(d.actual - d.usual), d.scope))
    return found[:limit]



def _metric_order(metric: str) -> int:
    from shopdesk.domain.kpi import CARD_METRICS
    return CARD_METRICS.index(metric) if metric in CARD_METRICS else len(CARD_METRICS)


def _scope_order(row: dict) -> tuple:
    kind, _name = split_scope(row["scope"])
    actual, target = row.get("actual"), row.get("target")
    gap = abs(actual - target) if actual is not None and target is not None else 0.0
    return (0 if kind == CHANNEL else 1, -gap, row["scope"])


def grouped(rows: list[dict], favourable_cause: bool = False, open_only: bool = False) -> list[dict]:
    """The anomaly list as people work through it: newest day first; under each day the store's metrics
    (in the dashboard's order), each followed by the channels and then the products behind it (largest
    change from usual first), marked ``depth`` 1. A channel or product whose store metric is no longer
    on the list stands on its own (``depth`` 0) after the day's store metrics.

    Each row gains ``favourable`` (``True``/``False``, ``None`` without a deviation), ``needs_cause``
    (see :func:`~shopdesk.domain.targets.needs_cause`), ``covered`` (a channel or product without a note of
    its own under a store metric that has one: that note explains it) and ``waiting`` (needs a cause, has
    none and is not covered).
    ``open_only`` keeps the groups holding a row that is waiting, each group whole.

    Args:
        rows: the anomalies, each with ``day``, ``metric``, ``scope``, ``target``, ``actual``,
            ``deviation`` and ``cause``.
        favourable_cause: whether favourable anomalies need a cause note too (``anomaly.favourable_cause``).
    """
    from shopdesk.domain.targets import favourable, needs_cause
    marked = []
    for row in rows:
        good = favourable(row["metric"], row["deviation"])
        must = needs_cause(row["metric"], row["deviation"], favourable_cause)
        marked.append({**row, "favourable": good, "needs_cause": must, "waiting": must and not row["cause"],
                       "covered": False})
    heads = {(r["day"], r["metric"]): r for r in marked if not r["scope"]}
    members: dict[tuple[str, str], list[dict]] = {}
    alone = []
    for r in marked:
        if not r["scope"]:
            continue
        if (r["day"], r["metric"]) in heads:
            members.setdefault((r["day"], r["metric"]), []).append(r)
        else:
            alone.append(r)
    groups: list[tuple[tuple, list[dict]]] = []
    for key, head in heads.items():
        below = sorted(members.get(key, []), key=_scope_order)
        covered = bool(head["cause"])  # the store metric's note explains the channels and products under it
        groups.append(((key[0], 0, _metric_order(key[1])), [{**head, "depth": 0}] + [
            {**r, "depth": 1, "covered": covered and not r["cause"], "waiting": r["waiting"] and not covered}
            for r in below]))
    for r in alone:
        groups.append(((r["day"], 1, _metric_order(r["metric"]), *_scope_order(r)), [{**r, "depth": 0}]))
    groups.sort(key=lambda g: g[0][1:])
    groups.sort(key=lambda g: g[0][0], reverse=True)  # newest day first, stable within the day
    out = []
    for _key, group in groups:
        if not open_only or any(r["waiting"] for r in group):
            out += group
    return out
