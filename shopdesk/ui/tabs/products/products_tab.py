"""The Products tab: the catalog, the weekly monitoring of every product against its target, and (for
roles that may see costs) the profit per product."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from shopdesk.domain.roles import Permission
from shopdesk.i18n import _
from shopdesk.services.session import Session
from shopdesk.ui.language import Retranslating
from shopdesk.ui.refresh import Refresher, refresher
from shopdesk.ui.tabs.products.catalog_view import CatalogView
from shopdesk.ui.tabs.products.product_weekly_view import WeeklyView
from shopdesk.ui.tabs.products.profit_view import ProfitView


class ProductsTab(Retranslating, QWidget):
    """Pages: Catalog, Weekly monitoring, Profit; each reads its rows when first shown, and again when shown
    after a change."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("products_tab")
        self.catalog = CatalogView(session)
        self.weekly = WeeklyView(session)
        self.profit = ProfitView(session) if session.can(Permission.VIEW_SENSITIVE) else None
        self.pages = QTabWidget()
        self.pages.setObjectName("product_pages")
        self.pages.setDocumentMode(True)
        for page in (self.catalog, self.weekly, self.profit):
            if page is not None:
                self.pages.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.retranslate_ui()

    @property
    def model(self):
        """The catalog's rows."""
        return self.catalog.model

    def refresh(self) -> None:
        """What the pages show changed: the page shown reads again now, the others when next shown."""
        for page in (self.catalog, self.weekly, self.profit):
            if page is not None:
                refresher(page).expire()

    def retranslate_ui(self) -> None:
        for page, text in ((self.catalog, _("Catalog")), (self.weekly, _("Weekly monitoring")),
                           (self.profit, _("Profit"))):
            if page is not None:
                self.pages.setTabText(self.pages.indexOf(page), text)
