"""The smaller tables of an import: order details, returns sheets and daily traffic."""

from __future__ import annotations

import json
import sqlite3

from shopdesk.domain.clock import business_day
from shopdesk.i18n import _
from shopdesk.importers import values
from shopdesk.importers.dates import DateParser, decide_order
from shopdesk.importers.mapping import Mapping
from shopdesk.importers.orders import Order, OrderSink
from shopdesk.importers.problems import Problems
from shopdesk.importers.reading import Table
from shopdesk.store import imports as sql
from shopdesk.store import product_weekly, traffic

RETURN_KINDS = {
    "return": "return", "退货": "return", "退貨": "return", "退货退款": "return", "退貨退款": "return",
    "exchange": "exchange", "换货": "exchange", "換貨": "exchange",
    "refund": "refund_only", "refund_only": "refund_only", "仅退款": "refund_only", "僅退款": "refund_only",
    "complaint": "complaint", "投诉": "complaint", "投訴": "complaint",
}


def collect_lines(table: Table, mapping: Mapping, problems: Problems | None = None,
                  skip: bool = False) -> tuple[dict[str, list[tuple[int, dict[str, str]]]], int]:
    """An order-detail table (one row per item) as lines per order number; a row with fewer cells than
    the header is a problem (in ``problems``), never a line of empty cells."""
    index = mapping.resolve(table.header)
    lines: dict[str, list[tuple[int, dict[str, str]]]] = {}
    rows = row = 0
    width = len(table.header)
    short = None
    for row, cells in table.rows:
        rows += 1
        if len(cells) < width:
            if problems is not None:
                short = (row, problems.short_row(table, row, cells, skip))
                continue
            cells = cells + [""] * (width - len(cells))
        no = values.text_id(cells[index["order_no"]])
        lines.setdefault(no, []).append((row, {f: cells[i] for f, i in index.items()}))
    if problems is not None:
        problems.cut_file(table, short, row)
    return lines, rows


def read_returns(table: Table, mapping: Mapping, sink: OrderSink, platform: str) -> int:
    """A returns sheet: one after-sales case per row, linked to its order and product."""
    index = mapping.resolve(table.header)
    rows = row = 0
    conn = sink.conn
    short = None
    for row, cells in table.rows:
        rows += 1
        if len(cells) < len(table.header):
            short = (row, sink.problems.short_row(table, row, cells, sink.skip_bad))
            continue

        def get(f: str, cells=cells) -> str:
            return cells[index[f]].strip() if f in index else ""
        order = Order(values.text_id(get("order_no")), table, mapping, row)
        order_id = sql.find_order(conn, order.no, platform)
        if order_id is None and order.no in sink.written:
            order_id = sink.written[order.no]
        kind_raw = get("kind").casefold()
        kind = RETURN_KINDS.get(kind_raw, "return") if kind_raw else "return"
        if kind_raw and kind_raw not in RETURN_KINDS:
            sink.problem(order, row, "kind", get("kind"), _("unknown kind of after-sales case"))
        try:
            refund = sink.amount(get("refund")) if get("refund") else 0
        except ValueError as exc:
            sink.problem(order, row, "refund", get("refund"), str(exc))
            continue
        try:
            units = abs(values.quantity(get("quantity"))) if get("quantity") else 0
        except ValueError as exc:
            sink.problem(order, row, "quantity", get("quantity"), str(exc))
            continue
        if refund < 0:
            sink.problem(order, row, "refund", get("refund"), _("a negative amount"))
            continue
        if order_id is None:
            sink.problem(order, row, "order_no", order.no, _("no such order in the store or in this import"))
            continue
        if order.bad:
            continue
        raw_day = get("opened_at")
        sku = values.text_id(get("sku"))
        product = sink._product(sku, "", 0) if sku else None
        sink.add_case(f"R:{order.no}:{sku}:{raw_day}", order_id, product, kind, get("reason"), units, refund,
                      raw_day, (table.name, row, table.header[index["opened_at"]]))
    sink.problems.cut_file(table, short, row)
    return rows


def import_traffic(conn: sqlite3.Connection, import_id: int, table: Table, mapping: Mapping, problems: Problems,
                   date_order: str | None, tz: str, years: tuple[int, int] | None = None) -> tuple[int, int]:
    """Daily visitors (and page views, add-to-cart, impressions, clicks) per day and channel — or, when the file
    has a product column, visitors and add-to-cart per day and product; returns (rows, days written). A row
    with a bad or negative count, or naming no product of the store, is a problem and is not written."""
    index = mapping.resolve(table.header)
    data = [(row, cells + [""] * (len(table.header) - len(cells))) for row, cells in table.rows]
    day_col = table.header[index["day"]]
    order = decide_order([c[index["day"]] for _r, c in data], table.name, day_col, date_order)
    parse = DateParser(order, tz, years)
    written = 0
    products = sql.product_codes(conn) if "product" in index else {}
    for row, cells in data:
        try:
            moment = parse(cells[index["day"]])
            if moment is None:
                raise ValueError(_("not a date"))
        except ValueError as exc:
            problems.add(table.name, row, day_col, cells[index["day"]], str(exc))
            continue
        counts: dict[str, int | None] = {}
        bad = False
        for f in traffic.FIELDS:
            raw = cells[index[f]].strip() if f in index else ""
            try:
                number = values.quantity(raw) if raw else None
            except ValueError as exc:
                problems.add(table.name, row, table.header[index[f]], raw, str(exc))
                bad = True
                continue
            counts[f] = number
            if number is not None and number < 0:
                problems.add(table.name, row, table.header[index[f]], raw, _("cannot be negative"))
                bad = True
        if bad or counts["visitors"] is None:
            continue
        day = business_day(moment, tz).isoformat()
        if "product" in index:  # one product's traffic (the platform's product export)
            code = cells[index["product"]].strip()
            product_id = products.get(code) if code else None
            if product_id is None:
                problems.add(table.name, row, table.header[index["product"]], code,
                             _("There is no product {code}.").format(code=code) if code else _("is empty"))
                continue
            written += _product_traffic(conn, import_id, day, product_id, counts)
            continue
        channel = cells[index["channel"]].strip() if "channel" in index else ""
        old = traffic.get(conn, day, channel)
        if old is None:
            traffic.put(conn, day, channel, counts, import_id=import_id)
            written += 1
        elif old != counts:
            sql.record_change(conn, import_id, "traffic", json.dumps([day, channel]), old)
            traffic.put(conn, day, channel, counts)
            written += 1
    return len(data), written


def _product_traffic(conn: sqlite3.Connection, import_id: int, day: str, product_id: int,
                     counts: dict[str, int | None]) -> int:
    """Write one day of one product's traffic (remembering what it replaced); 1 when something changed."""
    visitors = counts["visitors"]
    assert visitors is not None  # a row without visitors is left out before
    new = {"visitors": visitors, "add_to_cart": counts.get("add_to_cart")}
    old = product_weekly.get_traffic(conn, day, product_id)
    if old == new:
        return 0
    if old is not None:
        sql.record_change(conn, import_id, "product_traffic", json.dumps([day, product_id]), old)
    product_weekly.put_traffic(conn, day, product_id, visitors, new["add_to_cart"],
                           import_id=None if old is not None else import_id)
    return 1
