"""``shopdesk kpi``: a day's target whatever range is asked, and a running month to date."""

from __future__ import annotations

import json

from tests.cli.test_cli import run
from tests.conftest import OWNER, OWNER_PASSWORD
from tests.services.test_target_periods import RANGES, running_june, two_weeks_then_july


def _filled(store_path, fill) -> None:
    from shopdesk.services.session import login
    from shopdesk.store.opening import open_store
    store = open_store(store_path, daily_backup=False)
    try:
        fill(login(store, OWNER, OWNER_PASSWORD))
    finally:
        store.close()


def _kpi(db, user, password, first, last, by="day"):
    out = run("kpi", "--db", str(db), "--user", user, "--from", str(first), "--to", str(last), "--by", by, "--json",
              password=password)
    assert out.returncode == 0, out.stderr
    return {row["period"]: row for row in json.loads(out.stdout)["rows"]}


def test_the_days_target_through_ten_ranges(store_path):
    _filled(store_path, two_weeks_then_july)
    for first, last in RANGES:
        row = _kpi(store_path, OWNER, OWNER_PASSWORD, first, last)["2024-07-06"]
        assert row["targets"]["gmv"] == 200.0 and row["deviations"]["gmv"] == 0.5, (first, last)


def test_the_demo_days_target_through_ten_ranges(demo_path):
    seen = set()
    for first in ("2026-11-15", "2026-11-14", "2026-11-09", "2026-11-01", "2026-10-31", "2026-10-01", "2026-09-15",
                  "2026-07-01", "2026-06-01", "2026-05-16"):
        row = _kpi(demo_path, "owner", "demo1234", first, "2026-11-15")["2026-11-15"]
        seen.add(json.dumps(row["targets"], sort_keys=True))
    assert len(seen) == 1, seen


def test_a_running_month_is_to_date(store_path):
    _filled(store_path, running_june)
    rows = _kpi(store_path, OWNER, OWNER_PASSWORD, "2024-05-01", "2024-06-30", "month")
    june = rows["2024-06"]
    assert (june["days"], june["period_days"], june["visitors"]) == (15, 30, 16500)
    assert june["targets"]["visitors"] == 15000 and "visitors" in june["flags"]
    assert june["flags"]["visitors"] == "anomaly" and rows["2024-05"]["days"] == 31
    table = run("kpi", "--db", str(store_path), "--user", OWNER, "--from", "2024-05-01", "--to", "2024-06-30",
                "--by", "month", password=OWNER_PASSWORD)
    (line,) = [text for text in table.stdout.splitlines() if text.startswith("2024-06")]
    assert line.startswith("2024-06 to date (15 of 30 days)")
    chinese = run("kpi", "--db", str(store_path), "--user", OWNER, "--from", "2024-06-01", "--to", "2024-06-30",
                  "--by", "month", password=OWNER_PASSWORD, lang="zh_TW")
    assert "2024-06 截至目前（30 天中的 15 天）" in chinese.stdout
