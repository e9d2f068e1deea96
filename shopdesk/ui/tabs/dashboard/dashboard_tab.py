"""The Dashboard tab: a period picker, the KPI cards and the daily charts, loaded off the UI thread.

A store with no orders and no traffic yet shows a call to import its first export instead.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.analysis import Analysis
from shopdesk.domain.clock import now
from shopdesk.domain.kpi import CARD_METRICS, Dashboard
from shopdesk.domain.roles import Permission
from shopdesk.i18n import _, formatting
from shopdesk.services import stock
from shopdesk.services.analysis import analysis
from shopdesk.services.dashboard import dashboard, latest_day
from shopdesk.services.kpi import latest_figures_day
from shopdesk.services.session import Session
from shopdesk.ui.language import Retranslating
from shopdesk.ui.refresh import Refresher
from shopdesk.ui.tabs.dashboard.cards import KpiCard
from shopdesk.ui.tabs.dashboard.confirm_bar import ConfirmBar
from shopdesk.ui.workers import Loads


class DashboardTab(Retranslating, QWidget):
    """KPI cards and charts of one day, ISO week or month; the same figures as ``shopdesk kpi`` and the reports."""

    inventory_requested = Signal()
    import_requested = Signal()  # the empty store's call to action: File → Import…

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("dashboard_tab")
        self.loads = Loads(self)
        self.board: Dashboard | None = None
        self.empty: bool | None = None  # True while the store has no orders and no traffic
        self.preview = None
        self.by = QComboBox()
        self.by.setObjectName("by")
        self.by.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "Month" after "月" too
        self.anchor = QDateEdit()
        self.anchor.setObjectName("anchor")
        self.anchor.setCalendarPopup(True)
        self.anchor.setDisplayFormat("yyyy-MM-dd")
        last = latest_day(session) or now(session.timezone).date()
        self.anchor.setDate(QDate(last.year, last.month, last.day))
        self.period_label = QLabel()
        self.period_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.show_label, self.date_label = QLabel(), QLabel()
        bar = QHBoxLayout()
        for widget in (self.show_label, self.by, self.date_label, self.anchor, self.period_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.stock_alerts: int | None = None
        self.stock_button = QPushButton()  # the stock alerts of the period's last day; opens the Inventory tab
        self.stock_button.setObjectName("stock_alerts")
        self.stock_button.setFlat(True)
        self.stock_button.setStyleSheet("color: #c62828; font-weight: 600;")
        self.stock_button.hide()
        self.stock_button.clicked.connect(self.inventory_requested)
        bar.addWidget(self.stock_button)
        self.targets_button = QPushButton()
        self.targets_button.setObjectName("targets")
        self.targets_button.clicked.connect(self.edit_targets)
        bar.addWidget(self.targets_button)
        self.report_button = QPushButton()
        self.report_button.setObjectName("report")
        self.report_button.clicked.connect(self.print_report)
        bar.addWidget(self.report_button)
        self.confirm_bar = ConfirmBar(session)
        self.cards = [KpiCard(metric) for metric in CARD_METRICS]
        grid = QGridLayout()
        for i, card in enumerate(self.cards):
            grid.addWidget(card, i // 6, i % 6)
        self.gmv_chart = self.orders_chart = None  # made with the first figures: pyqtgraph loads after start-up
        self.analysis: Analysis | None = None
        self.analysis_charts: list = []
        self.chart_tabs = QTabWidget()
        self.chart_tabs.setObjectName("chart_tabs")
        self.trend = QWidget()
        self.charts = QHBoxLayout(self.trend)
        self.charts.setContentsMargins(0, 0, 0, 0)
        self.chart_tabs.addTab(self.trend, "")
        self.figures = QWidget()
        layout = QVBoxLayout(self.figures)
        layout.addLayout(bar)
        layout.addWidget(self.confirm_bar)
        layout.addLayout(grid)
        layout.addWidget(self.chart_tabs, 1)
        self.welcome = self._welcome_panel()
        self.pages = QStackedLayout(self)
        self.pages.addWidget(self.figures)
        self.pages.addWidget(self.welcome)
        self.retranslate_ui()
        self.by.currentIndexChanged.connect(self.refresh)
        self.anchor.dateChanged.connect(self.refresh)

    def _welcome_panel(self) -> QWidget:
        """What a new, empty store shows in place of zero cards and empty charts."""
        panel = QWidget()
        panel.setObjectName("welcome")
        self.welcome_title, self.welcome_text = QLabel(), QLabel()
        self.welcome_title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.welcome_text.setWordWrap(True)
        self.welcome_text.setFixedWidth(560)  # the window is never narrower (the cards need 1192 px)
        self.import_button = QPushButton()
        self.import_button.setObjectName("import_first")
        self.import_button.setStyleSheet("font-size: 12pt; padding: 8px 18px;")
        self.import_button.setDefault(True)
        self.import_button.setVisible(self.session.can(Permission.IMPORT_DATA))
        self.import_button.clicked.connect(self.import_requested)
        column = QVBoxLayout()
        for label in (self.welcome_title, self.welcome_text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(label)  # no alignment in the layout: the wrapped text gets the height it needs
        column.addSpacing(12)
        column.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addLayout(column)
        middle.addStretch(1)
        outer = QVBoxLayout(panel)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        return panel

    def refresh(self) -> None:
        """Load the figures in the background (a read-only connection of the worker's own); a load still
        running is cancelled, so that the figures shown are always those of the period last asked for."""
        anchor, by = self.anchor.date().toPython(), self.by.currentData() or "day"
        from_latest = self.board is None  # nothing shown yet: open on the last day with orders, once there is one
        can_see_stock = self.session.can(Permission.VIEW_PRODUCTS)

        def load(session: Session, progress, cancel) -> tuple[Dashboard, Analysis, int | None, dt.date] | None:
            if latest_figures_day(session) is None:  # a new, empty store: no order, no traffic
                return None
            day = (latest_day(session) or anchor) if from_latest else anchor
            board = dashboard(session, day, by)
            cancel.check()
            further = analysis(session, *board.shown_span)  # the period shown, as the reports print it
            cancel.check()
            low = len(stock.alerts(session, board.shown_span[1])) if can_see_stock else None
            return board, further, low, day
        self.loads.read(_("Loading the figures…"), self.session, load, self._show, with_progress=True)

    def edit_targets(self) -> None:
        """The targets sheet; the figures are compared again when targets were saved."""
        from shopdesk.ui.dialogs.targets_dialog import TargetsDialog
        TargetsDialog(self.session, self).exec()  # saved targets are heard as a change of them

    def print_report(self) -> None:
        """Build the report of the period shown (daily, weekly or monthly) and open its print preview."""
        from shopdesk.ui.dialogs.report_preview import preview_report
        anchor, by = self.anchor.date().toPython(), self.by.currentData() or "day"
        kind = {"day": "daily", "week": "weekly", "month": "monthly"}[by]

        def make(session, font, paper) -> tuple[bytes, str]:
            from shopdesk.reports import operations
            from shopdesk.services.reports import report_figures
            figures = report_figures(session, kind, anchor)
            return operations.pdf(figures, font, paper), f"{kind}-{figures.board.current.period}.pdf"
        preview_report(self, self.session, make)

    def _show(self, loaded: tuple[Dashboard, Analysis, int | None, dt.date] | None) -> None:
        self.empty = loaded is None
        self.pages.setCurrentWidget(self.welcome if self.empty else self.figures)
        if loaded is None:
            return
        board, self.analysis, self.stock_alerts, day = loaded
        self.anchor.blockSignals(True)  # the first figures of a store once empty: the day they are of
        self.anchor.setDate(QDate(day.year, day.month, day.day))
        self.anchor.blockSignals(False)
        if self.gmv_chart is None:
            from shopdesk.ui.tabs.dashboard.analysis_charts import analysis_charts
            from shopdesk.ui.tabs.dashboard.chart import DailyChart
            self.gmv_chart, self.orders_chart = DailyChart("gmv"), DailyChart("orders")
            self.charts.addWidget(self.gmv_chart)
            self.charts.addWidget(self.orders_chart)
            self.analysis_charts = analysis_charts()
            for chart in self.analysis_charts:
                self.chart_tabs.addTab(chart, "")
        self.board = board
        self.confirm_bar.setVisible(board.by == "day")
        if board.by == "day":
            self.confirm_bar.show_day(board.current.first_day)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.show_label.setText(_("Show:"))
        self.report_button.setText(_("Print &report…"))
        self.targets_button.setText(_("&Targets…"))
        self.date_label.setText(_("Date:"))
        self.welcome_title.setText(_("Import your first export"))
        self.welcome_text.setText(
            _("This store holds no orders and no traffic yet. Import the orders (or daily traffic) your shop "
              "platform exports, as CSV or Excel, or drop the file on this window: the figures appear here at once.")
            if self.session.can(Permission.IMPORT_DATA) else
            _("This store holds no orders and no traffic yet. Once someone allowed to import has imported the "
              "shop's exports, the figures appear here."))
        self.import_button.setText(_("Import a file… (Ctrl+I)"))
        for index, title in enumerate((_("Trend"), _("Hours"), _("Channels"), _("Funnel"), _("Customers"),
                                       _("Regions"))):
            if index < self.chart_tabs.count():
                self.chart_tabs.setTabText(index, title)
        current = self.by.currentData()
        self.by.blockSignals(True)
        self.by.clear()
        for code, text in (("day", _("Day")), ("week", _("Week")), ("month", _("Month"))):
            self.by.addItem(text, code)
        self.by.setCurrentIndex(max(0, self.by.findData(current)))
        self.by.blockSignals(False)
        board = self.board
        if board is None:
            return
        c = board.current
        self.confirm_bar.retranslate()
        self.stock_button.setVisible(bool(self.stock_alerts))
        if self.stock_alerts:
            self.stock_button.setText(_("⚠ Below safety stock: {count}").format(
                count=formatting.number(self.stock_alerts)))
        if board.by == "day":  # Nov 15, 2026 · Sunday; a week or month: its days (to date), as the reports head them
            self.period_label.setText(f"{formatting.date(c.first_day)} · {formatting.weekday(c.first_day)}")
        else:
            self.period_label.setText(_("{first} to {last}").format(first=formatting.date(c.first_day),
                                                                    last=formatting.date(c.last_day)))
        currency = self.session.currency
        for card in self.cards:
            card.show_figures(board, currency)
        self.gmv_chart.show_figures(board, currency)
        self.orders_chart.show_figures(board, currency)
        for chart in self.analysis_charts:
            chart.show_figures(self.analysis)
