"""Store settings: every number SPEC names is the default of one of these.

Each setting is declared once here with its key, type, default, unit, bounds
and description. Values live in the store file (they travel with it); the
Settings dialog and ``shopdesk`` commands edit them through
:func:`validate`.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from shopdesk.domain.kpi import METRIC_LABELS
from shopdesk.domain.money import is_currency
from shopdesk.domain.targets import METRICS
from shopdesk.i18n import N_, _


class Kind(StrEnum):
    """How a setting's value is typed and shown."""

    INT = "int"
    RATE = "rate"  # a 0–1 fraction, shown as a percentage
    DECIMAL = "decimal"
    TEXT = "text"
    CURRENCY = "currency"
    TIMEZONE = "timezone"
    TIME = "time"  # HH:MM
    CHOICE = "choice"  # one of the setting's choices


@dataclass(frozen=True)
class Setting:
    """One declared setting."""

    key: str
    kind: Kind
    default: Any
    description: str  # a message id, translated when shown
    unit: str = ""  # a message id
    minimum: float | None = None
    maximum: float | None = None
    group: str = N_("General")
    choices: tuple[str, ...] = ()
    optional: bool = False  # may be left empty (``None``): the description says what empty means
    subject: str = ""  # the metric a per-metric setting is about, named in its description
    fallback: str = ""  # the setting whose value applies while this one is empty

    def describe(self) -> str:
        """The description in the current language, naming the setting's metric."""
        if self.subject:
            return _(self.description).format(metric=_(METRIC_LABELS[self.subject]))
        return _(self.description)


def _s(key: str, kind: Kind, default: Any, description: str, unit: str = "",
       minimum: float | None = None, maximum: float | None = None, group: str = N_("General"),
       choices: tuple[str, ...] = (), optional: bool = False, subject: str = "", fallback: str = "") -> Setting:
    return Setting(key, kind, default, description, unit, minimum, maximum, group, choices, optional, subject,
                   fallback)


def _per_metric() -> tuple[Setting, ...]:
    """A threshold and a red line for every metric that can have a target (SPEC §1: 5 % by default, per
    metric; a red line, such as visitors 10 % below target, marks a severe anomaly)."""
    thresholds = tuple(
        _s(f"anomaly.threshold.{m}", Kind.RATE, None,
           N_("{metric}: anomaly threshold (empty: the general one)"),
           minimum=0, maximum=10, group=G_ANOMALY, optional=True, subject=m, fallback="anomaly.threshold")
        for m in METRICS)
    red_lines = tuple(
        _s(f"anomaly.redline.{m}", Kind.RATE, 0.10 if m == "visitors" else None,
           N_("{metric}: red line of a severe anomaly, on the bad side of target (empty: none)"),
           minimum=0, maximum=10, group=G_ANOMALY, optional=True, subject=m) for m in METRICS)
    return thresholds + red_lines


DAYS, UNITS, HOURS, MINUTES, COPIES = N_("days"), N_("units"), N_("hours"), N_("minutes"), N_("copies")
G_STORE, G_OPS, G_ANOMALY, G_CATALOG, G_CAMPAIGN, G_SERVICE, G_REPORTS, G_IMPORT = (
    N_("Store"), N_("Daily operations"), N_("Anomalies"), N_("Catalog and stock"), N_("Campaigns"),
    N_("Customer service"), N_("Reports"), N_("Imports"))

