"""The dashboard shows the numbers the KPI service computes, in every language."""

import datetime as dt

from shopdesk.i18n import formatting
from shopdesk.services.kpi import kpi_series
from shopdesk.services.targets import set_target
from shopdesk.ui.tabs.dashboard.dashboard_tab import DashboardTab
from tests.conftest import save_screenshot


def test_cards_and_charts_agree_with_kpi(qtbot, demo_session, inline_tasks, language):
    set_target(demo_session, "gmv", "2026-11", "300000")
    set_target(demo_session, "visitors", "2026-Q4", "300000")
    tab = DashboardTab(demo_session)
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
    assert len(tab.gmv_chart.listDataItems()) == 3  # the series, the target line, the anomalies
    qtbot.wait(100)  # let the layout settle before the picture
    save_screenshot(tab, f"dashboard_day_{language}")
    tab.by.setCurrentIndex(2)  # month
    qtbot.waitUntil(lambda: tab.board.by == "month")
    (month,) = kpi_series(demo_session, dt.date(2026, 11, 1), dt.date(2026, 11, 30), "month")
    assert cards["gmv"].value.text() == formatting.money(month.gmv_cents, "CNY")
    qtbot.wait(100)
    save_screenshot(tab, f"dashboard_month_{language}")
