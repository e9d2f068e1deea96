"""The daily KPI series against one SQL query, on three store shapes, and ``shopdesk kpi`` as a whole process.

    python bench/kpi.py [--runs 5] [--days 12] [--shapes uci,no-buyers,generated]

Store shapes:

* ``uci``: the tiled UCI file of bench/import.py (541,909 lines), imported;
* ``no-buyers``: the same store with no buyer on any order (as the Tmall order
  report imports: the new-customer share is "—");
* ``generated``: 1,000,000 paid orders of 200,000 customers over the same 13
  months, one line each, written straight into a store.

On each, times ``kpi_series(..., by="day")`` for 2010-12-01 … 2011-12-31
against a single SQL statement computing the same daily sums (paid orders,
GMV, orders with a buyer, first orders, units, returned units, complaints,
refunds, visitors) with covering indexes, in the same process, alternately.
Goal ≤ 3×.

Whole process (``uci``): a seller's script runs ``shopdesk kpi --from 2010-12-01
--to 2011-12-31 --by day --json``, a year of days in one command, alternately
with a bare ``python -c`` that connects and runs the same one SQL query for
that year (Python's own start-up plus the indexed query): goal ≤ 3× (medians
over ``--runs``). Then, for scripts that ask day by day, ``--days`` single days
spread over the year (365: every day) run one process each against the same
floor for that day, reported beside it. Both run the child processes with
bytecode caching as an installed ShopDesk has it (PYTHONDONTWRITEBYTECODE is
dropped for them).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import begin

FIRST, LAST = dt.date(2010, 12, 1), dt.date(2011, 12, 31)
GOAL = 3.0
OWNER, PASSWORD = "owner", "bench-pass"  # bench/import.py's store
SHAPES = ("uci", "no-buyers", "generated")
GENERATED_ORDERS, GENERATED_CUSTOMERS = 1_000_000, 200_000
COVERING = ("CREATE INDEX IF NOT EXISTS bench_cover ON orders (day, paid_at, total_cents, customer_id, id)",
            "CREATE INDEX IF NOT EXISTS bench_first ON orders (customer_id, paid_at, day, id)")
FLOOR_SQL = """
WITH x AS (SELECT id, day, customer_id, total_cents FROM orders WHERE paid_at IS NOT NULL AND day BETWEEN :a AND :b),
f AS (SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY day, id) AS n FROM orders
                      WHERE paid_at IS NOT NULL AND customer_id IN (SELECT customer_id FROM x)) WHERE n = 1),
o AS (SELECT day, COUNT(*) AS orders, SUM(total_cents) AS gmv, COUNT(customer_id) AS known,
             SUM(id IN (SELECT id FROM f)) AS first_orders FROM x GROUP BY day),
u AS (SELECT x.day, SUM(l.quantity) AS units, COUNT(DISTINCT l.product_id) AS products
      FROM orders x JOIN order_lines l ON l.order_id = x.id
      WHERE x.paid_at IS NOT NULL AND x.day BETWEEN :a AND :b GROUP BY x.day),
c AS (SELECT day, SUM(CASE WHEN kind = 'return' THEN units ELSE 0 END) AS returned, SUM(kind = 'complaint') AS complaints
      FROM after_sales WHERE day BETWEEN :a AND :b GROUP BY day),
r AS (SELECT substr(refunded_at, 1, 10) AS day, SUM(refund_cents) AS refunds FROM after_sales
      WHERE refund_cents > 0 AND substr(refunded_at, 1, 10) BETWEEN :a AND :b GROUP BY 1),
t AS (SELECT day, SUM(visitors) AS visitors FROM traffic_daily WHERE day BETWEEN :a AND :b GROUP BY day)
SELECT o.day, o.orders, o.gmv, o.known, o.first_orders, u.units, u.products, c.returned, c.complaints, r.refunds,
       t.visitors
