"""The import wizard, the mapping dialog, the Imports, Orders and Products tabs, driven as a user would."""

import csv

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from shopdesk.services import imports
from shopdesk.ui.dialogs.import_wizard import ImportWizard
from shopdesk.ui.dialogs.mapping_dialog import MappingDialog
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.refresh import refresher
from tests.conftest import save_screenshot

LINES = ["InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID",
         "1001,12/1/10 8:26,A1,保溫杯,2,10.00,c1", "1001,12/1/10 8:26,A2,杯蓋,1,2.50,c1",
         "1002,12/2/10 9:00,A1,保溫杯,1,10.00,c2"]


def write(tmp_path, lines, name="orders.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_wizard_asks_the_date_order_then_previews_and_imports(qtbot, owner_session, inline_tasks, tmp_path,
                                                              monkeypatch, language):
    path = write(tmp_path, LINES)
    wizard = ImportWizard(owner_session, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    save_screenshot(wizard, f"import_files_{language}")
    asked = []

    def answer(self, exc):
        asked.append(exc.message())
        return "mdy"
    monkeypatch.setattr(ImportWizard, "ask_date_order", answer)
    imported = []
    wizard.imported.connect(imported.append)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert asked and "InvoiceDate" in asked[0] and "orders.csv" in asked[0]
    assert wizard.pages.currentIndex() == 1
    assert wizard.preview.rowCount() == 2 and wizard.problems.rowCount() == 0
    assert wizard.preview.item(0, 0).text() == "1001" and wizard.preview.item(0, 6).text() == "2"
    assert owner_session.store.conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 0  # a dry run
    save_screenshot(wizard, f"import_check_{language}")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == 2 and imported and imported[0].orders_added == 2
    save_screenshot(wizard, f"import_done_{language}")
    assert owner_session.store.conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 2


def test_wizard_lists_problems_and_will_not_import_them(qtbot, owner_session, inline_tasks, tmp_path, language):
    path = write(tmp_path, LINES + ["1003,12/3/10 9:00,A1,保溫杯,two,-1,c3"])
    wizard = ImportWizard(owner_session, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.date_order = "mdy"
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.problems.rowCount() == 1
    assert [wizard.problems.item(0, i).text() for i in range(4)] == ["orders.csv", "5", "Quantity", "two"]
    assert not wizard.next_button.isEnabled()
    save_screenshot(wizard, f"import_problems_{language}")
    wizard.go(0)
    wizard.skip.setChecked(True)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.next_button.isEnabled()


def test_mapping_dialog_saves_a_new_platform(qtbot, owner_session, inline_tasks, tmp_path, language):
    path = write(tmp_path, ["单号,下单日期,货品,件数,成交价", "JD001,2024-06-18 10:00,保溫杯,2,59.00",
                            "JD002,2024-06-18 11:00,運動鞋,1,199.00"], "jd.csv")
    dialog = MappingDialog(owner_session, path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("jd-orders")
    for field, header in (("order_no", "单号"), ("created_at", "下单日期"), ("title", "货品"), ("quantity", "件数"),
                          ("unit_price", "成交价")):
        combo = dialog.combos[field]
        combo.setCurrentIndex(combo.findText(header))
    assert dialog.preview.columnCount() == 5 and dialog.preview.item(0, 0).text() == "JD001"
    save_screenshot(dialog, f"mapping_{language}")
    dialog._save()
    assert dialog.saved is not None
    result = imports.import_files(owner_session, [path])
    assert result.mappings == ["jd-orders"] and result.orders_added == 2


def test_main_window_orders_products_imports_tabs(qtbot, owner_session, inline_tasks, tmp_path, monkeypatch,
                                                   language):
    path = write(tmp_path, LINES)
    from shopdesk.importers.pipeline import ImportOptions
    imports.import_files(owner_session, [path], ImportOptions(date_order="mdy"))
    window = MainWindow(owner_session)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.tab("orders"))
    assert window.tab("orders").model.rowCount() == 2
    save_screenshot(window, f"orders_tab_{language}")
    window.tab("orders").view_choice.setCurrentIndex(1)
    assert window.tab("orders").model.rowCount() == 3
    window.tab("orders").search.setText("杯蓋")
    qtbot.keyClick(window.tab("orders").search, Qt.Key.Key_Return)  # Enter searches at once
    assert window.tab("orders").model.rowCount() == 1
    window.tabs.setCurrentWidget(window.tab("products"))
    assert window.tab("products").model.rowCount() == 2
    save_screenshot(window, f"products_tab_{language}")
    window.tabs.setCurrentWidget(window.tab("imports"))
    assert window.tab("imports").table.rowCount() == 1
    save_screenshot(window, f"imports_tab_{language}")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.tab("imports").table.selectRow(0)
    window.tab("imports").undo_selected()
    assert refresher(window.tab("orders")).due  # heard the undo; reads again when shown
    window.tabs.setCurrentWidget(window.tab("orders"))
    assert window.tab("orders").model.rowCount() == 0


def test_export_writes_what_the_table_shows(qtbot, owner_session, inline_tasks, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from shopdesk.importers.pipeline import ImportOptions
    imports.import_files(owner_session, [write(tmp_path, LINES)], ImportOptions(date_order="mdy"))
    window = MainWindow(owner_session)
    qtbot.addWidget(window)
    target = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV file (*.csv)"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window.tab("orders").export()
    with target.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0][:2] == ["Order no.", "Day"] and len(table) == 3
    assert {row[0] for row in table[1:]} == {"1001", "1002"} and "22.50" in table[-1] + table[1]


def test_files_dropped_on_the_window_open_the_wizard(qtbot, owner_session, tmp_path, monkeypatch):
    path = write(tmp_path, LINES)
    opened = []
    monkeypatch.setattr(ImportWizard, "exec", lambda self: opened.append(self.files()))
    window = MainWindow(owner_session)
    qtbot.addWidget(window)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert opened == [[path]]


def test_orders_tab_first_screen_reads_one_page(qtbot, owner_session, tmp_path):
    from shopdesk.importers.pipeline import ImportOptions
    from shopdesk.ui.models import lazy_table
    lines = [LINES[0]] + [f"{2000 + i // 2},12/1/10 8:26,A{i % 7},Item,1,1.00,c{i % 50}" for i in range(3000)]
    imports.import_files(owner_session, [write(tmp_path, lines)], ImportOptions(date_order="mdy"))
    window = MainWindow(owner_session)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.tab("orders"))
    window.tab("orders").view_choice.setCurrentIndex(1)
    qtbot.waitExposed(window)
    assert window.tab("orders").model.rowCount() <= 2 * lazy_table.PAGE  # never every row
    assert window.tab("orders").count_label.text() in ("200+ rows", "3,000 rows")  # counted after the first screen
    qtbot.waitUntil(lambda: window.tab("orders").count_label.text() == "3,000 rows")


def test_check_page_warns_and_offers_paid_when_created(qtbot, owner_session, inline_tasks, tmp_path, language):
    path = write(tmp_path, ["订单编号,总金额,买家实际支付金额,收货地址 ,订单创建时间,订单付款时间 ,退款金额",
                            "1,100,100,上海,2020-02-21 00:00:00,,0", "2,50,50,北京,2020-02-21 01:00:00,,0"],
                 "report.csv")
    wizard = ImportWizard(owner_session, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.paid_when_created.isVisible()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == 1
    assert wizard.warnings.isVisible() and "订单付款时间" in wizard.warnings.text()
    if language != "en":  # Chinese sentences follow one another without a space
        assert "。 " not in wizard.warnings.text()
    from shopdesk import i18n
    assert i18n._("Tmall") in wizard.summary.text() and "tmall;" not in wizard.summary.text()  # a name, not a code
    assert wizard.paid_when_created.isVisible() and not wizard.paid_when_created.isChecked()
    save_screenshot(wizard, f"import_warnings_{language}")
    wizard.paid_when_created.setChecked(True)  # checks again with the choice
    assert wizard.checked.paid_orders == 2 and not wizard.warnings.isVisible()
    assert wizard.paid_when_created.isVisible()  # still there, to take the choice back
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.result.written and wizard.result.options["paid_when_created"] is True
    assert owner_session.store.conn.execute("SELECT COUNT(*) FROM orders WHERE paid_at IS NOT NULL").fetchone()[0] == 2


def test_a_file_in_another_currency_asks_for_the_rate(qtbot, owner_session, inline_tasks, tmp_path, monkeypatch,
                                                      language):
    path = write(tmp_path, ["Name,Created at,Currency,Total,Lineitem quantity,Lineitem name,Lineitem price,"
                            "Financial Status", "#1,2024-06-18 10:00:00 +0800,USD,10.00,1,Cup,10.00,paid"], "shop.csv")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    wizard = ImportWizard(owner_session, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and "shop.csv" in shown[0] and "USD" in shown[0] and "CNY" in shown[0]
    assert wizard.pages.currentIndex() == 0 and wizard.rate.text() and "USD" in wizard.rate.text()
    save_screenshot(wizard, f"import_rate_{language}")
    wizard.rate.setText("1 USD = 7.1 CNY")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == 1 and wizard.checked.gmv_cents == 7100
    assert "1 USD = 7.1 CNY" in wizard.summary.text()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.result.written and wizard.result.options["rate"] == "1 USD = 7.1 CNY"


def test_regions_of_imported_orders_on_the_dashboard_chart_and_in_the_report(qtbot, owner_session, tmp_path,
                                                                                language):
    import datetime as dt

    from shopdesk.importers.pipeline import ImportOptions
    from shopdesk.reports.analysis import region_rows
    from shopdesk.services.analysis import analysis
    from shopdesk.ui.tabs.dashboard import chart as _white_charts  # noqa: F401 - the dashboard's chart colours
    from shopdesk.ui.tabs.dashboard.analysis_charts import RegionChart
    path = write(tmp_path, ["订单编号,总金额,买家实际支付金额,收货地址 ,订单创建时间,订单付款时间 ,退款金额",
                            "1,100,100,广东省,2020-02-21 00:00:00,2020-02-21 00:00:02,0",
                            "2,300,300,上海,2020-02-21 01:00:00,2020-02-21 01:00:09,0"], "report.csv")
    imports.import_files(owner_session, [path], ImportOptions())
    day = dt.date(2020, 2, 21)
    found = analysis(owner_session, day, day)
    assert [(r.region, r.orders, r.gmv_cents, r.gmv_share) for r in found.regions] == [
        ("上海", 1, 30000, 0.75), ("广东", 1, 10000, 0.25)]
    assert found.channels == []
    chart = RegionChart()
    qtbot.addWidget(chart)
    chart.show_figures(found)
    assert len(chart.texts) == 2 and "75" in chart.texts[0].toPlainText()
    save_screenshot(chart, f"dashboard_regions_{language}")
    from shopdesk.i18n import formatting
    assert formatting.date(day) in chart.plotItem.titleLabel.text  # the days as the dashboard heads them
    shares = [value for value, _text in chart.getAxis("bottom")._tickLevels[0]]
    assert shares and max(shares) == 100  # a share axis stops at 100 %, the room beyond is for the texts
    rows = region_rows(found, "CNY")
    assert [r[0] for r in rows[1:]] == ["上海", "广东"] and rows[1][1] == "1"
    chart.show_figures(analysis(owner_session, day + dt.timedelta(days=1), day + dt.timedelta(days=1)))
    assert len(chart.texts) == 1  # the empty message: no region that day


def test_export_writes_a_formula_title_as_text(qtbot, owner_session, inline_tasks, tmp_path, monkeypatch):
    """An item titled as a formula comes out of the Orders tab's Export… as text, in Excel and in CSV."""
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    from shopdesk.importers.pipeline import ImportOptions
    formula = "=cmd|' /C calc'!A0"
    imports.import_files(owner_session, [write(tmp_path, [LINES[0], f"1001,12/1/10 8:26,A1,{formula},2,10.00,c1"])],
                         ImportOptions(date_order="mdy"))
    window = MainWindow(owner_session)
    qtbot.addWidget(window)
    window.tab("orders").view_choice.setCurrentIndex(1)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    for name, kind in (("lines.xlsx", "Excel workbook (*.xlsx)"), ("lines.csv", "CSV file (*.csv)")):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, n=name, k=kind, **kw: (str(tmp_path / n), k))
        window.tab("orders").export()
    header, row = openpyxl.load_workbook(tmp_path / "lines.xlsx").active.iter_rows()
    item = row[[c.value for c in header].index("Item")]
    assert (item.value, item.data_type) == (formula, "s")
    with (tmp_path / "lines.csv").open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[1][table[0].index("Item")] == "'" + formula


def test_wizard_reads_the_same_file_once(qtbot, owner_session, inline_tasks, tmp_path, language):
    path = write(tmp_path, LINES)
    copy = tmp_path / "copy.csv"
    copy.write_bytes(path.read_bytes())
    (tmp_path / "sub").mkdir()
    wizard = ImportWizard(owner_session, [path, tmp_path / "sub" / ".." / "orders.csv", copy])
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.files() == [path, copy]  # one path spelled two ways is listed once
    wizard.date_order = "mdy"
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == 1 and wizard.checked.orders_added == 2
    said = {"en": "orders.csv and copy.csv are the same file: read once",
            "zh_CN": "orders.csv 与 copy.csv 是同一个文件：只读取一次",
            "zh_TW": "orders.csv 與 copy.csv 是同一個檔案：只讀取一次"}[language]
    assert said in wizard.summary.text()
    assert wizard.preview.rowCount() == 2 and wizard.preview.item(0, 6).text() == "2"
    save_screenshot(wizard, f"import_same_file_{language}")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert said in wizard.done_text.text()
    conn = owner_session.store.conn
    assert tuple(conn.execute("SELECT COUNT(*), SUM(total_cents) FROM orders").fetchone()) == (2, 3250)
    assert conn.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 3
