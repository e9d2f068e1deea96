"""A store metric beyond its threshold is located in its channels and products (SPEC §1 step 3)."""

import datetime as dt

from shopdesk.services.anomalies import anomaly_list, detect, explain
from shopdesk.services.targets import set_target
from shopdesk.store import bulk

D = dt.date
TUESDAYS = ["2024-05-21", "2024-05-28", "2024-06-04", "2024-06-11"]


def _store(session):
    traffic, orders, lines = [], [], []
    for n, day in enumerate([*TUESDAYS, "2024-06-18"], 1):
        last = day == "2024-06-18"
        traffic += [(day, "搜索", 600 if last else 1000, None, None, None, None),
                    (day, "直播", 215 if last else 200, None, None, None, None)]
        p1 = 2000 if last else 10000  # product P1 sells far less on the 18th
        orders.append((n, "", f"A{n}", None, "搜索", "completed", f"{day}T10:00:00+08:00", day, f"{day}T10:01:00+08:00",
                       None, None, p1 + 5000, 0, 0, p1 + 5000, "", ""))
        lines += [(n, 1, 1, "P1", "Cup", 1, p1, 0), (n, 2, 2, "P2", "Lid", 1, 5000, 0)]
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "products", [
            (1, "P1", "Cup", "", "", "", "", 100, 10000, None, 5, "mature", None, None, "now"),
            (2, "P2", "Lid", "", "", "", "", 100, 5000, None, 5, "mature", None, None, "now")])
        bulk.insert_rows(conn, "traffic_daily", traffic)
        bulk.insert_rows(conn, "orders", orders)
        bulk.insert_rows(conn, "order_lines", lines)


def test_channels_and_products_behind_an_anomaly(session):
    _store(session)
    set_target(session, "visitors", "2024-06", "30000")  # 1,000 a day: the 18th's 815 is −18.5 %, severe
    set_target(session, "gmv", "2024-06", "4500")  # 150.00 a day: the 18th's 70.00 is −53 %
    detect(session, D(2024, 6, 18), D(2024, 6, 18))
    found = {(a["metric"], a["scope"]): a for a in anomaly_list(session)}
    assert found[("visitors", "")]["severity"] == "severe"
    search = found[("visitors", "channel:搜索")]
    assert (search["target"], search["actual"], search["deviation"], search["severity"]) == (1000, 600, -0.4, "severe")
    assert ("visitors", "channel:直播") not in found  # +7.5 % over its usual 200: it did not pull the store down
    assert found[("gmv", "product:P1")]["target"] == 10000 and found[("gmv", "product:P1")]["actual"] == 2000
    assert ("gmv", "product:P2") not in found  # sold as usual
    assert abs(found[("gmv", "channel:搜索")]["deviation"] - (7000 / 15000 - 1)) < 1e-9
    assert ("orders", "") not in found  # no target for orders: nothing to locate
    explain(session, search["id"], "搜索排名下降")
    set_target(session, "visitors", "2024-06", "24450")  # 815 a day: met, so the unexplained ones go
    set_target(session, "gmv", "2024-06", "2100")
    detect(session, D(2024, 6, 18), D(2024, 6, 18))
    left = {(a["metric"], a["scope"]) for a in anomaly_list(session)}
    assert left == {("visitors", "channel:搜索")}  # the explained one stays


def test_a_new_store_without_earlier_weeks_locates_nothing(session):
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "traffic_daily", [("2024-06-18", "搜索", 100, None, None, None, None)])
    set_target(session, "visitors", "2024-06", "30000")
    detect(session, D(2024, 6, 18), D(2024, 6, 18))
    assert [(a["metric"], a["scope"]) for a in anomaly_list(session)] == [("visitors", "")]


def test_favourable_anomalies_need_a_cause_only_when_the_store_says_so(session):
    from shopdesk.services.accounts import update_settings
    from shopdesk.services.anomalies import waiting_for_cause
    _store(session)
    set_target(session, "gmv", "2024-06", "1500")  # 50.00 a day: the 18th's 70.00 is +40 %, good news
    set_target(session, "visitors", "2024-06", "30000")  # the 18th's 815 is −18.5 %: bad news
    detect(session, D(2024, 6, 18), D(2024, 6, 18))
    listed = anomaly_list(session)
    assert [(a["metric"], a["scope"], a["depth"], a["favourable"]) for a in listed] == [
        ("gmv", "", 0, True), ("visitors", "", 0, False), ("visitors", "channel:搜索", 1, False)]
    assert [(a["metric"], a["scope"]) for a in waiting_for_cause(session, D(2024, 6, 18))] == [
        ("visitors", ""), ("visitors", "channel:搜索")]
    update_settings(session, {"anomaly.favourable_cause": "required"})
    assert [a["metric"] for a in waiting_for_cause(session, D(2024, 6, 18))] == ["gmv", "visitors", "visitors"]
    assert anomaly_list(session, open_only=True)[0]["metric"] == "gmv"


def test_a_product_behind_an_anomaly_is_named(session):
    _store(session)
    set_target(session, "gmv", "2024-06", "4500")
    detect(session, D(2024, 6, 18), D(2024, 6, 18))
    (cup,) = [a for a in anomaly_list(session) if a["scope"] == "product:P1"]
    assert cup["scope_name"] == "Cup" and cup["depth"] == 1
