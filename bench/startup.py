"""Start-up time: launch → interactive main window on the demo store, against a bare PySide6 window; and
the time to open a store of 50 MB and of 500 MB.

    python bench/startup.py [--runs 7] [--sizes 50,500] [--no-window]

Both programs run as whole processes, alternately, in the same run; each quits
as soon as its window is shown and the event loop is running (ShopDesk via
SHOPDESK_EXIT_WHEN_READY). The demo store is built once beforehand, so the
figure is the daily start-up a seller sees: checks, daily backup, login,
window. Prints medians and the ratio; the goal is ≤ 1.5×.

Opening a store: the 541,909-line store of bench/import.py (about 50 MB), its
orders and lines tiled under new order numbers until the file reaches each
size, is opened and closed in this process, for reading and for writing (no
daily backup), on a warm disk cache. A routine open makes only the cheap
checks and should cost the same at any size (goal: the 500 MB open within
1.5× of the 50 MB one); an open that runs the full check (the first open of a
file, after an unclean shutdown, once a day) reads every page, and is shown
for comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOAL = 1.5
OPEN_GOAL = 1.5  # the 500 MB routine open against the 50 MB one


def grown_store(source: Path, target: Path, megabytes: int) -> Path:
    """A copy of ``source`` with its orders and their lines tiled under new order numbers up to ``megabytes``."""
    import shutil
    import sqlite3
    shutil.copy(source, target)
    conn = sqlite3.connect(target, isolation_level=None)
    orders = [r[1] for r in conn.execute("PRAGMA table_info(orders)") if r[1] not in ("id", "order_no")]
    lines = [r[1] for r in conn.execute("PRAGMA table_info(order_lines)") if r[1] != "order_id"]
    span = conn.execute("SELECT MAX(id) FROM orders").fetchone()[0]
    tile = 0
    while target.stat().st_size < megabytes * 1e6 * 0.9:
        tile += 1
        conn.execute("BEGIN")
        conn.execute(f"INSERT INTO orders (id, order_no, {', '.join(orders)}) SELECT id + :shift, "
                     f"order_no || '-' || :tile, {', '.join(orders)} FROM orders WHERE id <= :span",
                     {"shift": tile * span, "tile": tile, "span": span})
        conn.execute(f"INSERT INTO order_lines (order_id, {', '.join(lines)}) SELECT order_id + :shift, "
                     f"{', '.join(lines)} FROM order_lines WHERE order_id <= :span", {"shift": tile * span, "span": span})
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return target


def open_times(paths: dict[int, Path], runs: int) -> dict[int, dict[str, float]]:
    """Median seconds to open and close each store: routine (for reading, for writing) and with the full
    check; the sizes take turns, so that other work on the machine weighs on each alike."""
    from shopdesk.store import db, opening
    for path in paths.values():
        opening.open_store(path, daily_backup=False).close()  # the first open here runs the full check, recorded
    kinds = (("read", False, False, 3 * runs), ("write", True, False, 3 * runs), ("read, full check", False, True, runs))
    times: dict[int, dict[str, list[float]]] = {size: {label: [] for label, *_rest in kinds} for size in paths}
    for label, write, full, count in kinds:
        for _ in range(count):
            for size, path in paths.items():
                if full:
                    db._checked_path(path).unlink()
                start = time.perf_counter()
                store = opening.open_store(path, write=write, daily_backup=False)
                store.close()
                times[size][label].append(time.perf_counter() - start)
                assert store.fully_checked == full
    return {size: {label: statistics.median(values) for label, values in by_kind.items()}
            for size, by_kind in times.items()}


def store_opening(runs: int, sizes: list[int]) -> None:
    sys.path.insert(0, str(HERE))
    from common import import_bench
    bench = import_bench()
    if bench is None:
        return
    with tempfile.TemporaryDirectory() as tmp:
        base = bench.built_store(Path(tmp))
        paths = {}
        for size in sizes:
            folder = Path(tmp) / f"{size}mb"
            folder.mkdir()
            paths[size] = grown_store(base, folder / "store.sqlite", size)
        megabytes = {size: path.stat().st_size / 1e6 for size, path in paths.items()}
        results = open_times(paths, runs)
    print(f"opening a store (in process, warm cache; median of {3 * runs} routine opens, {runs} with the full check):")
    for size, times in results.items():
        print(f"  {megabytes[size]:6.0f} MB: " + ", ".join(f"{label} {seconds * 1000:.1f} ms"
                                                        for label, seconds in times.items()))
    if len(results) >= 2:
        small, large = results[min(results)], results[max(results)]
        ratio = max(large["read"] / small["read"], large["write"] / small["write"])
        print(f"routine open, {max(results)} MB against {min(results)} MB: {ratio:.2f}x   goal <= {OPEN_GOAL}x   "
              f"{'met' if ratio <= OPEN_GOAL else 'NOT met'}")


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="50,500", help="store sizes to open, in MB (empty: none)")
    parser.add_argument("--no-window", action="store_true", help="only the store openings")
    args = parser.parse_args()
    if not args.no_window:
        window_startup(args.runs)
    if args.sizes:
        store_opening(args.runs, [int(s) for s in args.sizes.split(",")])
    return 0


def window_startup(runs: int) -> None:
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "SHOPDESK_DATA_DIR": data, "SHOPDESK_EXIT_WHEN_READY": "1",
               "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "SHOPDESK_LANG": "zh_CN"}
        app = [sys.executable, "-m", "shopdesk", "--demo"]
        bare = [sys.executable, str(HERE / "bare_window.py"), "--same-imports"]
        qt_only = [sys.executable, str(HERE / "bare_window.py")]
        build = time.perf_counter()
        subprocess.run(app, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"first start (builds the demo store): {time.perf_counter() - build:.2f} s")
        timed(bare, env)  # warm-up: disk caches for both
        ours, base, qt, ratios, qt_ratios = [], [], [], [], []
        for _ in range(runs):
            a, b, c = timed(app, env), timed(bare, env), timed(qt_only, env)
            ours.append(a)
            base.append(b)
            qt.append(c)
            ratios.append(a / b)
            qt_ratios.append(a / c)
    med = statistics.median
    print(f"runs: {runs}")
    for label, values in (("ShopDesk --demo to interactive window", ours),
                          ("bare main window, same imports", base), ("bare main window, Qt imports only", qt)):
        print(f"{label:<40} median {med(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})")
    ratio = med(ratios)
    print(f"ratio to the bare window with the same imports: {ratio:.2f}x   goal <= {GOAL}x   "
          f"{'met' if ratio <= GOAL else 'NOT met'}")
    print(f"ratio to the bare window with Qt imports only:  {med(qt_ratios):.2f}x   (for reference)")


if __name__ == "__main__":
    sys.exit(main())