FROM o LEFT JOIN u USING (day) LEFT JOIN c USING (day) LEFT JOIN r USING (day) LEFT JOIN t USING (day)
"""
#: The floor as a whole process: Python's start-up, a connection and the one query for one day.
FLOOR_PROCESS = ("import sqlite3, sys\n"
                 "conn = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True)\n"
                 "rows = conn.execute(sys.argv[2], {'a': sys.argv[3], 'b': sys.argv[4]}).fetchall()\n"
                 "print(rows)\n")


def no_buyers(source: Path, folder: Path) -> Path:
    """A copy of ``source`` whose orders have no buyer, its statistics brought up to date as an import does."""
    from shopdesk.store.migrate import refresh_statistics
    db = folder / "no-buyers.sqlite"
    shutil.copy(source, db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("UPDATE orders SET customer_id = NULL")
    refresh_statistics(conn)
    conn.execute("COMMIT")
    conn.close()
    return db


def generated(folder: Path) -> Path:
    """A store of 1,000,000 paid orders of 200,000 customers over FIRST … LAST, one line each."""
    from shopdesk.services.accounts import init_store
    from shopdesk.store import bulk
    from shopdesk.store.imports import restore_indexes, suspend_indexes
    from shopdesk.store.migrate import refresh_statistics
    db = folder / "generated.sqlite"
    session = init_store(db, "Bench", OWNER, PASSWORD, "GBP", "Europe/London")
    rng = random.Random(12)
    days = [(FIRST + dt.timedelta(days=i)).isoformat() for i in range((LAST - FIRST).days + 1)]
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "products", [(i, f"P{i}", f"Product {i}", "", "", "", "", 500, 1000, None, 5, "new",
                                             None, None, "2010-11-01T00:00:00+00:00") for i in range(1, 51)])
        bulk.insert_rows(conn, "customers", [(i, "bench", f"c{i}", "") for i in range(1, GENERATED_CUSTOMERS + 1)])
        suspended = suspend_indexes(conn)  # as a large import does: one sort per index
        orders, lines = [], []
        for i in range(1, GENERATED_ORDERS + 1):
            day = rng.choice(days)
            at = f"{day}T12:00:00+00:00"
            total = rng.randint(100, 20000)
            orders.append((i, "bench", f"G{i}", rng.randint(1, GENERATED_CUSTOMERS), "", "completed", at, day, at,
                           None, None, total, 0, 0, total, "", ""))
            lines.append((i, 1, rng.randint(1, 50), "", "", 1, total, 0))
        bulk.insert_rows(conn, "orders", orders)
        bulk.insert_rows(conn, "order_lines", lines)
        restore_indexes(conn, suspended)
        refresh_statistics(conn)
    session.store.close()
    return db


def with_covering_indexes(db: Path) -> None:
    setup = sqlite3.connect(db)
    for statement in COVERING:
        setup.execute(statement)
    setup.commit()
    setup.close()


def in_process(db: Path, runs: int) -> tuple[list, list, list[float], list[float]]:
    """``kpi_series`` and the floor, alternately; (our rows, floor rows, our seconds, floor seconds)."""
    from shopdesk.services.kpi import kpi_series
    from shopdesk.services.session import Session
    from shopdesk.store.opening import open_store
    store = open_store(db, write=False)
    floor_conn = store.reader()
    session = Session(store, 1, OWNER)
    ours, floor = [], []
    params = {"a": FIRST.isoformat(), "b": LAST.isoformat()}
    try:
        for _ in range(runs):
            start = time.perf_counter()
            rows = kpi_series(session, FIRST, LAST, "day")
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            floor_rows = floor_conn.execute(FLOOR_SQL, params).fetchall()
            floor.append(time.perf_counter() - start)
    finally:
        store.close()
        floor_conn.close()
    return rows, floor_rows, ours, floor


def agree(rows, floor_rows) -> None:
    """The two sides give the same GMV and the same new-customer share every day."""
    assert sum(r.gmv_cents for r in rows) == sum(r[2] for r in floor_rows), "the two sides disagree on GMV"
    ours = {r.period: r.new_customer_share for r in rows if r.orders}
    theirs = {r[0]: (r[4] / r[3] if r[3] else None) for r in floor_rows}
    assert ours == theirs, "the two sides disagree on the new-customer share"


def _child_env() -> dict[str, str]:
    """The environment of a seller's script: the password given, bytecode cached as an installed ShopDesk has it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "SHOPDESK_PASSWORD": PASSWORD}


