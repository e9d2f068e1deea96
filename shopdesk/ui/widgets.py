"""Small widgets shared by tabs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableView,
    QTableWidget,
    QWidget,
)

from shopdesk.domain.paging import Query
from shopdesk.i18n import _
from shopdesk.services import paging
from shopdesk.services.session import Session
from shopdesk.ui.workers import run_reading


class SearchBox(QLineEdit):
    """A search field that reports its text 300 ms after the user stops typing, or at once on Enter."""

    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(lambda: self.search_changed.emit(self.text()))
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.search_now)

    def search_now(self) -> None:
        """Report the text at once (Enter), instead of after the pause."""
        self._timer.stop()
        self.search_changed.emit(self.text())


def export_table(parent: QWidget, session: Session, query: Query, suggested: str) -> None:
    """Ask for a file and export the query's rows to CSV or Excel in the background."""
    path, _filter = QFileDialog.getSaveFileName(parent, _("Export"), suggested,
                                                _("Excel workbook (*.xlsx);;CSV file (*.csv)"))
    if not path:
        return
    target = Path(path)
    if target.suffix.lower() not in (".xlsx", ".csv"):
        target = target.with_suffix(".xlsx" if "xlsx" in _filter else ".csv")
    run_reading(parent, _("Exporting…"), session,
                lambda reader, progress, cancel: paging.export(reader, query, target, progress, cancel),
                lambda rows: QMessageBox.information(parent, _("Export"), _("{rows} rows written to {path}.").format(
                    rows=rows, path=target)), with_progress=True)


def data_table(model, name: str) -> QTableView:
    """A read-only, sortable table of whole rows over a lazy model, columns resizable by the user."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    # No column is sorted until the user clicks one: rows come in the model's own (indexed) order.
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fit_columns(table: QTableView) -> None:
    """Widen each column the user sizes to its header and the rows loaded, where they are cut (after a
    language switch the headers are other words); columns the user made wider stay as they are."""
    header = table.horizontalHeader()
    last = header.count() - 1
    for column in range(header.count()):
        if header.isSectionHidden(column) or header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
            continue  # Qt sizes the others itself
        if column == last and header.stretchLastSection():
            continue
        needed = max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)


def record_table(columns: int, name: str, on_selection) -> QTableWidget:
    """A read-only table of records, one selectable at a time, columns fitted to their contents."""
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.itemSelectionChanged.connect(on_selection)
    return table


def selected_index(table: QTableWidget) -> int | None:
    """The row number of a record table's selected row, or ``None``."""
    model = table.selectionModel()
    chosen = model.selectedRows() if model is not None else []
    return chosen[0].row() if chosen else None


def day_edit(day, name: str = ""):
    """A date field showing ``day`` as YYYY-MM-DD, with a calendar to pick from."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if name:
        edit.setObjectName(name)
    return edit
