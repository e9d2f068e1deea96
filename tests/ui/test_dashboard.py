"""The dashboard shows the numbers the KPI service computes, in every language."""

import datetime as dt

from PySide6.QtCore import Qt

from shopdesk import i18n
from shopdesk.i18n import formatting
from shopdesk.services import tasks
from shopdesk.services.anomalies import anomaly_list
from shopdesk.services.kpi import kpi_series
from shopdesk.services.targets import set_target
from shopdesk.ui.tabs.registry import build_tab
from tests.conftest import save_screenshot
from tests.reports.conftest import needs_font


def test_cards_and_charts_agree_with_kpi(qtbot, demo_session, inline_tasks, language):
    set_target(demo_session, "gmv", "2026-11", "300000")
    set_target(demo_session, "visitors", "2026-Q4", "300000")
    tab = build_tab("dashboard", demo_session)
    qtbot.addWidget(tab)
    tab.resize(1300, 820)
    tab.show()
    qtbot.waitUntil(lambda: tab.board is not None)
    assert tab.anchor.date().toPython() == dt.date(2026, 11, 15)  # the last day with orders
    (day,) = kpi_series(demo_session, dt.date(2026, 11, 15), dt.date(2026, 11, 15))
    cards = {card.metric_key: card for card in tab.cards}
    assert cards["gmv"].value.text() == formatting.money(day.gmv_cents, "CNY")
    assert cards["orders"].value.text() == formatting.number(day.orders)
    assert cards["gmv"].flag in ("anomaly", "severe") and cards["complaints"].flag is None
    # the series, the target line, the anomalies: bad news in orange, good news in green
    names = [item.name() for item in tab.gmv_chart.listDataItems()]
    assert names[:2] == [i18n._("GMV"), i18n._("Target")]
    assert set(names[2:]) <= {i18n._("Unfavourable anomaly"), i18n._("Favourable anomaly")} and names[2:]
    qtbot.wait(100)  # let the layout settle before the picture
    save_screenshot(tab, f"dashboard_day_{language}")
    tab.by.setCurrentIndex(2)  # month
    qtbot.waitUntil(lambda: tab.board.by == "month")
    (month,) = kpi_series(demo_session, dt.date(2026, 11, 1), dt.date(2026, 11, 30), "month")
    assert cards["gmv"].value.text() == formatting.money(month.gmv_cents, "CNY")
    qtbot.wait(100)
    save_screenshot(tab, f"dashboard_month_{language}")


def test_two_accounts_confirm_a_day_and_the_preparer_cannot(qtbot, owner_session, inline_tasks, language, tmp_path):
    from shopdesk.domain.roles import Role
    from shopdesk.importers.pipeline import ImportOptions
    from shopdesk.services.accounts import add_staff
    from shopdesk.services.imports import import_files
    from shopdesk.services.session import login
    orders = tmp_path / "orders.csv"  # a store with figures: an empty one calls for its first import instead
    orders.write_text("InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID\n"
                      "1001,2026-11-14 10:00,A1,Cup,1,10.00,c1\n", encoding="utf-8")
    import_files(owner_session, [orders], ImportOptions())
    add_staff(owner_session, "ops", Role.OPERATIONS, "secret12")
    add_staff(owner_session, "lead", Role.MANAGER, "secret12")
    ops = login(owner_session.store, "ops", "secret12")
    tab = build_tab("dashboard", ops)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.board is not None)
    bar = tab.confirm_bar
    assert bar.isVisible() and not bar.confirm_button.isEnabled()
    qtbot.mouseClick(bar.prepare_button, Qt.MouseButton.LeftButton)
    assert bar.state.state == "prepared" and not bar.confirm_button.isEnabled()  # ops may not confirm
    lead_preparing = login(owner_session.store, "lead", "secret12")
    lead_tab = build_tab("dashboard", lead_preparing)
    qtbot.addWidget(lead_tab)
    lead_tab.show()
    qtbot.waitUntil(lambda: lead_tab.board is not None)
    lead_bar = lead_tab.confirm_bar
    assert lead_bar.confirm_button.isEnabled()
    qtbot.mouseClick(lead_bar.confirm_button, Qt.MouseButton.LeftButton)
    assert lead_bar.state.state == "confirmed" and lead_bar.state.confirmed_by == "lead"
    qtbot.wait(50)
    save_screenshot(lead_tab, f"dashboard_confirmed_{language}")
    # the manager prepares the next day itself: its own confirm button stays off
    lead_tab.anchor.setDate(lead_tab.anchor.date().addDays(-1))
    qtbot.waitUntil(lambda: lead_bar.day is not None and lead_bar.day == lead_tab.anchor.date().toPython())
    qtbot.mouseClick(lead_bar.prepare_button, Qt.MouseButton.LeftButton)
    assert lead_bar.state.prepared_by == "lead" and not lead_bar.confirm_button.isEnabled()