def _pair(db: Path, first: str, last: str, env: dict[str, str]) -> tuple[float, float]:
    """One ``shopdesk kpi`` process for ``first`` … ``last`` by day, then the floor's process for the same days."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "shopdesk", "kpi", "--from", first, "--to", last, "--by", "day", "--json",
                    "--db", str(db), "--user", OWNER], env=env, check=True, stdout=subprocess.DEVNULL)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", FLOOR_PROCESS, str(db), FLOOR_SQL, first, last], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return ours, time.perf_counter() - start


def whole_year(db: Path, runs: int) -> tuple[list[float], list[float]]:
    """``shopdesk kpi`` for the year by day as one process, and the floor's process, alternately, ``runs`` times."""
    env = _child_env()
    _pair(db, FIRST.isoformat(), LAST.isoformat(), env)  # warm: bytecode written, file in the page cache
    pairs = [_pair(db, FIRST.isoformat(), LAST.isoformat(), env) for _run in range(runs)]
    return [a for a, _b in pairs], [b for _a, b in pairs]


def single_days(db: Path, days: int) -> tuple[list[float], list[float]]:
    """``shopdesk kpi`` for one day as a process, and the floor's process, alternately, for ``days`` days."""
    span = (LAST - FIRST).days + 1
    picked = [(FIRST + dt.timedelta(days=round(i * span / days))).isoformat() for i in range(days)]
    env = _child_env()
    pairs = [_pair(db, d, d, env) for d in picked]
    return [a for a, _b in pairs], [b for _a, b in pairs]


def report(label: str, rows, ours: list[float], floor: list[float]) -> None:
    med = statistics.median
    ratio = med(a / b for a, b in zip(ours, floor, strict=True))
    share = [r.new_customer_share for r in rows if r.new_customer_share is not None]
    print(f"[{label}] days: {len(rows)} ({FIRST} … {LAST}); paid orders {sum(r.orders for r in rows):,}; "
          f"days with a new-customer share {len(share)}; runs {len(ours)}")
    print(f"  kpi_series by day:        median {med(ours) * 1000:.0f} ms")
    print(f"  one SQL query (covering): median {med(floor) * 1000:.0f} ms")
    print(f"  ratio: {ratio:.2f}x   goal <= {GOAL}x   {'met' if ratio <= GOAL else 'NOT met'}")


def options(parser) -> None:
    parser.add_argument("--days", type=int, default=12, help="single days run as processes (0: none)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="store shapes, comma-separated")


def main() -> int:
    started = begin(__doc__, options=options)
    if started is None:
        return 0
    args, bench = started
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        print(f"unknown shapes: {', '.join(sorted(unknown))}; known: {', '.join(SHAPES)}")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        built = time.perf_counter()
        uci = bench.built_store(folder) if {"uci", "no-buyers"} & set(shapes) else None
        if uci is not None:
            print(f"built the 541,909-line store in {time.perf_counter() - built:.0f} s")
        stores = {}
        if "no-buyers" in shapes:
            stores["no-buyers"] = no_buyers(uci, folder)
        if "generated" in shapes:
            built = time.perf_counter()
            stores["generated"] = generated(folder)
            print(f"generated {GENERATED_ORDERS:,} orders of {GENERATED_CUSTOMERS:,} customers in "
                  f"{time.perf_counter() - built:.0f} s")
        if "uci" in shapes:
            stores = {"uci": uci, **stores}
        for label, db in stores.items():
            with_covering_indexes(db)
            rows, floor_rows, ours, floor = in_process(db, args.runs)
            agree(rows, floor_rows)
            report(label, rows, ours, floor)
        if "uci" in shapes:
            med = statistics.median
            ours, floor = whole_year(uci, args.runs)
            ratio = med(ours) / med(floor)
            print(f"[uci, whole process] shopdesk kpi --from {FIRST} --to {LAST} --by day --json, one process; "
                  f"runs {len(ours)}")
            print(f"  shopdesk kpi:                     median {med(ours) * 1000:.0f} ms")
            print(f"  python -c + the one SQL query:    median {med(floor) * 1000:.0f} ms")
            print(f"  ratio: {ratio:.2f}x   goal <= {GOAL}x   {'met' if ratio <= GOAL else 'NOT met'}")
        if "uci" in shapes and args.days:
            ours, floor = single_days(uci, args.days)
            print(f"[uci, whole process] shopdesk kpi for {args.days} single days, one process each")
            print(f"  shopdesk kpi --json:              median {statistics.median(ours) * 1000:.0f} ms, "
                  f"total {sum(ours):.1f} s")
            print(f"  python -c + the one SQL query:    median {statistics.median(floor) * 1000:.0f} ms, "
                  f"total {sum(floor):.1f} s")
            print(f"  ratio: {sum(ours) / sum(floor):.2f}x (a process per day: start-up and login repeat each time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
