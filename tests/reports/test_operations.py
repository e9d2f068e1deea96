"""The daily, weekly and monthly operations reports: golden text, fonts, paper, the draft mark and confirmation."""

import dataclasses
import datetime as dt
import shutil
import subprocess

import pytest

from shopdesk import i18n
from shopdesk.reports import fonts, operations
from shopdesk.reports.text import metric_text
from shopdesk.services.kpi import kpi_series
from shopdesk.services.reports import report_figures
from tests.reports.conftest import PRINTED_AT, check_golden, masked, needs_font, needs_golden_font, pdf_pages

DAY = dt.date(2024, 6, 18)


def _report(session, kind, day=DAY, paper="a4"):
    figures = dataclasses.replace(report_figures(session, kind, day), generated_at=PRINTED_AT)
    return figures, operations.pdf(figures, paper=paper)


@needs_golden_font
@pytest.mark.parametrize("kind", ["daily", "weekly", "monthly"])
def test_golden_text(report_session, language, kind, request):
    _figures, data = _report(report_session, kind)
    text = masked("\n\f\n".join(pdf_pages(data)))
    check_golden(text, f"{kind}_{language}", request)


@needs_font
def test_the_figures_are_the_kpi_figures(report_session):
    figures, data = _report(report_session, "weekly")
    text = "".join(pdf_pages(data))
    (week,) = kpi_series(report_session, DAY, DAY, "week")
    assert week.gmv_cents == 27400 and figures.board.current == week
    for metric, value in (("gmv", week.gmv_cents), ("orders", week.orders), ("conversion", week.conversion_rate),
                          ("aov", week.aov_cents), ("refunds", week.refunds_cents)):
        assert metric_text(metric, value, "CNY") in text, metric
    for day in kpi_series(report_session, dt.date(2024, 6, 17), dt.date(2024, 6, 19)):
        assert metric_text("gmv", day.gmv_cents, "CNY") in text


@needs_font
def test_every_page_numbered_in_the_language(report_session, language):
    _figures, data = _report(report_session, "monthly")
    pages = pdf_pages(data)
    for number, page in enumerate(pages, 1):
        expected = i18n._("page {number} of {total}").format(number=number, total=len(pages))
        assert expected in page
        assert "測試小店" in page  # the store's name heads every page


@needs_font
def test_draft_until_confirmed(report_session):
    figures, data = _report(report_session, "daily", dt.date(2024, 6, 19))  # prepared by boss only
    assert figures.is_draft
    text = "".join(pdf_pages(data))
    assert "DRAFT" in text and "Prepared by boss" in text and "this report is a draft" in text
    figures, data = _report(report_session, "daily", dt.date(2024, 6, 17))
    text = "".join(pdf_pages(data))
    assert not figures.is_draft and "DRAFT" not in text
    assert "Prepared by boss" in text and "Confirmed by checker" in text


@needs_font
def test_weekly_marks_unconfirmed_days(report_session):
    figures, data = _report(report_session, "weekly")
    assert figures.unconfirmed == [dt.date(2024, 6, 19)]  # the days shown: up to the last day with orders
    text = "".join(pdf_pages(data))
    assert "2 of 3 days confirmed" in text and "Not confirmed (figures may still change): 2024-06-19" in text
    assert text.count("confirmed by checker") == 2 and "prepared by boss, not" in text


@needs_font
def test_paper_sizes(report_session):
    import pypdfium2 as pdfium
    for paper, size in (("a4", (595, 842)), ("letter", (612, 792))):
        _figures, data = _report(report_session, "daily", paper=paper)
        doc = pdfium.PdfDocument(data)
        page = doc[0]
        assert tuple(round(v) for v in page.get_size()) == size
        page.close()
        doc.close()


@needs_font
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
@pytest.mark.parametrize("kind", ["daily", "monthly"])
def test_every_font_embedded(report_session, tmp_path, kind):
    _figures, data = _report(report_session, kind)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(data)
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines, "no fonts listed"
    for line in lines:
        assert line.split()[-5] == "yes", line  # the "emb" column


def test_no_font_is_a_message_not_boxes(report_session, monkeypatch, tmp_path):
    figures = report_figures(report_session, "daily", DAY)
    monkeypatch.setattr(fonts, "candidates", lambda: [tmp_path / "none.ttc"])
    with pytest.raises(fonts.FontMissing) as raised:
        operations.pdf(figures)
    assert "fonts-wqy-microhei" in raised.value.message()
    not_a_font = tmp_path / "notes.ttf"
    not_a_font.write_text("hello")
    with pytest.raises(fonts.FontUnusable) as raised:
        operations.pdf(figures, str(not_a_font))
    assert str(not_a_font) in raised.value.message()


def test_day_ranges():
    d = dt.date
    assert operations.day_ranges([d(2024, 6, 3), d(2024, 6, 1), d(2024, 6, 2), d(2024, 6, 9)]) == [
        "2024-06-01 – 2024-06-03", "2024-06-09"]


def test_the_anomaly_list_groups_signs_and_tells_good_from_bad_news(report_session):
    from reportlab.lib.colors import HexColor

    from shopdesk.domain.reports import AnomalyLine
    from shopdesk.reports.text import FAVOURABLE_COLOUR, UNFAVOURABLE_COLOUR
    day = dt.date(2024, 6, 18)
    lines = [AnomalyLine(day, "gmv", "", 10000, 13000, 0.3, "anomaly", "", (), favourable=True),
             AnomalyLine(day, "gmv", "product:P1", 5000, 8000, 0.6, "anomaly", "", (), favourable=True, depth=1,
                         scope_name="保溫杯"),
             AnomalyLine(day, "complaints", "", 2, 5, 1.5, "severe", "", ("boss",), favourable=False, waiting=True)]
    rows, marks = operations.anomaly_rows(lines, "CNY")
    assert rows[1][:2] == ["2024-06-18", "GMV"] and rows[2][0] == rows[3][0] == ""  # the day heads its group
    assert rows[2][1].endswith("↳ Product 保溫杯 (P1)") and rows[2][1].startswith("\u00a0")  # indented, named
    assert [r[4] for r in rows[1:]] == ["+30.0%", "+60.0%", "+150.0%"]
    assert [r[5] for r in rows[1:]] == ["favourable", "favourable", "unfavourable, severe"]
    assert [r[6] for r in rows[1:]] == ["cause optional", "cause optional", "cause not yet noted"]
    assert marks[(1, 4)] == HexColor(FAVOURABLE_COLOUR) and marks[(3, 4)] != HexColor(UNFAVOURABLE_COLOUR)
    lines[1] = dataclasses.replace(lines[2], day=dt.date(2024, 6, 17), metric="gmv", deviation=-0.2)
    assert operations.anomaly_rows(lines, "CNY")[0][2][4] == "\u221220.0%"  # a true minus sign


def test_the_daily_confirmation_counts_the_anomalies_waiting_for_a_cause(report_session):
    figures, _data = _report(report_session, "daily")  # the 18th: GMV 75 % below target, no cause yet
    assert "Anomalies of the day still waiting for a cause note: 1." in operations.confirmation_lines(figures)
    figures, _data = _report(report_session, "daily", dt.date(2024, 6, 17))  # 50 % above target, explained
    assert not any("waiting for a cause" in line for line in operations.confirmation_lines(figures))