def test_anomalies_tab_checks_and_records_a_cause(qtbot, demo_session, monkeypatch, language):
    from PySide6.QtWidgets import QInputDialog

    from shopdesk.services.anomalies import detect
    set_target(demo_session, "gmv", "2026-11", "300000")
    detect(demo_session, dt.date(2026, 11, 1), dt.date(2026, 11, 15))
    tab = build_tab("anomalies", demo_session)
    qtbot.addWidget(tab)
    tab.resize(1100, 600)
    tab.show()
    waiting = anomaly_list(demo_session, open_only=True)
    gmv_days = [a for a in anomaly_list(demo_session) if a["metric"] == "gmv" and a["day"] >= "2026-11-01"
                and not a["scope"]]
    assert len(gmv_days) == 15  # every November day so far missed its 10,000.00
    assert tab.anomaly_rows() == len(waiting)
    tab.table.selectRow(0)  # a day's heading: nothing to explain
    assert tab.selected() is None and not tab.explain_button.isEnabled()
    tab.table.selectRow(1)
    assert tab.selected() == waiting[0] and not waiting[0]["scope"]  # the store's metric heads its group
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("雙11備貨不足", True))
    qtbot.mouseClick(tab.explain_button, Qt.MouseButton.LeftButton)
    assert tab.anomaly_rows() == len(anomaly_list(demo_session, open_only=True))
    tab.open_only.setChecked(False)
    assert tab.anomaly_rows() == len(anomaly_list(demo_session))
    assert any("雙11備貨不足" in tab.table.item(r, 5).text() for r in range(tab.table.rowCount())
               if tab.table.item(r, 5))
    qtbot.wait(50)
    save_screenshot(tab, f"anomalies_{language}")


def test_an_anomaly_becomes_a_task_and_overdue_tasks_stand_out(qtbot, demo_session, inline_tasks, monkeypatch, language):
    from shopdesk.services.anomalies import detect
    from shopdesk.ui.main_window import MainWindow
    from shopdesk.ui.tabs.tasks.new_task_dialog import NewTaskDialog
    from shopdesk.ui.tabs.tasks.tasks_tab import OVERDUE
    set_target(demo_session, "gmv", "2026-11", "300000")
    detect(demo_session, dt.date(2026, 11, 1), dt.date(2026, 11, 15))
    window = MainWindow(demo_session)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.tab("anomalies"))
    assert window.tab("anomalies").anomaly_rows() == len(anomaly_list(demo_session, open_only=True))
    window.tab("anomalies").table.selectRow(1)

    def fill(dialog):
        dialog.owner.setCurrentText("operations")
        dialog.due.setDate(dialog.due.date().addDays(-30))  # already late
        save_screenshot(dialog, f"new_task_{language}")
        dialog._create()
        return dialog.task_id is not None
    monkeypatch.setattr(NewTaskDialog, "exec", fill)
    qtbot.mouseClick(window.tab("anomalies").task_button, Qt.MouseButton.LeftButton)
    window.tabs.setCurrentWidget(window.tab("tasks"))
    tab = window.tab("tasks")
    assert tab.table.rowCount() == len(tasks.tasks(demo_session))  # the new one first: the most overdue
    assert tab.table.item(0, 1).text() == "operations" and "2026-11-15" in tab.table.item(0, 0).text()
    assert tab.table.item(0, 0).foreground().color() == OVERDUE
    tab.resize(1000, 400)
    qtbot.wait(50)
    save_screenshot(tab, f"tasks_{language}")


@needs_font
def test_print_preview_shows_saves_and_prints_the_report(qtbot, demo_session, inline_tasks, language, tmp_path,
                                                         monkeypatch):
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QFileDialog

    from shopdesk.ui.dialogs.report_preview import paint_pages
    from tests.reports.conftest import pdf_pages
    tab = build_tab("dashboard", demo_session)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.board is not None)
    tab.by.setCurrentIndex(1)  # week: the weekly report
    qtbot.waitUntil(lambda: tab.board.by == "week")
    qtbot.mouseClick(tab.report_button, Qt.MouseButton.LeftButton)
    preview = tab.preview
    assert preview is not None and preview.isVisible()
    assert len(preview.pages) >= 2 and preview.suggested_name == "weekly-2026-W46.pdf"
    qtbot.waitUntil(lambda: preview.preview.pageCount() == len(preview.pages))
    qtbot.wait(100)
    save_screenshot(preview, f"report_preview_{language}")
    text = "".join(pdf_pages(preview.pages.data))
    (week,) = kpi_series(demo_session, dt.date(2026, 11, 15), dt.date(2026, 11, 15), "week")
    assert formatting.money(week.gmv_cents, "CNY") in text  # the cards' figure, on paper
    top = tab.analysis.channels[0]  # the Channels tab's figures, on paper
    assert f"{top.channel} {formatting.money(top.gmv_cents, 'CNY')} {formatting.percent(top.gmv_share)}" in text
    assert formatting.number(tab.analysis.funnel[0].count) in text
    saved = tmp_path / "weekly.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), "PDF (*.pdf)"))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert saved.read_bytes() == preview.pages.data
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    paint_pages(preview.pages, printer)
    assert len(pdf_pages(printed.read_bytes())) == len(preview.pages)
    preview.reject()


