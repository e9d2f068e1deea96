"""The dashboard's further analysis (SPEC §1): hours × weekdays, channels, funnel, repeat buyers and regions.

Each chart draws one part of :class:`~shopdesk.domain.analysis.Analysis`, the
figures the reports print too; texts are in the UI language.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pyqtgraph as pg

from shopdesk.domain.analysis import FUNNEL_LABELS, NO_BUYERS, Analysis, customers_unknown
from shopdesk.i18n import _, formatting
from shopdesk.reports.text import channel_name

BLUE, ORANGE, GREY = "#1565c0", "#e65100", "#777"


def _day(value: dt.date | str) -> str:
    """A day of a chart's title as the dashboard heads its period (Nov 1, 2026; 2026年11月1日)."""
    return formatting.date(value if isinstance(value, dt.date) else dt.date.fromisoformat(value))


def share_ticks(right: float) -> list[list[tuple[float, str]]]:
    """The ticks of a share axis drawn to ``right`` (room for the bars' texts): none past 100 %."""
    step = 10 if right <= 60 else 20
    return [[(float(v), str(v)) for v in range(0, int(min(right, 100)) + 1, step)]]


class _Chart(pg.PlotWidget):
    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent=parent)
        self.setObjectName(name)
        self.setMinimumHeight(220)  # room left for cards whose comparisons wrap at 1192 × 720
        self.setMenuEnabled(False)
        self.getAxis("left").enableAutoSIPrefix(False)
        self.getAxis("bottom").enableAutoSIPrefix(False)
        self.analysis: Analysis | None = None
        self.texts: list[pg.TextItem] = []

    def _empty(self, title: str, message: str) -> None:
        self.clear()
        self.setTitle(title)
        item = pg.TextItem(message, color=GREY, anchor=(0.5, 0.5))
        item.setTextWidth(max(240, min(480, self.width() - 60)))  # a long reason wraps inside the chart
        self.addItem(item)
        item.setPos(0.5, 0.5)
        self.getAxis("left").setTicks([[]])
        self.getAxis("bottom").setTicks([[]])
        self.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self.texts = [item]

    def _text(self, text: str, x: float, y: float, anchor: tuple[float, float], color: str = "#333") -> None:
        item = pg.TextItem(text, color=color, anchor=anchor)
        self.addItem(item)
        item.setPos(x, y)
        self.texts.append(item)

    def _share_axis(self, top: float, bars: int) -> None:
        """A share axis (%) for ``bars`` horizontal bars whose longest is ``top``, with room for their texts."""
        right = max(top * 1.9, 10)
        self.getAxis("bottom").setTicks(share_ticks(right))
        self.setRange(xRange=(0, right), yRange=(-0.6, bars - 0.4), padding=0)


class HourHeatmap(_Chart):
    """Paid orders by hour of day (x) and weekday (y), darker for more."""

    def __init__(self, parent=None) -> None:
        super().__init__("chart_hours", parent)
        self.image = pg.ImageItem()
        self.colours = pg.ColorMap([0.0, 1.0], [(255, 255, 255), (21, 101, 192)])
        self.image.setLookupTable(self.colours.getLookupTable(nPts=256))
        self.invertY(True)
        self.setMouseEnabled(x=False, y=False)
        self.scale: pg.ColorBarItem | None = None  # the colour scale: paid orders from 0 to the busiest hour

    def show_figures(self, analysis: Analysis) -> None:
        self.analysis = analysis
        grid = analysis.hours
        title = _("Paid orders by hour and weekday, {first} – {last}").format(
            first=_day(analysis.first_day), last=_day(analysis.last_day))
        if not grid.total_orders:
            self._empty(title, _("No paid orders in these days."))
            return
        self.clear()
        self.texts = []
        data = np.array(grid.orders, dtype=float).T  # x = hour, y = weekday
        top = max(float(data.max()), 1.0)
        self.image.setImage(data, levels=(0, top))
        self.addItem(self.image)
        if self.scale is None:
            self.scale = pg.ColorBarItem(values=(0, top), colorMap=self.colours, interactive=False, width=12)
            self.scale.setImageItem(self.image, insert_in=self.getPlotItem())
        else:
            self.scale.setLevels((0, top))
        self.scale.axis.setLabel(_("Paid orders"))
        self.getAxis("bottom").setTicks([[(h + 0.5, str(h)) for h in range(0, 24, 2)]])
        self.getAxis("left").setTicks([[(w + 0.5, formatting.weekday_name(w)) for w in range(7)]])
        self.setLabel("bottom", _("Hour of day"))
        self.setRange(xRange=(0, 24), yRange=(0, 7), padding=0)
        peak = grid.peak()
        if peak is not None:
            weekday, hour = peak
            self.setTitle(f"{title}<br><span style='font-size:9pt'>"
                          + _("Busiest: {weekday} {hour}:00 (paid orders: {orders})").format(
                              weekday=formatting.weekday_name(weekday), hour=hour,
                              orders=formatting.number(grid.orders[weekday][hour])) + "</span>")
        tips = [[f"{formatting.weekday_name(w)} {h}:00 — {formatting.number(grid.orders[w][h])}" for h in range(24)]
                for w in range(7)]
        self.image.setToolTip("")
        self.image.hoverEvent = lambda event: self._hover(event, tips)  # noqa: E731 - per-cell tooltip

    def _hover(self, event, tips: list[list[str]]) -> None:
        if event.isExit():
            self.image.setToolTip("")
            return
        pos = event.pos()
        hour, weekday = int(pos.x()), int(pos.y())
        if 0 <= hour < 24 and 0 <= weekday < 7:
            self.image.setToolTip(tips[weekday][hour])


