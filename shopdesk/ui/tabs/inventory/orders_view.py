"""Replenishment orders in the Inventory tab: ordered → quality control → received into stock."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.roles import Permission
from shopdesk.domain.vocabularies import PURCHASE_ORDER_STATUS_LABELS, label
from shopdesk.i18n import _, formatting
from shopdesk.services import purchasing
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.common import finish_form, name_buttons
from shopdesk.ui.errors import show_error
from shopdesk.ui.language import Retranslating
from shopdesk.ui.widgets import record_table, selected_index


class QualityDialog(Retranslating, QDialog):
    """The lines of a delivered order with the units that failed quality control (0: all passed)."""

    def __init__(self, session: Session, order_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.order_id = session, order_id
        self.setObjectName("quality_dialog")
        self.resize(560, 360)
        self.lines = purchasing.order_lines(session, order_id)
        self.table = QTableWidget(len(self.lines), 4)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the name takes the room
        self.failed: list[QSpinBox] = []
        for i, line in enumerate(self.lines):
            for j, text in enumerate((line["code"], line["name"], formatting.number(line["quantity"]))):
                self.table.setItem(i, j, QTableWidgetItem(text))
            box = QSpinBox()
            box.setRange(0, line["quantity"])
            self.table.setCellWidget(i, 3, box)
            self.failed.append(box)
        self.error, self.buttons = finish_form(self, self.table, self._check)
        self.retranslate_ui()

    def _check(self) -> None:
        failed = {line["code"]: box.value() for line, box in zip(self.lines, self.failed, strict=True) if box.value()}
        try:
            purchasing.check_quality(self.session, self.order_id, failed)
        except ShopDeskError as exc:
            self.error.setText(exc.message())
            return
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Quality control of order {id}").format(id=self.order_id))
        self.table.setHorizontalHeaderLabels([_("SKU"), _("Name"), _("Ordered"), _("Failed")])
        self.table.resizeColumnsToContents()
        name_buttons(self.buttons, _("Record the check"), _("Cancel"))


class OrdersView(Retranslating, QWidget):
    """The replenishment orders, open ones first; check and receive the selected one."""

    def __init__(self, session: Session, on_received=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.on_received = session, on_received
        self.setObjectName("orders_view")
        self.rows: list[purchasing.PurchaseOrder] = []
        self.check_button, self.receive_button = QPushButton(), QPushButton()
        self.check_button.setObjectName("check_order")
        self.receive_button.setObjectName("receive_order")
        self.check_button.clicked.connect(self.check_selected)
        self.receive_button.clicked.connect(self.receive_selected)
        self.table = record_table(6, "purchase_orders_table", self._update_buttons)
        bar = QHBoxLayout()
        bar.addWidget(self.check_button)
        bar.addWidget(self.receive_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.can_manage = session.can(Permission.MANAGE_STOCK)
        self.retranslate_ui()

    def refresh(self) -> None:
        """Read the orders again."""
        self.rows = purchasing.orders(self.session)
        self.table.setRowCount(len(self.rows))
        for i, po in enumerate(self.rows):
            status = po.status
            cells = (str(po.id), po.supplier or _("(no supplier)"), _(label(PURCHASE_ORDER_STATUS_LABELS, status)),
                     formatting.date(dt.date.fromisoformat(po.ordered_at[:10])), formatting.date(po.expected_on),
                     formatting.number(po.units))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self._update_buttons()

    def selected(self) -> purchasing.PurchaseOrder | None:
        index = selected_index(self.table)
        return None if index is None else self.rows[index]

    def _update_buttons(self) -> None:
        po = self.selected()
        self.check_button.setEnabled(self.can_manage and po is not None and po.status == "ordered")
        self.receive_button.setEnabled(self.can_manage and po is not None and po.status == "qc")

    def check_selected(self) -> None:
        """Record the quality control of the selected delivery."""
        po = self.selected()
        if po is not None and QualityDialog(self.session, po.id, self).exec():
            self.refresh()

    def receive_selected(self) -> None:
        """Receive the selected checked order: its passed units go into stock."""
        po = self.selected()
        if po is None:
            return
        try:
            purchasing.receive(self.session, po.id)
        except ShopDeskError as exc:
            show_error(self, exc)
        self.refresh()
        if self.on_received is not None:
            self.on_received()

    def retranslate_ui(self) -> None:
        self.check_button.setText(_("Quality control…"))
        self.receive_button.setText(_("Receive into stock"))
        self.table.setHorizontalHeaderLabels([_("Replenishment order no."), _("Supplier"), _("Status"), _("Ordered"),
                                              _("Expected"), _("Units")])
        if self.rows:
            self.refresh()
