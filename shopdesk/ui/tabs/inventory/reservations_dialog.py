"""Campaign reservations (活動備貨) from the Replenishment page: units set aside for an upcoming campaign,
which the suggestion orders ahead when the campaign starts within the lead time and safety days."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.roles import Permission
from shopdesk.i18n import _
from shopdesk.services import reservations
from shopdesk.services.session import Session
from shopdesk.ui.widgets import day_edit, record_table, selected_index


class ReservationsDialog(QDialog):
    """The reservations (open ones first) and a row to add one; the selected one can be cancelled."""

    def __init__(self, session: Session, day: dt.date, code: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("reservations_dialog")
        self.setWindowTitle(_("Campaign reservations"))
        self.resize(900, 480)
        self.rows: list[dict] = []
        self.table = record_table(7, "reservations_table", self._update)
        self.table.setHorizontalHeaderLabels([_("Product code"), _("Name"), _("Campaign"), _("First day"),
                                              _("Last day"), _("Units"), _("Status")])
        self.code, self.campaign = QLineEdit(code), QLineEdit()
        self.code.setObjectName("code")
        self.campaign.setObjectName("campaign")
        self.code.setPlaceholderText(_("product code"))
        self.campaign.setPlaceholderText(_("campaign, such as 雙11"))
        self.starts, self.ends = day_edit(day + dt.timedelta(days=14)), day_edit(day + dt.timedelta(days=16))
        self.units = QSpinBox()
        self.units.setObjectName("units")
        self.units.setRange(1, 1_000_000)
        self.add_button, self.cancel_button, self.close_button = QPushButton(_("Reserve")), QPushButton(
            _("Cancel reservation")), QPushButton(_("Close"))
        self.add_button.setObjectName("reserve")
        self.cancel_button.setObjectName("cancel_reservation")
        can = session.can(Permission.MANAGE_STOCK)
        self.add_button.clicked.connect(self.add)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.close_button.clicked.connect(self.accept)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QHBoxLayout()
        for widget in (self.code, self.campaign, QLabel(_("from")), self.starts, QLabel(_("to")), self.ends,
                       QLabel(_("units")), self.units, self.add_button):
            widget.setEnabled(can)
            form.addWidget(widget)
        note = QLabel(_("A reservation is ordered ahead when its campaign starts within the supplier's lead time and "
                        "the safety days; a running campaign's sales are already in the pace."))
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.rows = reservations.reservations(self.session)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            state = _("cancelled by {name}").format(name=r["cancelled_by"]) if r["cancelled_at"] else _("open")
            for j, text in enumerate((r["code"], r["name"], r["campaign"], r["starts_on"], r["ends_on"],
                                      str(r["units"]), state)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self._update()

    def _update(self) -> None:
        index = selected_index(self.table)
        self.cancel_button.setEnabled(index is not None and not self.rows[index]["cancelled_at"]
                                      and self.session.can(Permission.MANAGE_STOCK))

    def add(self) -> None:
        try:
            reservations.reserve(self.session, self.code.text().strip(), self.campaign.text(),
                                 self.starts.date().toPython(), self.ends.date().toPython(), self.units.value())
        except ShopDeskError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.refresh()

    def cancel_selected(self) -> None:
        index = selected_index(self.table)
        if index is None:
            return
        try:
            reservations.cancel(self.session, self.rows[index]["id"])
        except ShopDeskError as exc:
            self.error.setText(str(exc))
        self.refresh()
