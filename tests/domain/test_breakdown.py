"""Locating an anomaly per channel and product, with hand-computed usual values."""

import pytest

from shopdesk.domain.breakdown import locate, scope_of, split_scope, usual


def test_usual_value_needs_two_earlier_days():
    assert usual([100, 200, None, 300]) == 200
    assert usual([100, None]) is None and usual([]) is None


def test_locate_flags_the_channels_beyond_the_threshold():
    earlier = [{"搜索": 400, "直播": 100, "推薦": 10}, {"搜索": 600, "直播": 100, "推薦": 10}]
    today = {"搜索": 420, "直播": 104, "推薦": 2}  # search −16 %, live +4 %, recommend −80 % but tiny
    found = locate("visitors", today, earlier, "channel", 0.05, 0.10, 0.05, 10)
    assert [(d.scope, d.usual, d.actual, d.flag) for d in found] == [("channel:搜索", 500, 420, "severe")]
    assert found[0].deviation == pytest.approx(-0.16)
    with_small = locate("visitors", today, earlier, "channel", 0.05, None, 0.0, 10)
    assert [d.scope for d in with_small] == ["channel:搜索", "channel:推薦"]  # by size of the change
    assert with_small[0].flag == "anomaly"  # no red line: an anomaly, not severe
    rising = locate("visitors", today, earlier, "channel", 0.05, None, 0.0, 10, direction=1)
    assert rising == []  # the store rose above target: the channels that fell do not explain it


def test_locate_products_missing_today_and_the_limit():
    earlier = [{"A": 1000, "B": 800, "C": 500}, {"A": 1200, "B": 800, "C": 500}]
    today = {"A": 300, "B": 900}  # C sold nothing: −100 %
    found = locate("gmv", today, earlier, "product", 0.05, None, 0.05, 2)
    assert [(d.scope, d.actual) for d in found] == [("product:A", 300), ("product:C", 0)]  # B (+12.5 %) cut by the limit
    assert locate("gmv", today, [], "product", 0.05, None, 0.05, 5) == []  # no earlier days: nothing usual


def test_refunds_are_severe_above_their_usual():
    found = locate("refunds", {"A": 300}, [{"A": 100}, {"A": 100}], "product", 0.05, 0.5, 0.0, 5)
    assert found[0].flag == "severe"


def test_scope_text_round_trip():
    assert split_scope(scope_of("channel", "直播")) == ("channel", "直播")
    assert split_scope("") == ("", "")
