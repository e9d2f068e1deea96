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


def _row(id_, day, metric, scope, deviation, cause="", target=100.0, actual=None):
    return {"id": id_, "day": day, "metric": metric, "scope": scope, "target": target,
            "actual": target * (1 + deviation) if actual is None else actual, "deviation": deviation, "cause": cause}


def test_favourable_follows_the_metrics_direction():
    from shopdesk.domain.targets import favourable, needs_cause
    assert favourable("gmv", 0.2) is True and favourable("gmv", -0.1) is False
    assert favourable("refunds", 0.2) is False and favourable("return_rate", -0.1) is True
    assert favourable("complaints", 0.3) is False and favourable("gmv", None) is None
    assert not needs_cause("gmv", 0.2) and needs_cause("gmv", 0.2, favourable_too=True)
    assert needs_cause("gmv", -0.2) and needs_cause("complaints", 0.5)


def test_the_list_groups_a_days_anomalies_under_their_store_metric():
    from shopdesk.domain.breakdown import grouped
    rows = [  # as the store lists them: day, then metric, then scope
        _row(1, "2024-06-17", "gmv", "", -0.3, "coupon ran out"),
        _row(2, "2024-06-18", "complaints", "", 0.5),
        _row(3, "2024-06-18", "gmv", "", 0.2),
        _row(4, "2024-06-18", "gmv", "channel:搜索", 0.1, target=1000.0),
        _row(5, "2024-06-18", "gmv", "product:P1", 0.5, target=100.0),
        _row(6, "2024-06-18", "gmv", "product:P2", 0.3, target=1000.0),
        _row(7, "2024-06-18", "visitors", "channel:直播", 0.3),  # its store metric left the list
        _row(8, "2024-06-18", "orders", "", 0.25),
    ]
    out = grouped(rows)
    # newest day first; GMV before paid orders before complaints (the dashboard's order); a metric's channels
    # before its products, largest change first
    assert [(r["id"], r["depth"]) for r in out] == [(3, 0), (4, 1), (6, 1), (5, 1), (8, 0), (2, 0), (7, 0), (1, 0)]
    by_id = {r["id"]: r for r in out}
    assert by_id[3]["favourable"] and not by_id[3]["needs_cause"] and not by_id[3]["waiting"]
    assert by_id[2]["favourable"] is False and by_id[2]["waiting"]  # complaints rose: a cause is needed
    assert not by_id[1]["waiting"]  # explained
    assert [r["id"] for r in grouped(rows, open_only=True)] == [2]
    strict = grouped(rows, favourable_cause=True, open_only=True)
    assert [r["id"] for r in strict] == [3, 4, 6, 5, 8, 2, 7]  # each group whole, the explained day left out
    rows[2]["cause"] = "雙11返場"  # the store's GMV explained: the channel and products under it are too
    strict = {r["id"]: r for r in grouped(rows, favourable_cause=True)}
    assert [(strict[i]["covered"], strict[i]["waiting"]) for i in (4, 5, 6)] == [(True, False)] * 3
    assert strict[7]["waiting"] and not strict[7]["covered"]  # alone: nothing above explains it
