"""One target per day whatever range is asked, and running weeks and months compared like with like."""

import datetime as dt

import pytest

from shopdesk.services.anomalies import anomaly_list, detect
from shopdesk.services.dashboard import dashboard
from shopdesk.services.kpi import kpi_series, to_json
from shopdesk.services.targets import compare, daily_targets, set_target
from shopdesk.store import bulk

D = dt.date
#: Ranges holding 6 July 2024, starting and ending anywhere around it.
RANGES = [(D(2024, 7, 6), D(2024, 7, 6)), (D(2024, 7, 1), D(2024, 7, 6)), (D(2024, 7, 1), D(2024, 7, 31)),
          (D(2024, 6, 1), D(2024, 7, 6)), (D(2024, 1, 1), D(2024, 7, 10)), (D(2024, 7, 5), D(2024, 7, 20)),
          (D(2024, 7, 6), D(2024, 8, 31)), (D(2023, 7, 6), D(2024, 7, 6)), (D(2024, 6, 30), D(2024, 7, 7)),
          (D(2024, 7, 2), D(2024, 7, 9))]


def orders(session, amounts: dict[dt.date, int]) -> None:
    """One paid order a day, of the amount given (minor units)."""
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "customers", [(1, "", "c1", "")])
        rows = []
        for i, (day, cents) in enumerate(sorted(amounts.items()), 1):
            at = f"{day.isoformat()}T10:00:00+08:00"
            rows.append((i, "", f"A{i}", 1, "", "completed", at, day.isoformat(), at, None, None, cents, 0, 0, cents,
                         "", ""))
        bulk.insert_rows(conn, "orders", rows)


def two_weeks_then_july(session) -> None:
    """17–30 June 2024 (the pattern): weekdays 100.00, weekends 200.00; then 300.00 every day of 1–20 July."""
    june = {D(2024, 6, 17) + dt.timedelta(days=i): 10000 if i % 7 < 5 else 20000 for i in range(14)}
    july = {D(2024, 7, 1) + dt.timedelta(days=i): 30000 for i in range(20)}
    orders(session, june | july)
    # July 2024 starts on a Monday: Monday–Wednesday 5 times, the other days 4 times:
    # 100 × (5 + 5 + 5 + 4 + 4) + 200 × (4 + 4) = 3,900 weight units, so 1.00 a unit
    set_target(session, "gmv", "2024-07", "3900", "weekday")


def test_a_days_target_is_the_same_through_every_range(session):
    two_weeks_then_july(session)
    for first, last in RANGES:
        daily = daily_targets(session, first, last)
        assert daily[("gmv", D(2024, 7, 6))] == pytest.approx(200_00), (first, last)  # a Saturday
        rows = kpi_series(session, first, last)
        found = {c.metric: c for c in compare(session, rows)["2024-07-06"]}
        assert found["gmv"].target == 200_00 and found["gmv"].deviation == 0.5, (first, last)
        assert to_json(rows, "day", "CNY", compare(session, rows))["rows"][[r.period for r in rows].index(
            "2024-07-06")]["targets"]["gmv"] == 200.0
    assert daily_targets(session, D(2024, 7, 8), D(2024, 7, 8))[("gmv", D(2024, 7, 8))] == pytest.approx(100_00)
    # the anomaly list and the dashboard say the same of that day
    for first, last in RANGES[:4]:
        detect(session, first, last)
        (row,) = [r for r in anomaly_list(session) if r["day"] == "2024-07-06" and r["metric"] == "gmv"]
        assert row["target"] == 200_00 and row["deviation"] == 0.5
    board = dashboard(session, D(2024, 7, 6), "day")
    assert board.targets["gmv"].target == 200_00 and board.day_targets["2024-07-06"]["gmv"].target == 200_00
    # July to date (the 1st to the 20th, the last day with figures): the sum of its days' targets
    month = dashboard(session, D(2024, 7, 20), "month")
    assert month.targets["gmv"].target == 100_00 * 15 + 200_00 * 5  # 3 weeks less a Sunday: 15 weekdays, 5 weekend days


def test_a_revision_changes_the_days_target(session):
    two_weeks_then_july(session)
    set_target(session, "gmv", "2024-07", "7800", "weekday")
    assert daily_targets(session, D(2024, 7, 1), D(2024, 7, 31))[("gmv", D(2024, 7, 6))] == pytest.approx(400_00)
    set_target(session, "gmv", "2024-07", "3100", "even")
    assert daily_targets(session, D(2024, 7, 6), D(2024, 7, 6))[("gmv", D(2024, 7, 6))] == pytest.approx(100_00)


