"""Every tab of the main window (and every page of each), and a product's page, as every role: supplier names
and terms, minimum orders, price indexes, costs and profit show only to the roles with the right (SPEC §8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from shopdesk.domain.roles import MASK, Role
from shopdesk.services.session import login
from shopdesk.store.opening import open_store
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
    from shopdesk.ui import workers
    from shopdesk.ui.main_window import MainWindow
    from shopdesk.ui.tabs.products.product_dialog import ProductDialog
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
        inventory = window.tab("inventory")
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
        if window.tab("products") is not None:
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
            assert hidden.found(everything) == [] and window.tab("products") is None
        window.close()
    finally:
        workers.shutdown()
        store.close()


def _exported(path) -> list[str]:
    """Every cell of an exported CSV file or workbook, as text."""
    if path.suffix == ".csv":
        import csv
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [cell for row in csv.reader(fh) for cell in row]
    import openpyxl
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return ["" if v is None else str(v) for row in book.active.iter_rows(values_only=True) for v in row]
    finally:
        book.close()


@pytest.mark.parametrize("role", list(Role))
def test_every_export_masks_what_the_role_may_not_see(role, hidden, qtbot, inline_tasks, tmp_path, monkeypatch):
    """The Export… of the Orders tab (orders and their lines) and of the Products tab, to CSV and to Excel:
    no cell is a supplier detail or a cost for a role without the right; the products' are masked."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from shopdesk.ui import workers
    from shopdesk.ui.main_window import MainWindow
    store = open_store(hidden.path, daily_backup=False)
    try:
        session = login(store, USERS[role], PASSWORD)
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
        exports = []
        if window.tab("orders") is not None:
            window.tabs.setCurrentWidget(window.tab("orders"))
            exports += [("orders", lambda: window.tab("orders").view_choice.setCurrentIndex(0), window.tab("orders").export),
                        ("lines", lambda: window.tab("orders").view_choice.setCurrentIndex(1), window.tab("orders").export)]
        if window.tab("products") is not None:
            exports += [("products", lambda: window.tabs.setCurrentWidget(window.tab("products")),
                         window.tab("products").catalog.export_button.click)]
        assert exports, role  # every role exports something
        written: dict[str, list[str]] = {}
        for name, choose, export in exports:
            choose()
            for suffix, kind in ((".csv", "CSV file (*.csv)"), (".xlsx", "Excel workbook (*.xlsx)")):
                target = tmp_path / f"{name}{suffix}"
                monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, k=kind, **kw: (str(t), k))
                export()
                written[target.name] = _exported(target)
        # Profits are no column of these exports, and their short amounts could equal any order's.
        secret = set(hidden.texts) - set(hidden.profits)
        leaked = {name: sorted(secret & set(cells)) for name, cells in written.items()}
        products = [n for n in written if n.startswith("products")]
        if products and sees(role):  # the test sees what it looks for: it cannot pass for want of data
            for name in products:
                assert "9876.54" in written[name], name  # the cost
                assert len(leaked[name]) > 1, name  # and suppliers
        else:
            assert all(found == [] for found in leaked.values()), leaked
            assert all(MASK in written[n] for n in products)
        window.close()
    finally:
        workers.shutdown()
        store.close()
