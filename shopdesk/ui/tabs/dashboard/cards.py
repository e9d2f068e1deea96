"""A KPI card: value, target and deviation, and the change against earlier periods."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from shopdesk.domain import kpi
from shopdesk.i18n import _
from shopdesk.domain.kpi import METRIC_LABELS, Dashboard, change
from shopdesk.domain.targets import Comparison
from shopdesk.reports.text import change_text, deviation_text, metric_text, to_date_text

_FLAG_STYLE = {None: "#d0d0d0", "anomaly": "#e69500", "severe": "#c62828"}


class KpiCard(QFrame):
    """One metric of the dashboard."""

    def __init__(self, metric: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metric_key = metric
        self.setObjectName(f"card_{metric}")
        self.setMinimumWidth(190)
        self.title, self.value, self.target, self.previous, self.year = (QLabel() for _i in range(5))
        self.value.setObjectName("value")
        self.value.setStyleSheet("font-size: 18pt; font-weight: 600;")
        for label in (self.target, self.previous, self.year):
            label.setStyleSheet("color: #555;")
        self.to_date = QLabel()  # "to date (15 of 30 days)" while the period is running
        self.to_date.setObjectName("to_date")
        self.to_date.setStyleSheet("color: #555; font-size: 8pt;")
        layout = QVBoxLayout(self)
        for label in (self.title, self.to_date, self.value, self.target, self.previous, self.year):
            layout.addWidget(label)
        self.flag: str | None = None
        self._style(None)

    def _style(self, flag: str | None) -> None:
        self.flag = flag
        width = 1 if flag is None else 3
        self.setStyleSheet(f"#{self.objectName()} {{ border: {width}px solid {_FLAG_STYLE[flag]};"
                           " border-radius: 6px; background: white; }")

    def show_figures(self, board: Dashboard, currency: str) -> None:
        """Fill the card from a dashboard, in the current language."""
        metric = self.metric_key
        now = kpi.actual(board.current, metric)
        self.title.setText(_(METRIC_LABELS[metric]))
        self.to_date.setText(to_date_text(board.spans.current))
        self.to_date.setVisible(board.spans.current.running)
        self.value.setText(metric_text(metric, now, currency))
        target: Comparison | None = board.targets.get(metric)
        if target is None:
            self.target.setText(_("no target"))
        else:
            self.target.setText(_("target {target} · {deviation}").format(
                target=metric_text(metric, target.target, currency),
                deviation=deviation_text(target.deviation)))
        previous = {"day": _("vs the day before"), "week": _("vs the week before"),
                    "month": _("vs the month before")}[board.by]
        self.previous.setText(f"{change_text(change(now, kpi.actual(board.previous, metric)))} {previous}")
        year_ago = _("vs a year ago")
        self.year.setText(f"{change_text(change(now, kpi.actual(board.last_year, metric)))} {year_ago}")
        self._style(target.flag if target else None)
