"""Start-up time: launch → interactive main window on the demo store, against a bare PySide6 window.

    python bench/startup.py [--runs 7]

Both programs run as whole processes, alternately, in the same run; each quits
as soon as its window is shown and the event loop is running (ShopDesk via
SHOPDESK_EXIT_WHEN_READY). The demo store is built once beforehand, so the
figure is the daily start-up a seller sees: checks, daily backup, login,
window. Prints medians and the ratio; the goal is ≤ 1.5×.
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


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
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
        for _ in range(args.runs):
            a, b, c = timed(app, env), timed(bare, env), timed(qt_only, env)
            ours.append(a)
            base.append(b)
            qt.append(c)
            ratios.append(a / b)
            qt_ratios.append(a / c)
    med = statistics.median
    print(f"runs: {args.runs}")
    for label, values in (("ShopDesk --demo to interactive window", ours),
                          ("bare main window, same imports", base), ("bare main window, Qt imports only", qt)):
        print(f"{label:<40} median {med(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})")
    ratio = med(ratios)
    print(f"ratio to the bare window with the same imports: {ratio:.2f}x   goal <= {GOAL}x   "
          f"{'met' if ratio <= GOAL else 'NOT met'}")
    print(f"ratio to the bare window with Qt imports only:  {med(qt_ratios):.2f}x   (for reference)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
