"""Typing in a day's visitors when the platform gives no traffic export."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout, QLineEdit, QSpinBox, QWidget

from shopdesk.domain.errors import ShopDeskError
from shopdesk.i18n import _
from shopdesk.services.session import Session
from shopdesk.services.traffic import enter_traffic
from shopdesk.ui.dialogs.common import add_rows, finish_form, name_buttons, set_texts
from shopdesk.ui.language import Retranslating


class EnterTrafficDialog(Retranslating, QDialog):
    """Day, channel, visitors, page views and add-to-cart; saved through the traffic service."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("traffic_dialog")
        self.setMinimumWidth(380)
        self.day = QDateEdit(QDate.currentDate().addDays(-1))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.channel = QLineEdit()
        self.visitors, self.page_views, self.add_to_cart = QSpinBox(), QSpinBox(), QSpinBox()
        self.impressions, self.clicks = QSpinBox(), QSpinBox()
        self.optional_boxes = (self.page_views, self.add_to_cart, self.impressions, self.clicks)
        for box in (self.visitors, *self.optional_boxes):
            box.setRange(-1, 2_000_000_000)
            box.setGroupSeparatorShown(True)
            box.setValue(-1)
        self.visitors.setRange(0, 2_000_000_000)
        self.visitors.setObjectName("visitors")
        self.form = QFormLayout()
        self.labels = add_rows(self.form, [self.day, self.channel, self.visitors, *self.optional_boxes])
        self.error, self.buttons = finish_form(self, self.form, self._save)
        self.retranslate_ui()

    def _save(self) -> None:
        def optional(box: QSpinBox) -> int | None:
            return None if box.value() < 0 else box.value()
        try:
            enter_traffic(self.session, self.day.date().toPython(), self.visitors.value(),
                          optional(self.page_views), optional(self.add_to_cart), self.channel.text(),
                          optional(self.impressions), optional(self.clicks))
        except ShopDeskError as exc:
            self.error.setText(exc.message())
            return
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Enter visitors"))
        set_texts(self.labels, (_("Day"), _("Channel"), _("Visitors"), _("Page views"), _("Add-to-cart"),
                                _("Impressions"), _("Clicks")))
        self.channel.setPlaceholderText(_("blank: the whole store"))
        for box in self.optional_boxes:
            box.setSpecialValueText(_("not known"))
        name_buttons(self.buttons, _("Save"), _("Cancel"))
