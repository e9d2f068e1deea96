"""Random bytes, truncated files and wrong encodings: always a message, never a crash, never a write."""

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopdesk.domain.errors import ShopDeskError
from shopdesk.importers.pipeline import ImportOptions
from shopdesk.services.imports import import_files
from shopdesk.services.session import login
from shopdesk.store.opening import open_store
from tests.conftest import OWNER, OWNER_PASSWORD

VALID = ("InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID\n"
         "1001,2024-06-18 10:00,A1,保溫杯,2,10.00,c1\n1002,2024-06-19 11:00,A2,Lid,1,2.50,c2\n").encode()


def attempt(store_path, path, encoding=None):
    store = open_store(store_path, daily_backup=False)
    try:
        session = login(store, OWNER, OWNER_PASSWORD)
        before = store.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
        orders_before = store.conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
        try:
            result = import_files(session, [path], ImportOptions(encoding=encoding))
        except ShopDeskError as exc:
            assert exc.message()
            result = None
        after = store.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
        orders = store.conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
        if result is None or not result.written:
            assert orders == orders_before and after == before  # nothing written, not even an audit row
        else:
            assert result.problem_count == 0
    finally:
        store.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_random_bytes(store_path, tmp_path, data):
    path = tmp_path / "random.csv"
    path.write_bytes(data)
    attempt(store_path, path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(VALID)), noise=st.binary(max_size=20))
def test_truncated_and_damaged(store_path, tmp_path, cut, noise):
    path = tmp_path / "cut.csv"
    path.write_bytes(VALID[:cut] + noise)
    attempt(store_path, path)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(encoding=st.sampled_from(["utf-8", "gb18030", "big5", "utf-16", "latin-1", "ascii", "cp1252"]))
def test_wrong_encoding_given(store_path, tmp_path, encoding):
    path = tmp_path / "gbk.csv"
    path.write_bytes(VALID.decode("utf-8").encode("gb18030"))
    attempt(store_path, path, encoding)


def test_xlsx_damaged(store_path, tmp_path):
    import openpyxl
    book = openpyxl.Workbook()
    book.active.append(["InvoiceNo", "InvoiceDate", "Quantity", "UnitPrice"])
    book.active.append(["1", "2024-06-18", 1, 2])
    good = tmp_path / "good.xlsx"
    book.save(good)
    data = good.read_bytes()
    for cut in (10, len(data) // 2, len(data) - 10):
        path = tmp_path / f"cut{cut}.xlsx"
        path.write_bytes(data[:cut])
        attempt(store_path, path)
    shutil.copy(good, tmp_path / "ok.xlsx")
    attempt(store_path, tmp_path / "ok.xlsx")
