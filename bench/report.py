"""The monthly operations report with its charts, on a 541,909-line store: goal ≤ 2 s.

    python bench/report.py [--runs 5]

Builds the store once (the tiled UCI file of bench/import.py, imported) and
times, in one process, the whole monthly report of its busiest month the way
``shopdesk report monthly`` makes it: the figures (the dashboard's service),
the font, the layout with vector charts, the PDF bytes. Prints the median and
the parts.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import begin

MONTH = dt.date(2011, 11, 15)
GOAL_S = 2.0


def main() -> int:
    started = begin(__doc__)
    if started is None:
        return 0
    args, bench = started
    from shopdesk import i18n
    from shopdesk.reports import operations
    from shopdesk.services.reports import print_settings, report_figures
    from shopdesk.services.session import login
    from shopdesk.store.db import open_store
    with tempfile.TemporaryDirectory() as tmp:
        db = bench.built_store(Path(tmp))
        store = open_store(db, daily_backup=False)
        session = login(store, "owner", "bench-pass")
        totals, figures_s, pages = [], [], 0
        for language in ["zh_CN", "zh_TW", "en"] * args.runs:
            i18n.set_language(language)
            start = time.perf_counter()
            figures = report_figures(session, "monthly", MONTH)
            middle = time.perf_counter()
            font, paper = print_settings(session)
            data = operations.pdf(figures, font, paper)
            totals.append(time.perf_counter() - start)
            figures_s.append(middle - start)
        import pypdfium2 as pdfium
        document = pdfium.PdfDocument(data)
        pages = len(document)
        document.close()
        store.close()
    median = statistics.median(totals)
    print(f"monthly report {MONTH:%Y-%m}, {len(figures.days)} days, {pages} pages, {len(totals)} runs "
          f"(3 languages): median {median:.2f} s (figures {statistics.median(figures_s):.2f} s, "
          f"layout and PDF {median - statistics.median(figures_s):.2f} s), max {max(totals):.2f} s")
    print(f"goal <= {GOAL_S:.1f} s   {'met' if max(totals) <= GOAL_S else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
