"""The Audit log tab: read-only, filterable by staff member."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from shopdesk.i18n import _
from shopdesk.services.audit import audit_entries, audit_staff
from shopdesk.services.session import Session
from shopdesk.ui.language import Retranslating
from shopdesk.ui.refresh import Refresher
from shopdesk.ui.tabs.audit.audit_model import AuditColumn, AuditTableModel


class AuditTab(Retranslating, QWidget):
    """Lists :func:`shopdesk.services.audit.audit_entries`; refreshes when shown."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("audit_tab")
        self.model = AuditTableModel(self)
        self.view = QTableView()
        self.view.setObjectName("audit_table")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AuditColumn.AFTER, QHeaderView.ResizeMode.Stretch)
        self.filter_label = QLabel()
        self.staff_filter = QComboBox()
        self.staff_filter.setObjectName("staff_filter")
        self.staff_filter.currentIndexChanged.connect(self.refresh)
        self.note = QLabel()
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.staff_filter)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.note)
        self.retranslate_ui()

    def refresh(self) -> None:
        """Reload the rows for the chosen staff member."""
        self.model.set_entries(audit_entries(self.session, self.staff_filter.currentData()))

    def retranslate_ui(self) -> None:
        self.filter_label.setText(_("Staff member:"))
        current = self.staff_filter.currentData()
        self.staff_filter.blockSignals(True)
        self.staff_filter.clear()
        self.staff_filter.addItem(_("Everyone"), None)
        for staff_id, username in audit_staff(self.session):
            self.staff_filter.addItem(username, staff_id)
        self.staff_filter.setCurrentIndex(max(0, self.staff_filter.findData(current)))
        self.staff_filter.blockSignals(False)
        self.note.setText(_("The audit log cannot be edited. 'shopdesk check' verifies that no row was changed "
                            "or removed outside ShopDesk."))
        self.model.retranslate()