class ChannelChart(_Chart):
    """Each channel's share of GMV (bars) and of visitors (marks), largest first."""

    def __init__(self, parent=None) -> None:
        super().__init__("chart_channels", parent)
        self.setMouseEnabled(x=False, y=False)
        self.invertY(True)
        self.legend = self.addLegend(offset=(-10, 10))

    def show_figures(self, analysis: Analysis) -> None:
        self.analysis = analysis
        title = _("Contribution by channel, {first} – {last}").format(
            first=_day(analysis.first_day), last=_day(analysis.last_day))
        self.legend.clear()
        rows = analysis.channels
        if not rows:
            self._empty(title, _("The orders and traffic of these days name no channels."))
            return
        self.clear()
        self.texts = []
        self.setTitle(title)
        ys = np.arange(len(rows), dtype=float)
        gmv = [100 * (r.gmv_share or 0) for r in rows]
        bars = pg.BarGraphItem(x0=0, y=ys, width=gmv, height=0.55, brush=BLUE, pen=None, name=_("Share of GMV"))
        self.addItem(bars)  # the legend takes it by its name
        visitors = [(y, 100 * r.visitor_share) for y, r in zip(ys, rows, strict=True) if r.visitor_share is not None]
        if visitors:
            self.plot([v for _y, v in visitors], [y for y, _v in visitors], pen=None, symbol="d", symbolSize=11,
                      symbolBrush=ORANGE, name=_("Share of visitors"))
        for y, row in zip(ys, rows, strict=True):
            parts = [_("GMV {share}").format(share=formatting.percent(row.gmv_share))]
            if row.visitor_share is not None:
                parts.append(_("visitors {share}").format(share=formatting.percent(row.visitor_share)))
            if row.conversion is not None:
                parts.append(_("conversion {rate}").format(rate=formatting.percent(row.conversion, 2)))
            right = max(gmv[int(y)], 100 * (row.visitor_share or 0)) + 1  # clear of the bar and the mark
            self._text("  ".join(parts), right, y, (0, 0.5))
        self.getAxis("left").setTicks([[(y, channel_name(r.channel)) for y, r in zip(ys, rows, strict=True)]])
        self.setLabel("bottom", _("Share (%)"))
        top = max([*gmv, *(v for _y, v in visitors)], default=0)
        self._share_axis(top, len(rows))


class RegionChart(_Chart):
    """Each region's share of GMV (bars), largest first, with its paid orders and GMV."""

    def __init__(self, parent=None) -> None:
        super().__init__("chart_regions", parent)
        self.setMouseEnabled(x=False, y=False)
        self.invertY(True)

    def show_figures(self, analysis: Analysis) -> None:
        self.analysis = analysis
        title = _("Sales by region, {first} – {last}").format(
            first=_day(analysis.first_day), last=_day(analysis.last_day))
        rows = analysis.regions
        if not rows:
            self._empty(title, _("The orders of these days name no region."))
            return
        self.clear()
        self.texts = []
        self.setTitle(title)
        ys = np.arange(len(rows), dtype=float)
        gmv = [100 * (r.gmv_share or 0) for r in rows]
        self.addItem(pg.BarGraphItem(x0=0, y=ys, width=gmv, height=0.55, brush=BLUE, pen=None))
        for y, row in zip(ys, rows, strict=True):
            self._text(_("GMV {share}  paid orders {orders}").format(share=formatting.percent(row.gmv_share),
                                                                      orders=formatting.number(row.orders)),
                       gmv[int(y)] + 1, y, (0, 0.5))
        self.getAxis("left").setTicks([[(y, r.region or _("(no region)")) for y, r in zip(ys, rows, strict=True)]])
        self.setLabel("bottom", _("Share of GMV (%)"))
        self._share_axis(max(gmv, default=0), len(rows))


