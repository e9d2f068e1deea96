"""The printed stock lists: the replenishment list and the slow-moving list (golden text, figures, fonts)."""

import dataclasses
import datetime as dt
import shutil
import subprocess

import pytest

from shopdesk.i18n import formatting
from shopdesk.reports import stock_lists
from shopdesk.services import stock
from shopdesk.services.reports import stock_list_figures
from tests.reports.conftest import PRINTED_AT, check_golden, masked, needs_font, needs_golden_font, pdf_pages
from tests.services.test_stock import _supplied

DAY = dt.date(2024, 6, 30)


@pytest.fixture
def stocked(session):
    _supplied(session, [(4, 2, 3, "BAG", "Bag", 2, 900, 0)])
    return session


def _list(session, kind):
    figures = dataclasses.replace(stock_list_figures(session, kind, DAY), generated_at=PRINTED_AT)
    return figures, stock_lists.pdf(figures)


@needs_golden_font
@pytest.mark.parametrize("kind", ["replenishment", "slow-moving"])
def test_golden_text(stocked, language, kind, request):
    _figures, data = _list(stocked, kind)
    text = masked("\n\f\n".join(pdf_pages(data)))
    check_golden(text, f"{kind}_{language}", request)


@needs_font
def test_the_lists_print_the_service_figures(stocked):
    figures, data = _list(stocked, "replenishment")
    text = "".join(pdf_pages(data))
    orders = stock.replenishment(stocked, DAY)
    assert orders and figures.rows == orders
    for r in orders:
        assert f"{r.sku} {r.name} {formatting.number(r.on_hand)}" in text and formatting.number(r.suggested_qty) in text
    assert "義烏杯具" in text and figures.untracked == 2  # MUG and NEW are left out, and the list says so
    figures, data = _list(stocked, "slow-moving")
    text = "".join(pdf_pages(data))
    assert [s.code for s in figures.rows] == [s.code for s in stock.slow_moving(stocked, DAY)]
    for s in figures.rows:
        assert s.sku in text


@needs_font
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
def test_every_font_embedded(stocked, tmp_path):
    for kind in ("replenishment", "slow-moving"):
        pdf = tmp_path / f"{kind}.pdf"
        pdf.write_bytes(_list(stocked, kind)[1])
        lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert lines and all(line.split()[-5] == "yes" for line in lines)


@needs_font
def test_supplier_scorecard_prints_the_service_figures(stocked):
    from shopdesk.services.suppliers import scorecards
    figures, data = _list(stocked, "suppliers")
    text = "".join(pdf_pages(data))
    (card,) = scorecards(stocked, DAY)
    assert figures.rows == [card] and card.name in text
    assert formatting.number(card.price_index, 2) in text and str(card.lead_time_days) in text


@needs_font
def test_delisting_report(stocked):
    from shopdesk.domain.roles import Role
    from shopdesk.services import delisting
    from shopdesk.services.accounts import add_staff
    from shopdesk.services.session import login
    add_staff(stocked, "mia", Role.MERCHANDISE, "secret12")
    number = delisting.apply(login(stocked.store, "mia", "secret12"), "BAG", "款式過時", "return", 50)
    delisting.apply(login(stocked.store, "mia", "secret12"), "CUP", "品質投訴")
    delisting.decide(stocked, number, True, "同意")
    from shopdesk.domain.clock import now
    figures = dataclasses.replace(stock_list_figures(stocked, "delisting", now(stocked.timezone).date()),
                                  generated_at=PRINTED_AT)
    text = "".join(pdf_pages(stock_lists.pdf(figures)))
    assert len(figures.rows) == 2 and "款式過時" in text and "品質投訴" in text and "同意" in text


@pytest.fixture
def monitored(session):
    from tests.services.test_product_weekly import _store
    _store(session)
    from shopdesk.services import product_weekly
    product_weekly.set_targets(session, {"CUP": product_weekly.parse_target("20", "2.5", "15%", "40"),
                                     "LID": product_weekly.parse_target(units="20")}, dt.date(2024, 6, 1))
    return session


@needs_font
def test_weekly_product_sheet_prints_the_service_figures(monitored):
    from shopdesk.services.product_weekly import weekly
    figures, data = _list(monitored, "product-weekly")
    text = "".join(pdf_pages(data))
    assert figures.rows == weekly(monitored, DAY).lines
    assert "Stars (1)" in text and "Laggards (1)" in text and "On track (1)" in text
    assert "CUP Cup — 31 / 20.0 155%" in text  # units / target, attainment
    assert "1.0% / 2.5%" in text and "29 / 40" in text  # conversion and stock against their targets
    assert "BAG Bag — 10 / 9.0* 111%" in text  # the usual week, marked
    assert "1 products on sale had neither a target nor a sale" in text  # NEW


@needs_golden_font
def test_weekly_product_sheet_golden_text(monitored, language, request):
    _figures, data = _list(monitored, "product-weekly")
    check_golden(masked("\n\f\n".join(pdf_pages(data))), f"product-weekly_{language}", request)


@needs_font
def test_masked_suppliers_keep_their_own_terms_on_the_replenishment_list():
    """Without the right to see suppliers every section reads the mask; suggestions of suppliers with other lead
    times still print under their own lead time."""
    from shopdesk.domain.reports import StockListFigures
    from shopdesk.domain.roles import MASK
    from shopdesk.domain.stock import Replenishment
    rows = [Replenishment(1, "A", "SKU-A", "A", MASK, 1.0, 7, 7, 0, 0, 0, MASK, 14.0, 14),
            Replenishment(2, "B", "SKU-B", "B", MASK, 1.0, 12, 7, 0, 0, 0, MASK, 19.0, 19)]
    figures = StockListFigures("replenishment", "Shop", DAY, rows,
                               {"replenish.window_days": 30, "replenish.safety_days": 7}, PRINTED_AT)
    text = " ".join(" ".join(pdf_pages(stock_lists.pdf(figures))).split())
    assert "*** — lead time 7 days · minimum order ***" in text
    assert "*** — lead time 12 days · minimum order ***" in text