SETTINGS: tuple[Setting, ...] = (
    _s("store.name", Kind.TEXT, "", N_("Store name, printed on every report"), group=G_STORE),
    _s("store.currency", Kind.CURRENCY, "CNY", N_("Currency of all amounts"), group=G_STORE),
    _s("store.timezone", Kind.TIMEZONE, "Asia/Shanghai",
       N_("Time zone that decides an event's business day"), group=G_STORE),
    _s("backup.keep", Kind.INT, 14, N_("Backups kept in the backups folder"), COPIES, 1, 1000, G_STORE),
    _s("store.full_check_days", Kind.INT, 1, N_("Days between full checks of the store file when it is opened "
                                                "(one is also made after an unclean shutdown; 0: on every open)"),
       DAYS, 0, 365, G_STORE),
    _s("report.paper", Kind.CHOICE, "a4", N_("Paper size of printed reports (a4 or letter)"), group=G_REPORTS,
       choices=("a4", "letter")),
    _s("report.font", Kind.TEXT, "", N_("Reports font: a TrueType file covering Chinese (empty: found on this system)"),
       group=G_REPORTS),
    _s("import.max_quantity", Kind.INT, 1_000_000,
       N_("Most units one imported order line may hold (a larger quantity is refused as a problem)"), UNITS, 1,
       1_000_000_000_000, G_IMPORT),
    _s("import.max_unit_price", Kind.INT, 10_000_000,
       N_("Highest unit price an imported order line may have, in the store currency (a higher one is refused as "
          "a problem)"), minimum=1, maximum=1_000_000_000_000, group=G_IMPORT),
    _s("import.earliest_year", Kind.INT, 2000,
       N_("Earliest year an imported or typed date may fall in (an earlier one is refused as a problem)"),
       minimum=1900, maximum=9998, group=G_IMPORT),
    _s("import.years_ahead", Kind.INT, 1,
       N_("Years after the current one an imported or typed date may fall in (a later one is refused)"),
       minimum=0, maximum=100, group=G_IMPORT),
    _s("ops.collect_by", Kind.TIME, "09:00", N_("Daily figures are due by"), group=G_OPS),
    _s("ops.review_at", Kind.TIME, "17:00", N_("Time of the daily review"), group=G_OPS),
    _s("view.refresh_minutes", Kind.INT, 30,
       N_("Minutes between automatic refreshes of the figures the dashboard and overview show (changes made in "
          "this window show at once; 0: no automatic refresh)"), MINUTES, 0, 1440, G_OPS),
    _s("anomaly.threshold", Kind.RATE, 0.05,
       N_("Deviation from target that puts a metric on the anomaly list"), minimum=0, maximum=10, group=G_ANOMALY),
    *_per_metric(),
    _s("anomaly.usual_weeks", Kind.INT, 4,
       N_("Weeks of the same weekday behind a channel's or product's usual value"), N_("weeks"), 2, 26, G_ANOMALY),
    _s("anomaly.min_share", Kind.RATE, 0.05,
       N_("Smallest share of the store's usual value for a channel or product to be checked"), minimum=0,
       maximum=1, group=G_ANOMALY),
    _s("anomaly.product_limit", Kind.INT, 5,
       N_("Products listed at most for a metric beyond its threshold on a day"), N_("products"), 0, 100, G_ANOMALY),
    _s("anomaly.favourable_cause", Kind.CHOICE, "optional",
       N_("Cause note of a favourable anomaly (better than target): optional or required"), group=G_ANOMALY,
       choices=("optional", "required")),
    _s("kpi.turnover_window_days", Kind.INT, 30,
       N_("Days of sales behind inventory turnover"), DAYS, 1, 365, G_OPS),
    _s("stock.safety_default", Kind.INT, 50, N_("Safety stock of a new product"), UNITS, 0, None, G_CATALOG),
    _s("replenish.window_days", Kind.INT, 30, N_("Days of sales behind the replenishment pace"), DAYS, 1, 365,
       G_CATALOG),
    _s("replenish.safety_days", Kind.INT, 7, N_("Days of sales kept in stock beyond the supplier's lead time"), DAYS,
       0, 365, G_CATALOG),
    _s("stock.large_adjustment", Kind.INT, 100,
       N_("An adjustment or stock-take difference of this many units is an abnormal operation"), UNITS, 1, None,
       G_CATALOG),
    _s("lifecycle.slow_days", Kind.INT, 30,
       N_("Days without a sale that make a product slow-moving"), DAYS, 1, 365, G_CATALOG),
    _s("lifecycle.slow_turnover_days", Kind.INT, 90,
       N_("Turnover days that make a product slow-moving"), DAYS, 1, 3650, G_CATALOG),
    _s("lifecycle.delist_after_days", Kind.INT, 30,
       N_("Days of clearance without a sale before delisting starts"), DAYS, 1, 365, G_CATALOG),
    _s("lifecycle.star_ratio", Kind.RATE, 1.5,
       N_("Weekly sales against target that mark a star"), minimum=0, maximum=100, group=G_CATALOG),
    _s("lifecycle.laggard_ratio", Kind.RATE, 0.8,
       N_("Weekly sales against target that mark a laggard"), minimum=0, maximum=100, group=G_CATALOG),
    _s("monitor.baseline_weeks", Kind.INT, 4,
       N_("Weeks of sales that make a product's usual week when it has no weekly target"), N_("weeks"), 1, 52,
       G_CATALOG),
    _s("listing.blank_attribute_rate", Kind.RATE, 0.2,
       N_("Share of blank attributes that flags a listing"), minimum=0, maximum=1, group=G_CATALOG),
    _s("supplier.dropship_on_time_rate", Kind.RATE, 0.95,
       N_("Share of dropship orders a supplier must ship in time"), minimum=0, maximum=1, group=G_CATALOG),
    _s("supplier.dropship_hours", Kind.INT, 48, N_("Dropship shipping deadline"), HOURS, 1, 720, G_CATALOG),
    _s("profit.commission_rate", Kind.RATE, 0.05, N_("Platform commission on sales"), minimum=0, maximum=1,
       group=G_CATALOG),
    _s("profit.fulfilment_per_unit", Kind.DECIMAL, 0, N_("Fulfilment cost per unit sold (packing, shipping), in the "
                                                        "store currency"), minimum=0, maximum=100000, group=G_CATALOG),
    _s("profit.ad_spend_rate", Kind.RATE, 0, N_("Ad spend as a share of sales"), minimum=0, maximum=1,
       group=G_CATALOG),
    _s("profit.window_days", Kind.INT, 30, N_("Days of sales behind the profit per product"), DAYS, 1, 365,
       G_CATALOG),
    _s("profit.min_roi", Kind.DECIMAL, 2.5, N_("Lowest acceptable ROI (1 : x)"), minimum=0, maximum=1000,
       group=G_CATALOG),
    _s("campaign.entry_min_sales", Kind.INT, 50,
       N_("Historical sales a product needs to enter a campaign"), UNITS, 0, None, G_CAMPAIGN),
    _s("campaign.lowest_price_days", Kind.INT, 30,
       N_("Days over which the campaign price may not exceed the lowest price"), DAYS, 1, 365, G_CAMPAIGN),
    _s("campaign.prep_days", Kind.INT, 15, N_("Planning starts this long before a campaign"), DAYS, 1, 120,
       G_CAMPAIGN),
    _s("campaign.warmup_days", Kind.INT, 3, N_("Length of the warm-up period"), DAYS, 0, 60, G_CAMPAIGN),
    _s("campaign.main_days", Kind.INT, 7, N_("Length of the main period"), DAYS, 1, 60, G_CAMPAIGN),
    _s("campaign.review_days", Kind.INT, 3, N_("Review due this long after a campaign ends"), DAYS, 1, 7,
       G_CAMPAIGN),
    _s("campaign.refresh_minutes", Kind.INT, 30, N_("Live monitoring refresh interval"), MINUTES, 1, 60,
       G_CAMPAIGN),
    _s("sla.urgent_minutes", Kind.INT, 30, N_("First-response time for urgent tickets"), MINUTES, 1, 10080,
       G_SERVICE),
    _s("sla.normal_minutes", Kind.INT, 120, N_("First-response time for normal tickets"), MINUTES, 1, 10080,
       G_SERVICE),
)

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


