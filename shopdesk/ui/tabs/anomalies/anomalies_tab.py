"""The Anomalies tab: metrics beyond their threshold, grouped under each day (the store's metrics first,
the channels and products behind each indented below it), favourable ones told apart from unfavourable."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.clock import now
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.kpi import METRIC_LABELS
from shopdesk.i18n import _, formatting
from shopdesk.reports.text import assessment, cause_text, deviation_text, metric_in_scope, metric_text, scope_line
from shopdesk.services import anomalies
from shopdesk.services.kpi import latest_figures_day
from shopdesk.services.session import Session
from shopdesk.ui.errors import show_error
from shopdesk.ui.language import Retranslating
from shopdesk.ui.refresh import Refresher
from shopdesk.ui.widgets import record_table, selected_index

CHECK_DAYS = 30


class AnomaliesTab(Retranslating, QWidget):
    """The anomaly list; "Check" looks at the last days, "Explain…" records a cause, "New task…" files a task."""

    task_requested = Signal(str, int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("anomalies_tab")
        self.rows: list[dict] = []
        self.row_at: list[dict | None] = []  # each table row's anomaly; ``None`` for a day's heading
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
        self.table = record_table(6, "anomalies_table", self._update_buttons)
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
        self._update_buttons()

    def check(self) -> None:
        """Look for anomalies over the last days with figures (up to today: the last import may be days old)."""
        last = latest_figures_day(self.session) or now(self.session.timezone).date()
        try:
            anomalies.detect(self.session, last - dt.timedelta(days=CHECK_DAYS - 1), last)
        except ShopDeskError as exc:
            show_error(self, exc)
        self.refresh()

    def refresh(self) -> None:
        """Read the list again: a heading row per day, then its anomalies as :func:`anomalies.anomaly_list`
        groups them."""
        self.rows = anomalies.anomaly_list(self.session, self.open_only.isChecked())
        currency = self.session.currency
        self.row_at = []
        self.table.clearSpans()
        self.table.setRowCount(0)
        day = None
        for r in self.rows:
            if r["day"] != day:
                day = r["day"]
                self._add_day(dt.date.fromisoformat(day))
            label = _(METRIC_LABELS.get(r["metric"], r["metric"]))
            metric = "      " + scope_line(r["scope"], r["scope_name"]) if r["depth"] else \
                metric_in_scope(label, r["scope"], r["scope_name"])
            word, colour = assessment(r["favourable"], r["severity"])
            cause = f"{r['cause']} ({r['cause_by']})" if r["cause"] else cause_text("", r["waiting"], r["covered"])
            cells = (metric, metric_text(r["metric"], r["target"], currency),
                     metric_text(r["metric"], r["actual"], currency), deviation_text(r["deviation"]), word, cause)
            i = self.table.rowCount()
            self.table.insertRow(i)
            self.row_at.append(r)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j in (3, 4):
                    item.setForeground(QBrush(QColor(colour)))
                elif j == 5 and not r["cause"]:
                    item.setForeground(QBrush(QColor("#c62828" if r["waiting"] else "#777777")))
                if j in (1, 2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if j == 0 and not r["depth"]:  # the store's metric heads its channels and products
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(i, j, item)
        self._update_buttons()

    def _add_day(self, day: dt.date) -> None:
        i = self.table.rowCount()
        self.table.insertRow(i)
        self.row_at.append(None)
        item = QTableWidgetItem(f"{formatting.date(day)} · {formatting.weekday(day)}")
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setBackground(QBrush(QColor("#eeeeee")))
        self.table.setItem(i, 0, item)
        self.table.setSpan(i, 0, 1, self.table.columnCount())

    def anomaly_rows(self) -> int:
        """How many anomalies the table shows (the days' headings left out)."""
        return sum(1 for r in self.row_at if r is not None)

    def selected(self) -> dict | None:
        """The selected anomaly."""
        index = selected_index(self.table)
        return None if index is None or index >= len(self.row_at) else self.row_at[index]

    def _update_buttons(self) -> None:
        writable = self.session.store.writable  # a window that only reads lists the anomalies, changes nothing
        self.check_button.setEnabled(writable)
        self.explain_button.setEnabled(writable and self.selected() is not None)
        self.task_button.setEnabled(writable and self.selected() is not None)

    def _request_task(self) -> None:
        row = self.selected()
        if row is not None:
            title = _("{metric} on {day}: {deviation} against target").format(
                metric=metric_in_scope(_(METRIC_LABELS.get(row["metric"], row["metric"])), row["scope"], row["scope_name"]),
                day=row["day"], deviation=deviation_text(row["deviation"]))
            self.task_requested.emit(title, row["id"])

    def explain_selected(self) -> None:
        """Ask for the cause of the selected anomaly and record it."""
        row = self.selected()
        if row is None:
            return
        cause, ok = QInputDialog.getMultiLineText(self, _("Cause"), _("Why did {metric} deviate on {day}?").format(
            metric=metric_in_scope(_(METRIC_LABELS.get(row["metric"], row["metric"])), row["scope"], row["scope_name"]),
            day=row["day"]),
            row["cause"])
        if not ok:
            return
        try:
            anomalies.explain(self.session, row["id"], cause)
        except ShopDeskError as exc:
            show_error(self, exc)

    def retranslate_ui(self) -> None:
        self.check_button.setText(_("Check the last {days} days").format(days=CHECK_DAYS))
        self.explain_button.setText(_("Explain…"))
        self.task_button.setText(_("New task…"))
        self.open_only.setText(_("Only those without a cause"))
        self.table.setHorizontalHeaderLabels([_("Metric"), _("Target / usual"), _("Actual"), _("Deviation"),
                                              _("Assessment"), _("Cause")])
        favourable = (_("A favourable one (better than target) needs a cause note too.")
                      if anomalies.favourable_needs_cause(self.session) else
                      _("A favourable one (better than target) is listed; its cause note is optional."))
        self.note.setText(formatting.sentences(
            _("A metric further from its target than its threshold (Settings → Anomalies) is an anomaly; an "
              "unfavourable one needs a cause note, and past its red line it is severe."), favourable,
            _("The channels and products behind it, listed under it, are compared with their usual value, the "
              "same weekday of the weeks before.")))
        if self.rows:
            self.refresh()
