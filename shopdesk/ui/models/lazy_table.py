"""A table model that reads its rows page by page, as the view scrolls.

Never loads every row: ``canFetchMore``/``fetchMore`` read the next page
when the view needs it, so the first screen of a store with half a million
order lines appears at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from shopdesk.domain.paging import Query
from shopdesk.domain.roles import MASK
from shopdesk.domain.vocabularies import CODED_CELL_LABELS
from shopdesk.i18n import _, formatting
from shopdesk.services import paging
from shopdesk.services.session import Session

PAGE = 200
_RIGHT = {"total", "unit_price", "amount", "price", "cost", "quantity", "stock", "safety_stock", "lines", "line_no"}


class LazyTableModel(QAbstractTableModel):
    """Rows of a :class:`Query`, read :data:`PAGE` at a time through :mod:`shopdesk.services.paging`."""

    def __init__(self, session: Session, query: Query, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.query = query
        self.keys = paging.columns(query)
        self.rows: list[tuple] = []
        self.exhausted = False
        self.currency = session.currency

    # querying ----------------------------------------------------------------------------------
    def set_query(self, query: Query) -> None:
        """Show another query's rows (search, filter, sort) from the top."""
        self.beginResetModel()
        self.query = query
        self.keys = paging.columns(query)
        self.rows = []
        self.exhausted = False
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or self.exhausted:
            return
        rows = paging.page(self.session, self.query, len(self.rows), PAGE)
        self.exhausted = len(rows) < PAGE
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.keys):
            self.set_query(replace(self.query, sort=self.keys[column],
                                   descending=order == Qt.SortOrder.DescendingOrder))

    # showing -----------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.keys)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(paging.LABELS[self.keys[section]])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key = self.keys[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and key in _RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.text(key, self.rows[index.row()][index.column()])

    def text(self, key: str, value) -> str:
        """A raw value as the table shows it, in the current language."""
        if value is None:
            return _("not tracked") if key == "stock" else ""
        if value == MASK:
            return value
        if key in paging.MONEY:
            return formatting.money(value, self.currency)
        if key in ("status", "stage"):
            return _(CODED_CELL_LABELS.get(value, value))
        if key == "day":
            return formatting.date(dt.date.fromisoformat(value))
        if key in ("created_at", "paid_at", "shipped_at"):
            return value[:16].replace("T", " ")
        if isinstance(value, int) and key not in ("order_no", "code", "sku"):
            return formatting.number(value)
        return str(value)

    def retranslate(self) -> None:
        """Headers and cells follow a language switch."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.keys) - 1))
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.keys) - 1))
