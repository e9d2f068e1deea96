"""Delisting (退市) in the Products tab: the application with its reason and what the supplier does with the
stock, and the list where a different account approves (the product is delisted) or rejects (SPEC §3)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.vocabularies import DECISION_LABELS, SUPPLIER_ACTION_LABELS, SUPPLIER_ACTIONS
from shopdesk.i18n import _
from shopdesk.services import delisting
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.common import finish_form, name_buttons
from shopdesk.ui.tabs.products.decisions import DecisionList
from shopdesk.ui.widgets import record_table


class DelistingDialog(QDialog):
    """Apply to delist one product: why, and whether its stock goes back to the supplier or is exchanged."""

    def __init__(self, session: Session, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.code = session, code
        self.application_id: int | None = None
        self.setObjectName("delisting_dialog")
        self.setWindowTitle(_("Apply to delist {code}").format(code=code))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(_("out of style, quality complaints, …"))
        self.reason.setMaximumHeight(80)
        self.action = QComboBox()
        self.action.setObjectName("supplier_action")
        for key in SUPPLIER_ACTIONS:
            self.action.addItem(_(SUPPLIER_ACTION_LABELS[key]), key)
        self.units = QSpinBox()
        self.units.setObjectName("units")
        self.units.setRange(0, 1_000_000)
        self.action.currentIndexChanged.connect(lambda: self.units.setEnabled(self.action.currentData() != "none"))
        self.action.setCurrentIndex(self.action.findData("none"))
        self.units.setEnabled(False)
        form = QFormLayout()
        form.addRow(_("Product:"), QLabel(code))
        form.addRow(_("Reason:"), self.reason)
        form.addRow(_("Stock on hand:"), self.action)
        form.addRow(_("Units returned or exchanged:"), self.units)
        self.error, buttons = finish_form(self, form, self.send)
        self.reason.textChanged.connect(self.error.clear)
        name_buttons(buttons, _("Send application"), _("Cancel"))
        self.resize(460, 260)

    def send(self) -> None:
        action = self.action.currentData()
        try:
            self.application_id = delisting.apply(self.session, self.code, self.reason.toPlainText(), action,
                                                  self.units.value() if action != "none" else 0)
        except ShopDeskError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class DelistingsDialog(DecisionList, QDialog):
    """Every delisting application, waiting ones first; another account with the right approves or rejects."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("delistings_dialog")
        self.setWindowTitle(_("Delisting applications"))
        self.resize(960, 460)
        self.rows: list[dict] = []
        self.table = record_table(8, "delistings_table", self._update)
        self.table.setHorizontalHeaderLabels([_("Product code"), _("Product name"), _("Reason"), _("Stock on hand"),
                                              _("Units"), _("Applied by"), _("Status"), _("Decided by")])
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the reason
        self.approve_button, self.reject_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        self.approve_button.setObjectName("approve")
        self.reject_button.setObjectName("reject")
        self.approve_button.setText(_("Approve"))
        self.reject_button.setText(_("Reject…"))
        self.close_button.setText(_("Close"))
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.close_button.clicked.connect(self.accept)
        self.note = QLabel(_("Approving delists the product; units returned to the supplier leave the stock."))
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.rows = delisting.applications(self.session)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            decision, action = DECISION_LABELS[row["status"]], SUPPLIER_ACTION_LABELS[row["supplier_action"]]
            status = _(decision)
            if row["decision_note"]:
                status += f" — {row['decision_note']}"
            cells = (row["code"], row["name"], row["reason"], _(action),
                     str(row["units"]) if row["supplier_action"] != "none" else "—", row["applied_by"], status,
                     row["decided_by"] or "")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self._update()

    def _update(self) -> None:
        self._enable_decisions(self.selected())

    def approve_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._decide(lambda: delisting.decide(self.session, row["id"], True))

    def reject_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        note, ok = QInputDialog.getText(self, _("Reject"), _("Why is delisting {code} rejected?").format(
            code=row["code"]))
        if ok:
            self._decide(lambda: delisting.decide(self.session, row["id"], False, note))
