"""The two-person confirmation bar of a day on the dashboard."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.roles import Permission
from shopdesk.i18n import _, formatting
from shopdesk.services import anomalies, confirmation
from shopdesk.services.session import Session
from shopdesk.ui.errors import show_error


def status_text(state: confirmation.DayStatus) -> str:
    """A day's standing in the current language."""
    def when(text: str | None) -> str:
        return (text or "")[:16].replace("T", " ")
    if state.state == "confirmed":
        return _("Confirmed by {confirmer} ({confirmed_at}); prepared by {preparer} ({prepared_at})").format(
            confirmer=state.confirmed_by, confirmed_at=when(state.confirmed_at), preparer=state.prepared_by,
            prepared_at=when(state.prepared_at))
    if state.state == "prepared":
        return _("Draft — prepared by {preparer} ({prepared_at}), waiting for a second person to confirm").format(
            preparer=state.prepared_by, prepared_at=when(state.prepared_at))
    return _("Draft — not prepared yet")


class ConfirmBar(QWidget):
    """Prepare / Confirm for one day; the preparer can never confirm."""

    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("confirm_bar")
        self.day: dt.date | None = None
        self.state: confirmation.DayStatus | None = None
        self.waiting = 0  # the day's anomalies that need a cause note and have none
        self.label = QLabel()
        self.label.setObjectName("confirm_status")
        self.prepare_button, self.confirm_button = QPushButton(), QPushButton()
        self.prepare_button.setObjectName("prepare")
        self.confirm_button.setObjectName("confirm")
        self.prepare_button.clicked.connect(lambda: self._act(confirmation.prepare))
        self.confirm_button.clicked.connect(lambda: self._act(confirmation.confirm))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.prepare_button)
        layout.addWidget(self.confirm_button)

    def show_day(self, day: dt.date) -> None:
        """Show where ``day`` stands."""
        self.day = day
        self.state = confirmation.status(self.session, day)
        self.waiting = len(anomalies.waiting_for_cause(self.session, day))
        self.retranslate()

    def _act(self, action) -> None:
        try:
            action(self.session, self.day)
        except ShopDeskError as exc:
            show_error(self, exc)
        self.show_day(self.day)
        self.changed.emit()

    def retranslate(self) -> None:
        """Texts and enabled buttons for the current state and account."""
        self.prepare_button.setText(_("Prepare the day"))
        self.confirm_button.setText(_("Confirm as second person"))
        state = self.state
        if state is None:
            return
        confirmed = state.state == "confirmed"
        text = status_text(state)
        if self.waiting:
            text += " · " + _("Anomalies of the day still waiting for a cause note: {count}.").format(
                count=formatting.number(self.waiting))
        self.label.setText(text)
        self.label.setStyleSheet("color: #2e7d32; font-weight: 600;" if confirmed else "color: #b26a00;")
        writable = self.session.store.writable  # a window that only reads neither prepares nor confirms
        self.prepare_button.setEnabled(not confirmed and writable)
        own = (state.prepared_by or "").casefold() == self.session.username.casefold()
        self.confirm_button.setEnabled(state.state == "prepared" and not own and writable
                                       and self.session.can(Permission.CONFIRM_REPORTS))
        self.confirm_button.setToolTip(_("The account that prepared the day cannot confirm it.") if own else "")
