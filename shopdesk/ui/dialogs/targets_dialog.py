"""The targets sheet: one year's targets per metric, for the year, its quarters and months, edited in a table.

Saving records every changed cell as a new revision (the earlier values stay
in the history below); split into daily targets evenly or by last year's
weekday pattern, per metric.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.clock import now
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.kpi import METRIC_LABELS
from shopdesk.domain.roles import Permission
from shopdesk.domain.targets import METRICS, MONEY, RATES, year_periods
from shopdesk.domain.vocabularies import WEIGHTING_LABELS, WEIGHTINGS
from shopdesk.i18n import _, formatting
from shopdesk.reports.text import metric_text
from shopdesk.services import targets
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.common import finish_form, name_buttons
from shopdesk.ui.language import Retranslating
from shopdesk.ui.widgets import record_table

EDITED = QColor("#fff3c4")


class TargetsDialog(Retranslating, QDialog):
    """Rows are metrics; columns the split, the year, Q1–Q4 and the twelve months."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("targets_dialog")
        self.resize(1160, 640)  # within the main window at its smallest, 1192 × 720
        self.editable = session.can(Permission.EDIT_SETTINGS)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(now(session.timezone).year)
        self.year_label, self.hint = QLabel(), QLabel()
        self.hint.setWordWrap(True)
        self.table = QTableWidget(len(METRICS), 1 + 17)
        self.table.setObjectName("targets_table")
        self.table.verticalHeader().setDefaultSectionSize(26)
        # a nine-digit amount (123456789.00) shows whole in its cell
        self.table.horizontalHeader().setDefaultSectionSize(self.table.fontMetrics().horizontalAdvance("0" * 12) + 16)
        self.table.setColumnWidth(0, 180)
        self.history_label = QLabel()
        self.history = record_table(5, "targets_history", lambda: None)
        self.history.setMaximumHeight(150)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # the width shared out
        self.loaded: dict[tuple[str, str], str] = {}
        self.weightings: list[QComboBox] = []
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addWidget(self.hint, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history)
        self.error, self.buttons = finish_form(self, body, self.save)
        self.year.valueChanged.connect(self.load)
        self.table.itemChanged.connect(self._mark)
        self.retranslate_ui()
        self.load()

    def periods(self) -> list[str]:
        """The columns' periods for the year shown."""
        return year_periods(self.year.value())

    def load(self) -> None:
        """Fill the sheet with the targets in force for the year shown."""
        sheet = targets.year_sheet(self.session, self.year.value())
        self.table.blockSignals(True)
        self.loaded.clear()
        self.weightings = []
        for r, metric in enumerate(METRICS):
            box = QComboBox()
            box.setObjectName(f"weighting_{metric}")
            box.addItems([_(WEIGHTING_LABELS[w]) for w in WEIGHTINGS])
            found = [row for (m, _p), row in sheet.items() if m == metric]
            box.setCurrentIndex(WEIGHTINGS.index(found[-1]["weighting"]) if found else 0)
            box.setEnabled(self.editable and metric not in RATES and metric not in ("aov", "uv_value"))
            self.table.setCellWidget(r, 0, box)
            self.weightings.append(box)
            for c, period in enumerate(self.periods(), 1):
                row = sheet.get((metric, period))
                text = targets.editable_text(metric, row, self.session.currency) if row else ""
                self.loaded[(metric, period)] = text
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not self.editable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        self._fill_history()
        self.error.clear()

    def _fill_history(self) -> None:
        year = str(self.year.value())
        rows = [h for h in targets.history(self.session) if h["period"].startswith(year)]
        self.history.setRowCount(len(rows))
        for i, h in enumerate(rows):
            metric = h["metric"]
            text = (targets.editable_text(metric, h, self.session.currency) if h["rate"] is not None  # as entered
                    else metric_text(metric, h["amount"], self.session.currency))  # grouped, as the cards show it
            for j, cell in enumerate((h["set_at"][:16].replace("T", " "), _(METRIC_LABELS[metric]), h["period"],
                                      text, h["set_by"])):
                self.history.setItem(i, j, QTableWidgetItem(cell))

    def _mark(self, item: QTableWidgetItem) -> None:
        metric, period = METRICS[item.row()], self.periods()[item.column() - 1]
        changed = item.text().strip() != self.loaded.get((metric, period), "")
        item.setBackground(QBrush(EDITED) if changed else QBrush())

    def changes(self) -> list[tuple[str, str, str, str]]:
        """(metric, period, value, weighting) of every cell whose text differs from what was loaded."""
        out = []
        for r, metric in enumerate(METRICS):
            weighting = WEIGHTINGS[self.weightings[r].currentIndex()]
            for c, period in enumerate(self.periods(), 1):
                text = self.table.item(r, c).text().strip()
                if text and text != self.loaded[(metric, period)]:
                    out.append((metric, period, text, weighting))
        return out

    def save(self) -> None:
        """Save the changed cells as new revisions, all or none."""
        if not self.editable:
            self.reject()
            return
        try:
            targets.set_targets(self.session, self.changes())
        except ShopDeskError as exc:
            self.error.setText(exc.message())
            self._show_refused(exc.message())
            return
        self.accept()

    def _show_refused(self, message: str) -> None:
        """Make the changed cell the message names current and scroll it into view."""
        periods = self.periods()
        for metric, period, _value, _weighting in self.changes():
            if period in message and _(METRIC_LABELS[metric]) in message:
                item = self.table.item(METRICS.index(metric), periods.index(period) + 1)
                self.table.setCurrentItem(item)
                self.table.scrollToItem(item)
                return

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Targets"))
        self.year_label.setText(_("Year:"))
        self.hint.setText(_("Amounts in {currency}; rates as percentages (3.2%). A changed value is saved as a "
                            "revision: the earlier ones stay in the history. Daily targets are split from the "
                            "most specific period set: month, then quarter, then year.").format(
                                currency=self.session.currency))
        heads = [_("Split into days"), _("Year")] + [f"Q{q}" for q in range(1, 5)] + [
            formatting.date_tick(dt.date(2000, m, 1), "month") for m in range(1, 13)]  # Jan, 1月
        self.table.setHorizontalHeaderLabels(heads)
        self.table.setVerticalHeaderLabels([self._row_label(m) for m in METRICS])
        self.history_label.setText(_("History of the year's targets (newest first)"))
        self.history.setHorizontalHeaderLabels([_("Set at"), _("Metric"), _("Period"), _("Target"), _("Set by")])
        name_buttons(self.buttons, _("Save") if self.editable else _("Close"), _("Cancel"))

    def _row_label(self, metric: str) -> str:
        unit = self.session.currency if metric in MONEY else "%" if metric in RATES else ""
        return f"{_(METRIC_LABELS[metric])} ({unit})" if unit else _(METRIC_LABELS[metric])
