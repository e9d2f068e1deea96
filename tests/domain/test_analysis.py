"""The further analysis of SPEC §1, pinned with hand-computed figures."""

import pytest

from shopdesk.domain.analysis import channel_rows, funnel, hour_grid, repurchase_rate


def test_hour_grid_peak_and_hours():
    grid = hour_grid({(0, 9): (2, 300), (4, 20): (5, 900), (6, 20): (5, 100)})
    assert grid.orders[4][20] == 5 and grid.gmv_cents[0][9] == 300 and grid.orders[1][3] == 0
    assert grid.total_orders == 12
    assert grid.peak() == (4, 20)  # Friday 20:00 ties with Sunday 20:00: the earlier weekday
    assert grid.by_hour()[20] == 10 and grid.by_hour()[9] == 2
    assert hour_grid({}).peak() is None and hour_grid({}).total_orders == 0


def test_channel_contribution():
    rows = channel_rows({"搜索": (6, 60000), "直播": (2, 40000), "": (1, 0)},
                        {"搜索": (300, 30), "直播": (50, None), "推薦": (150, 12)})
    by = {r.channel: r for r in rows}
    assert [r.channel for r in rows] == ["搜索", "直播", "推薦", ""]
    assert by["搜索"].gmv_share == 0.6 and by["直播"].gmv_share == 0.4 and by[""].gmv_share == 0
    assert by["搜索"].visitor_share == 0.6 and by["推薦"].visitor_share == 0.3
    assert by["搜索"].conversion == 0.02 and by["直播"].conversion == 0.04
    assert by["推薦"].orders == 0 and by["推薦"].conversion == 0  # visitors but no orders: 0, a real figure
    assert by[""].visitors is None and by[""].conversion is None and by[""].visitor_share is None
    assert by["直播"].add_to_cart is None
    none = channel_rows({}, {"搜索": (0, None)})[0]
    assert none.gmv_share is None and none.visitor_share is None and none.conversion is None


def test_funnel_steps_and_gaps():
    steps = funnel({"impressions": 20000, "clicks": 1000, "visitors": 800, "add_to_cart": 80, "orders": 20})
    assert [(s.step, s.count) for s in steps] == [("impressions", 20000), ("clicks", 1000), ("visitors", 800),
                                                  ("add_to_cart", 80), ("orders", 20)]
    assert [s.rate for s in steps] == [None, 0.05, 0.8, 0.1, 0.25]
    gap = funnel({"impressions": None, "clicks": None, "visitors": 800, "add_to_cart": None, "orders": 20})
    assert [(s.step, s.rate) for s in gap] == [("visitors", None), ("orders", 0.025)]
    assert funnel({"visitors": None, "orders": 20}) == []  # one step is no funnel
    assert funnel({"visitors": 0, "orders": 0})[1].rate is None  # nothing to divide by


def test_repurchase_rate():
    assert repurchase_rate(40, 14) == pytest.approx(0.35)  # the handbooks' 35 % target
    assert repurchase_rate(0, 0) is None
