"""One refresh policy: a change made anywhere reaches every tab that shows it (now if shown, else when next
shown), and a view's new load cancels the one running, so that the last request wins (real threads)."""

import datetime as dt
import time

from shopdesk.services import product_weekly, stock
from shopdesk.services.stockledger import post_movement
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.refresh import refresher
from shopdesk.ui.tabs.products.product_weekly_view import WeeklyView
from shopdesk.ui.tabs.registry import build_tab


def _window(qtbot, session):
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_stock_posting_reaches_the_dashboard_alert_and_the_catalog(qtbot, demo_session, inline_tasks):
    window = _window(qtbot, demo_session)
    dashboard, products = window.tab("dashboard"), window.tab("products")
    qtbot.waitUntil(lambda: dashboard.board is not None)
    shown_load = dashboard.loads.current
    day = dashboard.board.shown_span[1]
    line = next(s for s in stock.stock_lines(demo_session, day)
                if s.tracked and s.on_hand is not None and s.on_hand > s.safety_stock + 1)
    assert refresher(products).due  # never shown: it reads when first shown
    window.tabs.setCurrentWidget(products)
    window.tabs.setCurrentWidget(dashboard)
    assert not refresher(products).due
    # what the Inventory tab's dialog does: below the safety stock now
    post_movement(demo_session, line.code, "adjustment", line.safety_stock - line.on_hand - 1, "stock count")
    assert dashboard.loads.current is not shown_load  # the dashboard is shown: it read again at once
    assert dashboard.stock_alerts == len(stock.alerts(demo_session, day))
    assert refresher(products).due  # not shown: it reads when shown
    window.tabs.setCurrentWidget(products)
    assert not refresher(products).due
    stock_column = products.catalog.model.keys.index("stock")
    code_column = products.catalog.model.keys.index("code")
    shown = {row[code_column]: row[stock_column] for row in products.catalog.model.rows}
    assert shown.get(line.code, line.safety_stock - 1) == line.safety_stock - 1


def test_the_dashboard_shows_the_last_period_asked_for(qtbot, demo_session, monkeypatch):
    tab = build_tab("dashboard", demo_session)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.board is not None, timeout=20_000)
    from shopdesk.ui.tabs.dashboard import dashboard_tab
    slow_day, fast_day = dt.date(2026, 11, 3), dt.date(2026, 11, 9)
    real = dashboard_tab.dashboard

    def slow_on_the_first(session, day, by):
        if day == slow_day:
            time.sleep(1.5)  # the first request finishes last
        return real(session, day, by)
    monkeypatch.setattr(dashboard_tab, "dashboard", slow_on_the_first)
    tab.anchor.setDate(slow_day)
    first = tab.loads.current
    with qtbot.waitSignal(first.cancelled, timeout=20_000):
        tab.anchor.setDate(fast_day)  # asked again before the first has finished
        second = tab.loads.current
        assert second is not first and first.token.cancelled
        with qtbot.waitSignal(second.done, timeout=20_000):
            pass
    assert tab.board.current.first_day == fast_day  # the late result of the first was dropped


def test_the_weekly_sheet_shows_the_last_week_asked_for(qtbot, demo_session, monkeypatch):
    view = WeeklyView(demo_session)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.sheet is not None, timeout=20_000)
    slow_day, fast_day = dt.date(2026, 11, 8), dt.date(2026, 11, 14)
    real = product_weekly.weekly

    def slow_on_the_first(session, last):
        if last == slow_day:
            time.sleep(1.5)
        return real(session, last)
    monkeypatch.setattr(product_weekly, "weekly", slow_on_the_first)
    view.last_day.setDate(slow_day)
    first = view.loads.current
    with qtbot.waitSignal(first.cancelled, timeout=20_000):
        view.last_day.setDate(fast_day)
        with qtbot.waitSignal(view.loads.current.done, timeout=20_000):
            pass
    assert view.sheet.last == fast_day


def test_a_periodic_view_reads_again_on_its_timer(qtbot, demo_session, inline_tasks):
    from shopdesk.services.accounts import update_settings
    update_settings(demo_session, {"view.refresh_minutes": 1})
    tab = build_tab("overview", demo_session)
    qtbot.addWidget(tab)
    keeper = refresher(tab)
    assert keeper.timer is not None and keeper.timer.interval() == 60_000
    tab.show()
    assert not keeper.due
    calls = []
    tab.refresh = lambda: calls.append(1)
    keeper.timer.timeout.emit()  # a minute later
    assert calls == [1]
    tab.hide()
    keeper.timer.timeout.emit()
    assert calls == [1] and keeper.due  # hidden: when next shown
    update_settings(demo_session, {"view.refresh_minutes": 0})
    assert refresher(build_tab("overview", demo_session)).timer is None  # 0 turns it off