def setting(key: str) -> Setting:
    """The declaration of ``key``; raises KeyError for an unknown key."""
    return BY_KEY[key]


def _bound(decl: Setting, bound: float) -> str:
    return f"{bound * 100:g}%" if decl.kind == Kind.RATE else f"{bound:g}"


def validate(key: str, raw: Any) -> Any:
    """Parse and check a value for setting ``key``.

    Returns:
        The value in its stored type.

    Raises:
        KeyError: unknown setting.
        ValueError: the value is not acceptable; the message says why, translated.
    """
    decl = BY_KEY[key]
    text = "" if raw is None else str(raw).strip()
    if decl.optional and text == "":
        return None
    if decl.kind in (Kind.INT, Kind.RATE, Kind.DECIMAL):
        try:
            value: Any = int(text) if decl.kind == Kind.INT else float(text)
        except ValueError:
            raise ValueError(_("'{value}' is not a number.").format(value=text)) from None
        if decl.minimum is not None and value < decl.minimum:
            if decl.minimum == 0:
                raise ValueError(_("It cannot be negative."))
            raise ValueError(_("It must be at least {minimum}.").format(minimum=_bound(decl, decl.minimum)))
        if decl.maximum is not None and value > decl.maximum:
            raise ValueError(_("It must be at most {maximum}.").format(maximum=_bound(decl, decl.maximum)))
        return value
    if decl.kind == Kind.CURRENCY:
        if not is_currency(text.upper()):
            raise ValueError(_("'{value}' is not a currency code such as CNY, TWD or USD.").format(value=text))
        return text.upper()
    if decl.kind == Kind.TIMEZONE:
        try:
            zoneinfo.ZoneInfo(text)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(_("'{value}' is not a time zone such as Asia/Shanghai.").format(value=text)) from None
        return text
    if decl.kind == Kind.CHOICE:
        if text.lower() not in decl.choices:
            raise ValueError(_("'{value}' is not one of: {choices}.").format(value=text, choices=", ".join(decl.choices)))
        return text.lower()
    if decl.kind == Kind.TIME:
        try:
            dt.time.fromisoformat(text)
        except ValueError:
            raise ValueError(_("'{value}' is not a time of day such as 09:00.").format(value=text)) from None
        return text[:5]
    return text
