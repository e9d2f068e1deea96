"""The mapping dialog: assign a file's columns to ShopDesk's fields against a live preview, then save.

A saved mapping is data in the store; the wizard offers it from then on, so a
new platform's export (JD, Pinduoduo, a Taobao variant) is a mapping, not code.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.i18n import N_, _
from shopdesk.services import imports
from shopdesk.services.imports import LINE_FIELDS, ORDER_FIELDS, PRODUCT_FIELDS, RETURN_FIELDS, TRAFFIC_FIELDS, Mapping
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.common import finish_form, name_buttons
from shopdesk.ui.language import Retranslating

KINDS = {"orders": (N_("Orders and order lines"), ORDER_FIELDS + LINE_FIELDS, ("order_no", "created_at")),
         "products": (N_("Products"), PRODUCT_FIELDS[1:], ("code", "name", "price")),
         "traffic": (N_("Daily traffic"), TRAFFIC_FIELDS, ("day", "visitors")),
         "returns": (N_("Returns and refunds"), RETURN_FIELDS, ("order_no", "refund", "opened_at"))}
FIELD_LABELS = {
    "order_no": N_("Order number"), "created_at": N_("Order time"), "paid_at": N_("Payment time"),
    "shipped_at": N_("Shipping time"), "delivered_at": N_("Delivery time"), "cancelled_at": N_("Cancellation time"),
    "status": N_("Order status"), "customer_id": N_("Customer ID"), "customer_name": N_("Customer name"),
    "total": N_("Order amount (paid, after discounts)"), "goods": N_("Goods amount"), "discount": N_("Discount"),
    "shipping": N_("Shipping fee"), "refund": N_("Refund amount"), "currency": N_("Currency"),
    "carrier": N_("Carrier"), "tracking_no": N_("Tracking number"), "channel": N_("Channel"),
    "region": N_("Region (province, state or country shipped to)"), "sku": N_("SKU"),
    "title": N_("Item name"), "quantity": N_("Quantity"), "unit_price": N_("Unit price"),
    "line_total": N_("Line amount"), "line_discount": N_("Line discount"), "attributes": N_("SKU attributes"),
    "code": N_("Product code"), "name": N_("Product name"), "spec": N_("Spec"), "category": N_("Category"),
    "category1": N_("Category level 1"), "category2": N_("Category level 2"), "category3": N_("Category level 3"),
    "price": N_("Price"), "sale_price": N_("Sale price"), "cost": N_("Cost price"), "stock": N_("Stock on hand"),
    "safety_stock": N_("Safety stock"), "supplier": N_("Supplier"), "parent": N_("Parent product"),
    "product_type": N_("Product type"), "day": N_("Day"), "visitors": N_("Visitors"), "page_views": N_("Page views"),
    "add_to_cart": N_("Add-to-cart"), "impressions": N_("Impressions"), "clicks": N_("Clicks"), "reason": N_("Reason"),
    "kind": N_("Kind of case"),
    "opened_at": N_("Date"),
}


class MappingDialog(Retranslating, QDialog):
    """Maps the columns of one file; ``saved`` is the mapping once saved."""

    def __init__(self, session: Session, path: Path, encoding: str | None = None,
                 parent: QWidget | None = None, reason: str | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("mapping_dialog")
        self.resize(980, 640)
        self.saved: Mapping | None = None
        sample = imports.peek([path], encoding)[0]
        self.header: list[str] = sample["header"]
        self.sample: list[list[str]] = sample["rows"]
        self.file_label = QLabel(sample["name"])
        self.name = QLineEdit(re.sub(r"[^\w-]+", "-", path.stem).strip("-").lower() or "my-export")
        self.name.setObjectName("name")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for key in KINDS:
            self.kind.addItem("", key)
        self.kind.currentIndexChanged.connect(self._build_fields)
        self.fields_box = QWidget()
        self.fields_grid = QGridLayout(self.fields_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields_box)
        self.preview = QTableWidget()
        self.preview.setObjectName("mapping_preview")
        self.preview.verticalHeader().hide()
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.form = QFormLayout()
        self.form_labels = [QLabel(), QLabel(), QLabel()]
        for label, field in zip(self.form_labels, (self.file_label, self.name, self.kind), strict=True):
            self.form.addRow(label, field)
        self.preview_label = QLabel()
        body = QVBoxLayout()
        self.reason = QLabel(reason or "")  # why the dialog opened by itself: no mapping fits the file
        self.reason.setObjectName("reason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #8a5a00;")
        self.reason.setVisible(bool(reason))
        body.addWidget(self.reason)
        body.addLayout(self.form)
        body.addWidget(scroll, 2)
        body.addWidget(self.preview_label)
        body.addWidget(self.preview, 2)
        self.error, self.buttons = finish_form(self, body, self._save)
        self.combos: dict[str, QComboBox] = {}
        self.field_labels: dict[str, QLabel] = {}
        self._build_fields()
        self.retranslate_ui()

    def _build_fields(self) -> None:
        while self.fields_grid.count():
            item = self.fields_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.combos, self.field_labels = {}, {}
        _label, fields, _required = KINDS[self.kind.currentData() or "orders"]
        guesses = self._guesses(self.kind.currentData() or "orders")
        for i, field in enumerate(fields):
            label = QLabel()
            combo = QComboBox()
            combo.setObjectName(field)
            combo.addItem("—", -1)
            for index, header in enumerate(self.header):
                combo.addItem(header, index)
            if field in guesses:
                combo.setCurrentIndex(combo.findData(guesses[field]))
            combo.currentIndexChanged.connect(self._update_preview)
            self.fields_grid.addWidget(label, i // 2, (i % 2) * 2)
            self.fields_grid.addWidget(combo, i // 2, (i % 2) * 2 + 1)
            self.combos[field], self.field_labels[field] = combo, label
        self.retranslate_ui()
        self._update_preview()

    def _guesses(self, kind: str) -> dict[str, int]:
        """Columns whose header a built-in mapping of this kind knows, by field."""
        guesses: dict[str, int] = {}
        for mapping in imports.mappings(self.session):
            if mapping.kind == kind:
                for field, index in mapping.resolve(self.header).items():
                    guesses.setdefault(field, index)
        return guesses

    def chosen(self) -> dict[str, int]:
        """Field → column index, for the fields given a column."""
        return {f: c.currentData() for f, c in self.combos.items() if c.currentData() is not None and c.currentData() >= 0}

    def _update_preview(self) -> None:
        chosen = self.chosen()
        self.preview.clear()
        self.preview.setColumnCount(len(chosen))
        self.preview.setRowCount(len(self.sample))
        self.preview.setHorizontalHeaderLabels([_(FIELD_LABELS.get(f, f)) for f in chosen])
        for r, row in enumerate(self.sample):
            for c, index in enumerate(chosen.values()):
                self.preview.setItem(r, c, QTableWidgetItem(row[index] if index < len(row) else ""))

    def mapping(self) -> Mapping:
        """The mapping the dialog describes."""
        kind = self.kind.currentData() or "orders"
        required = list(KINDS[kind][2])
        chosen = self.chosen()
        if kind == "orders" and "total" not in chosen:
            required += ["quantity", "unit_price"]
        return Mapping(name=self.name.text().strip(), label=self.name.text().strip(), platform=self.name.text().strip(),
                       kind=kind, columns={f: [self.header[i]] for f, i in chosen.items()}, required=required)

    def _save(self) -> None:
        mapping = self.mapping()
        if not mapping.name:
            self.error.setText(_("Give the mapping a name."))
            return
        missing = [f for f in mapping.required if f not in mapping.columns]
        if missing:
            self.error.setText(_("Choose a column for: {fields}").format(
                fields=", ".join(_(FIELD_LABELS.get(f, f)) for f in missing)))
            return
        try:
            imports.save_mapping(self.session, mapping)
        except ShopDeskError as exc:
            self.error.setText(exc.message())
            return
        self.saved = mapping
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Map columns"))
        for label, text in zip(self.form_labels, (_("File"), _("Mapping name"), _("The file holds")), strict=True):
            label.setText(text)
        for i in range(self.kind.count()):
            self.kind.setItemText(i, _(KINDS[self.kind.itemData(i)][0]))
        required = KINDS[self.kind.currentData() or "orders"][2]
        for field, label in self.field_labels.items():
            label.setText(_(FIELD_LABELS.get(field, field)) + (" *" if field in required else ""))
        self.preview_label.setText(_("Preview of the first rows with these columns"))
        name_buttons(self.buttons, _("Save"), _("Cancel"))
        if self.combos:
            self._update_preview()
