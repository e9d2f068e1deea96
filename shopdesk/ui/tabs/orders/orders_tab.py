"""The Orders tab: orders or their lines, with search, status and day filters, sorting and export."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shopdesk.domain.paging import Query
from shopdesk.domain.vocabularies import CODED_CELL_LABELS
from shopdesk.i18n import _, formatting
from shopdesk.services import paging
from shopdesk.services.session import Session
from shopdesk.ui.language import Retranslating
from shopdesk.ui.models.lazy_table import LazyTableModel
from shopdesk.ui.refresh import Refresher
from shopdesk.ui.widgets import SearchBox, data_table, export_table, fit_columns

ANY_DAY = QDate(2000, 1, 1)


class OrdersTab(Retranslating, QWidget):
    """Lists orders (or order lines) through a lazy model; read again when orders changed."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("orders_tab")
        self.loaded = False  # the rows are read when the tab is first shown
        self.view_choice = QComboBox()
        self.view_choice.setObjectName("view_choice")
        self.search = SearchBox()
        self.search.setObjectName("search")
        self.status = QComboBox()
        self.status.setObjectName("status")
        self.day_from, self.day_to = QDateEdit(), QDateEdit()
        for edit in (self.day_from, self.day_to):
            edit.setCalendarPopup(True)
            edit.setMinimumDate(ANY_DAY)
            edit.setDate(ANY_DAY)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.apply_filters)
        self.day_from.setObjectName("day_from")
        self.day_to.setObjectName("day_to")
        self.export_button = QPushButton()
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self.export)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.model = LazyTableModel(session, Query("orders"), self)
        self.table = data_table(self.model, "orders_table")
        self.labels = [QLabel() for _i in range(4)]
        bar = QHBoxLayout()
        for label, widget in zip(self.labels, (self.view_choice, self.search, self.status, self.day_from),
                                 strict=True):
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.day_to)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self.search.search_changed.connect(self.apply_filters)
        self.view_choice.currentIndexChanged.connect(self.apply_filters)
        self.status.currentIndexChanged.connect(self.apply_filters)
        self.retranslate_ui()

    def current_query(self) -> Query:
        """The query the filters describe, keeping the sort of the current one."""
        kind = self.view_choice.currentData() or "orders"
        day_from = self.day_from.date().toString("yyyy-MM-dd") if self.day_from.date() != ANY_DAY else ""
        day_to = self.day_to.date().toString("yyyy-MM-dd") if self.day_to.date() != ANY_DAY else ""
        base = self.model.query if self.model.query.kind == kind else Query(kind)
        return replace(base, search=self.search.text(), status=self.status.currentData() or "",
                       day_from=day_from, day_to=day_to)

    def apply_filters(self) -> None:
        """Show the rows the filters ask for, from the top."""
        self.model.set_query(self.current_query())
        self.model.fetchMore()
        if self.model.rows and getattr(self, "_sized", None) != self.model.query.kind:
            self.table.resizeColumnsToContents()  # fit the columns to the first page of each view once
            self._sized = self.model.query.kind
        self._show_count()

    def _show_count(self) -> None:
        """The row count: at once when the first page was all, else counted just after the first screen."""
        shown = len(self.model.rows)
        if self.model.exhausted:
            self.count_label.setText(_("{count} rows").format(count=formatting.number(shown)))
            return
        self.count_label.setText(_("{count}+ rows").format(count=formatting.number(shown)))
        query = self.model.query
        QTimer.singleShot(0, self, lambda: self._count(query))  # dropped if the tab is gone

    def _count(self, query) -> None:
        if query != self.model.query or not self.session.store.is_open:
            return  # the filters changed meanwhile
        total = paging.total(self.session, query)
        self.count_label.setText(_("{count} rows").format(count=formatting.number(total)))

    def refresh(self) -> None:
        """Read the rows again (after an import or undo)."""
        self.loaded = True
        self._fill_statuses()
        self.apply_filters()

    def export(self) -> None:
        """Export what the filters show."""
        name = "orders.xlsx" if self.model.query.kind == "orders" else "order-lines.xlsx"
        export_table(self, self.session, self.model.query, name)

    def _fill_statuses(self) -> None:
        current = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(_("All"), "")
        for code in paging.order_statuses(self.session):
            self.status.addItem(_(CODED_CELL_LABELS.get(code, code)), code)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status.blockSignals(False)

    def retranslate_ui(self) -> None:
        for label, text in zip(self.labels, (_("Show:"), _("Search:"), _("Status:"), _("Days:")), strict=True):
            label.setText(text)
        self.search.setPlaceholderText(_("order no., customer, SKU or item"))
        current = self.view_choice.currentData()
        self.view_choice.blockSignals(True)
        self.view_choice.clear()
        self.view_choice.addItem(_("Orders"), "orders")
        self.view_choice.addItem(_("Order lines"), "lines")
        self.view_choice.setCurrentIndex(max(0, self.view_choice.findData(current)))
        self.view_choice.blockSignals(False)
        for edit in (self.day_from, self.day_to):
            edit.setSpecialValueText(_("any day"))
        self.export_button.setText(_("Export…"))
        if self.loaded:
            self._fill_statuses()
        self.model.retranslate()
        fit_columns(self.table)  # the headers are other words now
        if self.model.rows or self.model.exhausted:
            self._show_count()
