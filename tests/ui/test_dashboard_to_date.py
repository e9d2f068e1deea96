"""The dashboard's month view on the demo's last day: to date, against the target to date."""

import datetime as dt

from shopdesk.i18n import formatting
from shopdesk.reports.text import FAVOURABLE_COLOUR
from shopdesk.services.dashboard import dashboard
from shopdesk.ui.tabs.registry import build_tab
from tests.conftest import save_screenshot

CAPTIONS = {"en": "to date (15 of 30 days)", "zh_CN": "截至目前（30 天中的 15 天）",
            "zh_TW": "截至目前（30 天中的 15 天）"}


def test_the_month_to_date_on_the_cards(qtbot, demo_session, inline_tasks, language):
    tab = build_tab("dashboard", demo_session)
    qtbot.addWidget(tab)
    tab.resize(1300, 820)
    tab.show()
    qtbot.waitUntil(lambda: tab.board is not None)
    cards = {card.metric_key: card for card in tab.cards}
    assert not cards["gmv"].to_date.isVisible()  # a day is never to date
    tab.by.setCurrentIndex(2)  # month
    qtbot.waitUntil(lambda: tab.board.by == "month")
    board = dashboard(demo_session, dt.date(2026, 11, 15), "month")
    visitors = board.targets["visitors"]
    # November to the 15th against its target to the 15th: well above it, so not severe
    assert visitors.deviation > 0 and cards["visitors"].flag == "anomaly"
    assert cards["visitors"].border_colour == FAVOURABLE_COLOUR  # good news is green, as the anomaly list says
    assert formatting.number(visitors.target) in cards["visitors"].target.text()
    for card in tab.cards:
        assert card.to_date.isVisible() and card.to_date.text() == CAPTIONS[language]
    qtbot.wait(100)
    save_screenshot(tab, f"dashboard_month_to_date_{language}")
