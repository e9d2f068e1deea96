"""The main window's tabs, in their order: adding a tab is its folder under ``ui/tabs/`` plus one entry here.

An entry names the tab's label, the permission that shows it, the kinds of data it watches (it reads
again when one of them changed: at once when shown, else when next shown) and whether it also reads again
every ``view.refresh_minutes`` minutes. The tab class is imported only when a window builds it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from shopdesk.domain.changes import Change, Changes
from shopdesk.domain.roles import Permission
from shopdesk.i18n import N_
from shopdesk.services.session import Session
from shopdesk.ui.refresh import refresher

C = Change
#: What nearly every figure also depends on: the store's settings (thresholds, time zone, currency).
_FIGURES = frozenset({C.ORDERS, C.TRAFFIC, C.PRODUCTS, C.TARGETS, C.SETTINGS})


@dataclass(frozen=True)
class TabEntry:
    """One tab of the main window."""

    key: str
    label: str  # a message id, translated when shown
    widget: str  # "module:Class"; the class takes the session
    permission: Permission | None  # None: every account sees it
    watches: Changes
    periodic: bool = False

    def build(self, session: Session) -> QWidget:
        """The tab for ``session``, kept up to date by its :class:`Refresher`."""
        module, name = self.widget.split(":")
        tab = getattr(importlib.import_module(module), name)(session)
        refresher(tab).watch(session, self.watches, self.periodic)
        return tab


def _tab(folder: str, module: str, name: str) -> str:
    return f"shopdesk.ui.tabs.{folder}.{module}:{name}"


TABS: tuple[TabEntry, ...] = (
    TabEntry("dashboard", N_("Dashboard"), _tab("dashboard", "dashboard_tab", "DashboardTab"),
             Permission.VIEW_REPORTS, _FIGURES | {C.STOCK, C.CONFIRMATIONS, C.ANOMALIES}, periodic=True),
    TabEntry("anomalies", N_("Anomalies"), _tab("anomalies", "anomalies_tab", "AnomaliesTab"),
             Permission.VIEW_REPORTS, _FIGURES | {C.ANOMALIES, C.TASKS, C.STOCK}),
    TabEntry("tasks", N_("Tasks"), _tab("tasks", "tasks_tab", "TasksTab"), Permission.VIEW_REPORTS,
             frozenset({C.TASKS, C.ANOMALIES, C.STAFF})),
    TabEntry("meetings", N_("Meetings"), _tab("meetings", "meetings_tab", "MeetingsTab"), Permission.VIEW_REPORTS,
             _FIGURES | {C.MEETINGS, C.TASKS, C.ANOMALIES}),
    TabEntry("overview", N_("Overview"), _tab("overview", "overview_tab", "OverviewTab"), None,
             _FIGURES | {C.STOCK, C.IMPORTS, C.STAFF}, periodic=True),
    TabEntry("orders", N_("Orders"), _tab("orders", "orders_tab", "OrdersTab"), Permission.VIEW_ORDERS,
             frozenset({C.ORDERS, C.SETTINGS})),
    TabEntry("products", N_("Products"), _tab("products", "products_tab", "ProductsTab"), Permission.VIEW_PRODUCTS,
             _FIGURES | {C.STOCK, C.LISTINGS, C.STAFF}),
    TabEntry("inventory", N_("Inventory"), _tab("inventory", "inventory_tab", "InventoryTab"),
             Permission.VIEW_PRODUCTS, _FIGURES | {C.STOCK, C.PURCHASES, C.SUPPLIERS}),
    TabEntry("imports", N_("Imports"), _tab("imports", "imports_tab", "ImportsTab"), Permission.IMPORT_DATA,
             frozenset({C.IMPORTS})),
    TabEntry("audit", N_("Audit log"), _tab("audit", "audit_tab", "AuditTab"), Permission.VIEW_AUDIT,
             frozenset({C.AUDIT})),
)


def entry(key: str) -> TabEntry:
    """The entry of the tab ``key``."""
    return next(e for e in TABS if e.key == key)


def tabs_for(session: Session) -> list[TabEntry]:
    """The entries of the tabs ``session``'s account may see, in order."""
    return [e for e in TABS if e.permission is None or session.can(e.permission)]


def build_tab(key: str, session: Session) -> QWidget:
    """The tab ``key`` for ``session``, as the main window builds it."""
    return entry(key).build(session)
