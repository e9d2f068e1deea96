"""The dashboard at the window's smallest size: every card text and the period picker fit, in every language."""

import datetime as dt

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QComboBox, QLabel, QStyle, QStyleOptionComboBox

from shopdesk.importers.pipeline import ImportOptions
from shopdesk.services.imports import import_files
from shopdesk.services.targets import set_target
from shopdesk.ui.tabs.registry import build_tab
from tests.conftest import save_screenshot

BIG_ORDER = ["InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID",
             "1001,2026-11-14 10:00,A1,Cup,1,10.00,c1",
             "1002,2026-11-15 10:00,A1,Cup,1,123456789.00,c2"]  # a 9-digit GMV, a change of millions of percent


def unfitting(label: QLabel) -> str | None:
    """Why ``label``'s text does not fit it, or None."""
    text, width = label.text(), label.contentsRect().width()
    metrics = QFontMetricsF(label.font())
    if not label.wordWrap():
        if metrics.horizontalAdvance(text) > width:
            return f"{text!r}: {metrics.horizontalAdvance(text):.0f} px wide in {width} px"
        return None
    widest = metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt.TextFlag.TextWordWrap, text).width()
    if widest > width:  # a word that cannot be broken runs over
        return f"{text!r}: wrapped {widest:.0f} px wide in {width} px"
    if label.heightForWidth(label.width()) > label.height():
        return f"{text!r}: wrapped {label.heightForWidth(label.width())} px high in {label.height()} px"
    return None


def assert_cards_fit(tab) -> None:
    problems = []
    for card in tab.cards:
        inside = card.contentsRect()
        for label in card.findChildren(QLabel):
            why = unfitting(label)
            if why is None and not inside.contains(label.geometry()):
                why = f"{label.text()!r} runs out of its card"
            if why:
                problems.append(f"{card.metric_key}: {why}")
    assert not problems, "\n".join(problems)


def combo_shows_all(combo: QComboBox) -> bool:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    metrics = QFontMetricsF(combo.font())
    return all(metrics.horizontalAdvance(combo.itemText(i)) <= field.width() for i in range(combo.count()))


@pytest.fixture
def big_store(owner_session, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(BIG_ORDER) + "\n", encoding="utf-8")
    from shopdesk.services.accounts import update_settings
    update_settings(owner_session, {"import.max_unit_price": "1000000000"})  # one line of 123,456,789.00
    import_files(owner_session, [path], ImportOptions())
    set_target(owner_session, "gmv", "2026-11", "300000")
    set_target(owner_session, "orders", "2026-11", "3")
    return owner_session


def test_cards_fit_at_the_smallest_window_with_a_nine_digit_gmv(qtbot, big_store, inline_tasks, language):
    from shopdesk.ui.language import switch_language
    from shopdesk.ui.main_window import MainWindow
    switch_language(language, remember=False)
    window = MainWindow(big_store)
    qtbot.addWidget(window)
    window.show()  # at its default size, with no size saved
    tab = window.tab("dashboard")
    qtbot.waitUntil(lambda: tab.board is not None)
    assert window.width() == 1192 and window.height() == 720
    cards = {card.metric_key: card for card in tab.cards}
    assert "123,456,789" in cards["gmv"].value.text()
    for by in ("day", "week", "month"):
        tab.by.setCurrentIndex(tab.by.findData(by))
        qtbot.waitUntil(lambda by=by: tab.board.by == by)
        qtbot.wait(20)  # the layout settles
        assert_cards_fit(tab)
        assert combo_shows_all(tab.by)
    save_screenshot(window, f"dashboard_1192_big_{language}")


def test_the_period_picker_shows_its_texts_after_a_language_switch(qtbot, big_store, inline_tasks):
    from shopdesk.ui.language import switch_language
    from shopdesk.ui.main_window import MainWindow
    switch_language("zh_CN", remember=False)  # the default language: the picker is first shown in Chinese
    window = MainWindow(big_store)
    qtbot.addWidget(window)
    for width in (1192, 1600):
        window.resize(width, 720)
        window.show()
        tab = window.tab("dashboard")
        qtbot.waitUntil(lambda tab=tab: tab.board is not None)
        for language in ("zh_CN", "en", "zh_TW", "en"):
            switch_language(language, remember=False)
            tab.by.setCurrentIndex(tab.by.findData("month"))
            qtbot.wait(20)
            assert combo_shows_all(tab.by), (width, language, tab.by.width())


def test_an_empty_store_calls_for_its_first_import_then_shows_the_figures(qtbot, owner_session, inline_tasks,
                                                                          tmp_path, monkeypatch, language):
    from PySide6.QtCore import Qt

    from shopdesk.ui.dialogs.import_wizard import ImportWizard
    from shopdesk.ui.language import switch_language
    from shopdesk.ui.main_window import MainWindow
    switch_language(language, remember=False)
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(BIG_ORDER[:2]) + "\n", encoding="utf-8")
    window = MainWindow(owner_session)
    qtbot.addWidget(window)
    window.resize(1192, 720)
    window.show()
    tab = window.tab("dashboard")
    qtbot.waitUntil(lambda: tab.empty is not None)
    assert tab.empty and tab.welcome.isVisible() and not tab.figures.isVisible()
    assert not any(card.isVisible() for card in tab.cards)
    assert tab.import_button.isVisible() and "Ctrl+I" in tab.import_button.text()
    save_screenshot(window, f"dashboard_empty_{language}")
    opened = []

    def run_wizard(wizard):  # the user adds the export and clicks through the wizard
        opened.append(wizard)
        wizard.add_file(path)
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
        return 1
    monkeypatch.setattr(ImportWizard, "exec", run_wizard)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].result is not None and opened[0].result.orders_added == 1
    qtbot.waitUntil(lambda: tab.empty is False)
    assert tab.figures.isVisible() and not tab.welcome.isVisible()
    assert tab.anchor.date().toPython().isoformat() == "2026-11-14"  # the day of the imported order
    cards = {card.metric_key: card for card in tab.cards}
    assert cards["orders"].value.text() == "1"
    assert window.act_import.shortcut().toString() == "Ctrl+I"


