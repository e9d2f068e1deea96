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

def deviation_text(rate: float | None) -> str:
    """A deviation from target (or from usual) with its sign: ``+19.7%``, ``−11.4%``, or "—"."""
    return formatting.signed_percent(rate, 1)


#: Colours of an anomaly's deviation, the same on screen and on paper: good news green, bad news orange,
#: past the red line red.
FAVOURABLE_COLOUR, UNFAVOURABLE_COLOUR, SEVERE_COLOUR = "#2e7d32", "#e69500", "#c62828"


def assessment(favourable: bool | None, severity: str) -> tuple[str, str]:
    """An anomaly's word and colour: "favourable" (green), "unfavourable" (orange), "unfavourable,
    severe" (red, past the red line)."""
    if favourable:
        return _("favourable"), FAVOURABLE_COLOUR
    if severity == "severe":
        return _("unfavourable, severe"), SEVERE_COLOUR
    return _("unfavourable"), UNFAVOURABLE_COLOUR


def cause_text(cause: str, waiting: bool, covered: bool = False) -> str:
    """An anomaly's cause note; "explained above" for a channel or product under an explained store metric;
    "cause not yet noted" where one is needed; "cause optional" where not."""
    if cause:
        return cause
    if covered:
        return _("explained above")
    return _("cause not yet noted") if waiting else _("cause optional")


def channel_name(channel: str) -> str:
    """A channel as shown ("(no channel)" for orders that name none)."""
    return channel or _("(no channel)")


def scope_text(scope: str, product_name: str = "") -> str:
    """Where an anomaly lies: "" for the whole store, "Channel 搜索", "Product 保溫杯 (SP2024001)" (the
    code alone when the product has no name on file)."""
    kind, _sep, name = scope.partition(":")
    if not name:
        return ""
    if kind == "channel":
        return _("Channel {name}").format(name=name)
    if product_name and product_name != name:
        name = f"{product_name} ({name})"
    return _("Product {name}").format(name=name)


def metric_in_scope(metric_label: str, scope: str, product_name: str = "") -> str:
    """A metric's label with the channel or product it was found in."""
    where = scope_text(scope, product_name)
    return f"{metric_label} · {where}" if where else metric_label


def scope_line(scope: str, product_name: str = "") -> str:
    """A channel's or product's row under the store metric it explains: "↳ Product 保溫杯 (SP2024001)"."""
    return "↳ " + scope_text(scope, product_name)
