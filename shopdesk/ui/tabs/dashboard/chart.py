"""The daily chart: GMV (or another metric) with its target line and the anomalies marked."""

from __future__ import annotations

import datetime as dt
import math

import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import adjustTimestampToPreferredUtcOffset, utcfromtimestamp
from PySide6.QtCore import Qt

from shopdesk.domain import kpi
from shopdesk.domain.kpi import METRIC_LABELS, Dashboard
from shopdesk.domain.money import from_minor
from shopdesk.domain.targets import MONEY, RATES, favourable
from shopdesk.i18n import _, formatting
from shopdesk.reports.text import FAVOURABLE_COLOUR, UNFAVOURABLE_COLOUR

pg.setConfigOptions(antialias=True, background="w", foreground="#333")


def _x(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, 12).timestamp()


class DateAxis(pg.DateAxisItem):
    """pyqtgraph's date axis, its years, months and days written in the UI language (11月, 3日; Nov, 3)."""

    _UNITS = {"%Y": "year", "%b": "month", "%d": "day", "%a %d": "weekday"}

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        unit = self._UNITS.get(spec.format) if spec is not None else None
        if unit is None:  # hours, minutes and seconds read the same in every language
            return super().tickStrings(values, scale, spacing)
        try:
            days = [utcfromtimestamp(adjustTimestampToPreferredUtcOffset(v, self.utcOffset)).date() for v in values]
        except (OverflowError, ValueError, OSError):  # far outside any store's days: pyqtgraph's own fallback
            return super().tickStrings(values, scale, spacing)
        return [formatting.date_tick(day, unit) for day in days]


class AmountAxis(pg.AxisItem):
    """A value axis in grouped figures (120,000,000 rather than 1.2e+08; decimals only for small steps)."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        step = spacing * scale
        digits = max(0, -math.floor(math.log10(step))) if 0 < step < 1 else 0
        return [formatting.number(value * scale, digits) for value in values]


class DailyChart(pg.PlotWidget):
    """One metric per day over the dashboard's days."""

    def __init__(self, metric: str = "gmv", parent=None) -> None:
        super().__init__(parent=parent, axisItems={"bottom": DateAxis(orientation="bottom"),
                                                   "left": AmountAxis(orientation="left")})
        self.setObjectName(f"chart_{metric}")
        self.metric_key = metric
        self.setMinimumHeight(220)  # room left for cards whose comparisons wrap at 1192 × 720
        self.getAxis("left").enableAutoSIPrefix(False)  # whole amounts in the store currency, no "k"
        self.showGrid(x=False, y=True, alpha=0.2)
        self.legend = self.addLegend(offset=(10, 10))
        self.board: Dashboard | None = None

    def _value(self, value: float | None, currency: str) -> float | None:
        if value is None:
            return None
        if self.metric_key in MONEY:
            return float(from_minor(int(value), currency))
        return float(value) * (100 if self.metric_key in RATES else 1)

    def show_figures(self, board: Dashboard, currency: str) -> None:
        """Draw the series of ``board`` in the current language."""
        self.board = board
        self.clear()
        self.legend.clear()
        xs, ys, target_x, target_y, odd_x, odd_y, good_x, good_y = [], [], [], [], [], [], [], []
        for row in board.days:
            value = self._value(kpi.actual(row, self.metric_key), currency)
            if value is None:
                continue
            x = _x(row.first_day)
            xs.append(x)
            ys.append(value)
            found = board.day_targets.get(row.period, {}).get(self.metric_key)
            if found is not None:
                target_x.append(x)
                target_y.append(self._value(found.target, currency))
                if found.flag and favourable(self.metric_key, found.deviation):
                    good_x.append(x)
                    good_y.append(value)
                elif found.flag:
                    odd_x.append(x)
                    odd_y.append(value)
        label = _(METRIC_LABELS[self.metric_key])
        self.plot(xs, ys, pen=pg.mkPen("#1565c0", width=2), symbol="o", symbolSize=5, symbolBrush="#1565c0",
                  name=label)
        if target_x:
            self.plot(target_x, target_y, pen=pg.mkPen("#777", width=1.5, style=Qt.PenStyle.DashLine),
                      name=_("Target"))
        if odd_x:  # bad news in the anomaly list's colour, good news in green
            self.plot(odd_x, odd_y, pen=None, symbol="o", symbolSize=11, symbolBrush=UNFAVOURABLE_COLOUR,
                      name=_("Unfavourable anomaly"))
        if good_x:
            self.plot(good_x, good_y, pen=None, symbol="o", symbolSize=11, symbolBrush=FAVOURABLE_COLOUR,
                      name=_("Favourable anomaly"))
        top = max([y for y in ys + target_y if y is not None], default=0)
        self.setYRange(0, top * 1.08 if top > 0 else 1, padding=0)  # counts and money start at zero
        unit = currency if self.metric_key in MONEY else "%" if self.metric_key in RATES else ""
        self.setLabel("left", label, units=None if not unit else unit)
        self.setTitle(_("{metric} per day").format(metric=label))
