"""Every tab of the main window (and every page of each), and a product's page, as every role: supplier names
and terms, minimum orders, price indexes, costs and profit show only to the roles with the right (SPEC §8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QLabel, QLineEdit, QPlainTextEdit,
                               QTableWidget, QTabWidget, QTextEdit, QWidget)

from shopdesk.domain.roles import MASK, Role
from shopdesk.services.session import login
from shopdesk.store.db import open_store
from tests.conftest import save_screenshot
from tests.masking import PASSWORD, USERS, build, sees


@pytest.fixture(scope="module")
def hidden(_template_demo, tmp_path_factory):
    return build(_template_demo, tmp_path_factory.mktemp("masked_ui"))


def _texts(root: QWidget) -> list[str]:
    """Every text the widget and its children show: tables' cells and headers, labels, buttons, fields, lists."""
    out = []
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        root_index = QModelIndex()
        try:
            columns = model.columnCount(root_index)
        except TypeError:  # a list model: one column
            columns = 1
        for r in range(model.rowCount(root_index)):
            out += [str(model.data(model.index(r, c, root_index), Qt.ItemDataRole.DisplayRole) or "")
                    for c in range(columns)]
        out += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    out += [w.text() for w in root.findChildren(QLabel)] + [w.text() for w in root.findChildren(QAbstractButton)]
    out += [w.text() for w in root.findChildren(QLineEdit)]
    out += [w.toPlainText() for w in root.findChildren(QTextEdit) + root.findChildren(QPlainTextEdit)]
    out += [w.itemText(i) for w in root.findChildren(QComboBox) for i in range(w.count())]
    return out


def _column(table: QTableWidget, header: str) -> list[str]:
    heads = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    column = heads.index(header)
    return [table.item(r, column).text() for r in range(table.rowCount()) if table.item(r, column)]


@pytest.mark.parametrize("role", list(Role))
def test_every_tab_masks_what_the_role_may_not_see(role, hidden, qtbot, inline_tasks):
    from shopdesk.services.products import product_page
    from shopdesk.ui.main_window import MainWindow
    from shopdesk.ui.tabs.products.product_dialog import ProductDialog
    from shopdesk.ui import workers
    store = open_store(hidden.path, daily_backup=False)
    try:
        session = login(store, USERS[role], PASSWORD)
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.resize(1280, 760)
        window.show()
        texts: list[str] = []
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            qtbot.wait(20)
            tab = window.tabs.widget(i)
            for pages in tab.findChildren(QTabWidget):
                for j in range(pages.count()):
                    pages.setCurrentIndex(j)
                    qtbot.wait(10)
            texts += _texts(tab)
        inventory = window.inventory_tab
        if inventory is not None:
            window.tabs.setCurrentWidget(inventory)
            for page in (inventory.replenishment, inventory.suppliers):
                inventory.pages.setCurrentWidget(page)
                qtbot.wait(20)
                if role in (Role.OPERATIONS, Role.FINANCE):
                    save_screenshot(window, f"masked_{page.objectName() or 'replenishment'}_{role.value}")
            indexes = _column(inventory.suppliers.table, "Price index")
            assert indexes  # the scorecard is shown
            if sees(role):
                assert set(indexes) & set(hidden.price_indexes)
                assert MASK not in inventory.suppliers.note.text()
            else:
                assert set(indexes) == {MASK}
                assert "*** is not shown to your role." in inventory.suppliers.note.text()  # the stars explained
                assert set(_column(inventory.suppliers.table, "Supplier")) == {MASK}
                assert set(_column(inventory.suppliers.table, "Minimum order")) == {MASK}
                assert set(_column(inventory.suppliers.table, "Payment terms")) == {MASK}
        if window.products_tab is not None:
            dialog = ProductDialog(product_page(session, hidden.costed), session.currency, window)
            qtbot.addWidget(dialog)
            dialog.show()
            texts += _texts(dialog)
        everything = "\n".join(texts)
        if sees(role):  # the test sees what it looks for: it cannot pass for want of data
            found = hidden.found(everything)
            assert any(value in found for value in ("4817", "4,817")), "the minimum order"
            assert any("9,876.54" in value for value in found), "the cost"
            assert any(value in everything for value in hidden.profits), "profit"
        elif role != Role.CUSTOMER_SERVICE:  # customer service sees no products at all
            assert hidden.found(everything) == []
            assert MASK in everything
        else:
            assert hidden.found(everything) == [] and window.products_tab is None
        window.close()
    finally:
        workers.shutdown()
        store.close()
