"""The Overview tab: store name, file, schema, counts, order days and backups."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from shopdesk.i18n import N_, _, formatting
from shopdesk.services.overview import StoreOverview, store_overview
from shopdesk.services.session import Session
from shopdesk.ui.language import Retranslating
from shopdesk.ui.refresh import Refresher

_COUNT_LABELS = (
    ("products", N_("Products")), ("suppliers", N_("Suppliers")), ("customers", N_("Customers")),
    ("orders", N_("Orders")), ("order_lines", N_("Order lines")), ("after_sales", N_("After-sales cases")),
    ("stock_movements", N_("Stock movements")), ("traffic_daily", N_("Days of traffic figures")),
)


class OverviewTab(Retranslating, QWidget):
    """Shows :func:`shopdesk.services.overview.store_overview`; read again when what it counts changed."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("overview_tab")
        self.store_box, self.data_box = QGroupBox(), QGroupBox()
        self.store_form, self.data_form = QFormLayout(self.store_box), QFormLayout(self.data_box)
        self.values: dict[str, QLabel] = {}
        for key in ("store_name", "path", "schema", "currency", "timezone", "backups"):
            self._row(self.store_form, key)
        for key, _label in _COUNT_LABELS:
            self._row(self.data_form, key)
        self._row(self.data_form, "order_days")
        layout = QVBoxLayout(self)
        layout.addWidget(self.store_box)
        layout.addWidget(self.data_box)
        layout.addStretch(1)
        self.overview: StoreOverview | None = None
        self.retranslate_ui()

    def _row(self, form: QFormLayout, key: str) -> None:
        value = QLabel()
        value.setObjectName(key)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(QLabel(), value)
        self.values[key] = value

    def refresh(self) -> None:
        """Reload the figures from the store."""
        self.overview = store_overview(self.session)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        o = self.overview
        self.store_box.setTitle(_("Store"))
        self.data_box.setTitle(_("Data"))
        labels = {"store_name": _("Store name"), "path": _("Store file"), "schema": _("Schema version"),
                  "currency": _("Currency"), "timezone": _("Time zone"), "backups": _("Backups"),
                  "order_days": _("Orders from – to")}
        labels.update({key: _(text) for key, text in _COUNT_LABELS})
        for form in (self.store_form, self.data_form):
            for row in range(form.rowCount()):
                label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
                value = form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
                label.setText(labels[value.objectName()])
        if o is None:
            return
        name = _("{name} (demo)").format(name=o.store_name) if o.is_demo else o.store_name
        v = self.values
        v["store_name"].setText(name)
        v["path"].setText(o.path)
        v["schema"].setText(str(o.schema_version))
        v["currency"].setText(o.currency)
        v["timezone"].setText(o.timezone)
        v["backups"].setText(_("{count} kept; latest {name}").format(count=o.backups, name=o.last_backup)
                             if o.last_backup else _("none yet"))
        for key, _label in _COUNT_LABELS:
            v[key].setText(formatting.number(o.counts[key]))
        if o.first_order_day:
            v["order_days"].setText(f"{formatting.date(dt.date.fromisoformat(o.first_order_day))} – "
                                    f"{formatting.date(dt.date.fromisoformat(o.last_order_day))}")
        else:
            v["order_days"].setText("—")
