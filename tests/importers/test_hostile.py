"""Hostile input: a required cell left empty, a row or file cut short, numbers and dates beyond
what can be meant. Each is a problem naming file, row and column; nothing is guessed and no
traceback escapes."""

import datetime as dt
import json

import pytest

from shopdesk.domain.errors import ShopDeskError
from shopdesk.importers.mapping import MAPPINGS_DIR
from shopdesk.importers.reading import UnreadableFile
from tests.importers.conftest import run

HEADER = "InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID,Country"
GOOD = ["1001,2024-06-18 10:00,A1,Cup,2,10.00,c1,UK",
        "1002,2024-06-19 11:00,A1,Cup,1,10.00,c2,UK"]


def write(tmp_path, lines, name="orders.csv", end="\n"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + end, encoding="utf-8")
    return path


def only_problem(result):
    assert not result.written and result.problem_count == 1, result.problems
    return result.problems[0]


# 1. required cells, cut rows, cut files ------------------------------------------------------------

@pytest.mark.parametrize("line, column", [
    ("1003,2024-06-20 09:00,A1,Cup,1,,c3,UK", "UnitPrice"),
    ("1003,2024-06-20 09:00,A1,Cup,,10.00,c3,UK", "Quantity"),
])
def test_an_empty_required_cell_is_a_problem_never_a_default(shop, tmp_path, line, column):
    problem = only_problem(run(shop(), write(tmp_path, GOOD + [line])))
    assert problem == {"file": "orders.csv", "row": 4, "column": column, "value": "", "reason": "missing value"}


def test_a_row_with_too_few_cells_is_a_problem_not_padded(shop, tmp_path):
    problem = only_problem(run(shop(), write(tmp_path, GOOD + ["1003,2024-06-20 09:00,A1,Cup"])))
    assert (problem["row"], problem["column"]) == (4, "Quantity")
    assert problem["reason"] == "the row has 4 cells, the header 8"


def test_a_row_with_too_few_cells_is_rejected_in_skip_mode(shop, tmp_path):
    session = shop()
    result = run(session, write(tmp_path, GOOD + ["1003,2024-06-20 09:00,A1,Cup"]), on_error="skip")
    assert result.written and result.rows_rejected == 1 and result.orders_added == 2


def test_a_file_cut_inside_a_row_names_that_row(shop, tmp_path):
    lines = [f"{1001 + i},2024-06-18 10:00,A1,Cup,1,10.00,c1,UK" for i in range(160)]
    text = "\n".join([HEADER, *lines])
    cut = text[:text.index("\n1150,") + len("\n1150,2024-06-18 10:00,A1,Cu")]  # row 151 is cut in its 4th cell
    path = tmp_path / "orders.csv"
    path.write_text(cut, encoding="utf-8")
    problem = only_problem(run(shop(), path))
    assert problem["row"] == 151
    assert problem["reason"].startswith("the file ends inside row 151")


def test_a_last_row_without_line_end_is_fine(shop, tmp_path):
    result = run(shop(), write(tmp_path, GOOD, end=""))
    assert result.written and result.problem_count == 0 and result.gmv_cents == 3000


# 2. extreme numbers --------------------------------------------------------------------------------

EXTREMES = ["1e30", "9223372036854775808", "-9223372036854775809", "1e999999"]


@pytest.mark.parametrize("value", EXTREMES)
@pytest.mark.parametrize("column", [4, 5])
def test_an_extreme_number_is_a_problem_with_its_row(shop, tmp_path, value, column):
    cells = "1003,2024-06-20 09:00,A1,Cup,1,10.00,c3,UK".split(",")
    cells[column] = value
    problem = only_problem(run(shop(), write(tmp_path, GOOD + [",".join(cells)])))
    assert (problem["row"], problem["column"], problem["value"]) == (4, HEADER.split(",")[column], value)


