"""The daily KPI series over 13 months of a 541,909-line store, against one SQL query.

    python bench/kpi.py [--runs 5]

Builds the store once (the tiled UCI file of bench/import.py, imported), then
times ``kpi_series(..., by="day")`` for 2010-12-01 … 2011-12-31 against a
single SQL statement computing the same daily sums (paid orders, GMV, first
orders, units, returned units, complaints, refunds, visitors) with a covering
index, in the same process, alternately. Goal ≤ 3×.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import begin

FIRST, LAST = dt.date(2010, 12, 1), dt.date(2011, 12, 31)
GOAL = 3.0
FLOOR_SQL = """
WITH o AS (
    SELECT day, COUNT(*) AS orders, SUM(total_cents) AS gmv,
           SUM(customer_id IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM orders p WHERE p.customer_id = x.customer_id AND p.paid_at IS NOT NULL
               AND (p.day < x.day OR (p.day = x.day AND p.id < x.id)))) AS first_orders
    FROM orders x WHERE paid_at IS NOT NULL AND day BETWEEN :a AND :b GROUP BY day),
u AS (SELECT x.day, SUM(l.quantity) AS units, COUNT(DISTINCT l.product_id) AS products
      FROM orders x JOIN order_lines l ON l.order_id = x.id
      WHERE x.paid_at IS NOT NULL AND x.day BETWEEN :a AND :b GROUP BY x.day),
c AS (SELECT day, SUM(CASE WHEN kind = 'return' THEN units ELSE 0 END) AS returned, SUM(kind = 'complaint') AS complaints
      FROM after_sales WHERE day BETWEEN :a AND :b GROUP BY day),
r AS (SELECT substr(refunded_at, 1, 10) AS day, SUM(refund_cents) AS refunds FROM after_sales
      WHERE refund_cents > 0 AND substr(refunded_at, 1, 10) BETWEEN :a AND :b GROUP BY 1),
t AS (SELECT day, SUM(visitors) AS visitors FROM traffic_daily WHERE day BETWEEN :a AND :b GROUP BY day)
SELECT o.day, o.orders, o.gmv, o.first_orders, u.units, u.products, c.returned, c.complaints, r.refunds, t.visitors
FROM o LEFT JOIN u USING (day) LEFT JOIN c USING (day) LEFT JOIN r USING (day) LEFT JOIN t USING (day)
"""


def main() -> int:
    started = begin(__doc__)
    if started is None:
        return 0
    args, bench = started
    from shopdesk.services.kpi import kpi_series
    from shopdesk.services.session import Session
    from shopdesk.store.db import open_store
    with tempfile.TemporaryDirectory() as tmp:
        db = bench.built_store(Path(tmp))
        store = open_store(db, write=False)
        floor_conn = store.reader()
        import sqlite3
        setup = sqlite3.connect(db)
        setup.execute("CREATE INDEX IF NOT EXISTS bench_cover ON orders (day, paid_at, total_cents, customer_id, id)")
        setup.commit()
        setup.close()
        session = Session(store, 1, "owner")
        ours, floor, ratios = [], [], []
        params = {"a": FIRST.isoformat(), "b": LAST.isoformat()}
        for _ in range(args.runs):
            start = time.perf_counter()
            rows = kpi_series(session, FIRST, LAST, "day")
            a = time.perf_counter() - start
            start = time.perf_counter()
            floor_rows = floor_conn.execute(FLOOR_SQL, params).fetchall()
            b = time.perf_counter() - start
            ours.append(a)
            floor.append(b)
            ratios.append(a / b)
        gmv = sum(r.gmv_cents for r in rows)
        assert gmv == sum(r[2] for r in floor_rows), "the two sides disagree"
        store.close()
        floor_conn.close()
    print(f"days: {len(rows)} ({FIRST} … {LAST}); paid orders {sum(r.orders for r in rows):,}; runs {args.runs}")
    print(f"kpi_series by day:        median {statistics.median(ours) * 1000:.0f} ms")
    print(f"one SQL query (covering): median {statistics.median(floor) * 1000:.0f} ms")
    ratio = statistics.median(ratios)
    print(f"ratio: {ratio:.2f}x   goal <= {GOAL}x   {'met' if ratio <= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
