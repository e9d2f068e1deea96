"""The demo store: deterministic, plausible, and complete enough to try every tab on."""

import datetime as dt
import hashlib
import sqlite3

import pytest

from shopdesk.domain.roles import Role
from shopdesk.services.check import check_store
from shopdesk.services.demo import DEMO_STAFF, build_demo


def fingerprint(path):
    conn = sqlite3.connect(path)
    h = hashlib.sha256()
    for table in ("products", "orders", "order_lines", "after_sales", "stock_movements", "traffic_daily"):
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            h.update(repr(row).encode())
    return h.hexdigest()


def test_same_seed_same_store(_template_demo, tmp_path):
    again = tmp_path / "again.sqlite"
    build_demo(again)
    assert fingerprint(again) == fingerprint(_template_demo)
    other = tmp_path / "other.sqlite"
    build_demo(other, seed=7)
    assert fingerprint(other) != fingerprint(_template_demo)


def test_contents(_template_demo):
    conn = sqlite3.connect(_template_demo)
    q = lambda sql: conn.execute(sql).fetchone()  # noqa: E731
    assert q("SELECT name, stage FROM products WHERE code = 'SP2024001'") == ("夏季透氣運動鞋-男", "growth")
    assert q("SELECT name, stage FROM products WHERE code = 'SP2024002'") == ("保溫杯-500ml", "slow_moving")
    assert q("SELECT COUNT(*) FROM products WHERE category3 = '' OR cost_cents IS NULL OR supplier_id IS NULL")[0] == 0
    roles = {r[0] for r in conn.execute("SELECT role FROM staff")}
    assert roles == {r.value for r in Role}
    assert len(DEMO_STAFF) + 1 == q("SELECT COUNT(*) FROM staff")[0]
    first, last = q("SELECT MIN(day), MAX(day) FROM orders")
    assert (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days >= 180
    assert q("SELECT COUNT(*) FROM orders WHERE status = 'cancelled' AND paid_at IS NOT NULL")[0] == 0
    assert q("SELECT COUNT(*) FROM orders WHERE total_cents != goods_cents - discount_cents + shipping_cents")[0] == 0
    assert q("SELECT COUNT(*) FROM after_sales WHERE kind = 'return' AND refund_cents > 0")[0] > 50
    assert q("SELECT COUNT(DISTINCT kind) FROM after_sales")[0] == 4
    assert q("SELECT COUNT(*) FROM traffic_daily WHERE channel = ''")[0] == q("SELECT COUNT(DISTINCT day) FROM orders")[0]
    # channels and the top of the funnel: impressions > clicks > visitors > add-to-cart
    assert q("SELECT COUNT(DISTINCT channel) FROM traffic_daily WHERE channel != ''")[0] == 4
    assert q("SELECT COUNT(*) FROM traffic_daily WHERE NOT (impressions > clicks AND clicks > visitors"
             " AND visitors > add_to_cart)")[0] == 0
    # stock is the sum of the ledger, never negative at the end
    assert q("SELECT MIN(quantity) FROM stock_on_hand")[0] >= 0
    assert q("SELECT COUNT(*) FROM orders WHERE created_at NOT LIKE '%+08:00'")[0] == 0


def test_weekday_rhythm_and_campaign_peaks(_template_demo):
    conn = sqlite3.connect(_template_demo)
    per_weekday = dict(conn.execute(
        "SELECT strftime('%w', day), COUNT(*) * 1.0 / COUNT(DISTINCT day) FROM orders GROUP BY 1"))
    assert per_weekday["6"] > per_weekday["1"] * 1.2  # Saturday busier than Monday
    daily = dict(conn.execute("SELECT day, COUNT(*) FROM orders GROUP BY day"))
    median = sorted(daily.values())[len(daily) // 2]
    assert daily["2026-11-11"] > 3 * median
    assert daily["2026-06-18"] > 2 * median


def test_cancelled_build_leaves_nothing(tmp_path):
    from shopdesk.domain.errors import Cancelled
    from shopdesk.domain.jobs import CancelToken
    token = CancelToken()
    path = tmp_path / "demo.sqlite"

    def progress(done, total, message):
        if done > 50:
            token.cancel()
    with pytest.raises(Cancelled):
        build_demo(path, progress=progress, cancel=token)
    assert not path.exists()


def test_demo_passes_check(_template_demo):
    assert check_store(_template_demo).ok


def test_targets_and_causes_fit_the_figures(demo_path):
    from shopdesk.services.anomalies import anomaly_list
    from shopdesk.services.demo import CAUSES, TASKS
    from shopdesk.services.kpi import kpi_series
    from shopdesk.services.session import login
    from shopdesk.services.targets import compare
    from shopdesk.store.opening import open_store
    conn = sqlite3.connect(demo_path)
    targets = dict(conn.execute("SELECT metric, COALESCE(amount, rate) FROM targets WHERE period = '2026-Q4'"))
    store = open_store(demo_path, daily_backup=False)
    try:
        session = login(store, "owner", "demo1234")
        months = kpi_series(session, dt.date(2026, 7, 1), dt.date(2026, 9, 30), "month")
        q3_gmv = sum(m.gmv_cents for m in months)
        assert 1.0 <= targets["gmv"] / q3_gmv <= 1.1  # the quarter before, a little higher
        assert abs(targets["conversion"] - sum(m.orders for m in months) / sum(m.visitors for m in months)) < 0.001
        listed = anomaly_list(session)
        explained = [a for a in listed if a["cause"]]
        assert explained and all(a["cause"] == CAUSES[(a["metric"], a["deviation"] > 0)] for a in explained)
        assert any(a["favourable"] for a in explained) and any(not a["favourable"] for a in explained)
        assert any(a["waiting"] for a in listed)  # something left to work through
        linked = dict(conn.execute("SELECT anomaly_id, title FROM tasks WHERE anomaly_id IS NOT NULL"))
        by_id = {a["id"]: a for a in listed}
        assert linked and all(TASKS[by_id[i]["metric"]] == title for i, title in linked.items())
        # the review quotes the day's deviations as the store computes them
        before = dt.date(2026, 11, 14)
        (c,) = [c for c in compare(session, kpi_series(session, before, before))[before.isoformat()]
                if c.metric == "gmv"]
        (review,) = conn.execute("SELECT minutes FROM meetings WHERE kind = 'daily_review'").fetchone()
        assert f"成交額{'高於' if c.deviation > 0 else '低於'}目標 {abs(c.deviation):.1%}" in review
    finally:
        store.close()