class FunnelChart(_Chart):
    """Exposure → click → visit → add-to-cart → payment: centred bars, each with its count and the
    share of the step before that reached it."""

    def __init__(self, parent=None) -> None:
        super().__init__("chart_funnel", parent)
        self.setMouseEnabled(x=False, y=False)
        self.invertY(True)

    def show_figures(self, analysis: Analysis) -> None:
        self.analysis = analysis
        title = _("Funnel, {first} – {last}").format(
            first=_day(analysis.first_day), last=_day(analysis.last_day))
        steps = analysis.funnel
        if not steps:
            self._empty(title, _("The traffic figures of these days are too few for a funnel."))
            return
        self.clear()
        self.texts = []
        self.setTitle(f"{title}<br><span style='font-size:9pt'>" + _("Bar widths on a logarithmic scale") + "</span>")
        first = math.log10(max(steps[0].count, 1) + 1) or 1.0
        for y, step in enumerate(steps):
            width = 100 * math.log10(step.count + 1) / first  # each step stays readable beside the first
            self.addItem(pg.BarGraphItem(x=[0], y=[y], width=[max(width, 0.4)], height=0.6,
                                         brush=pg.mkBrush(21, 101, 192, 255 - 30 * y), pen=None))
            text = f"{formatting.number(step.count)}"
            if step.rate is not None:
                text += "   " + _("{rate} of the step before").format(rate=formatting.percent(step.rate, 2))
            self._text(text, 52, y, (0, 0.5))
        self.getAxis("left").setTicks([[(y, _(FUNNEL_LABELS[s.step])) for y, s in enumerate(steps)]])
        self.getAxis("bottom").setTicks([[]])
        self.setRange(xRange=(-52, 120), yRange=(-0.6, len(steps) - 0.4), padding=0)


class CustomerChart(_Chart):
    """Repurchase rate and new-customer share per month."""

    def __init__(self, parent=None) -> None:
        super().__init__("chart_customers", parent)
        self.showGrid(x=False, y=True, alpha=0.2)
        self.legend = self.addLegend(offset=(10, 10))

    def show_figures(self, analysis: Analysis) -> None:
        self.analysis = analysis
        months = analysis.customers
        title = _("Repurchase rate and new-customer share by month")
        self.legend.clear()
        if not months:
            self._empty(title, _("No paid orders in these months."))
            return
        if customers_unknown(months):
            self._empty(title, _(NO_BUYERS))
            return
        self.clear()
        self.texts = []
        self.setTitle(title)
        xs = list(range(len(months)))
        for attr, colour, name in (("repurchase_rate", BLUE, _("Repurchase rate")),
                                   ("new_customer_share", ORANGE, _("New-customer share"))):
            points = [(x, 100 * getattr(m, attr)) for x, m in zip(xs, months, strict=True)
                      if getattr(m, attr) is not None]
            if points:
                self.plot([p[0] for p in points], [p[1] for p in points], pen=pg.mkPen(colour, width=2),
                          symbol="o", symbolSize=6, symbolBrush=colour, name=name)
        step = max(1, len(months) // 6)
        self.getAxis("bottom").setTicks([[(x, formatting.date_tick(dt.date.fromisoformat(f"{m.period}-01"), "year_month"))
                                          for x, m in zip(xs, months, strict=True)][::step]])  # Nov 2026, 2026年11月
        self.getAxis("left").setTicks(None)
        self.setLabel("left", "%")
        self.setRange(xRange=(-0.5, len(months) - 0.5), yRange=(0, 100), padding=0.02)


def analysis_charts() -> list[_Chart]:
    """The five charts, in the order of the dashboard's chart tabs."""
    return [HourHeatmap(), ChannelChart(), FunnelChart(), CustomerChart(), RegionChart()]

