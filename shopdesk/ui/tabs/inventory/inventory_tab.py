"""The Inventory tab (SPEC §4): stock on hand from the ledger, the products below their safety stock first;
a product whose stock the platform does not track shows "not tracked", never zero."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.roles import Permission
from shopdesk.domain.stock import StockLine
from shopdesk.i18n import _, formatting
from shopdesk.services import stock
from shopdesk.services.session import Session
from shopdesk.ui.language import Retranslating
from shopdesk.ui.refresh import Refresher
from shopdesk.ui.tabs.inventory.lists_view import StockListView
from shopdesk.ui.tabs.inventory.orders_view import OrdersView
from shopdesk.ui.tabs.inventory.suppliers_view import CarriersView, SuppliersView
from shopdesk.ui.widgets import record_table, selected_index

ALERT = QColor("#c62828")
NOT_TRACKED = QColor("#777777")
SHOW = ("alerts", "take_down", "all", "untracked")


class InventoryTab(Retranslating, QWidget):
    """Products below their safety stock (庫存預警), every product or the untracked ones; the replenishment
    suggestions and the slow-moving products as of the same day."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("inventory_tab")
        self.lines: list[StockLine] = []
        self.shown: list[StockLine] = []
        self.show_label, self.date_label, self.summary = QLabel(), QLabel(), QLabel()
        self.which = QComboBox()
        self.which.setObjectName("which")
        self.as_of = QDateEdit()
        self.as_of.setObjectName("as_of")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        day = stock.default_day(session)
        self.as_of.setDate(QDate(day.year, day.month, day.day))
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.table = record_table(5, "inventory_table", lambda: None)
        self.post_button, self.count_button = QPushButton(), QPushButton()
        self.post_button.setObjectName("post_movement")
        self.count_button.setObjectName("stock_take")
        self.post_button.clicked.connect(self.post_movement)
        self.count_button.clicked.connect(self.stock_take)
        can_post = session.can(Permission.MANAGE_STOCK)
        bar = QHBoxLayout()
        for widget in (self.show_label, self.which, self.date_label, self.as_of, self.search):
            bar.addWidget(widget)
        bar.addStretch(1)
        for button in (self.post_button, self.count_button):
            button.setVisible(can_post)
            bar.addWidget(button)
        stock_page = QWidget()
        page_layout = QVBoxLayout(stock_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.summary)
        page_layout.addWidget(self.table)
        self.replenishment = StockListView(session, "replenishment")
        self.replenishment.ordered.connect(self.refresh)
        self.slow = StockListView(session, "slow-moving")
        self.orders = OrdersView(session, on_received=self._show_latest)
        self.suppliers = SuppliersView(session)
        # carriers are measured on orders: only for roles that see them
        self.carriers = CarriersView(session) if session.can(Permission.VIEW_ORDERS) else None
        self.pages = QTabWidget()
        self.pages.setObjectName("inventory_pages")
        for page in (stock_page, self.replenishment, self.slow, self.orders, self.suppliers, self.carriers):
            if page is not None:
                self.pages.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.pages)
        self.retranslate_ui()
        self.which.currentIndexChanged.connect(self.show_rows)
        self.search.textChanged.connect(self.show_rows)
        self.as_of.dateChanged.connect(self.refresh)

    def refresh(self) -> None:
        """Read the stock again as of the day chosen; the lists are computed in the background."""
        day = self.as_of.date().toPython()
        self.lines = stock.stock_lines(self.session, day)
        self.show_rows()
        self.replenishment.load(day)
        self.slow.load(day)
        self.orders.refresh()
        self.suppliers.load(day)
        if self.carriers is not None:
            self.carriers.load(day)

    def post_movement(self) -> None:
        """Post a receipt, return or adjustment (of the selected product, when one is)."""
        from shopdesk.ui.tabs.inventory.stock_dialogs import PostMovementDialog
        index = selected_index(self.table)
        selected = self.shown[index].code if index is not None else ""
        if PostMovementDialog(self.session, self.lines, selected, self).exec():
            self._show_latest()

    def stock_take(self) -> None:
        """Type counted quantities and post the differences (of the products shown)."""
        from shopdesk.ui.tabs.inventory.stock_dialogs import StockTakeDialog
        if StockTakeDialog(self.session, self.shown or self.lines, self).exec():
            self._show_latest()

    def _show_latest(self) -> None:
        """After a posting: the stock as of the latest day with data (the posting's own day)."""
        day = stock.default_day(self.session)
        if self.as_of.date().toPython() == day:
            self.refresh()
        else:
            self.as_of.setDate(QDate(day.year, day.month, day.day))  # refreshes

    def show_rows(self) -> None:
        """Fill the table with the products chosen."""
        which = SHOW[max(self.which.currentIndex(), 0)]
        text = self.search.text().strip().casefold()
        rows = [line for line in self.lines
                if (which == "all" or (which == "alerts" and line.below_safety) or (which == "untracked"
                                                                                    and not line.tracked)
                    or (which == "take_down" and line.out_of_stock))
                and (not text or text in line.code.casefold() or text in line.name.casefold()
                     or text in line.sku.casefold())]
        if which == "alerts":
            rows.sort(key=lambda line: (line.on_hand - line.safety_stock, line.code))
        self.shown = rows
        self.table.setRowCount(len(rows))
        for i, line in enumerate(rows):
            if line.tracked:
                on_hand = formatting.number(line.on_hand)
                status = (_("out of stock: take down") if line.out_of_stock else _("below safety stock")
                          if line.below_safety else _("enough"))
            else:
                on_hand, status = _("not tracked"), _("not tracked")
            colour = ALERT if line.below_safety else NOT_TRACKED if not line.tracked else None
            for j, cell in enumerate((line.sku, line.name, on_hand, formatting.number(line.safety_stock), status)):
                item = QTableWidgetItem(cell)
                if j in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if colour is not None:
                    item.setForeground(QBrush(colour))
                self.table.setItem(i, j, item)
        alerts = sum(line.below_safety for line in self.lines)
        untracked = sum(not line.tracked for line in self.lines)
        self.summary.setText(_("{alerts} of {products} products below their safety stock; {untracked} not "
                               "tracked.").format(alerts=formatting.number(alerts),
                                                  products=formatting.number(len(self.lines)),
                                                  untracked=formatting.number(untracked)))

    def retranslate_ui(self) -> None:
        self.show_label.setText(_("Show:"))
        self.date_label.setText(_("Stock at the end of:"))
        self.search.setPlaceholderText(_("Search SKU or name"))
        self.post_button.setText(_("Post movement…"))
        self.count_button.setText(_("Stock-take…"))
        index = self.which.currentIndex()
        self.which.blockSignals(True)
        self.which.clear()
        self.which.addItems([_("Below safety stock"), _("Out of stock: take down"), _("All products"),
                             _("Not tracked")])
        self.which.setCurrentIndex(max(index, 0))
        self.which.blockSignals(False)
        self.table.setHorizontalHeaderLabels([_("SKU"), _("Name"), _("On hand"), _("Safety stock"), _("Status")])
        for index, text in enumerate((_("Stock"), _("Replenishment"), _("Slow-moving"), _("Replenishment orders"),
                                      _("Suppliers"), _("Carriers"))[:self.pages.count()]):
            self.pages.setTabText(index, text)
        if self.lines:
            self.show_rows()
