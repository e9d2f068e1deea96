"""Suppliers and carriers pages of the Inventory tab: each supplier's terms and scorecard (terms editable,
the scorecard printable), and each carrier's delivery time, charge and damage rate (SPEC §4)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.roles import MASK, Permission
from shopdesk.domain.suppliers import Scorecard
from shopdesk.i18n import _, formatting
from shopdesk.services import logistics, suppliers
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.common import finish_form, name_buttons
from shopdesk.ui.language import Retranslating
from shopdesk.ui.widgets import record_table, selected_index
from shopdesk.ui.workers import run_reading


def _right(item: QTableWidgetItem) -> QTableWidgetItem:
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class SuppliersView(Retranslating, QWidget):
    """Terms (lead time, minimum order, payment terms, dropship) beside the scorecard figures."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("suppliers")
        self.rows: list[Scorecard] = []
        self.as_of: dt.date | None = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.edit_button, self.print_button = QPushButton(), QPushButton()
        self.edit_button.setObjectName("edit_terms")
        self.print_button.setObjectName("print_scorecard")
        self.edit_button.setVisible(session.can(Permission.MANAGE_STOCK) and session.can(Permission.VIEW_SENSITIVE))
        self.edit_button.clicked.connect(self.edit_selected)
        self.print_button.clicked.connect(self.print_scorecard)
        self.table = record_table(9, "suppliers_table", lambda: None)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # payment terms
        bar = QHBoxLayout()
        bar.addWidget(self.note, 1)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.retranslate_ui()

    def load(self, as_of: dt.date) -> None:
        self.as_of = as_of
        run_reading(self, _("Computing the scorecard…"), self.session,
                    lambda session: suppliers.scorecards(session, as_of), self._show)

    def _show(self, rows: list[Scorecard]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, card in enumerate(rows):
            dropship = "—"
            if card.dropship:
                dropship = formatting.percent(card.shipped_in_time_rate)
                if card.meets_dropship_target is False:
                    dropship += " " + _("below target")
            cells = (card.name, str(card.lead_time_days), formatting.number(card.min_order_qty),
                     card.payment_terms or "—", _("yes") if card.dropship else _("no"),
                     formatting.percent(card.on_time_rate), formatting.percent(card.quality_rate),
                     "—" if card.price_index is None else formatting.number(card.price_index, 2), dropship)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                self.table.setItem(i, j, _right(item) if j in (1, 2, 5, 6, 7, 8) else item)
        self._note()

    def edit_selected(self) -> None:
        index = selected_index(self.table)
        if index is None:
            return
        if TermsDialog(self.session, self.rows[index], self).exec() and self.as_of is not None:
            self.load(self.as_of)

    def print_scorecard(self) -> None:
        from shopdesk.ui.dialogs.report_preview import preview_report
        as_of = self.as_of

        def make(session, font, paper) -> tuple[bytes, str]:
            from shopdesk.reports import stock_lists
            from shopdesk.services.reports import stock_list_figures
            figures = stock_list_figures(session, "suppliers", as_of)
            return stock_lists.pdf(figures, font, paper), f"suppliers-{figures.as_of.isoformat()}.pdf"
        preview_report(self, self.session, make)

    def _note(self) -> None:
        masked = any(getattr(card, f.name) == MASK for card in self.rows for f in dataclasses.fields(card))
        self.note.setText(formatting.sentences(
            _("On time: replenishment orders received by their expected day. Quality: units passing "
              "quality control. Price: costs against the category's average (below 1: cheaper)."),
            _("*** is not shown to your role.") if masked else ""))

    def retranslate_ui(self) -> None:
        self._note()
        self.edit_button.setText(_("Edit terms…"))
        self.print_button.setText(_("Print scorecard…"))
        self.table.setHorizontalHeaderLabels([_("Supplier"), _("Lead days"), _("Minimum order"), _("Payment terms"),
                                              _("Dropship"), _("On time"), _("Quality"), _("Price index"),
                                              _("Shipped in time")])
        if self.rows:
            self._show(self.rows)


class TermsDialog(QDialog):
    """A supplier's lead time, minimum order, payment terms and whether it ships for the store (dropship)."""

    def __init__(self, session: Session, card: Scorecard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.name = session, card.name
        self.setWindowTitle(_("Terms of {name}").format(name=card.name))
        self.lead = QSpinBox()
        self.lead.setRange(0, 365)
        self.lead.setValue(card.lead_time_days)
        self.moq = QSpinBox()
        self.moq.setRange(1, 1_000_000)
        self.moq.setValue(card.min_order_qty)
        self.payment = QLineEdit(card.payment_terms)
        self.payment.setPlaceholderText(_("such as 30 days after delivery"))
        self.dropship = QCheckBox(_("Ships orders for the store (dropship)"))
        self.dropship.setChecked(card.dropship)
        form = QFormLayout()
        form.addRow(_("Lead time (days):"), self.lead)
        form.addRow(_("Minimum order:"), self.moq)
        form.addRow(_("Payment terms:"), self.payment)
        form.addRow("", self.dropship)
        self.error, buttons = finish_form(self, form, self.save)
        name_buttons(buttons, _("Save"), _("Cancel"))

    def save(self) -> None:
        try:
            suppliers.set_terms(self.session, self.name, self.lead.value(), self.moq.value(),
                                self.payment.text(), self.dropship.isChecked())
        except ShopDeskError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class CarriersView(Retranslating, QWidget):
    """Each carrier's orders over the 90 days up to the day: time to ship and deliver, charge, damage rate."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("carriers")
        self.rows: list = []
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = record_table(7, "carriers_table", lambda: None)
        self.table.horizontalHeader().setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self.retranslate_ui()

    def load(self, as_of: dt.date) -> None:
        run_reading(self, _("Computing the carriers…"), self.session,
                    lambda session: logistics.carriers(session, as_of), self._show)

    def _show(self, rows) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        currency = self.session.currency
        for i, c in enumerate(rows):
            cells = (c.carrier or _("(no carrier)"), formatting.number(c.shipped), formatting.number(c.delivered),
                     formatting.number(c.hours_to_ship, 1), formatting.number(c.hours_to_deliver, 1),
                     formatting.money(None if c.shipping_cents is None else round(c.shipping_cents), currency),
                     formatting.percent(c.damage_rate, 2) + (f" ({c.damaged})" if c.damaged else ""))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                self.table.setItem(i, j, _right(item) if j else item)

    def retranslate_ui(self) -> None:
        self.note.setText(_("Orders shipped in the 90 days up to the day: hours from payment to shipment and from "
                            "shipment to delivery, the mean shipping charge, and after-sales cases for damage in "
                            "transit per delivered order."))
        self.table.setHorizontalHeaderLabels([_("Carrier"), _("Orders shipped"), _("Orders delivered"), _("Hours to ship"),
                                              _("Hours to deliver"), _("Charge per order"), _("Damage rate")])
        if self.rows:
            self._show(self.rows)
