"""Figures as text in the current language, the same on screen and on paper."""

from __future__ import annotations

from shopdesk.domain.kpi import Span
from shopdesk.domain.targets import MONEY, RATES
from shopdesk.i18n import _, formatting


def metric_text(metric: str, value: float | None, currency: str) -> str:
    """A metric's value in the current language ("—" for no value)."""
    if value is None:
        return "—"
    if metric in MONEY:
        return formatting.money(int(value), currency)
    if metric in RATES or metric == "sell_through":
        return formatting.percent(value, 2 if metric == "conversion" else 1)
    if metric == "turnover_days":
        return formatting.number(value, 1)
    return formatting.number(value)


def change_text(rate: float | None) -> str:
    """▲ or ▼ with the relative change, or "—"."""
    if rate is None:
        return "—"
    arrow = "▲" if rate > 0 else "▼" if rate < 0 else "="
    return f"{arrow} {formatting.percent(abs(rate), 1)}"


def to_date_text(span: Span) -> str:
    """"to date (15 of 30 days)" for a week or month still running (counted and compared to date); "" for
    a whole period."""
    if not span.running:
        return ""
    return _("to date ({days} of {total} days)").format(days=formatting.number(span.days),
                                                        total=formatting.number(span.period_days))


def channel_name(channel: str) -> str:
    """A channel as shown ("(no channel)" for orders that name none)."""
    return channel or _("(no channel)")


def scope_text(scope: str) -> str:
    """Where an anomaly lies: "" for the whole store, "Channel 搜索", "Product SP2024001"."""
    kind, _sep, name = scope.partition(":")
    if not name:
        return ""
    return (_("Channel {name}") if kind == "channel" else _("Product {name}")).format(name=name)


def metric_in_scope(metric_label: str, scope: str) -> str:
    """A metric's label with the channel or product it was found in."""
    where = scope_text(scope)
    return f"{metric_label} · {where}" if where else metric_label