def test_quantity_and_unit_price_per_line_are_bounded_by_settings(shop, tmp_path):
    from shopdesk.services.accounts import update_settings
    session = shop()
    problem = only_problem(run(session, write(tmp_path, GOOD + ["1003,2024-06-20 09:00,A1,Cup,1e9,10.00,c3,UK"])))
    assert (problem["row"], problem["column"]) == (4, "Quantity")
    assert problem["reason"] == "more than 1,000,000 units on one line"
    problem = only_problem(run(session, write(tmp_path, GOOD + ["1003,2024-06-20 09:00,A1,Cup,1,20000000,c3,UK"])))
    assert (problem["row"], problem["column"], problem["reason"]) == (4, "UnitPrice", "a unit price above 10,000,000")
    update_settings(session, {"import.max_quantity": "10", "import.max_unit_price": "100"})
    for line, column in (("1003,2024-06-20 09:00,A1,Cup,11,10.00,c3,UK", "Quantity"),
                         ("1003,2024-06-20 09:00,A1,Cup,1,100.01,c3,UK", "UnitPrice")):
        problem = only_problem(run(session, write(tmp_path, GOOD + [line])))
        assert (problem["row"], problem["column"]) == (4, column)
    assert run(session, write(tmp_path, GOOD + ["1003,2024-06-20 09:00,A1,Cup,10,100.00,c3,UK"])).written


NUMERIC = {"quantity", "unit_price", "line_total", "line_discount", "total", "goods", "discount", "shipping",
           "refund", "paid_net", "price", "sale_price", "cost", "stock", "safety_stock", "visitors", "page_views",
           "add_to_cart", "impressions", "clicks", "amount", "score", "line_no", "sequence"}
DATES = {"created_at", "paid_at", "shipped_at", "delivered_at", "cancelled_at", "day", "opened_at"}


def _good_cell(spec, fieldname):
    if fieldname in DATES:
        return "2024-06-18 10:00:00"
    if fieldname == "time":
        return "1718700000"
    if fieldname == "status":
        return next(iter(spec.get("statuses", {})), "")
    if fieldname == "currency":
        return "CNY"
    if fieldname == "kind":
        return "return"
    if fieldname == "product_type":
        return "simple" if spec["name"].startswith("woo") else "active"
    if fieldname in NUMERIC:
        return "5" if fieldname == "score" else "1"
    return "x1"


#: Fields a mapping names but the import never reads into the store (an order list's item count, the
#: paid amount beside the total, a sale price beside the regular one).
UNREAD = {("taobao-order-list", "quantity"), ("tmall-order-report", "paid_net"), ("woocommerce-products", "sale_price"),
          ("olist-items", "line_no"), ("olist-payments", "sequence")}
KEYS = ("order_no", "code", "external_id", "review_id", "user")


def _spec(name):
    return next(s for p in sorted(MAPPINGS_DIR.glob("*.json"))
                if (s := json.loads(p.read_text(encoding="utf-8")))["name"] == name)


def _export(spec, path, fieldname=None):
    """A file of ``spec``: a good row, then one row per extreme in ``fieldname`` (each its own order)."""
    fields = list(spec["columns"])
    good = [_good_cell(spec, f) for f in fields]
    rows = [good]
    for n, value in enumerate(EXTREMES):
        row = [f"{c}{n}" if f in KEYS else c for f, c in zip(fields, good, strict=True)]
        if fieldname is not None:
            row[fields.index(fieldname)] = value
        rows.append(row)
    path.write_text("\n".join(",".join(r) for r in [[spec["columns"][f][0] for f in fields], *rows]) + "\n",
                    encoding="utf-8")
    return path


