"""The Anomalies tab: metrics beyond their threshold, day by day, each waiting for a cause note."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QInputDialog, QLabel,
                               QPushButton, QTableWidgetItem, QVBoxLayout, QWidget)

from shopdesk.domain.clock import now
from shopdesk.domain.errors import ShopDeskError
from shopdesk.i18n import _, formatting
from shopdesk.services import anomalies
from shopdesk.domain.kpi import METRIC_LABELS
from shopdesk.services.session import Session
from shopdesk.ui.errors import show_error
from shopdesk.ui.language import Retranslating
from shopdesk.ui.widgets import record_table, selected_index
from shopdesk.reports.text import metric_in_scope, metric_text

CHECK_DAYS = 30


class AnomaliesTab(Retranslating, QWidget):
    """The anomaly list; "Check" looks at the last days, "Explain…" records a cause, "New task…" files a task."""

    task_requested = Signal(str, int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("anomalies_tab")
        self.rows: list[dict] = []
        self.open_only = QCheckBox()
        self.open_only.setObjectName("open_only")
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self.refresh)
        self.check_button, self.explain_button, self.task_button = QPushButton(), QPushButton(), QPushButton()
        self.task_button.setObjectName("task")
        self.task_button.clicked.connect(self._request_task)
        self.check_button.setObjectName("check")
        self.explain_button.setObjectName("explain")
        self.check_button.clicked.connect(self.check)
        self.explain_button.clicked.connect(self.explain_selected)
        self.table = record_table(7, "anomalies_table", self._update_buttons)
        self.note = QLabel()
        self.note.setWordWrap(True)
        bar = QHBoxLayout()
        for widget in (self.check_button, self.explain_button, self.task_button, self.open_only):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        self.retranslate_ui()

    def check(self) -> None:
        """Look for anomalies over the last days."""
        today = now(self.session.timezone).date()
        try:
            anomalies.detect(self.session, today - dt.timedelta(days=CHECK_DAYS - 1), today)
        except ShopDeskError as exc:
            show_error(self, exc)
        self.refresh()

    def refresh(self) -> None:
        """Read the list again."""
        self.rows = anomalies.anomaly_list(self.session, self.open_only.isChecked())
        currency = self.session.currency
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            cells = (r["day"], metric_in_scope(_(METRIC_LABELS.get(r["metric"], r["metric"])), r["scope"]),
                     metric_text(r["metric"], r["target"], currency), metric_text(r["metric"], r["actual"], currency),
                     formatting.percent(r["deviation"], 1),
                     _("severe") if r["severity"] == "severe" else _("anomaly"),
                     f"{r['cause']} ({r['cause_by']})" if r["cause"] else "")
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self._update_buttons()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.refresh()
        super().showEvent(event)

    def selected(self) -> dict | None:
        """The selected anomaly."""
        index = selected_index(self.table)
        return None if index is None else self.rows[index]

    def _update_buttons(self) -> None:
        self.explain_button.setEnabled(self.selected() is not None)
        self.task_button.setEnabled(self.selected() is not None)

    def _request_task(self) -> None:
        row = self.selected()
        if row is not None:
            title = _("{metric} on {day}: {deviation} against target").format(
                metric=metric_in_scope(_(METRIC_LABELS.get(row["metric"], row["metric"])), row["scope"]), day=row["day"],
                deviation=formatting.percent(row["deviation"], 1))
            self.task_requested.emit(title, row["id"])

    def explain_selected(self) -> None:
        """Ask for the cause of the selected anomaly and record it."""
        row = self.selected()
        if row is None:
            return
        cause, ok = QInputDialog.getMultiLineText(self, _("Cause"), _("Why did {metric} deviate on {day}?").format(
            metric=metric_in_scope(_(METRIC_LABELS.get(row["metric"], row["metric"])), row["scope"]), day=row["day"]),
            row["cause"])
        if not ok:
            return
        try:
            anomalies.explain(self.session, row["id"], cause)
        except ShopDeskError as exc:
            show_error(self, exc)
        self.refresh()

    def retranslate_ui(self) -> None:
        self.check_button.setText(_("Check the last {days} days").format(days=CHECK_DAYS))
        self.explain_button.setText(_("Explain…"))
        self.task_button.setText(_("New task…"))
        self.open_only.setText(_("Only those without a cause"))
        self.table.setHorizontalHeaderLabels([_("Day"), _("Metric"), _("Target / usual"), _("Actual"), _("Deviation"),
                                              _("Severity"), _("Cause")])
        self.note.setText(_("A metric further from its target than its threshold (Settings → Anomalies) is an "
                            "anomaly and needs a cause note; past its red line it is severe. The channels and "
                            "products behind it are compared with their usual value, the same weekday of the "
                            "weeks before."))
        if self.rows:
            self.refresh()
