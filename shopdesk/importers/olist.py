"""Olist's multi-table export (orders, items, payments, reviews, customers, products, sellers), joined.

The seven tables arrive together as one import. An order's lines are its
items, its shipping their freight, its amount the sum of its payments (the
items' sum where payments are absent); its customer is the person
(``customer_unique_id``), not Olist's per-order customer ID. An order is paid
once its payment was approved. Reviews (scores 1–5) are kept with the order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from shopdesk.domain.clock import business_day, iso
from shopdesk.i18n import _
from shopdesk.importers import values
from shopdesk.importers.dates import DateParser
from shopdesk.importers.mapping import Mapping
from shopdesk.importers.orders import OrderSink
from shopdesk.importers.problems import Problems
from shopdesk.importers.reading import Table
from shopdesk.store import imports as sql


def _rows(table: Table, mapping: Mapping) -> list[tuple[int, dict[str, str]]]:
    index = mapping.resolve(table.header)
    out = []
    for row, cells in table.rows:
        cells = cells + [""] * (len(table.header) - len(cells))
        out.append((row, {f: cells[i].strip() for f, i in index.items()}))
    return out


def import_olist(tables: list[tuple[Table, Mapping]], sink: OrderSink, problems: Problems,
                 tick: Callable[[int], None]) -> int:
    """Join and import the Olist tables given; returns the rows read."""
    data: dict[str, tuple[Table, Mapping, list[tuple[int, dict[str, str]]]]] = {}
    rows_read = 0
    for table, mapping in tables:
        data[mapping.table] = (table, mapping, _rows(table, mapping))
        rows_read += len(data[mapping.table][2])
        tick(rows_read)
    if "orders" not in data:
        table = tables[0][0]
        problems.add(table.name, None, "order_id", "", _("the Olist orders table is missing from this import"))
        return rows_read
    english = {r["category"]: r["english"] for _n, r in data.get("categories", (None, None, []))[2]}
    people = {r["customer_id"]: r["unique_id"] for _n, r in data.get("customers", (None, None, []))[2]}
    states = {r["customer_id"]: r.get("state", "") for _n, r in data.get("customers", (None, None, []))[2]}
    items: dict[str, list[dict[str, str]]] = {}
    item_rows: dict[str, list[int]] = {}
    for row, r in data.get("items", (None, None, []))[2]:
        items.setdefault(r["order_no"], []).append(r)
        item_rows.setdefault(r["order_no"], []).append(row)
    # Sums of payments and freight stay in the file's currency, written back as text that the order's
    # writing converts once; the lines are converted as they are added.
    source = values.AmountParser(sink.amount.source_exponent, sink.amount.decimal_comma)
    paid: dict[str, int] = {}
    if "payments" in data:
        ptable, pmapping, prow = data["payments"]
        for row, r in prow:
            try:
                paid[r["order_no"]] = paid.get(r["order_no"], 0) + source(r["amount"])
            except ValueError as exc:
                problems.add(ptable.name, row, "payment_value", r["amount"], str(exc))
    titles: dict[str, str] = {}
    for _n, r in data.get("products", (None, None, []))[2]:
        category = english.get(r["category"], r["category"]) or _("uncategorised")
        titles[r["product_id"]] = category.replace("_", " ")
    if "products" in data:
        first_price: dict[str, str] = {}
        for order_items in items.values():
            for r in order_items:
                first_price.setdefault(r["sku"], r["unit_price"])
        for pid, title in titles.items():
            price = sink.amount(first_price[pid]) if first_price.get(pid) else 0
            sink._product(pid, title, price)
    otable, omapping, orow = data["orders"]
    for row, r in orow:
        order = sink.new_order(r["order_no"], otable, omapping, row, {})
        order.raw = {k: v for k, v in r.items() if k != "order_no"}
        order.raw["customer_id"] = people.get(r["customer_id"], r["customer_id"])
        order.raw["region"] = states.get(r["customer_id"], "")  # the state the order ships to
        order.rows = [row] + item_rows.get(order.no, [])
        shipping = goods = 0
        for item, item_row in zip(items.get(order.no, []), item_rows.get(order.no, []), strict=True):
            field = "unit_price"
            try:
                price = sink.amount(item["unit_price"])
                item_goods = source(item["unit_price"])
                field = "shipping"
                item_shipping = source(item["shipping"] or "0")
            except ValueError as exc:  # named in the items table, at the item's row
                itable, imapping, _irows = data["items"]
                column = imapping.resolve(itable.header).get(field)
                problems.add(itable.name, item_row, itable.header[column] if column is not None else field,
                             item[field], str(exc))
                order.bad = True
                continue
            goods, shipping = goods + item_goods, shipping + item_shipping
            sink.add_line(order, item["sku"], titles.get(item["sku"], item["sku"]), 1, price)
        total = paid.get(order.no, goods + shipping)
        order.raw["shipping"] = _minor_text(shipping, source.exponent)
        order.raw["total"] = _minor_text(total, source.exponent)
        sink.add(order)
    sink.finish()
    if "reviews" in data:
        _reviews(sink, *data["reviews"])
    return rows_read


def _minor_text(cents: int, exponent: int) -> str:
    """Minor units back to the text the amount parser reads (exact, no float)."""
    if exponent == 0:
        return str(cents)
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 10 ** exponent)
    return f"{sign}{whole}.{frac:0{exponent}d}"


def _reviews(sink: OrderSink, table: Table, mapping: Mapping, rows: list[tuple[int, dict[str, str]]]) -> None:
    conn: sqlite3.Connection = sink.conn
    ids = sql.order_ids(conn, sink.platform)
    parse = DateParser("ymd", "UTC", sink.dates.years)
    batch = []
    for row, r in rows:
        try:
            score = values.quantity(r["score"])
            if not 1 <= score <= 5:
                raise ValueError(_("a score from 1 to 5"))
            moment = parse(r.get("created_at", ""))
        except ValueError as exc:
            sink.problems.add(table.name, row, "review_score", r["score"], str(exc))
            continue
        order_id = ids.get(r["order_no"])
        created = iso(moment) if moment else None
        batch.append(("olist", f"{r['review_id']}:{r['order_no']}", order_id, score, r.get("title", ""),
                      r.get("comment", ""), created, business_day(moment, "UTC").isoformat() if moment else None,
                      sink.import_id))
    sql.insert_reviews(conn, batch)


def reviews_added(conn: sqlite3.Connection, import_id: int) -> int:
    """How many reviews an import wrote."""
    return sql.reviews_added(conn, import_id)
