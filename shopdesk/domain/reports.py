"""What an operations report (運營日報 / 周報 / 月報, SPEC §1 and §9) is made of.

The service fills a :class:`ReportFigures` from the same functions the
dashboard uses; the report builders only lay it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from shopdesk.domain.analysis import Analysis
from shopdesk.domain.confirmation import DayStatus
from shopdesk.domain.kpi import Dashboard, PeriodKpis
from shopdesk.domain.meetings import Meeting
from shopdesk.domain.tasks import Task

KINDS = {"daily": "day", "weekly": "week", "monthly": "month"}
#: The printed lists of the catalog and stock (SPEC §9).
LISTS = ("replenishment", "slow-moving", "suppliers", "delisting", "product-weekly")
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class AnomalyLine:
    """One entry of the anomaly list as a report prints it: the cause and the owners of its tasks."""

    day: dt.date
    metric: str
    scope: str
    target: float
    actual: float | None
    deviation: float
    severity: str
    cause: str
    owners: tuple[str, ...]
    favourable: bool | None = None  # better than target (or usual): good news
    waiting: bool = False  # needs a cause note and has none yet
    covered: bool = False  # a channel or product explained by the note of the store metric above it
    depth: int = 0  # 1: a channel or product under the store metric it explains
    scope_name: str = ""  # the product's name


@dataclass(frozen=True)
class ReportFigures:
    """Everything one daily, weekly or monthly report prints."""

    kind: str  # "daily", "weekly" or "monthly"
    store_name: str
    currency: str
    board: Dashboard  # the period, the one before, a year before, targets, and the daily series
    days: list[PeriodKpis]  # the period's days up to today, for the day-by-day table
    statuses: dict[dt.date, DayStatus]  # confirmation of each of those days
    anomalies: list[AnomalyLine]  # the period's anomalies (a daily report: also earlier ones still open)
    tasks: list[Task]  # unfinished tasks due by the day after the period, or overdue
    generated_at: dt.datetime
    analysis: Analysis | None = None  # hours, channels, funnel, buyers (weekly and monthly reports)
    meetings: list[Meeting] = field(default_factory=list)  # minutes of the period's meetings, oldest first

    @property
    def unconfirmed(self) -> list[dt.date]:
        """The period's days nobody confirmed (marked on weekly and monthly reports)."""
        return [day for day, state in sorted(self.statuses.items()) if state.is_draft]

    @property
    def is_draft(self) -> bool:
        """A report with an unconfirmed day prints as a draft."""
        return bool(self.unconfirmed) or not self.statuses


@dataclass(frozen=True)
class StockListFigures:
    """A printed stock list: the replenishment list (補貨建議), the slow-moving list (滯銷品處理清單) or the
    supplier scorecard (供應商考核表)."""

    kind: str  # one of LISTS
    store_name: str
    as_of: dt.date
    rows: list  # Replenishment, SlowLine, Scorecard or delisting application rows, in print order
    settings: dict[str, int]  # the settings the list was computed with (window, safety days, thresholds)
    generated_at: dt.datetime
    untracked: int = 0  # products left out because their stock is not tracked
