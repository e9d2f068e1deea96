"""A small store with a week of figures, a target, anomalies, a task and confirmed days; PDF text extraction."""

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from shopdesk.domain.roles import Role
from shopdesk.services import accounts, anomalies, confirmation, meetings, targets, tasks
from shopdesk.services.session import login
from shopdesk.store import bulk
from tests.conftest import OWNER_PASSWORD

PRINTED_AT = dt.datetime(2024, 6, 20, 9, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))
CHECKER, CHECKER_PASSWORD = "checker", "secret34"


def fill(session) -> None:
    """Orders on 17, 18 and 19 June 2024 (Shanghai), traffic, a June GMV target and the daily routine."""
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "customers", [(1, "", "c1", ""), (2, "", "c2", "")])
        bulk.insert_rows(conn, "products", [(1, "P1", "保溫杯", "", "", "", "", 100, 1000, None, 5, "new", None,
                                             None, "now")])
        rows = [  # id, no, customer, status, created, day, paid, total
            (1, "A1", 1, "completed", "2024-06-17T10:00:00+08:00", "2024-06-17", "2024-06-17T10:01:00+08:00", 10000),
            (2, "A2", 2, "completed", "2024-06-17T23:30:00+08:00", "2024-06-17", "2024-06-17T23:31:00+08:00", 5000),
            (3, "A3", 1, "completed", "2024-06-18T09:00:00+08:00", "2024-06-18", "2024-06-18T09:05:00+08:00", 2500),
            (4, "A4", 2, "completed", "2024-06-19T10:00:00+08:00", "2024-06-19", "2024-06-19T10:02:00+08:00", 9900),
        ]
        bulk.insert_rows(conn, "orders", [(i, "", no, c, "", st, at, day, paid, None, None, t, 0, 0, t, "", "")
                                          for i, no, c, st, at, day, paid, t in rows])
        bulk.insert_rows(conn, "order_lines", [(1, 1, 1, "P1", "保溫杯", 2, 5000, 0), (2, 1, 1, "P1", "保溫杯", 1, 5000, 0),
                                               (3, 1, 1, "P1", "保溫杯", 1, 2500, 0), (4, 1, 1, "P1", "保溫杯", 9, 1100, 0)])
        bulk.insert_rows(conn, "after_sales", [
            ("R1", 1, 1, "return", "尺碼不符", "resolved", "2024-06-18T20:00:00+08:00", "2024-06-18",
             "2024-06-18T21:30:00+08:00", 1, 5000, "2024-06-18T21:30:00+08:00", "", ""),
        ])
        bulk.insert_rows(conn, "traffic_daily", [("2024-06-17", "", 500, None, None, None, None),
                                                 ("2024-06-18", "", 400, None, None, None, None),
                                                 ("2024-06-19", "", 450, None, None, None, None)])
    targets.set_target(session, "gmv", "2024-06", "3000")  # ¥100 a day
    anomalies.detect(session, dt.date(2024, 6, 17), dt.date(2024, 6, 19))
    listed = {(a["day"], a["metric"]): a["id"] for a in anomalies.anomaly_list(session)}
    anomalies.explain(session, listed[("2024-06-17", "gmv")], "618 warm-up traffic")
    tasks.create(session, "Check the 618 coupon limits", "boss", dt.date(2024, 6, 19),
                    anomaly_id=listed[("2024-06-18", "gmv")])
    review = meetings.record(session, "daily_review", dt.date(2024, 6, 18), "GMV 75 % below target: the coupon ran out.",
                             ["boss"])
    meetings.decide(session, review, "Raise the coupon budget", "boss", dt.date(2024, 6, 19))
    accounts.add_staff(session, CHECKER, Role.MANAGER, CHECKER_PASSWORD)
    checker = login(session.store, CHECKER, CHECKER_PASSWORD)
    for day in (17, 18):
        confirmation.prepare(session, dt.date(2024, 6, day))
        confirmation.confirm(checker, dt.date(2024, 6, day))
    confirmation.prepare(session, dt.date(2024, 6, 19))


@pytest.fixture(scope="session")
def _template_report_store(_template_store, tmp_path_factory):
    from shopdesk.store.opening import open_store
    path = tmp_path_factory.mktemp("reports") / "store.sqlite"
    shutil.copy(_template_store, path)
    store = open_store(path, daily_backup=False)
    fill(login(store, "boss", OWNER_PASSWORD))
    store.close()
    return path


@pytest.fixture
def report_session(_template_report_store, tmp_path):
    """The owner logged in to a copy of the report store."""
    from shopdesk.store.opening import open_store
    path = tmp_path / "store.sqlite"
    shutil.copy(_template_report_store, path)
    store = open_store(path, daily_backup=False)
    yield login(store, "boss", OWNER_PASSWORD)
    store.close()


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page (PDFium's extraction)."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(data)
    texts = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        doc.close()
    return texts


_WHEN = re.compile(r"(\w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2}\s?[AP]M)|(\d{4}年\d{1,2}月\d{1,2}日\s*\S{0,2}\d{1,2}:\d{2}:\d{2})")


def masked(text: str) -> str:
    """The text with the times of confirmation (the moment the test ran) masked."""
    return _WHEN.sub("<time>", text.replace("\r\n", "\n").replace("\u202f", " "))


def _font_state() -> tuple[bool, bool]:
    """(a report font is available, it is the one the golden texts were laid out with)."""
    from shopdesk.reports import fonts
    try:
        name = fonts.report_font()
    except (fonts.FontMissing, fonts.FontUnusable):
        return False, False
    return True, "wqy-microhei" in name


HAS_FONT, GOLDEN_FONT = _font_state()
needs_font = pytest.mark.skipif(not HAS_FONT, reason="no TrueType font covering Chinese on this machine "
                                                     "(Debian: apt install fonts-wqy-microhei)")
needs_golden_font = pytest.mark.skipif(not GOLDEN_FONT, reason="the golden texts are laid out with WenQuanYi Micro "
                                                               "Hei (fonts-wqy-microhei); another font wraps lines "
                                                               "elsewhere")


def check_golden(text: str, name: str, request) -> None:
    """Compare a report's text with ``golden/<name>.txt`` (written with ``--update-golden``)."""
    golden = Path(__file__).parent / "golden" / f"{name}.txt"
    if request.config.getoption("--update-golden") or not golden.exists():
        golden.write_text(text, encoding="utf-8")
        if not request.config.getoption("--update-golden"):
            pytest.fail(f"{golden.name} was missing and has been written; look at it and run again")
    assert text == golden.read_text(encoding="utf-8"), f"run pytest --update-golden if {golden.name} should change"
