"""Posting to the stock ledger from the Inventory tab: one movement, or a stock-take of counted products."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.stock import MANUAL_KINDS, StockLine
from shopdesk.domain.vocabularies import MOVEMENT_KIND_LABELS
from shopdesk.i18n import _, formatting
from shopdesk.services.session import Session
from shopdesk.services.stockledger import Posted, post_movement, stock_take
from shopdesk.ui.dialogs.common import add_rows, finish_form, name_buttons, set_texts
from shopdesk.ui.language import Retranslating


def warn_abnormal(parent: QWidget, posted: Posted) -> None:
    """Tell the user an abnormally large change was recorded as such."""
    if posted.abnormal:
        items = ", ".join(f"{code} ({quantity:+})" for code, quantity in posted.abnormal)
        QMessageBox.warning(parent, "ShopDesk", _("Abnormal stock operation, recorded in the audit log: {items}.")
                            .format(items=items))


class PostMovementDialog(Retranslating, QDialog):
    """A receipt, a customer return or an adjustment of one product, with its reason."""

    def __init__(self, session: Session, lines: list[StockLine], selected: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("post_movement_dialog")
        self.setMinimumWidth(460)
        self.product = QComboBox()
        self.product.setObjectName("product")
        self.product.setEditable(True)
        for line in lines:
            self.product.addItem(f"{line.code} — {line.name}", line.code)
        if selected:
            self.product.setCurrentIndex(max(0, self.product.findData(selected)))
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.quantity = QSpinBox()
        self.quantity.setObjectName("quantity")
        self.quantity.setRange(-1_000_000, 1_000_000)
        self.reason, self.ref = QLineEdit(), QLineEdit()
        self.reason.setObjectName("reason")
        self.posted: Posted | None = None
        self.form = QFormLayout()
        self.labels = add_rows(self.form, [self.product, self.kind, self.quantity, self.reason, self.ref])
        self.error, self.buttons = finish_form(self, self.form, self._post)
        self.retranslate_ui()

    def _post(self) -> None:
        code = self.product.currentData() or self.product.currentText().split(" — ")[0].strip()
        try:
            self.posted = post_movement(self.session, code, MANUAL_KINDS[self.kind.currentIndex()],
                                        self.quantity.value(), self.reason.text(), self.ref.text())
        except ShopDeskError as exc:
            self.error.setText(exc.message())
            return
        warn_abnormal(self, self.posted)
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Post a stock movement"))
        index = self.kind.currentIndex()
        self.kind.clear()
        self.kind.addItems([_(MOVEMENT_KIND_LABELS[k]) for k in MANUAL_KINDS])
        self.kind.setCurrentIndex(max(index, 0))
        set_texts(self.labels, (_("Product"), _("Kind"), _("Quantity"), _("Reason"), _("Reference")))
        self.ref.setPlaceholderText(_("purchase order, return case…"))
        name_buttons(self.buttons, _("Post"), _("Cancel"))


class StockTakeDialog(Retranslating, QDialog):
    """Counted quantities typed next to the ledger's; the differences are posted together with one reason."""

    def __init__(self, session: Session, lines: list[StockLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.lines = session, lines
        self.setObjectName("stock_take_dialog")
        self.resize(760, 560)
        self.table = QTableWidget(len(lines), 4)
        self.table.setObjectName("count_table")
        self.table.verticalHeader().hide()
        for i, line in enumerate(lines):
            on_hand = formatting.number(line.on_hand) if line.tracked else _("not tracked")
            for j, text in enumerate((line.code, line.name, on_hand)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, j, item)
            self.table.setItem(i, 3, QTableWidgetItem(""))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.posted: Posted | None = None
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        form = QFormLayout()
        self.labels = add_rows(form, [self.reason])
        layout.addLayout(form)
        self.error, self.buttons = finish_form(self, body, self._post)
        self.retranslate_ui()

    def counts(self) -> dict[str, int]:
        """Code → counted units of the rows with a count; ValueError naming the first bad cell."""
        found = {}
        for i, line in enumerate(self.lines):
            text = self.table.item(i, 3).text().strip().replace(",", "")
            if not text:
                continue
            if not text.isdigit():
                raise ValueError(_("{code}: '{value}' is not a counted quantity.").format(code=line.code, value=text))
            found[line.code] = int(text)
        return found

    def _post(self) -> None:
        try:
            counts = self.counts()
            if not counts:
                raise ValueError(_("Type the counted quantity of at least one product."))
            _differences, self.posted = stock_take(self.session, counts, self.reason.text())
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        except ShopDeskError as exc:
            self.error.setText(exc.message())
            return
        warn_abnormal(self, self.posted)
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Stock-take"))
        self.table.setHorizontalHeaderLabels([_("SKU"), _("Name"), _("On hand"), _("Counted")])
        self.table.resizeColumnsToContents()  # to the headers in this language too
        set_texts(self.labels, (_("Reason"),))
        self.reason.setPlaceholderText(_("e.g. monthly stock-take"))
        name_buttons(self.buttons, _("Post differences"), _("Cancel"))
