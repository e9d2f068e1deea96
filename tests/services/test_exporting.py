"""Exports do not carry attacks: text a spreadsheet would run as a formula is exported as text (OWASP's
CSV-injection rule), in CSV and in Excel, for orders, order lines and products imported through the real
pipeline; numbers, negative ones included, stay numbers."""

import csv
from decimal import Decimal

import openpyxl
import pytest

from shopdesk.domain.money import from_minor
from shopdesk.domain.paging import Query
from shopdesk.importers.pipeline import ImportOptions
from shopdesk.services import paging
from shopdesk.services.exporting import xlsx_row
from shopdesk.services.imports import import_files

LINK = '=HYPERLINK("http://x","y")'
DDE = "=cmd|' /C calc'!A0"
#: Each hostile text, by the column of the export that carries it.
PRODUCT_TEXTS = {"Name": LINK, "Spec": DDE, "Category": "+1+1", "Supplier": "@SUM(A1:A2)", "Product code": "-P2"}
ORDER_TEXTS = {"Customer": DDE}
LINE_TEXTS = {"Item": LINK, "SKU": "-P2"}


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.fixture
def hostile(session, tmp_path):
    """A store whose product list and orders were imported with formulas for names, notes and codes."""
    products = _write(tmp_path / "products.csv", [
        ["Code", "Name", "Spec", "Category", "Price", "Cost", "Stock", "Supplier"],
        ["P1", LINK, DDE, "+1+1", "19.90", "8.00", "-5", "@SUM(A1:A2)"],
        ["-P2", "=1+1", "-", "@", "5.00", "2.00", "3", "甲廠"]])
    assert import_files(session, [products], ImportOptions()).products_added == 2
    orders = _write(tmp_path / "orders.csv", [
        ["InvoiceNo", "InvoiceDate", "StockCode", "Description", "Quantity", "UnitPrice", "CustomerID"],
        ["1001", "2024-06-18 10:00", "P1", LINK, "2", "19.90", DDE],
        ["1002", "2024-06-18 11:00", "-P2", "保溫杯", "1", "5.00", "c2"]])
    result = import_files(session, [orders], ImportOptions())
    assert result.problem_count == 0 and result.orders_added == 2
    return session


def _csv(session, kind, path):
    paging.export(session, Query(kind=kind), path)
    raw = path.read_text(encoding="utf-8-sig")
    table = list(csv.reader(raw.splitlines()))
    return raw, [dict(zip(table[0], row, strict=True)) for row in table[1:]]


def _xlsx(session, kind, path):
    paging.export(session, Query(kind=kind), path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows())
    header = [c.value for c in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def _number(cell):
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return True


@pytest.mark.parametrize(("kind", "texts"), [("products", PRODUCT_TEXTS), ("orders", ORDER_TEXTS),
                                             ("lines", LINE_TEXTS)])
def test_csv_export_writes_formulas_as_text(hostile, tmp_path, kind, texts):
    raw, rows = _csv(hostile, kind, tmp_path / f"{kind}.csv")
    for column, text in texts.items():
        assert "'" + text in [row[column] for row in rows], column
    assert [cell for row in rows for cell in row.values() if cell.startswith(("=", "+", "-", "@"))
            and not _number(cell)] == []


@pytest.mark.parametrize(("kind", "texts"), [("products", PRODUCT_TEXTS), ("orders", ORDER_TEXTS),
                                             ("lines", LINE_TEXTS)])
def test_excel_export_writes_formulas_as_string_cells(hostile, tmp_path, kind, texts):
    rows = _xlsx(hostile, kind, tmp_path / f"{kind}.xlsx")
    for column, text in texts.items():
        (cell,) = [row[column] for row in rows if row[column].value == text]
        assert (cell.data_type, cell.quotePrefix) == ("s", True), column  # shown as typed, never run
    assert all(cell.data_type != "f" for row in rows for cell in row.values())


def test_negative_stock_stays_a_number(hostile, tmp_path):
    raw, rows = _csv(hostile, "products", tmp_path / "products.csv")
    assert [row["Stock"] for row in rows if row["Name"] == "'" + LINK] == ["-5"]
    assert ",-5," in raw  # unquoted, no apostrophe
    (stock,) = [row["Stock"] for row in _xlsx(hostile, "products", tmp_path / "products.xlsx")
                if row["Name"].value == LINK]
    assert (stock.value, stock.data_type) == (-5, "n")


def test_negative_money_stays_a_number(tmp_path):
    """A refund or a correction of -3.50 is a number, in CSV and in Excel, not text to be neutralised."""
    amount = paging.cell_text("amount", -350, "CNY")
    assert amount == from_minor(-350, "CNY") == Decimal("-3.50")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("ShopDesk")
    sheet.append(xlsx_row(sheet, [amount, -2, "-3.50", "\t=1+1", "\r=1+1"]))
    book.save(tmp_path / "money.xlsx")
    cells = next(openpyxl.load_workbook(tmp_path / "money.xlsx").active.iter_rows())
    assert [(c.value, c.data_type) for c in cells[:2]] == [(-3.5, "n"), (-2, "n")]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells[2:4]] == [("-3.50", "s", True), ("\t=1+1", "s", True)]
    assert (cells[4].value[1:], cells[4].data_type, cells[4].quotePrefix) == ("=1+1", "s", True)  # XML reads CR as LF
    from shopdesk.domain.cells import csv_row
    with (tmp_path / "money.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(csv_row([amount, -2, "-3.50"]))
    assert (tmp_path / "money.csv").read_bytes() == b"-3.50,-2,'-3.50\r\n"
