"""The Imports tab: every import with its files, staff member, time and counts; undo a whole import."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from shopdesk.i18n import _, formatting
from shopdesk.services import imports
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.import_wizard import platform_name
from shopdesk.ui.errors import show_error
from shopdesk.ui.language import Retranslating
from shopdesk.ui.refresh import Refresher
from shopdesk.ui.widgets import record_table, selected_index


class ImportsTab(Retranslating, QWidget):
    """The data source list (數據源清單)."""

    import_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("imports_tab")
        self.records: list[dict] = []
        self.table = record_table(8, "imports_table", self._update_buttons)
        self.import_button, self.undo_button = QPushButton(), QPushButton()
        self.import_button.setObjectName("import")
        self.undo_button.setObjectName("undo")
        self.import_button.clicked.connect(self.import_requested.emit)
        self.undo_button.clicked.connect(self.undo_selected)
        self.note = QLabel()
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        self.retranslate_ui()

    def refresh(self) -> None:
        """Read the history again."""
        self.records = imports.history(self.session)
        self.table.setRowCount(len(self.records))
        for i, r in enumerate(self.records):
            s = r["summary"]
            cells = (str(r["id"]), r["started_at"][:16].replace("T", " "), r["staff_name"],
                     ", ".join(f["name"] for f in r["files"]), platform_name(r["platform"]),
                     _("undone") if r["status"] == "undone" else _("done"),
                     formatting.number(r["rows_imported"]),
                     _("{added} added, {updated} changed").format(added=s.get("orders_added", 0),
                                                                  updated=s.get("orders_updated", 0)))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip("\n".join(f"{f['path']}  sha256 {f['sha256'][:16]}…" for f in r["files"]))
                self.table.setItem(i, j, item)
        self._update_buttons()

    def selected(self) -> dict | None:
        """The selected import record."""
        index = selected_index(self.table)
        return None if index is None else self.records[index]

    def _update_buttons(self) -> None:
        record = self.selected()
        self.undo_button.setEnabled(record is not None and record["status"] == "done")

    def undo_selected(self) -> None:
        """Undo the selected import after confirmation."""
        record = self.selected()
        if record is None:
            return
        answer = QMessageBox.question(self, _("Undo import"), _(
            "Undo import {id} ({files})? The orders, lines, products and customers it added are removed and the "
            "orders it changed get their earlier values back.").format(
            id=record["id"], files=", ".join(f["name"] for f in record["files"])))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            imports.undo(self.session, record["id"])
        except Exception as exc:  # shown to the user, the store is unchanged (one transaction)
            show_error(self, exc)

    def retranslate_ui(self) -> None:
        self.import_button.setText(_("Import…"))
        self.undo_button.setText(_("Undo import"))
        self.table.setHorizontalHeaderLabels([_("No."), _("Time"), _("Staff"), _("Files"), _("Platform"),
                                              _("Status"), _("Rows"), _("Orders")])
        self.note.setText(_("Every import keeps its files' names, paths and fingerprints, who imported them and "
                            "when. Undoing an import is itself recorded in the audit log."))
        if self.records:
            self.refresh()