def _cases():
    for path in sorted(MAPPINGS_DIR.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        for fieldname in spec["columns"]:
            if fieldname in NUMERIC:
                yield pytest.param(spec, fieldname, id=f"{spec['name']}-{fieldname}")


@pytest.mark.parametrize("spec, fieldname", list(_cases()))
def test_every_extreme_in_every_numeric_field_of_every_mapping(shop, tmp_path, spec, fieldname):
    files = [_export(spec, tmp_path / "export.csv", fieldname)]
    if spec.get("options", {}).get("lines_for"):  # lines read with their order list
        files.append(_export(_spec(spec["options"]["lines_for"]), tmp_path / "list.csv"))
    if spec["kind"] == "olist" and spec["name"] != "olist-orders":  # joined to the orders table
        files.append(_export(_spec("olist-orders"), tmp_path / "olist_orders.csv"))
    currency = spec.get("options", {}).get("currency", "CNY")
    try:
        result = run(shop(currency), *files, mapping=None if len(files) > 1 else spec["name"])
    except ShopDeskError as exc:  # refused as a whole: a message, never a traceback
        pytest.fail(f"refused: {exc}")
    if (spec["name"], fieldname) in UNREAD:
        return
    reported = {(p["row"], p["value"]) for p in result.problems}
    assert {(row, value) for row, value in enumerate(EXTREMES, start=3)} <= reported, result.problems
    assert not result.written


# 3. dates outside the plausible years ----------------------------------------------------------------

@pytest.mark.parametrize("day", ["0001-06-20 09:00", "9999-06-20 09:00", "1999-12-31 23:59"])
def test_a_date_outside_the_plausible_years_is_a_problem(shop, tmp_path, day):
    problem = only_problem(run(shop(), write(tmp_path, GOOD + [f"1003,{day},A1,Cup,1,10.00,c3,UK"])))
    last = dt.date.today().year + 1
    assert problem == {"file": "orders.csv", "row": 4, "column": "InvoiceDate", "value": day,
                       "reason": f"a date outside the years 2000 to {last}"}


def test_the_plausible_years_are_a_setting(shop, tmp_path):
    from shopdesk.services.accounts import update_settings
    session = shop()
    update_settings(session, {"import.earliest_year": "1990"})
    assert run(session, write(tmp_path, GOOD + ["1003,1995-06-20 09:00,A1,Cup,1,10.00,c3,UK"])).written


def test_an_excel_serial_date_outside_the_plausible_years_is_a_problem(shop, tmp_path):
    problem = only_problem(run(shop(), write(tmp_path, GOOD + ["1003,100,A1,Cup,1,10.00,c3,UK"])))
    assert (problem["row"], problem["column"], problem["value"]) == (4, "InvoiceDate", "100")


# 4. no date at all, and later lines' dates -------------------------------------------------------------

@pytest.mark.parametrize("given", [None, "dmy"])
def test_31_31_is_not_a_date_and_names_its_row(shop, tmp_path, given):
    lines = ["1001,18/06/2024 10:00,A1,Cup,2,10.00,c1,UK"] if given is None else ["1001,01/06/2024 10:00,A1,Cup,2,10.00,c1,UK"]
    problem = only_problem(run(shop(), write(tmp_path, lines + ["1003,31/31/2020 09:00,A1,Cup,1,10.00,c3,UK"]),
                               date_order=given))
    assert problem == {"file": "orders.csv", "row": 3, "column": "InvoiceDate", "value": "31/31/2020 09:00",
                       "reason": "not a date"}


def test_31_31_alone_is_not_a_date_not_an_ambiguous_column(shop, tmp_path):
    problem = only_problem(run(shop(), write(tmp_path, ["1003,31/31/2020 09:00,A1,Cup,1,10.00,c3,UK"])))
    assert (problem["row"], problem["reason"]) == (2, "not a date")


@pytest.mark.parametrize("later, reason", [("next tuesday", "not a date"), ("31/31/2020", "not a date"),
                                           ("0001-06-20 09:00", "a date outside the years")])
def test_an_orders_later_lines_dates_are_read_and_checked(shop, tmp_path, later, reason):
    lines = GOOD + ["1003,2024-06-20 09:00,A1,Cup,1,10.00,c3,UK", f"1003,{later},A2,Lid,1,2.50,c3,UK"]
    problem = only_problem(run(shop(), write(tmp_path, lines)))
    assert (problem["row"], problem["column"], problem["value"]) == (5, "InvoiceDate", later)
    assert problem["reason"].startswith(reason)


# 5. read errors at their own row -------------------------------------------------------------------------

def test_a_csv_error_past_the_sample_names_its_row(shop, tmp_path):
    lines = [f"{1001 + i},2024-06-18 10:00,A1,Cup,1,10.00,c1,UK" for i in range(250)]
    lines[220:220] = [""] * 5  # blank lines are rows too, as a spreadsheet shows them
    lines.append('1251,2024-06-18 10:00,A1,"' + "x" * (17 * 1024 * 1024) + '",1,10.00,c1,UK')  # row 257
    lines.append("1252,2024-06-18 10:00,A1,Cup,1,10.00,c1,UK")
    with pytest.raises(UnreadableFile) as caught:
        run(shop(), write(tmp_path, lines))
    assert "row 257: a cell is longer than 16 MiB" in str(caught.value)


def test_a_csv_error_in_the_sample_names_its_row(shop, tmp_path):
    lines = [f"{1001 + i},2024-06-18 10:00,A1,Cup,1,10.00,c1,UK" for i in range(10)]
    lines.append('1011,2024-06-18 10:00,A1,"' + "x" * (17 * 1024 * 1024) + '",1,10.00,c1,UK')  # row 12
    with pytest.raises(UnreadableFile) as caught:
        run(shop(), write(tmp_path, lines))
    assert "row 12:" in str(caught.value)


PRODUCTS = "商品ID,商品名称,规格,类目,售价,成本,库存,安全库存,供应商"


def test_a_products_empty_price_is_a_problem_never_0(shop, tmp_path):
    path = tmp_path / "products.csv"
    path.write_text("\n".join([PRODUCTS, "P1,杯子,,,10.00,5.00,3,1,", "P2,盖子,,,,1.00,3,1,"]) + "\n", encoding="utf-8")
    problem = only_problem(run(shop(), path))
    assert problem == {"file": "products.csv", "row": 3, "column": "售价", "value": "", "reason": "missing value"}


@pytest.mark.parametrize("name, header, good, cut", [
    ("products.csv", PRODUCTS, "P1,杯子,,,10.00,5.00,3,1,", "P2,盖子,,"),
    ("returns.csv", "Order No,SKU,Returned Quantity,Refund,Reason,Type,Return Date",
     "1001,A1,1,10.00,broken,return,2024-06-20", "1001,A1,1"),
])
def test_other_tables_rows_with_too_few_cells_and_cut_files(shop, tmp_path, name, header, good, cut):
    session = shop()
    assert run(session, write(tmp_path, GOOD)).written
    path = tmp_path / name
    path.write_text("\n".join([header, good, cut, good]) + "\n", encoding="utf-8")
    problem = only_problem(run(session, path))
    assert problem["row"] == 3 and problem["reason"].startswith("the row has")
    path.write_text("\n".join([header, good, cut]), encoding="utf-8")
    problem = only_problem(run(session, path))
    assert problem["row"] == 3 and problem["reason"].startswith("the file ends inside row 3")


def test_an_order_detail_row_with_too_few_cells_is_a_problem(shop, tmp_path):
    listing = _export(_spec("taobao-order-list"), tmp_path / "list.csv")
    detail = _spec("taobao-order-detail")
    fields = list(detail["columns"])
    lines = [",".join(detail["columns"][f][0] for f in fields),
             ",".join(_good_cell(detail, f) for f in fields), "x1,标题"]
    path = tmp_path / "detail.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = only_problem(run(shop(), listing, path))
    assert (problem["file"], problem["row"]) == ("detail.csv", 3) and problem["reason"].startswith("the row has 2")
