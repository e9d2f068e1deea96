"""The further analysis of SPEC §1 for a span of days: for the dashboard and the reports alike."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from shopdesk.domain import analysis as rules
from shopdesk.domain.roles import Permission
from shopdesk.services.kpi import kpi_series
from shopdesk.services.session import Session
from shopdesk.store import analysis as sums

#: Months of repurchase and new-customer share shown up to the span's month.
MONTHS = 12


def _hours(session: Session, first: str, last: str) -> rules.HourGrid:
    tz = zoneinfo.ZoneInfo(session.timezone)
    cells: dict[tuple[int, int], tuple[int, int]] = {}
    for hour_key, offset, count, gmv in sums.orders_by_hour(session.store.conn, first, last):
        try:
            moment = dt.datetime.fromisoformat(f"{hour_key}:00:00{offset}").astimezone(tz)
        except ValueError:  # a time stored without an offset: already the store's
            moment = dt.datetime.fromisoformat(f"{hour_key}:00:00")
        key = (moment.weekday(), moment.hour)
        orders, amount = cells.get(key, (0, 0))
        cells[key] = (orders + count, amount + gmv)
    return rules.hour_grid(cells)


def _months(session: Session, last: dt.date) -> list[rules.CustomerMonth]:
    index = last.year * 12 + last.month - MONTHS  # months since year 0 of the first month shown
    start = dt.date(index // 12, index % 12 + 1, 1)
    rows = kpi_series(session, start, last, "month")  # whole months
    buyers = sums.buyers_by_month(session.store.conn, start.isoformat(), rows[-1].last_day.isoformat())
    out = []
    for row in rows:
        if row.orders == 0 and row.period not in buyers:
            continue  # a month before the store's first order
        if row.period not in buyers:  # paid orders, none naming its buyer: nothing about buyers is known
            out.append(rules.CustomerMonth(row.period, None, None, None, None))
            continue
        count, repeat = buyers[row.period]
        out.append(rules.CustomerMonth(row.period, count, repeat, rules.repurchase_rate(count, repeat),
                                       row.new_customer_share))
    return out


def regions(session: Session, first: dt.date, last: dt.date) -> list[rules.RegionRow]:
    """Paid orders and GMV of ``first`` … ``last`` by the region they ship to (province, state or country);
    empty when no order of the span names one."""
    session.require(Permission.VIEW_REPORTS)
    rows = rules.region_rows(sums.orders_by_region(session.store.conn, first.isoformat(), last.isoformat()))
    return [] if all(r.region == "" for r in rows) else rows


def analysis(session: Session, first: dt.date, last: dt.date) -> rules.Analysis:
    """Hours × weekdays, channels, the funnel and the regions of ``first`` … ``last``, and the buyers of the
    twelve whole months up to ``last``'s month."""
    session.require(Permission.VIEW_REPORTS)
    a, b = first.isoformat(), last.isoformat()
    conn = session.store.conn
    channels = rules.channel_rows(sums.orders_by_channel(conn, a, b), sums.traffic_by_channel(conn, a, b))
    if all(r.channel == "" for r in channels):
        channels = []  # no channel in the data: nothing to compare
    return rules.Analysis(a, b, _hours(session, a, b), channels, rules.funnel(sums.funnel_totals(conn, a, b)),
                          _months(session, last), regions(session, first, last))

