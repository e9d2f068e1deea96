"""A store lacking the data behind a ratio shows it as "—" (JSON null), never 0: orders without buyer IDs,
no products on sale, no visitors; a printed table whose every value is unknown is left out, saying why."""

import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys

from shopdesk import i18n
from shopdesk.domain.analysis import NO_BUYERS
from shopdesk.reports import operations
from shopdesk.services.analysis import analysis
from shopdesk.services.dashboard import dashboard
from shopdesk.services.kpi import kpi_series
from shopdesk.services.reports import report_figures
from shopdesk.store import bulk
from tests.conftest import OWNER, OWNER_PASSWORD
from tests.reports.conftest import PRINTED_AT, needs_font, pdf_pages

DAYS = ["2024-06-17", "2024-06-18", "2024-06-19"]


def _bare(session):
    """Three paid orders naming no buyer, lines naming no product on file, no traffic figures."""
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "orders", [
            (i, "", f"A{i}", None, "", "completed", f"{day}T10:00:00+08:00", day, f"{day}T10:01:00+08:00", None, None,
             5000, 0, 0, 5000, "", "") for i, day in enumerate(DAYS, 1)])
        bulk.insert_rows(conn, "order_lines", [(i, i, None, "X1", "Mug", 1, 5000, 0) for i in (1, 2, 3)])


def test_ratios_without_their_data_have_no_value(session):
    _bare(session)
    (week,) = kpi_series(session, dt.date(2024, 6, 18), dt.date(2024, 6, 18), "week")
    assert week.orders == 3 and week.conversion_rate is None and week.uv_value_cents is None  # no visitors
    assert week.sell_through is None  # no product on sale
    months = analysis(session, dt.date(2024, 6, 17), dt.date(2024, 6, 19)).customers
    assert [(m.period, m.buyers, m.repeat_buyers, m.repurchase_rate, m.new_customer_share) for m in months] == [
        ("2024-06", None, None, None, None)]  # no buyer IDs: neither 0 buyers nor a 0 % repurchase rate


def _text(session, kind="weekly", change=None):
    figures = dataclasses.replace(report_figures(session, kind, dt.date(2024, 6, 18)), generated_at=PRINTED_AT)
    if change:
        figures = change(figures)
    return "".join(pdf_pages(operations.pdf(figures)))


@needs_font
def test_the_report_prints_a_dash_and_leaves_out_the_unknown_buyers_table(session, language):
    _bare(session)
    text = _text(session)
    for metric in ("conversion", "sell_through"):
        label = i18n._(operations.METRIC_LABELS[metric])
        row = text[text.index(label):].split("\n")[0]
        assert "—" in row and "0.0" not in row and "0%" not in row, row
    assert i18n._("Bought twice or more") not in text  # the table is left out, its heading stays
    assert i18n._(NO_BUYERS).replace(" ", "")[:20] in text.replace(" ", "").replace("\n", "").replace("\r", "")


@needs_font
def test_an_unknown_new_customer_share_prints_a_dash(session):
    _bare(session)

    def unknown(figures):
        board = figures.board
        current = dataclasses.replace(board.current, new_customer_share=None)
        return dataclasses.replace(figures, board=dataclasses.replace(board, current=current))
    text = _text(session, "daily", unknown)
    row = text[text.index("New-customer share"):].split("\n")[0]
    assert "—" in row and "%" not in row, row


def test_cards_show_a_dash(qtbot, session):
    from shopdesk.ui.tabs.dashboard.cards import KpiCard
    _bare(session)
    board = dashboard(session, dt.date(2024, 6, 18), "week")
    board = dataclasses.replace(board, current=dataclasses.replace(board.current, new_customer_share=None))
    for metric in ("conversion", "sell_through", "new_customer_share", "uv_value"):
        card = KpiCard(metric)
        qtbot.addWidget(card)
        card.show_figures(board, "CNY")
        assert card.value.text() == "—", metric


def test_the_buyers_chart_says_why_it_is_empty(qtbot, session):
    from shopdesk.ui.tabs.dashboard.analysis_charts import CustomerChart
    _bare(session)
    chart = CustomerChart()
    qtbot.addWidget(chart)
    chart.show_figures(analysis(session, dt.date(2024, 6, 17), dt.date(2024, 6, 19)))
    assert [t.textItem.toPlainText() for t in chart.texts] == [i18n._(NO_BUYERS)]


def _run(*args):
    import os
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPDESK_") or k == "SHOPDESK_DATA_DIR"}
    env.update(SHOPDESK_PASSWORD=OWNER_PASSWORD, SHOPDESK_LANG="en")
    return subprocess.run([sys.executable, "-m", "shopdesk", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)


def test_the_command_line_prints_a_dash_and_null(store_path):
    from shopdesk.services.session import login
    from shopdesk.store.opening import open_store
    store = open_store(store_path, daily_backup=False)
    _bare(login(store, OWNER, OWNER_PASSWORD))
    store.close()
    base = ("kpi", "--db", str(store_path), "--user", OWNER, "--from", DAYS[0], "--to", DAYS[-1], "--by", "week")
    out = _run(*base, "--json")
    assert out.returncode == 0, out.stderr
    (row,) = json.loads(out.stdout)["rows"]
    assert row["conversion"] is None and row["sell_through"] is None and row["uv_value"] is None
    assert row["orders"] == 3
    text = _run(*base).stdout.splitlines()
    head, line = text[0], text[1]
    assert "Conversion" in head and "Sell-through rate" in head and "New-customer share" in head
    cells = re.split(r"\s{2,}", line.strip())  # columns are two spaces apart; a running week says so
    assert cells[0].startswith("2024-W25") and cells[-1] == "—"  # sell-through, the last column
    assert cells[4:6] == ["—", "—"]  # visitors and conversion