def test_the_demo_targets_of_a_day_do_not_depend_on_the_range(demo_path):
    from shopdesk.services.session import login
    from shopdesk.store.opening import open_store
    store = open_store(demo_path, daily_backup=False)
    try:
        session = login(store, "owner", "demo1234")
        day = D(2026, 11, 15)
        seen = set()
        for first, last in [(day, day), (D(2026, 11, 1), day), (D(2026, 10, 1), day), (D(2026, 6, 1), day),
                            (D(2026, 5, 16), D(2026, 11, 30)), (D(2026, 11, 14), D(2026, 11, 16)),
                            (D(2026, 10, 1), D(2026, 12, 31)), (D(2026, 11, 9), day), (D(2026, 7, 1), day),
                            (D(2025, 12, 1), day)]:
            rows = kpi_series(session, first, last)
            found = {c.metric: c.target for c in compare(session, rows)[day.isoformat()]}
            seen.add(tuple(sorted(found.items())))
        assert len(seen) == 1
        assert dashboard(session, day, "day").targets["gmv"].target == dict(seen.pop())["gmv"]
    finally:
        store.close()


def running_june(session) -> None:
    """Figures from 1 May to 15 June 2024 (the last day with figures): 1,000 visitors a day in May and in
    June 2023, 1,100 a day in June 2024; a June target of 30,000 visitors (1,000 a day)."""
    days = [D(2024, 5, 1) + dt.timedelta(days=i) for i in range(46)]
    year_ago = [D(2023, 6, 1) + dt.timedelta(days=i) for i in range(30)]
    orders(session, {d: 10000 for d in year_ago + days})
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "traffic_daily", [(d.isoformat(), "", 1100 if d.month == 6 and d.year == 2024 else 1000,
                                                  None, None, None, None) for d in year_ago + days])
    set_target(session, "visitors", "2024-06", "30000")


def test_a_running_month_compares_to_date(session):
    running_june(session)
    board = dashboard(session, D(2024, 6, 15), "month")
    assert board.spans.current.running and (board.spans.current.days, board.spans.current.period_days) == (15, 30)
    assert (board.current.first_day, board.current.last_day, board.current.visitors) == (D(2024, 6, 1),
                                                                                         D(2024, 6, 15), 16_500)
    visitors = board.targets["visitors"]
    assert visitors.target == 15_000 and visitors.deviation == pytest.approx(0.10)  # not −45 % against the month
    assert visitors.flag == "anomaly"  # above target: never severe
    # the same days of May and of June 2023, not the whole of either
    assert (board.previous.first_day, board.previous.last_day, board.previous.visitors) == (D(2024, 5, 1),
                                                                                            D(2024, 5, 15), 15_000)
    assert (board.last_year.first_day, board.last_year.last_day, board.last_year.visitors) == (D(2023, 6, 1),
                                                                                               D(2023, 6, 15), 15_000)
    # any day of June shows the same month to date; May is whole
    assert dashboard(session, D(2024, 6, 3), "month").targets == board.targets
    may = dashboard(session, D(2024, 5, 20), "month")
    assert not may.spans.current.running and may.current.visitors == 31_000 and may.previous.orders == 0
    # the week of the 15th (Monday 10th to Saturday 15th): 6 of 7 days, against the same days of the week before
    week = dashboard(session, D(2024, 6, 12), "week")
    assert (week.spans.current.days, week.current.visitors, week.targets["visitors"].target) == (6, 6_600, 6_000)
    assert (week.previous.first_day, week.previous.last_day) == (D(2024, 6, 3), D(2024, 6, 8))
    # shopdesk kpi: the running month is counted to date and says so
    rows = kpi_series(session, D(2024, 5, 1), D(2024, 6, 30), "month")
    data = to_json(rows, "month", "CNY", compare(session, rows))
    assert [(r["period"], r["days"], r["period_days"], r["visitors"]) for r in data["rows"]] == [
        ("2024-05", 31, 31, 31_000), ("2024-06", 15, 30, 16_500)]
    assert data["rows"][1]["targets"]["visitors"] == 15_000 and data["rows"][1]["last_day"] == "2024-06-15"


def test_a_store_that_stopped_keeps_its_last_period_to_date_and_the_rest_whole(session, tmp_path):
    running_june(session)
    # figures for a later day (traffic only) complete June: it is compared whole
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "traffic_daily", [("2024-07-01", "", 900, None, None, None, None)])
    june = dashboard(session, D(2024, 6, 15), "month")
    assert not june.spans.current.running and june.targets["visitors"].target == 30_000
    assert june.targets["visitors"].flag == "severe"  # 16,500 of 30,000: the second half of June had none
