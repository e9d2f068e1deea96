"""Import speed and memory: a 541,909-line generic line-item CSV, end to end, against the floor.

    python bench/import.py [--runs 3] [--lines 541909]

The file is built by tiling the UCI Online Retail rows of ../shared/data
(``OnlineRetail_MDYY.csv``) with shifted invoice numbers and dates. Each run is
a fresh process on a fresh store:

* ours: open the store (its checks) and ``run_import`` — read, detect, map,
  normalise, validate, write every table (orders, lines, products, customers,
  returns) and index, audit, commit, close (creating the store and logging in
  happen before the clock starts);
* floor: ``csv.reader`` + ``sqlite3.executemany`` of the same rows into one
  plain table, in one transaction.

Prints medians, the ratio (goal ≤ 2.0×) and peak memory (goal ≤ 600 MB).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "data" / "uci_online_retail_variants" / "OnlineRetail_MDYY.csv"
LINES = 541_909
GOAL_RATIO, GOAL_MB = 2.0, 600


def build(target: Path, lines: int) -> None:
    """Tile the UCI rows, shifting invoice numbers by 100,000 and dates by one day per tile."""
    with SOURCE.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = list(reader)
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        written, tile = 0, 0
        while written < lines:
            for invoice, code, desc, qty, date, price, customer, country in rows:
                if written >= lines:
                    break
                prefix = "C" if invoice.startswith("C") else ""
                number = int(invoice.lstrip("C")) + tile * 100_000
                day, clock = date.split(" ")
                moment = dt.datetime.strptime(day, "%m/%d/%y") + dt.timedelta(days=tile)
                writer.writerow([f"{prefix}{number}", code, desc, qty,
                                 f"{moment.month}/{moment.day}/{moment:%y} {clock}", price, customer, country])
                written += 1
            tile += 1


def run_floor(path: Path, db: Path) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE lines (invoice, code, description, quantity, date, price, customer, country)")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?, ?, ?)", reader)
        conn.execute("COMMIT")
    conn.close()


def prepare_ours(db: Path):
    """A new store with its owner logged in (store creation and login are not import work)."""
    from shopdesk.services.accounts import init_store
    init_store(db, "Bench", "owner", "bench-pass", "GBP", "Europe/London").store.close()
    import shopdesk.importers.pipeline  # noqa: F401 - imports are not import work either
    return db


def run_ours(path: Path, db: Path) -> dict:
    """Open the store (checks, daily backup) and import the file, end to end, then close."""
    from shopdesk.importers.pipeline import ImportOptions, run_import
    from shopdesk.store.audit import Actor
    from shopdesk.store.opening import open_store
    store = open_store(db, daily_backup=False)
    try:
        result = run_import(store, Actor(1, "owner"), [path], ImportOptions())
    finally:
        store.close()
    return {"orders": result.orders_added, "rows": result.rows_imported, "problems": result.problem_count}


def built_store(folder: Path) -> Path:
    """A store in ``folder`` holding the tiled file, imported (for the benchmarks that read it)."""
    csv_path, db = folder / "lines.csv", folder / "store.sqlite"
    build(csv_path, LINES)
    prepare_ours(db)
    run_ours(csv_path, db)
    return db


def one(kind: str, path: Path) -> None:
    """Run one side in this process and print its figures as JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        if kind == "ours":
            prepare_ours(db)
        start = time.perf_counter()
        extra = run_floor(path, db) if kind == "floor" else run_ours(path, db)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"kind": kind, "seconds": seconds, "peak_mb": peak_mb, **(extra or {})}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lines", type=int, default=LINES)
    parser.add_argument("--one", choices=["ours", "floor"])
    parser.add_argument("--file")
    args = parser.parse_args()
    if args.one:
        one(args.one, Path(args.file))
        return 0
    if not SOURCE.exists():
        print(f"skipped: {SOURCE} is absent (the shared data folder is not beside this checkout)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lines.csv"
        build(path, args.lines)
        print(f"file: {args.lines:,} lines, {path.stat().st_size / 1e6:.1f} MB")
        results: dict[str, list[dict]] = {"ours": [], "floor": []}
        for _ in range(args.runs):
            for kind in ("ours", "floor"):
                out = subprocess.run([sys.executable, __file__, "--one", kind, "--file", str(path)],
                                     capture_output=True, text=True, check=True, env=os.environ)
                results[kind].append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r["seconds"] for r in v) for k, v in results.items()}
    ratios = [o["seconds"] / f["seconds"] for o, f in zip(results["ours"], results["floor"], strict=True)]
    peak = max(r["peak_mb"] for r in results["ours"])
    print(f"runs: {args.runs}; orders written: {results['ours'][0].get('orders')}, "
          f"rows imported: {results['ours'][0].get('rows')}, problems: {results['ours'][0].get('problems')}")
    print(f"ours  (full import):          median {med['ours']:.2f} s")
    print(f"floor (csv + executemany):    median {med['floor']:.2f} s")
    print(f"ratio (pairwise median): {statistics.median(ratios):.2f}x   goal <= {GOAL_RATIO}x   "
          f"{'met' if statistics.median(ratios) <= GOAL_RATIO else 'NOT met'}")
    print(f"peak memory of the import: {peak:.0f} MB   goal <= {GOAL_MB} MB   {'met' if peak <= GOAL_MB else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
