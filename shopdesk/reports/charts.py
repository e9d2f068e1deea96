"""Vector charts of the operations reports (ReportLab graphics), labelled in the report's language."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm

from shopdesk.domain.analysis import HourGrid
from shopdesk.domain.kpi import PeriodKpis, actual
from shopdesk.domain.targets import MONEY, Comparison, favourable
from shopdesk.i18n import formatting
from shopdesk.reports.layout import BLUE, GREY, ORANGE, RED
from shopdesk.reports.text import FAVOURABLE_COLOUR

GREEN = colors.HexColor(FAVOURABLE_COLOUR)  # good news, as the anomaly list colours it


def _scaled(metric: str, value: float | None) -> float | None:
    """Money in whole currency units for the axis; everything else as it is."""
    if value is None:
        return None
    return value / 100 if metric in MONEY else value


def _tick_step(count: int) -> int:
    return max(1, round(count / 8))


def daily_line(days: list[PeriodKpis], day_targets: dict[str, dict[str, Comparison]], metric: str, width: float,
               font: str, title: str, actual_label: str, target_label: str, anomaly_label: str,
               height: float = 56 * mm, favourable_label: str = "") -> Drawing:
    """``metric`` per day with its target line (dashed) and anomalies: unfavourable ones red dots, favourable
    ones green (labelled ``favourable_label``)."""
    drawing = Drawing(width, height, initialFontName=font)
    drawing.add(String(0, height - 10, title, fontName=font, fontSize=9.5))
    points: list[tuple[int, float]] = []
    targets: list[tuple[int, float | None]] = []
    flagged: list[tuple[int, float]] = []
    good: list[tuple[int, float]] = []
    for i, day in enumerate(days):
        value = _scaled(metric, actual(day, metric))
        if value is not None:
            points.append((i, value))
        found = day_targets.get(day.period, {}).get(metric)
        if found is not None and found.target is not None:
            targets.append((i, _scaled(metric, found.target)))
            if found.flag and value is not None:
                (good if favourable(metric, found.deviation) else flagged).append((i, value))
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 40, 28, width - 50, height - 52
    series = [points or [(0, 0)], targets or [(0, 0)], flagged or [(0, 0)], good or [(0, 0)]]
    plot.data = series
    plot.lines[0].strokeColor, plot.lines[0].strokeWidth = BLUE, 1.4
    plot.lines[1].strokeColor, plot.lines[1].strokeDashArray, plot.lines[1].strokeWidth = ORANGE, (3, 2), 1
    plot.lines[2].strokeColor, plot.lines[2].strokeWidth = colors.transparent, 0
    plot.lines[2].symbol = makeMarker("FilledCircle", size=4, fillColor=RED, strokeColor=RED)
    plot.lines[3].strokeColor, plot.lines[3].strokeWidth = colors.transparent, 0
    plot.lines[3].symbol = makeMarker("FilledCircle", size=4, fillColor=GREEN, strokeColor=GREEN)
    if not good:
        plot.lines[3].symbol = None
    if not targets:
        plot.lines[1].strokeColor = colors.transparent
    if not flagged:
        plot.lines[2].symbol = None
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, max(len(days) - 1, 1)
    step = _tick_step(len(days))
    plot.xValueAxis.valueSteps = list(range(0, len(days), step))
    ticks = {i: formatting.date_tick(days[i].first_day, "month_day") for i in plot.xValueAxis.valueSteps}  # Nov 3
    plot.xValueAxis.labelTextFormat = lambda i: ticks.get(int(i), "")
    plot.yValueAxis.valueMin = 0
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, 7
        axis.strokeColor = GREY
    plot.yValueAxis.gridStrokeColor, plot.yValueAxis.visibleGrid = colors.HexColor("#e4e4e4"), True
    plot.yValueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    drawing.add(plot)
    legend = Legend()
    legend.fontName, legend.fontSize = font, 7.5
    legend.x, legend.y, legend.alignment, legend.columnMaximum = width - 4, height - 8, "left", 1
    legend.boxAnchor, legend.dx, legend.dy, legend.deltax = "ne", 8, 6, 70 if not good else 90
    items = [(BLUE, actual_label)]
    if targets:
        items.append((ORANGE, target_label))
    if flagged:
        items.append((RED, anomaly_label))
    if good:
        items.append((GREEN, favourable_label or anomaly_label))
    legend.colorNamePairs = items
    drawing.add(legend)
    return drawing


def daily_bars(days: list[PeriodKpis], metric: str, width: float, font: str, title: str,
               height: float = 44 * mm) -> Drawing:
    """``metric`` per day as bars."""
    drawing = Drawing(width, height, initialFontName=font)
    drawing.add(String(0, height - 10, title, fontName=font, fontSize=9.5))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 24, width - 50, height - 44
    chart.data = [[_scaled(metric, actual(d, metric)) or 0 for d in days] or [0]]
    chart.bars[0].fillColor, chart.bars[0].strokeColor = BLUE, None
    step = _tick_step(len(days))
    chart.categoryAxis.categoryNames = [formatting.date_tick(d.first_day, "month_day") if i % step == 0 else ""
                                        for i, d in enumerate(days)] or [""]
    chart.valueAxis.valueMin = 0
    top = max(chart.data[0])
    if metric not in MONEY and top < 8:  # small counts: whole-number steps
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = max(1, math.ceil(top)), 1
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = True, colors.HexColor("#e4e4e4")
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, 7
        axis.strokeColor = GREY
    chart.categoryAxis.tickDown = 0
    drawing.add(chart)
    return drawing


def hour_heatmap(grid: HourGrid, width: float, font: str, title: str, weekday_names: list[str], hour_label: str,
                 height: float = 52 * mm) -> Drawing:
    """Paid orders by weekday (rows) and hour of day (columns), darker for more, each cell's count printed."""
    drawing = Drawing(width, height, initialFontName=font)
    drawing.add(String(0, height - 10, title, fontName=font, fontSize=9.5))
    left, bottom, top_gap = 34, 18, 18
    cell_w, cell_h = (width - left - 4) / 24, (height - bottom - top_gap) / 7
    most = max((max(row) for row in grid.orders), default=0) or 1
    for w in range(7):
        y = height - top_gap - (w + 1) * cell_h
        drawing.add(String(left - 4, y + cell_h / 2 - 3, weekday_names[w], fontName=font, fontSize=7,
                           textAnchor="end"))
        for h in range(24):
            count = grid.orders[w][h]
            share = count / most
            fill = colors.Color(1 - 0.92 * share, 1 - 0.6 * share, 1 - 0.25 * share)
            drawing.add(Rect(left + h * cell_w, y, cell_w, cell_h, fillColor=fill, strokeColor=colors.white,
                             strokeWidth=0.5))
            if count:
                drawing.add(String(left + (h + 0.5) * cell_w, y + cell_h / 2 - 2.5, str(count), fontName=font,
                                   fontSize=5.5, textAnchor="middle",
                                   fillColor=colors.white if share > 0.55 else colors.HexColor("#333333")))
    for h in range(0, 24, 2):
        drawing.add(String(left + (h + 0.5) * cell_w, bottom - 9, str(h), fontName=font, fontSize=7,
                           textAnchor="middle"))
    drawing.add(String(left + 12 * cell_w, 0, hour_label, fontName=font, fontSize=7, textAnchor="middle"))
    return drawing
