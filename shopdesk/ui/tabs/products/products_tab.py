"""The Products tab: code, name, spec, category, prices, stock on hand and supplier."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from shopdesk.domain.roles import Permission
from shopdesk.i18n import _, formatting
from shopdesk.services import listing
from shopdesk.services.session import Session
from shopdesk.store.listing import Query
from shopdesk.ui.language import Retranslating
from shopdesk.ui.models.lazy_table import LazyTableModel
from shopdesk.ui.widgets import SearchBox, data_table, export_table

STAGES = ("new", "growth", "mature", "slow_moving", "clearance", "delisted")


class ProductsTab(Retranslating, QWidget):
    """Lists products through a lazy model; cost and supplier are masked for roles that may not see them."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("products_tab")
        self.stale = True  # the rows are read when the tab is first shown
        self.search = SearchBox()
        self.search.setObjectName("search")
        self.stage = QComboBox()
        self.stage.setObjectName("stage")
        self.export_button = QPushButton()
        self.export_button.clicked.connect(
            lambda: export_table(self, self.session, self.model.query, "products.xlsx"))
        self.count_label = QLabel()
        self.model = LazyTableModel(session, Query("products"), self)
        self.table = data_table(self.model, "products_table")
        self.search_label, self.stage_label = QLabel(), QLabel()
        bar = QHBoxLayout()
        for widget in (self.search_label, self.search, self.stage_label, self.stage):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.apply_button, self.applications_button = QPushButton(), QPushButton()
        self.apply_button.setObjectName("apply_listing")
        self.applications_button.setObjectName("listing_applications")
        self.apply_button.clicked.connect(self.new_application)
        self.applications_button.clicked.connect(self.show_applications)
        self.apply_button.setVisible(session.can(Permission.MANAGE_PRODUCTS))
        bar.addWidget(self.apply_button)
        bar.addWidget(self.applications_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self.table.doubleClicked.connect(self.open_product)
        self.search.search_changed.connect(self.apply_filters)
        self.stage.currentIndexChanged.connect(self.apply_filters)
        self.retranslate_ui()

    def open_product(self, index) -> None:
        """The page of the product double-clicked: record, weekly sales, stock ledger, history."""
        from shopdesk.services.products import product_page
        from shopdesk.ui.tabs.products.product_dialog import ProductDialog
        code = self.model.rows[index.row()][0]  # the first column is the product code
        self.product_dialog = ProductDialog(product_page(self.session, code), self.session.currency, self)
        self.product_dialog.open()

    def new_application(self) -> None:
        """Apply for a new product's listing (the checks are shown before it is sent)."""
        from shopdesk.ui.tabs.products.listing_dialogs import ApplicationDialog
        ApplicationDialog(self.session, self).exec()

    def show_applications(self) -> None:
        """The listing applications; a second account approves or rejects; approved products go live."""
        from shopdesk.ui.tabs.products.listing_dialogs import ApplicationsDialog
        ApplicationsDialog(self.session, self).exec()
        self.apply_filters()

    def apply_filters(self) -> None:
        """Show the products the filters ask for."""
        self.model.set_query(replace(self.model.query, search=self.search.text(),
                                     status=self.stage.currentData() or ""))
        self.model.fetchMore()
        if self.model.rows and not getattr(self, "_sized", False):  # fit the columns to the first page once
            self.table.resizeColumnsToContents()
            self._sized = True
        self.count_label.setText(_("{count} rows").format(count=formatting.number(listing.total(self.session, self.model.query))))

    def refresh(self) -> None:
        """Read the rows again."""
        self.stale = False
        self.apply_filters()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.stale:
            self.refresh()
        super().showEvent(event)

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("Search:"))
        self.stage_label.setText(_("Stage:"))
        self.search.setPlaceholderText(_("code, name or spec"))
        self.apply_button.setText(_("New listing application…"))
        self.applications_button.setText(_("Listing applications…"))
        current = self.stage.currentData()
        self.stage.blockSignals(True)
        self.stage.clear()
        self.stage.addItem(_("All"), "")
        for code in STAGES:
            self.stage.addItem(_(listing.STATUS_LABELS[code]), code)
        self.stage.setCurrentIndex(max(0, self.stage.findData(current)))
        self.stage.blockSignals(False)
        self.export_button.setText(_("Export…"))
        self.model.retranslate()
        if not self.stale:
            self.count_label.setText(_("{count} rows").format(
                count=formatting.number(listing.total(self.session, self.model.query))))
