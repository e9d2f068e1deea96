"""The catalog page of the Products tab: every product with its category path, prices, stock on hand,
supplier, owner and dates; filtered by search, stage, the three category levels and owner; bulk edits and
delisting applications start here."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from shopdesk.domain.paging import Query
from shopdesk.domain.roles import Permission
from shopdesk.domain.vocabularies import CODED_CELL_LABELS, PRODUCT_STAGES
from shopdesk.i18n import _, formatting
from shopdesk.services import paging
from shopdesk.services.session import Session
from shopdesk.ui.language import Retranslating
from shopdesk.ui.models.lazy_table import LazyTableModel
from shopdesk.ui.refresh import Refresher
from shopdesk.ui.widgets import SearchBox, data_table, export_table, fit_columns


class CatalogView(Retranslating, QWidget):
    """Lists products through a lazy model; cost and supplier are masked for roles that may not see them."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("catalog")
        self.loaded = False  # the rows are read when the page is first shown
        self.search = SearchBox()
        self.search.setObjectName("search")
        self.search.setMinimumWidth(220)
        self.stage = QComboBox()
        self.stage.setObjectName("stage")
        self.levels = [QComboBox() for _level in range(3)]
        for number, combo in enumerate(self.levels, 1):
            combo.setObjectName(f"category{number}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.activated.connect(lambda _i, n=number: self._level_chosen(n))
        self.owner = QComboBox()
        self.owner.setObjectName("owner")
        self.owner.activated.connect(self.apply_filters)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(
            lambda: export_table(self, self.session, self.model.query, "products.xlsx"))
        self.count_label = QLabel()
        self.model = LazyTableModel(session, Query("products"), self)
        self.table = data_table(self.model, "products_table")
        self.search_label, self.stage_label = QLabel(), QLabel()
        self.category_label, self.owner_label = QLabel(), QLabel()
        bar = QHBoxLayout()
        for widget in (self.search_label, self.search, self.stage_label, self.stage):
            bar.addWidget(widget)
        bar.addStretch(1)
        filters = QHBoxLayout()
        for widget in (self.category_label, *self.levels, self.owner_label, self.owner):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.bulk_button, self.delist_button, self.delistings_button = QPushButton(), QPushButton(), QPushButton()
        for button, name, slot in ((self.bulk_button, "bulk_edit", self.bulk_edit),
                                   (self.delist_button, "apply_delisting", self.apply_delisting),
                                   (self.delistings_button, "delisting_applications", self.show_delistings)):
            button.setObjectName(name)
            button.clicked.connect(slot)
            filters.addWidget(button)
        self.bulk_button.setVisible(session.can(Permission.MANAGE_PRODUCTS))
        self.delist_button.setVisible(session.can(Permission.MANAGE_PRODUCTS))
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
        layout.addLayout(filters)
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

    def selected_codes(self) -> list[str]:
        """The codes of the selected rows, in the order shown."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r][0] for r in rows if r < len(self.model.rows)]  # the code is the first column

    def bulk_edit(self) -> None:
        """One change for the selected products (or every product shown), previewed before it is written."""
        from shopdesk.ui.tabs.products.bulk_edit_dialog import BulkEditDialog
        total = paging.total(self.session, self.model.query)
        if BulkEditDialog(self.session, self.selected_codes(), self.model.query, total, self).exec():
            self.refresh_filters()
            self.apply_filters()

    def apply_delisting(self) -> None:
        """Apply to delist the selected product (a second account decides)."""
        from shopdesk.ui.tabs.products.delisting_dialogs import DelistingDialog
        codes = self.selected_codes()
        if len(codes) != 1:
            QMessageBox.information(self, _("Delisting"), _("Choose one product to delist."))
            return
        DelistingDialog(self.session, codes[0], self).exec()

    def show_delistings(self) -> None:
        """The delisting applications; a second account approves (the product is delisted) or rejects."""
        from shopdesk.ui.tabs.products.delisting_dialogs import DelistingsDialog
        DelistingsDialog(self.session, self).exec()
        self.apply_filters()

    def _level_chosen(self, number: int) -> None:
        """A category level was chosen: the levels below list its children."""
        self._fill_levels(number)
        self.apply_filters()

    def _path(self) -> tuple[str, ...]:
        path = []
        for combo in self.levels:
            if not combo.currentData():
                break
            path.append(combo.currentData())
        return tuple(path)

    def _fill_levels(self, start: int) -> None:
        """List the categories of the levels after ``start`` (0: all of them) under the path chosen above."""
        path = self._path()[:start]
        for number in range(start, 3):
            combo = self.levels[number]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("All categories") if number == 0 else _("All"), "")
            if len(path) == number:
                for name in paging.categories(self.session, path):
                    combo.addItem(name, name)
            combo.setEnabled(combo.count() > 1)
            combo.blockSignals(False)

    def refresh_filters(self) -> None:
        """Read the categories and owners again, keeping what is chosen where it still exists."""
        chosen = self._path()
        self._fill_levels(0)
        for number, name in enumerate(chosen):
            combo = self.levels[number]
            if combo.findData(name) < 0:
                break
            combo.setCurrentIndex(combo.findData(name))
            self._fill_levels(number + 1)
        owner = self.owner.currentData()
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem(_("Anyone"), "")
        self.owner.addItem(_("No owner"), "-")
        for username, shown in paging.owners(self.session):
            self.owner.addItem(shown, username)
        self.owner.setCurrentIndex(max(0, self.owner.findData(owner)))
        self.owner.blockSignals(False)

    def apply_filters(self) -> None:
        """Show the products the filters ask for."""
        self.model.set_query(replace(self.model.query, search=self.search.text(),
                                     status=self.stage.currentData() or "", categories=self._path(),
                                     owner=self.owner.currentData() or ""))
        self.model.fetchMore()
        if self.model.rows and not getattr(self, "_sized", False):  # fit the columns to the first page once
            self.table.resizeColumnsToContents()
            self._sized = True
        self.count_label.setText(_("{count} rows").format(count=formatting.number(paging.total(self.session, self.model.query))))

    def refresh(self) -> None:
        """Read the filters' choices and the rows again."""
        self.loaded = True
        self.refresh_filters()
        self.apply_filters()

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("Search:"))
        self.stage_label.setText(_("Stage:"))
        self.search.setPlaceholderText(_("code, name or spec"))
        self.category_label.setText(_("Category:"))
        self.owner_label.setText(_("Person in charge:"))
        self.bulk_button.setText(_("Bulk edit…"))
        self.delist_button.setText(_("Apply to delist…"))
        self.delistings_button.setText(_("Delisting applications…"))
        self.apply_button.setText(_("New listing application…"))
        self.applications_button.setText(_("Listing applications…"))
        current = self.stage.currentData()
        self.stage.blockSignals(True)
        self.stage.clear()
        self.stage.addItem(_("All"), "")
        for code in PRODUCT_STAGES:
            self.stage.addItem(_(CODED_CELL_LABELS[code]), code)
        self.stage.setCurrentIndex(max(0, self.stage.findData(current)))
        self.stage.blockSignals(False)
        self.export_button.setText(_("Export…"))
        self.model.retranslate()
        fit_columns(self.table)  # the headers are other words now
        if self.loaded:
            self.refresh_filters()
            self.count_label.setText(_("{count} rows").format(
                count=formatting.number(paging.total(self.session, self.model.query))))
