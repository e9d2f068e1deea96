"""A stock list in the Inventory tab: the replenishment suggestions or the slow-moving products, with printing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.roles import Permission
from shopdesk.domain.vocabularies import SLOW_REASON_LABELS, TREATMENT_LABELS
from shopdesk.i18n import _, formatting
from shopdesk.reports.stock_lists import treatment_text
from shopdesk.services import purchasing, stock
from shopdesk.services.session import Session
from shopdesk.ui.errors import show_error
from shopdesk.ui.language import Retranslating
from shopdesk.ui.widgets import record_table, selected_index
from shopdesk.ui.workers import run_reading

NUMBERS = {"replenishment": (3, 4, 5, 6, 7, 8), "slow-moving": (3, 4, 5, 6)}


class StockListView(Retranslating, QWidget):
    """The rows of one list as of a day, computed off the UI thread; "Print list…" opens its print preview;
    the replenishment list can be ordered, one order per supplier."""

    ordered = Signal()

    def __init__(self, session: Session, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.kind = session, kind
        self.setObjectName(f"list_{kind}")
        self.rows: list = []
        self.as_of: dt.date | None = None
        self.preview = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.setObjectName("print_list")
        self.print_button.clicked.connect(self.print_list)
        self.order_button = QPushButton()
        self.order_button.setObjectName("order_suggestions")
        self.order_button.clicked.connect(self.order_all)
        self.order_button.setVisible(kind == "replenishment" and session.can(Permission.MANAGE_STOCK))
        self.treat_button = QPushButton()
        self.treat_button.setObjectName("treat")
        self.treat_button.clicked.connect(self.treat_selected)
        self.treat_button.setVisible(kind == "slow-moving" and session.can(Permission.MANAGE_PRODUCTS))
        self.reserve_button = QPushButton()
        self.reserve_button.setObjectName("reservations")
        self.reserve_button.clicked.connect(self.show_reservations)
        self.reserve_button.setVisible(kind == "replenishment")
        self.table = record_table(9 if kind == "replenishment" else 8, f"{kind}_table", lambda: None)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # the name takes the room, the figures stay by it
        header.setSectionResizeMode(2 if kind == "replenishment" else 1, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        bar.addWidget(self.note, 1)
        bar.addWidget(self.reserve_button)
        bar.addWidget(self.order_button)
        bar.addWidget(self.treat_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.retranslate_ui()

    def load(self, as_of: dt.date) -> None:
        """Compute the list as of ``as_of`` in the background (a read-only connection of the worker's own)."""
        self.as_of = as_of
        compute = stock.replenishment if self.kind == "replenishment" else stock.slow_moving
        run_reading(self, _("Computing the list…"), self.session, lambda session: compute(session, as_of), self._show)

    def _show(self, rows: list) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            if self.kind == "replenishment":
                cells = (r.supplier or _("(no supplier)"), r.sku, r.name, formatting.number(r.on_hand),
                         formatting.number(r.planned), formatting.number(r.daily_units, 2), str(r.lead_time_days),
                         formatting.number(r.min_order_qty),
                         formatting.number(r.suggested_qty))
            else:
                cells = (r.sku, r.name, r.last_sale or _("never"), formatting.number(r.units_window),
                         _("not tracked") if r.on_hand is None else formatting.number(r.on_hand),
                         "—" if r.turnover_days is None else formatting.number(r.turnover_days, 0),
                         _(SLOW_REASON_LABELS[r.reason]), treatment_text(r))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j in NUMBERS[self.kind]:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.retranslate_ui()

    def treat_selected(self) -> None:
        """Record how the selected slow-moving product is treated."""
        from PySide6.QtWidgets import QInputDialog

        from shopdesk.domain.stock import TREATMENTS
        from shopdesk.services.stockledger import record_treatment
        index = selected_index(self.table)
        if index is None:
            return
        line = self.rows[index]
        labels = [_(TREATMENT_LABELS[t]) for t in TREATMENTS]
        choice, ok = QInputDialog.getItem(self, _("Treatment"), _("How is {code} treated?").format(code=line.code),
                                          labels, 0, False)
        if not ok:
            return
        try:
            record_treatment(self.session, line.code, TREATMENTS[labels.index(choice)])
        except ShopDeskError as exc:
            show_error(self, exc)
        self.load(self.as_of)

    def show_reservations(self) -> None:
        """Units set aside for upcoming campaigns; the suggestions are computed again afterwards."""
        from shopdesk.ui.tabs.inventory.reservations_dialog import ReservationsDialog
        index = selected_index(self.table)
        code = self.rows[index].code if index is not None else ""
        ReservationsDialog(self.session, self.as_of or stock.default_day(self.session), code, self).exec()
        if self.as_of is not None:
            self.load(self.as_of)

    def order_all(self) -> None:
        """Order the suggestions shown, one replenishment order per supplier."""
        try:
            purchasing.order_suggestions(self.session, self.as_of)
        except ShopDeskError as exc:
            show_error(self, exc)
        self.ordered.emit()

    def print_list(self) -> None:
        """Build the printed list off the UI thread and open its print preview."""
        from shopdesk.ui.dialogs.report_preview import preview_report
        kind, as_of = self.kind, self.as_of

        def make(session, font, paper) -> tuple[bytes, str]:
            from shopdesk.reports import stock_lists
            from shopdesk.services.reports import stock_list_figures
            figures = stock_list_figures(session, kind, as_of)
            return stock_lists.pdf(figures, font, paper), f"{kind}-{figures.as_of.isoformat()}.pdf"
        preview_report(self, self.session, make)

    def retranslate_ui(self) -> None:
        self.print_button.setText(_("Print list…"))
        self.order_button.setText(_("Order these"))
        self.treat_button.setText(_("Record treatment…"))
        self.reserve_button.setText(_("Campaign reservations…"))
        self.order_button.setEnabled(bool(self.rows))
        if self.kind == "replenishment":
            self.note.setText(_("{count} products to reorder, by supplier.").format(count=len(self.rows)))
            self.table.setHorizontalHeaderLabels([_("Supplier"), _("SKU"), _("Name"), _("On hand"), _("Reserved"),
                                                  _("Units a day"), _("Lead time (days)"), _("Minimum order"),
                                                  _("Order qty")])
        else:
            self.note.setText(_("{count} slow-moving products, the longest unsold first.").format(count=len(self.rows)))
            self.table.setHorizontalHeaderLabels([_("SKU"), _("Name"), _("Last sale"), _("Units sold"), _("On hand"),
                                                  _("Turnover days"), _("Why"), _("Treatment")])
