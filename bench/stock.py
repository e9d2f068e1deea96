"""Stock alerts, slow-moving and replenishment for ~4,000 SKUs over 541,909 order lines, against one SQL query each.

    python bench/stock.py [--runs 5]

Builds the store once (the tiled UCI file of bench/import.py, imported: one
product per stock code), then gives every product a tracked stock count and
one of three suppliers (setup, not timed). Times, in the same process,
alternately: ``stock.alerts``, ``stock.slow_moving`` and
``stock.replenishment`` as of the last day, and the weekly product sheet
(``product_weekly.weekly``) of the week ending then, each against a single SQL
statement computing the same sums (stock on hand per product; last sale and
units in the window per product; both with the supplier's terms; units and
orders of the week and the four weeks before). Goal ≤ 3×.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import begin

from shopdesk.store.stock import SELLABLE  # the products on sale: the floor checks the same set

GOAL = 3.0
SKUS = 4000
ON_HAND = f"""SELECT p.id, COALESCE(SUM(m.quantity), 0) AS on_hand, p.safety_stock FROM products p
              LEFT JOIN stock_movements m ON m.product_id = p.id AND m.day <= :day WHERE {SELLABLE} GROUP BY p.id"""
SALES = """SELECT l.product_id, MAX(o.day), SUM(CASE WHEN o.day >= :first THEN l.quantity ELSE 0 END)
           FROM orders o JOIN order_lines l ON l.order_id = o.id
           WHERE o.paid_at IS NOT NULL AND o.day <= :day GROUP BY l.product_id"""
FLOORS = {
    "alerts": f"SELECT * FROM ({ON_HAND}) WHERE on_hand < CASE WHEN safety_stock > 0 THEN safety_stock ELSE 50 END",
    "slow-moving": f"SELECT p.id, s.* FROM products p LEFT JOIN ({SALES}) s ON s.product_id = p.id WHERE {SELLABLE}",
    "replenishment": f"""SELECT h.id, h.on_hand, s.*, u.lead_time_days, u.min_order_qty FROM ({ON_HAND}) h
                         JOIN products p ON p.id = h.id LEFT JOIN suppliers u ON u.id = p.supplier_id
                         LEFT JOIN ({SALES}) s ON s.product_id = h.id""",
    # the week's units and orders and the four weeks before, per product, with stock on hand at the week's end
    "weekly": f"""SELECT h.id, h.on_hand, w.* FROM ({ON_HAND}) h LEFT JOIN (
                      SELECT l.product_id, SUM(CASE WHEN o.day >= :week THEN l.quantity END),
                             COUNT(DISTINCT CASE WHEN o.day >= :week THEN o.id END),
                             SUM(CASE WHEN o.day < :week THEN l.quantity END)
                      FROM orders o JOIN order_lines l ON l.order_id = o.id
                      WHERE o.paid_at IS NOT NULL AND o.day BETWEEN :baseline AND :day GROUP BY l.product_id
                  ) w ON w.product_id = h.id""",
}


def stock_up(db: Path, day: str) -> int:
    """The catalog filled up to 4,000 SKUs, a tracked stock count for every product and one of three
    suppliers (a seller's first stock-take)."""
    import sqlite3
    rng = random.Random(7)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    for i, name in enumerate(("義烏杯具", "寧波家居", "汕頭玩具"), 1):
        conn.execute("INSERT INTO suppliers (id, code, name, lead_time_days, min_order_qty) VALUES (?, ?, ?, ?, ?)",
                     (100 + i, f"B{i}", name, 5 + 5 * i, 6 * i))
    have = conn.execute("SELECT COUNT(*) FROM products").fetchone()[0]
    conn.executemany("INSERT INTO products (code, name, price_cents, stage, updated_at) VALUES (?, ?, ?, 'mature', ?)",
                     [(f"CAT{n:05d}", f"Catalog item {n}", rng.randint(100, 5000), day)
                      for n in range(max(0, SKUS - have))])  # the rest of the catalog: listed, rarely or never sold
    ids = [r[0] for r in conn.execute("SELECT id FROM products")]
    conn.executemany("INSERT INTO stock_movements (product_id, kind, quantity, at, day, ref) VALUES (?, 'stocktake', ?,"
                     " ?, ?, 'bench')", [(pid, rng.randint(0, 400), f"{day}T08:00:00+00:00", day) for pid in ids])
    conn.executemany("UPDATE products SET supplier_id = ?, stock_tracked = 1 WHERE id = ?",
                     [(101 + pid % 3, pid) for pid in ids])
    conn.execute("COMMIT")
    conn.close()
    return len(ids)


def main() -> int:
    started = begin(__doc__)
    if started is None:
        return 0
    args, bench = started
    from shopdesk.services import product_weekly, stock
    from shopdesk.services.session import Session
    from shopdesk.store.opening import open_store
    with tempfile.TemporaryDirectory() as tmp:
        db = bench.built_store(Path(tmp))
        store = open_store(db, write=False)
        last = store.conn.execute("SELECT MAX(day) FROM orders").fetchone()[0]
        store.close()
        products = stock_up(db, last)
        store = open_store(db, write=False)
        floor_conn = store.reader()
        session = Session(store, 1, "owner")
        day = dt.date.fromisoformat(last)
        params = {"day": last, "first": (day - dt.timedelta(days=29)).isoformat(),
                  "week": (day - dt.timedelta(days=6)).isoformat(), "baseline": (day - dt.timedelta(days=34)).isoformat()}
        ours = {"alerts": lambda: stock.alerts(session, day), "slow-moving": lambda: stock.slow_moving(session, day),
                "replenishment": lambda: stock.replenishment(session, day),
                "weekly": lambda: product_weekly.weekly(session, day).lines}
        times: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in ours}
        found: dict[str, int] = {}
        for _ in range(args.runs):
            for name, run in ours.items():
                start = time.perf_counter()
                found[name] = len(run())
                a = time.perf_counter() - start
                start = time.perf_counter()
                floor_conn.execute(FLOORS[name], params).fetchall()
                b = time.perf_counter() - start
                times[name][0].append(a)
                times[name][1].append(b)
        store.close()
        floor_conn.close()
    print(f"products: {products:,}; as of {last}; runs {args.runs}")
    worst = 0.0
    for name, (a, b) in times.items():
        ratio = statistics.median(x / y for x, y in zip(a, b, strict=True))
        worst = max(worst, ratio)
        print(f"{name:<14} ours median {statistics.median(a) * 1000:6.0f} ms ({found[name]:,} rows)   "
              f"one SQL query median {statistics.median(b) * 1000:6.0f} ms   ratio {ratio:.2f}x")
    print(f"worst ratio: {worst:.2f}x   goal <= {GOAL}x   {'met' if worst <= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
