"""Table model of audit entries."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from shopdesk.i18n import _
from shopdesk.services.audit import AuditEntry


class AuditColumn(IntEnum):
    """Columns of the audit table."""

    TIME = 0
    STAFF = 1
    ACTION = 2
    ENTITY = 3
    BEFORE = 4
    AFTER = 5


class AuditTableModel(QAbstractTableModel):
    """Read-only rows of :class:`AuditEntry`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[AuditEntry] = []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(AuditColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Time"), _("Staff"), _("Action"), _("Object"), _("Before"), _("After"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        e = self.entries[index.row()]
        column = AuditColumn(index.column())
        if column == AuditColumn.TIME:
            return e.at.replace("T", " ")
        if column == AuditColumn.STAFF:
            return e.staff_name
        if column == AuditColumn.ACTION:
            return e.action_label
        if column == AuditColumn.ENTITY:
            return e.object_label
        if role == Qt.ItemDataRole.ToolTipRole:
            return (e.before if column == AuditColumn.BEFORE else e.after) or None
        return e.before_text if column == AuditColumn.BEFORE else e.after_text

    def retranslate(self) -> None:
        """Tell views that headers and action labels changed language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(AuditColumn) - 1)
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, len(AuditColumn) - 1))
