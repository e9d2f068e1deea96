"""Profit page of the Products tab (利潤核算): each product's sales, cost, commission, fulfilment, ad spend,
profit, margin and ROI over the profit window, a ROI below the floor marked. Shown to roles that may see
costs only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from shopdesk.domain.profit import ProductProfit
from shopdesk.i18n import _, formatting
from shopdesk.services import stock
from shopdesk.services.products import profit_terms, profits
from shopdesk.services.session import Session
from shopdesk.ui.language import Retranslating
from shopdesk.ui.refresh import Refresher
from shopdesk.ui.widgets import day_edit, record_table
from shopdesk.ui.workers import Loads

BELOW = QColor("#b3261e")


class ProfitView(Retranslating, QWidget):
    """Profit per product up to a day, computed off the UI thread; the least profitable first."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("profit")
        self.loads = Loads(self)
        self.rows: list[ProductProfit] = []
        self.date_label, self.summary = QLabel(), QLabel()
        self.summary.setWordWrap(True)
        self.last_day = day_edit(stock.default_day(session), "profit_last_day")
        self.table = record_table(10, "profit_table", lambda: None)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        bar.addWidget(self.date_label)
        bar.addWidget(self.last_day)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.retranslate_ui()
        self.last_day.dateChanged.connect(self.refresh)

    def refresh(self) -> None:
        last = self.last_day.date().toPython()
        self.loads.read(_("Computing profit…"), self.session, lambda session: profits(session, last), self._show)

    def _show(self, rows: list[ProductProfit]) -> None:
        self.rows = sorted(rows, key=lambda r: (r.profit_cents is None, r.profit_cents or 0, r.code))
        currency = self.session.currency
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            roi = "—" if r.roi is None else "1 : " + formatting.number(r.roi, 1)
            cells = (r.code, r.name, formatting.number(r.units), formatting.money(r.sales_cents, currency),
                     formatting.money(r.cost_cents, currency), formatting.money(r.commission_cents, currency),
                     formatting.money(r.fulfilment_cents + r.ad_spend_cents, currency),
                     formatting.money(r.profit_cents, currency), formatting.percent(r.margin), roi)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if (j == 9 and r.below_roi_floor) or (j == 7 and (r.profit_cents or 0) < 0):
                    item.setForeground(QBrush(BELOW))
                self.table.setItem(i, j, item)
        losing = sum(1 for r in self.rows if (r.profit_cents or 0) < 0)
        below = sum(1 for r in self.rows if r.below_roi_floor)
        terms = profit_terms(self.session)
        self.summary.setText(_(
            "The {days} days up to {day}: {losing} products lose money, {below} are below the ROI floor of 1 : "
            "{roi}. Commission {commission}, fulfilment {fulfilment} a unit, ad spend {ads} of sales (Settings).")
            .format(days=formatting.number(terms["window_days"]), day=formatting.date(self.last_day.date().toPython()),
                    losing=formatting.number(losing), below=formatting.number(below),
                    roi=formatting.number(terms["min_roi"], 1), commission=formatting.percent(terms["commission_rate"]),
                    fulfilment=formatting.number(terms["fulfilment_per_unit"], 2),
                    ads=formatting.percent(terms["ad_spend_rate"])))

    def retranslate_ui(self) -> None:
        self.date_label.setText(_("Up to:"))
        self.table.setHorizontalHeaderLabels([_("Product code"), _("Name"), _("Units"), _("Sales"), _("Cost"),
                                              _("Commission"), _("Fulfilment and ads"), _("Profit"), _("Margin"),
                                              _("ROI")])
        if self.rows:
            self._show(self.rows)
