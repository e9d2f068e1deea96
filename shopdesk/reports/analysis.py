"""The further analysis of the weekly and monthly reports (SPEC §1): the dashboard's Hours, Channels,
Funnel and Customers tabs on paper, from the same :class:`~shopdesk.domain.analysis.Analysis`."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from shopdesk.domain.analysis import FUNNEL_LABELS, NO_BUYERS, Analysis, customers_unknown
from shopdesk.i18n import _, formatting
from shopdesk.reports import charts
from shopdesk.reports.layout import Styles, paragraph
from shopdesk.reports.text import channel_name


def channel_rows(analysis: Analysis, currency: str) -> list[list[str]]:
    """Channel, GMV and its share, visitors and their share, conversion."""
    rows = [[_("Channel"), _("GMV"), _("Share of GMV"), _("Visitors"), _("Share of visitors"), _("Conversion")]]
    for r in analysis.channels:
        rows.append([channel_name(r.channel), formatting.money(r.gmv_cents, currency), formatting.percent(r.gmv_share),
                     formatting.number(r.visitors), formatting.percent(r.visitor_share),
                     formatting.percent(r.conversion, 2)])
    return rows


def region_rows(analysis: Analysis, currency: str) -> list[list[str]]:
    """Region shipped to, paid orders, GMV and its share."""
    rows = [[_("Region"), _("Paid orders"), _("GMV"), _("Share of GMV")]]
    for r in analysis.regions:
        rows.append([r.region or _("(no region)"), formatting.number(r.orders), formatting.money(r.gmv_cents, currency),
                     formatting.percent(r.gmv_share)])
    return rows


def funnel_rows(analysis: Analysis) -> list[list[str]]:
    """Each step of the funnel with its count and the share of the step before that reached it."""
    rows = [[_("Step"), _("Count"), _("Of the step before")]]
    for step in analysis.funnel:
        rows.append([_(FUNNEL_LABELS[step.step]), formatting.number(step.count), formatting.percent(step.rate, 2)])
    return rows


def customer_rows(analysis: Analysis) -> list[list[str]]:
    """Per month: buyers, repeat buyers, repurchase rate, new-customer share."""
    rows = [[_("Month"), _("Buyers"), _("Bought twice or more"), _("Repurchase rate"), _("New-customer share")]]
    for m in analysis.customers:
        month = formatting.date_tick(dt.date.fromisoformat(f"{m.period}-01"), "year_month")  # Nov 2026, 2026年11月
        rows.append([month, formatting.number(m.buyers), formatting.number(m.repeat_buyers),
                     formatting.percent(m.repurchase_rate), formatting.percent(m.new_customer_share)])
    return rows


def section(analysis: Analysis, currency: str, s: Styles, width: float, font: str) -> list[Flowable]:
    """The report's "Further analysis" pages."""
    story: list[Flowable] = [paragraph(_("Further analysis"), s.heading)]
    grid = analysis.hours
    if grid.total_orders and (peak := grid.peak()) is not None:  # orders have a peak
        note = _("Busiest: {weekday} {hour}:00 (paid orders: {orders})").format(
            weekday=formatting.weekday_name(peak[0]), hour=peak[1], orders=formatting.number(grid.orders[peak[0]][peak[1]]))
        story.append(KeepTogether([
            charts.hour_heatmap(grid, width, font, _("Paid orders by hour and weekday"),
                                [formatting.weekday_name(w) for w in range(7)], _("Hour of day")),
            paragraph(note, s.body), Spacer(1, 3 * mm)]))
    else:
        story.append(paragraph(_("No paid orders in these days."), s.body))
    story.append(paragraph(_("Contribution by channel"), s.subheading))
    if analysis.channels:
        story.append(s.table(channel_rows(analysis, currency), [width * f for f in (0.24, 0.18, 0.14, 0.14, 0.15, 0.15)],
                             (1, 2, 3, 4, 5)))
    else:
        story.append(paragraph(_("The orders and traffic of these days name no channels."), s.body))
    if analysis.regions:  # only where the orders say where they ship to
        story.append(paragraph(_("Sales by region"), s.subheading))
        story.append(s.table(region_rows(analysis, currency), [width * f for f in (0.34, 0.2, 0.26, 0.2)], (1, 2, 3)))
    story.append(paragraph(_("Funnel"), s.subheading))
    if analysis.funnel:
        story.append(s.table(funnel_rows(analysis), [width * f for f in (0.4, 0.3, 0.3)], (1, 2)))
    else:
        story.append(paragraph(_("The traffic figures of these days are too few for a funnel."), s.body))
    story.append(paragraph(_("Repurchase rate and new-customer share by month"), s.subheading))
    if customers_unknown(analysis.customers):
        story.append(paragraph(_(NO_BUYERS), s.body))
    elif analysis.customers:
        story.append(s.table(customer_rows(analysis), [width * f for f in (0.16, 0.18, 0.22, 0.22, 0.22)],
                             (1, 2, 3, 4)))
    else:
        story.append(paragraph(_("No paid orders in these months."), s.body))
    return story