def test_analysis_charts_show_the_analysis_service_figures(qtbot, demo_session, inline_tasks, language):
    from shopdesk.services.analysis import analysis
    tab = build_tab("dashboard", demo_session)
    qtbot.addWidget(tab)
    tab.resize(1300, 820)
    tab.show()
    qtbot.waitUntil(lambda: tab.board is not None)
    tab.by.setCurrentIndex(2)  # month: the analysis covers the period shown, as the monthly report prints it
    qtbot.waitUntil(lambda: tab.board.by == "month")
    assert tab.board.shown_span == (dt.date(2026, 11, 1), dt.date(2026, 11, 15))
    expected = analysis(demo_session, *tab.board.shown_span)
    assert tab.analysis == expected
    hours, channels, funnel, customers, regions = tab.analysis_charts
    assert hours.image.image.sum() == expected.hours.total_orders > 0
    weekday, hour = expected.hours.peak()
    assert hours.image.image[hour, weekday] == expected.hours.orders[weekday][hour]
    labels = [text.toPlainText() for text in channels.texts]
    assert len(labels) == len(expected.channels) == 4  # the demo's four channels
    assert formatting.percent(expected.channels[0].gmv_share) in labels[0]
    assert formatting.percent(expected.channels[0].visitor_share) in labels[0]  # both shares are labelled
    assert hours.scale is not None and hours.scale.levels() == (0, float(hours.image.image.max()))
    assert [s.step for s in expected.funnel] == ["impressions", "clicks", "visitors", "add_to_cart", "orders"]
    assert formatting.number(expected.funnel[-1].count) in funnel.texts[-1].toPlainText()
    assert len(customers.listDataItems()) == 2 and len(expected.customers) >= 6
    for index, name in enumerate(("hours", "channels", "funnel", "customers"), start=1):
        tab.chart_tabs.setCurrentIndex(index)
        qtbot.wait(50)
        save_screenshot(tab, f"dashboard_{name}_{language}")


def test_anomalies_tab_groups_under_the_day_and_honours_the_favourable_setting(qtbot, owner_session):
    from shopdesk.services.accounts import update_settings
    from shopdesk.services.anomalies import detect
    from tests.services.test_breakdown import _store
    _store(owner_session)
    set_target(owner_session, "gmv", "2024-06", "1500")  # the 18th: +40 %, good news
    set_target(owner_session, "visitors", "2024-06", "30000")  # the 18th: −18.5 %, its search channel −40 %
    detect(owner_session, dt.date(2024, 6, 18), dt.date(2024, 6, 18))
    tab = build_tab("anomalies", owner_session)
    qtbot.addWidget(tab)
    tab.show()
    texts = [[tab.table.item(r, c).text() if tab.table.item(r, c) else "" for c in range(6)]
             for r in range(tab.table.rowCount())]
    assert texts[0][0].startswith("Jun 18, 2024")  # the day's heading
    assert [t[0].strip() for t in texts[1:]] == ["Visitors", "↳ Channel 搜索"]  # open only: the good news waits for nothing
    assert texts[1][3] == "\u221218.5%" and texts[1][4] == "unfavourable, severe" and texts[2][5] == "cause not yet noted"
    update_settings(owner_session, {"anomaly.favourable_cause": "required"})
    tab.retranslate_ui()
    tab.refresh()
    gmv = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())].index("GMV")
    assert tab.table.item(gmv, 3).text() == "+40.0%" and tab.table.item(gmv, 4).text() == "favourable"
    assert tab.table.item(gmv, 5).text() == "cause not yet noted"
    assert "needs a cause note too" in tab.note.text()
    from shopdesk.ui.tabs.dashboard.confirm_bar import ConfirmBar
    bar = ConfirmBar(owner_session)
    qtbot.addWidget(bar)
    bar.show_day(dt.date(2024, 6, 18))  # GMV (favourable, now required), visitors and its search channel
    assert bar.label.text().endswith("Anomalies of the day still waiting for a cause note: 3.")
    update_settings(owner_session, {"anomaly.favourable_cause": "optional"})
    bar.show_day(dt.date(2024, 6, 18))
    assert bar.label.text().endswith("waiting for a cause note: 2.")
    bar.show_day(dt.date(2024, 6, 17))
    assert "waiting" not in bar.label.text()


def test_checking_anomalies_covers_the_last_30_days_with_figures(qtbot, demo_session, monkeypatch):
    """A store imported a while ago: the check looks at the 30 days up to its last figures, not at empty days."""
    from shopdesk.ui.tabs.anomalies import anomalies_tab
    monkeypatch.setattr(anomalies_tab, "now", lambda tz: dt.datetime(2026, 12, 4, 9, 0))  # 19 days after them
    tab = build_tab("anomalies", demo_session)
    qtbot.addWidget(tab)
    tab.check()
    days = {a["day"] for a in anomaly_list(demo_session)}
    assert max(days) == "2026-11-15" and min(days) < "2026-11-05"  # as far back as 2026-10-17
    assert min(days) >= "2026-10-17"
