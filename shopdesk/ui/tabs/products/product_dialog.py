"""A product's page: its record, the weekly sales curve, its stock ledger and its history."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget

from shopdesk.domain.audit import ACTION_LABELS
from shopdesk.domain.vocabularies import CODED_CELL_LABELS, MOVEMENT_KIND_LABELS, label
from shopdesk.i18n import _, formatting
from shopdesk.services.products import ProductPage
from shopdesk.ui.language import Retranslating
from shopdesk.ui.widgets import record_table

FIELDS = ("code", "name", "spec", "category", "stage", "price", "cost", "supplier", "owner", "on_hand",
          "safety_stock", "weekly_target", "listed_at", "updated_at")


class ProductDialog(Retranslating, QDialog):
    """Shows one :class:`ProductPage`."""

    def __init__(self, page: ProductPage, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page, self.currency = page, currency
        self.setObjectName("product_dialog")
        self.resize(900, 640)
        self.values = {key: QLabel() for key in FIELDS}
        self.names = {key: QLabel() for key in FIELDS}
        form = QFormLayout()
        for key in FIELDS:
            form.addRow(self.names[key], self.values[key])
        self.chart = pg.PlotWidget()
        self.chart.setObjectName("sales_chart")
        self.chart.setBackground("w")
        self.chart.setMinimumHeight(240)
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.getAxis("left").enableAutoSIPrefix(False)
        self.movements = record_table(6, "movements_table", lambda: None)
        self.history = record_table(4, "history_table", lambda: None)
        self.tabs = QTabWidget()
        for widget in (self.chart, self.movements, self.history):
            self.tabs.addTab(widget, "")
        top = QWidget()
        top.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.tabs, 1)
        self._fill()
        self.retranslate_ui()

    def _fill(self) -> None:
        page = self.page
        ys = [w.units for w in page.weeks]
        self.chart.addItem(pg.BarGraphItem(x=list(range(len(ys))), height=ys, width=0.7, brush="#1565c0", pen=None))
        step = max(1, len(page.weeks) // 8)
        self.chart.getAxis("bottom").setTicks([[(i, w.first_day.strftime("%m-%d")) for i, w in
                                                enumerate(page.weeks)][::step]])
        if page.weekly_target is not None:  # the weekly target as a dashed line across the weeks
            self.chart.addItem(pg.InfiniteLine(pos=page.weekly_target, angle=0,
                                               pen=pg.mkPen("#e65100", width=1.5, style=Qt.PenStyle.DashLine)))
        self.chart.setYRange(0, max(ys + [page.weekly_target or 0, 1]) * 1.1, padding=0)
        self.movements.setRowCount(len(page.movements))
        for i, m in enumerate(page.movements):
            kind = m["kind"]
            for j, text in enumerate((m["day"], _(label(MOVEMENT_KIND_LABELS, kind)), f"{m['quantity']:+}", m["ref"],
                                      m.get("staff", ""), m.get("reason", ""))):
                self.movements.setItem(i, j, QTableWidgetItem(text))
        self.history.setRowCount(len(page.history))
        for i, h in enumerate(page.history):
            action = h["action"]
            for j, text in enumerate((h["at"][:16].replace("T", " "), h["staff_name"] or "",
                                      _(ACTION_LABELS.get(action, action)), h["after"] or "")):
                self.history.setItem(i, j, QTableWidgetItem(text))

    def _value(self, key: str) -> str:
        r = self.page.record
        if key == "on_hand":
            return formatting.number(self.page.on_hand) if self.page.tracked else _("not tracked")
        if key in ("price", "cost"):
            cents = r["price_cents" if key == "price" else "cost_cents"]
            return "—" if cents is None else formatting.money(cents, self.currency)
        if key == "category":
            return " / ".join(c for c in (r["category1"], r["category2"], r["category3"]) if c) or "—"
        if key == "stage":
            stage = r["stage"]
            return _(CODED_CELL_LABELS.get(stage, stage))
        if key == "weekly_target":
            target = self.page.weekly_target
            return "—" if target is None else _("{units} units (dashed line)").format(units=formatting.number(target))
        if key in ("listed_at", "updated_at"):
            return (r[key] or "—")[:16].replace("T", " ")
        return str(r[key]) if r[key] not in (None, "") else "—"

    def retranslate_ui(self) -> None:
        r = self.page.record
        self.setWindowTitle(f"{r['code']} — {r['name']}")
        labels = {"code": _("Product code"), "name": _("Product name"), "spec": _("Spec"), "category": _("Category"),
                  "stage": _("Stage"), "price": _("Price"), "cost": _("Cost price"), "supplier": _("Supplier"),
                  "on_hand": _("On hand"), "safety_stock": _("Safety stock"), "listed_at": _("Listed"),
                  "owner": _("Person in charge"), "weekly_target": _("Weekly target"),
                  "updated_at": _("Last update")}
        for key in FIELDS:
            self.names[key].setText(labels[key])
            self.values[key].setText(self._value(key))
        for index, text in enumerate((_("Units sold per week"), _("Stock ledger"), _("History"))):
            self.tabs.setTabText(index, text)
        self.chart.setTitle(_("Units sold per week"))
        self.movements.setHorizontalHeaderLabels([_("Day"), _("Kind"), _("Quantity"), _("Reference"), _("Staff"),
                                                  _("Reason")])
        self.history.setHorizontalHeaderLabels([_("Time"), _("Staff"), _("Action"), _("Details")])