def shown_dashboard(qtbot, session, width=1192, height=640):
    """The dashboard tab of ``session`` shown at ``width`` × ``height`` with its first figures."""
    tab = build_tab("dashboard", session)
    qtbot.addWidget(tab)
    tab.resize(width, height)
    tab.show()
    qtbot.waitUntil(lambda: tab.board is not None)
    return tab


def tick_texts(axis, length: float) -> list[str]:
    """The texts a chart axis of ``length`` pixels writes at its ticks."""
    low, high = axis.range
    return [text for spacing, values in axis.tickValues(low, high, length)
            for text in axis.tickStrings(values, 1, spacing)]


def test_chart_date_ticks_speak_the_ui_language(qtbot, big_store, inline_tasks, language):
    from shopdesk.i18n import formatting
    tab = shown_dashboard(qtbot, big_store)
    qtbot.wait(20)
    axis = tab.gmv_chart.getAxis("bottom")
    texts = tick_texts(axis, axis.width())
    assert formatting.date_tick(dt.date(2026, 11, 1), "month") in texts  # Nov, 11月
    if language != "en":
        assert not any(month in text for text in texts for month in ("Oct", "Nov", "Dec"))
        assert all(text.endswith(("日", "月", "年")) for text in texts)
    save_screenshot(tab.gmv_chart, f"chart_ticks_{language}")


def test_any_text_in_any_card_label_fits(qtbot, big_store, inline_tasks):
    """Texts set after the figures, and labels added to a card, fit as the card's own do."""
    tab = shown_dashboard(qtbot, big_store, 1174, 800)  # the narrowest the cards get; height for the extra lines
    card = tab.cards[0]
    caption = QLabel("to date (15 of 30 days), against 300,000.00 in the month")
    chinese = QLabel("截至目前（30天中的第15天），本月目标为三十万元整")  # no spaces: it breaks between characters
    card.layout().addWidget(chinese)
    card.layout().addWidget(caption)
    card.value.setText("−CN¥123,456,789.00")
    card.previous.setText("+1,234,567.9 % vs the week before")
    qtbot.wait(20)
    assert caption.wordWrap() and card.value.font().pointSizeF() < 18
    assert chinese.wordWrap() and chinese.font().pointSizeF() == card.title.font().pointSizeF()  # wrapped, not shrunk
    assert_cards_fit(tab)


def test_a_nine_digit_chart_axis_reads_in_grouped_figures(qtbot, big_store, inline_tasks):
    tab = shown_dashboard(qtbot, big_store)
    qtbot.wait(20)
    axis = tab.gmv_chart.getAxis("left")
    texts = tick_texts(axis, axis.height())
    assert "100,000,000" in texts and not any("e+" in text for text in texts)
    assert tab.orders_chart.getAxis("left").tickStrings([0.5], 1, 0.2) == ["0.5"]


def test_one_more_line_on_every_card_still_fits_the_smallest_window(qtbot, big_store, inline_tasks, language):
    from shopdesk.ui.language import switch_language
    from shopdesk.ui.main_window import MainWindow
    switch_language(language, remember=False)
    window = MainWindow(big_store)
    qtbot.addWidget(window)
    window.show()
    tab = window.tab("dashboard")
    qtbot.waitUntil(lambda: tab.board is not None)
    for card in tab.cards:
        card.layout().addWidget(QLabel({"en": "to date (15 of 30 days)", "zh_CN": "截至目前（30 天中的 15 天）",
                                        "zh_TW": "截至目前（30 天中的 15 天）"}[language]))
    qtbot.wait(20)
    assert_cards_fit(tab)
    save_screenshot(window, f"dashboard_1192_caption_{language}")


def test_the_customers_chart_names_its_months_in_the_ui_language(qtbot, demo_session, language):
    from shopdesk.i18n import formatting
    from shopdesk.services.analysis import analysis
    from shopdesk.ui.tabs.dashboard.analysis_charts import CustomerChart
    chart = CustomerChart()
    qtbot.addWidget(chart)
    chart.show_figures(analysis(demo_session, dt.date(2026, 11, 1), dt.date(2026, 11, 15)))
    ticks = [text for _x, text in chart.getAxis("bottom")._tickLevels[0]]
    assert formatting.date_tick(dt.date(2026, 11, 1), "year_month") in ticks  # Nov 2026, 2026年11月
    assert "2026-11" not in ticks


def test_the_period_shown_reads_in_the_ui_language(qtbot, big_store, inline_tasks, language):
    """Not the codes 2026-W46 or 2026-11: the days, as the reports head them."""
    from shopdesk.i18n import formatting
    tab = shown_dashboard(qtbot, big_store)
    day = dt.date(2026, 11, 15)
    assert tab.period_label.text() == f"{formatting.date(day)} · {formatting.weekday(day)}"
    for by, first in (("week", dt.date(2026, 11, 9)), ("month", dt.date(2026, 11, 1))):
        tab.by.setCurrentIndex(tab.by.findData(by))
        qtbot.waitUntil(lambda by=by: tab.board.by == by)
        text = tab.period_label.text()
        assert formatting.date(first) in text and formatting.date(day) in text
        assert "W46" not in text and "2026-11" not in text
