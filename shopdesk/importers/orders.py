"""Orders and their lines, from any order export, written in batches.

Rows are grouped into orders by order number (Shopify writes order fields on
an order's first row only; Taobao's order list and detail list come as two
files). Amounts become minor units at once; date cells are kept as written
and collected per column, so that each column's day/month order is decided
from all its values before the dates are fixed up in SQL (see
:mod:`shopdesk.store.imports`).
"""

from __future__ import annotations

import bisect
import csv
import itertools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter, mul
from typing import Any, overload

from shopdesk.domain.imports import CurrencyMismatch, Rate, RateMismatch
from shopdesk.domain.money import exponent as currency_exponent
from shopdesk.i18n import _
from shopdesk.importers import values
from shopdesk.importers.dates import DateResolver, is_empty
from shopdesk.importers.mapping import Mapping
from shopdesk.importers.problems import Problems
from shopdesk.importers.reading import Table
from shopdesk.store import imports as sql

BATCH = 5000
ORDER_DATES = ("created_at", "paid_at", "shipped_at", "delivered_at")
#: Order fields that make an order's status more than "received, paid by amount".
_PLAIN_STATUS = frozenset({"status", "paid_at", "cancelled_at", "shipped_at", "delivered_at"})


#: An order line is a plain tuple in the ``order_lines`` column order, written as it is:
#: (order_id, line_no, product_id, sku, title, quantity, unit_price, discount).
Line = tuple
ORDER_ID, LINE_NO, PRODUCT, SKU, TITLE, QUANTITY, PRICE, DISCOUNT = range(8)
_quantity, _price, _discount = itemgetter(QUANTITY), itemgetter(PRICE), itemgetter(DISCOUNT)


@dataclass(slots=True)
class Order:
    """One order as the files describe it, before it is written."""

    no: str
    table: Table
    mapping: Mapping
    first_row: int
    id: int = 0  # handed out when the order is met; unused when it turns out to exist already
    raw: dict[str, str] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)  # kept only when bad rows are skipped
    columns: dict[str, str] = field(default_factory=dict)  # field → the table's header text
    bad: bool = False


@dataclass
class Counts:
    """What the order files held and what the import did with it."""

    orders_added: int = 0
    orders_updated: int = 0
    orders_seen: int = 0  # distinct orders of the files, new or already stored
    with_amount: int = 0  # of those, the ones with an amount above 0
    paid_cells: int = 0  # of those, the ones whose payment time cell is filled
    paid_orders: int = 0
    gmv: int = 0
    refunds: int = 0
    customers_added: int = 0
    products_added: int = 0
    returns_added: int = 0


class OrderSink:
    """Writes orders, lines, customers, products and refund cases of one import."""

    def __init__(self, conn: sqlite3.Connection, import_id: int, platform: str, exponent: int, currency: str,
                 problems: Problems, dates: DateResolver, skip_bad: bool,
                 on_changed: Callable[[int, str, dict[str, Any], dict[str, Any]], None],
                 paid_when_created: bool = False, rate: Rate | None = None,
                 limits: tuple[int, int] = (values.INT64_MAX, values.INT64_MAX)) -> None:
        self.conn, self.import_id, self.platform = conn, import_id, platform
        #: (most units, highest unit price in minor units) of one line: beyond them a cell is a problem
        self.max_quantity, self.max_price = limits
        self.rate = rate  # converts a file in another currency into the store's
        self.rate_used = False  # whether a table was converted at it
        self.file_currency = currency  # the currency of the table being read
        self.paid_when_created = paid_when_created  # every order not cancelled is paid, at its creation if no time
        self.payment_columns: dict[str, list[str]] = {"paid_at": [], "status": []}  # header texts met, for warnings
        self.currency = currency
        self.amount = values.AmountParser(exponent)
        self.problems, self.dates, self.skip_bad = problems, dates, skip_bad
        self.on_changed = on_changed
        self.counts = Counts()
        self.pending: list[Order] = []
        self.written: dict[str, int] = {}  # order number → id, for orders of this import
        self.kept: dict[str, Order] = {}  # with bad rows skipped: the orders written, to reject later
        self.deferred_orders: list[int] = []  # orders holding dates written as in the file, fixed up at the end
        self.deferred_cases: list[str] = []
        self.line_numbers: dict[int, int] = {}
        self.customers = sql.codes(conn, "customers", "external_id", "platform = ?", (platform,))
        self.products = {**sql.codes(conn, "products", "sku", "sku != ''"), **sql.codes(conn, "products", "code")}
        self.next_order = sql.next_id(conn, "orders")
        self.next_customer = sql.next_id(conn, "customers")
        self.next_product = sql.next_id(conn, "products")
        self._skus: dict[str, str] = {}
        self._regions: dict[str, str] = {}
        # Where each order came from, to merge one that a second file of the import carries again: the id an
        # order of this import got tells its table (ids are handed out in reading order), stored orders are kept
        self._first_ids: list[int] = []  # the first order id handed out for each table read
        self._tables: list[Table] = []
        self._met: dict[str, Table] = {}  # stored orders met in this import → the table met in first
        self._updated: set[int] = set()  # stored orders counted as updated
        self.buffers: dict[str, list[tuple]] = {t: [] for t in ("customers", "products", "orders", "order_lines",
                                                                 "after_sales")}

    def use_currency(self, currency: str | None, where: str) -> None:
        """Read the next table's amounts as ``currency`` (``None``: not known, the rate's or the store's).

        Raises:
            CurrencyMismatch: the table is in another currency than the store's and no rate was given.
            RateMismatch: the rate given is for another currency than the table's.
        """
        rate = self.rate
        currency = (currency or "").strip().upper() or (rate.source if rate else self.currency)
        if currency == self.currency:
            rate = None
        elif rate is None:
            raise CurrencyMismatch(file=where, currency=currency, store=self.currency)
        elif rate.source != currency:
            raise RateMismatch(file=where, currency=currency, rate=rate.text())
        else:
            self.rate_used = True
        if currency != self.file_currency or rate is not self.amount.rate:
            source = currency_exponent(currency) if rate else self.amount.exponent
            self.amount = values.AmountParser(self.amount.exponent, self.amount.decimal_comma, rate, source)
            self.file_currency = currency

    # problems ------------------------------------------------------------------------------------
    def problem(self, order: Order, row: int, fieldname: str, value: str, reason: str) -> None:
        """Record a problem in ``order``'s table and mark the order bad."""
        column = order.columns.get(fieldname) or self._column(order, fieldname)
        self.problems.add(order.table.name, row, column, value, reason)
        order.bad = True

    @staticmethod
    def _column(order: Order, fieldname: str) -> str:
        index = order.mapping.resolve(order.table.header).get(fieldname)
        return order.table.header[index] if index is not None else fieldname

    @overload
    def _money(self, order: Order, fieldname: str, default: int = 0, row: int | None = None) -> int: ...
    @overload
    def _money(self, order: Order, fieldname: str, default: None, row: int | None = None) -> int | None: ...

    def _money(self, order: Order, fieldname: str, default: int | None = 0, row: int | None = None) -> int | None:
        raw = order.raw.get(fieldname, "")
        if not raw.strip():
            return default
        try:
            cents = self.amount(raw)
        except ValueError as exc:
            self.problem(order, row or order.first_row, fieldname, raw, str(exc))
            return default
        if cents < 0:
            self.problem(order, row or order.first_row, fieldname, raw, _("a negative amount"))
            return default
        return cents

    # rows → orders -------------------------------------------------------------------------------
    def parse_line(self, order: Order, row: int, raw_qty: str, raw_price: str, raw_sku: str = "",
                   raw_title: str = "", raw_discount: str = "", raw_attributes: str = "") -> None:
        """Add the line of one row to ``order`` (the hot path of a large import: keep it lean)."""
        if not raw_qty.strip() or not raw_price.strip():  # a required cell left empty is never a default
            required = order.mapping.required
            missing = [f for f, raw in (("quantity", raw_qty), ("unit_price", raw_price))
                       if f in required and not raw.strip()]
            if missing:
                for f in missing:
                    self.problem(order, row, f, "", _("missing value"))
                return
            if not raw_qty.strip() and not raw_price.strip():
                return
        try:
            qty = int(raw_qty) if raw_qty.strip() else 1
        except ValueError:
            try:
                qty = values.quantity(raw_qty)
            except ValueError as exc:
                self.problem(order, row, "quantity", raw_qty, str(exc))
                return
        if not -self.max_quantity <= qty <= self.max_quantity:
            self.problem(order, row, "quantity", raw_qty, _("more than {limit} units on one line").format(
                limit=f"{self.max_quantity:,}") if not values.out_of_range(qty) else values.too_large_reason())
            return
        price = self.amount._cache.get(raw_price)
        if price is None:
            try:
                price = self.amount(raw_price) if raw_price.strip() else 0
            except ValueError as exc:
                self.problem(order, row, "unit_price", raw_price, str(exc))
                return
        if price < 0:
            self.problem(order, row, "unit_price", raw_price, _("a negative price"))
            return
        if price > self.max_price:
            self.problem(order, row, "unit_price", raw_price, _("a unit price above {limit}").format(
                limit=f"{self.max_price // 10 ** self.amount.exponent:,}"))
            return
        discount = 0
        if raw_discount and raw_discount.strip():
            try:
                discount = abs(self.amount(raw_discount))
            except ValueError as exc:
                self.problem(order, row, "line_discount", raw_discount, str(exc))
                return
        sku = self._skus.get(raw_sku)
        if sku is None:
            sku = self._skus[raw_sku] = values.text_id(raw_sku)
        title = raw_title.strip()
        if raw_attributes:
            attributes = raw_attributes.strip()
            if attributes and attributes not in title:
                title = f"{title} ({attributes})" if title else attributes
        self.add_line(order, sku, title, qty, price, discount)

    def add_line(self, order: Order, sku: str, title: str, quantity: int, price: int, discount: int = 0) -> None:
        """Append a normalised line to ``order``."""
        order.lines.append((order.id, len(order.lines) + 1, self._product(sku, title, price), sku, title,
                            quantity, price, discount))

    def new_order(self, no: str, table: Table, mapping: Mapping, row: int, columns: dict[str, str]) -> Order:
        """An order met in a file, with the id it gets if it is new."""
        order = Order(no, table, mapping, row, id=self.next_order, columns=columns)
        if not self._tables or self._tables[-1] is not table:
            self._first_ids.append(self.next_order)
            self._tables.append(table)
        self.next_order += 1
        return order

    def _origin(self, order_id: int) -> Table | None:
        """The table an order of this import was first read from."""
        at = bisect.bisect_right(self._first_ids, order_id) - 1
        return self._tables[at] if at >= 0 else None

    def add(self, order: Order) -> None:
        """Queue a complete order; written with its batch."""
        self.pending.append(order)
        if len(self.pending) >= BATCH:
            self.flush()

    # writing -------------------------------------------------------------------------------------
    def _customer(self, order: Order) -> int | None:
        external = values.text_id(order.raw.get("customer_id", ""))
        if not external:
            return None
        found = self.customers.get(external)
        if found is None:
            found = self.customers[external] = self.next_customer
            self.next_customer += 1
            self.buffers["customers"].append(
                (found, self.platform, external, order.raw.get("customer_name", "").strip(), self.import_id))
            self.counts.customers_added += 1
        return found

    def _product(self, sku: str, title: str, price: int) -> int | None:
        code = sku or title
        if not code:
            return None
        found = self.products.get(code)
        if found is None:
            found = self.products[code] = self.next_product
            self.next_product += 1
            self.buffers["products"].append((found, code, title or code, max(price, 0), "mature", self.import_id))
            self.counts.products_added += 1
        return found

    def _region(self, raw: str) -> str:
        found = self._regions.get(raw)
        if found is None:
            found = self._regions[raw] = values.region(raw)
        return found

    def _status(self, order: Order) -> tuple[str, bool | None, bool] | None:
        """(flow status, paid, cancelled) of an order, or None when its status is unknown.

        Paid is ``None`` when the file carries no payment information at all: then a
        non-cancelled order with an amount above zero counts as paid.
        """
        mapping, raw = order.mapping, order.raw
        status_raw = raw.get("status", "").strip()
        paid_evidence = "paid_at" in raw or bool(mapping.paid_statuses)
        paid = (("paid_at" in raw and not is_empty(raw["paid_at"]))
                or (status_raw in mapping.paid_statuses))
        if status_raw and mapping.statuses:
            status = mapping.statuses.get(status_raw)
            if status is None:
                self.problem(order, order.first_row, "status", status_raw, _("unknown order status"))
                return None
        else:
            status = "received"
        cancelled = status == "cancelled" or not is_empty(raw.get("cancelled_at", ""))
        if cancelled:
            status = "cancelled"
        elif not is_empty(raw.get("delivered_at", "")):
            status = "delivered" if status not in ("completed",) else status
        elif not is_empty(raw.get("shipped_at", "")) and status in ("received", "reviewed", "packed"):
            status = "shipped"
        return status, (paid if paid_evidence else None), cancelled

    def flush(self) -> None:
        """Write the queued orders."""
        batch, self.pending = self.pending, []
        known = sql.existing_orders(self.conn, self.platform,
                                    {o.no for o in batch if o.no not in self.written})
        for order in batch:
            self._write(order, known)
        self._drain()

    def _write(self, order: Order, known: dict[str, sqlite3.Row]) -> None:
        raw = order.raw
        lines = order.lines  # summed at C speed: an order may have a thousand lines
        goods_from_lines = sum(map(mul, map(_quantity, lines), map(_price, lines)))
        line_discounts = sum(map(_discount, lines))
        if values.out_of_range(goods_from_lines) or values.out_of_range(line_discounts):
            self.problem(order, order.first_row, "quantity", str(goods_from_lines), values.too_large_reason())
        money = self._money
        goods = money(order, "goods", None) if raw.get("goods") else None
        discount = money(order, "discount") if raw.get("discount") else 0
        shipping = money(order, "shipping") if raw.get("shipping") else 0
        refund = money(order, "refund") if raw.get("refund") else 0
        total = money(order, "total", None) if raw.get("total") else None
        if raw.get("currency"):
            currency = raw["currency"].strip().upper()
            if currency and currency != self.file_currency:
                self.problem(order, order.first_row, "currency", currency,
                             _("the store keeps its amounts in {currency}").format(currency=self.currency)
                             if self.file_currency == self.currency else
                             _("the file's other orders are in {currency}").format(currency=self.file_currency))
        if order.mapping.statuses or order.mapping.paid_statuses or not _PLAIN_STATUS.isdisjoint(raw):
            state = self._status(order)
        else:  # a file with no status, payment, shipping or cancellation column: received, paid by amount
            state = ("received", None, False)
        if order.bad or state is None:
            self._reject(order)
            return
        status, paid, cancelled = state
        if goods is None:
            goods = max(goods_from_lines, 0)
        if total is None:
            total = max(goods - discount - line_discounts + shipping, 0)
        if self.paid_when_created:
            paid = not cancelled
        elif paid is None:
            paid = not cancelled and total > 0
        header = order.columns.get
        where = order.table.name, order.first_row
        stored = {}
        deferred = False
        for f in ORDER_DATES:
            cell = raw.get(f, "")
            if not cell or (f == "paid_at" and (not paid or is_empty(cell))):
                continue
            text, day = self.dates.value(f, cell, (*where, header(f, f)))
            stored[f] = (text, day)
            deferred = deferred or (text is not None and not day)
        created_at, day = stored.get("created_at", (None, ""))
        if created_at is None:
            self.problem(order, order.first_row, "created_at", order.raw.get("created_at", ""),
                         _("the order time is missing"))
            self._reject(order)
            return
        # Paid means a payment time is stored; a file without one dates the payment at the order.
        paid_at = (stored["paid_at"][0] if "paid_at" in stored else created_at) if paid else None
        if order.no in self.written:
            order_id = self.written[order.no]
            if self._origin(order_id) is order.table:  # more lines of an order met earlier in this table: counted then
                self._lines(order_id, order)
            else:  # another file of this import carries the order again: merged as a re-import merges it
                self._merge(order, status, paid_at, total, paid, refund, deferred, day, new=True)
            return
        existing = known.get(order.no)
        if existing is not None:
            first = self._met.get(order.no)
            if first is not None:
                if first is not order.table:  # a stored order that another file of this import carried already
                    self._merge(order, status, paid_at, total, paid, refund, deferred, day, new=False)
                return  # else more rows of a stored order in this table: merged with its first
            self._met[order.no] = order.table
        counts = self.counts
        counts.orders_seen += 1
        if total > 0:
            counts.with_amount += 1
        if not is_empty(raw.get("paid_at", "")):
            counts.paid_cells += 1
        if paid:
            counts.paid_orders += 1
            counts.gmv += total
        counts.refunds += refund
        if existing is not None:
            if self._update(existing, order, status, paid_at, total, paid) and deferred:
                self.deferred_orders.append(existing["id"])
            self._refund_case(existing["id"], order, refund, paid_at or created_at, day)
            return
        order_id = order.id
        self.written[order.no] = order_id
        customer_id = self._customer(order)
        self.buffers["orders"].append((
            order_id, self.platform, order.no, customer_id, raw.get("channel", "").strip(), status,
            created_at, day, paid_at, stored.get("shipped_at", (None,))[0], stored.get("delivered_at", (None,))[0],
            goods, discount + line_discounts, shipping, total, raw.get("carrier", "").strip(),
            values.text_id(raw["tracking_no"]) if raw.get("tracking_no") else "", self.import_id,
            self._region(raw.get("region", ""))))
        self.counts.orders_added += 1
        if deferred:
            self.deferred_orders.append(order_id)
        if self.skip_bad:
            self.kept[order.no] = order
        self._lines(order_id, order)
        if refund:
            self._refund_case(order_id, order, refund, paid_at or created_at, day)

    def _lines(self, order_id: int, order: Order) -> None:
        if order_id == order.id and order_id not in self.line_numbers:  # the common case: as built
            self.buffers["order_lines"].extend(order.lines)
            self.line_numbers[order_id] = len(order.lines)
            return
        number = self.line_numbers.get(order_id, 0)  # more lines of an order met earlier in this import
        for line in order.lines:
            number += 1
            self.buffers["order_lines"].append((order_id, number, *line[PRODUCT:]))
        self.line_numbers[order_id] = number

    def _merge(self, order: Order, status: str, paid_at: str | None, total: int, paid: bool, refund: int,
               deferred: bool, day: str, new: bool) -> None:
        """An order that an earlier file of this import carried: its fields are updated as a re-import updates a
        stored order, its lines are not added again, and it is counted once (with the figures it ends with)."""
        self._drain()
        row = sql.existing_orders(self.conn, self.platform, [order.no])[order.no]
        counts = self.counts
        if row["paid_at"] is not None:
            counts.paid_orders -= 1
            counts.gmv -= row["total_cents"]
        if paid:
            counts.paid_orders += 1
            counts.gmv += total
        if new:  # this import's own order: changed in place, nothing to undo or audit beyond its adding
            changes = {k: v for k, v in (("status", status), ("paid_at", paid_at), ("total_cents", total))
                       if row[k] != v}
            if changes:
                sql.set_order(self.conn, row["id"], changes)
            changed = bool(changes)
        else:
            changed = self._update(row, order, status, paid_at, total, paid)
        if changed and deferred:
            self.deferred_orders.append(row["id"])
        case_no = f"{self.platform}:{order.no}:refund"
        if refund > 0 and case_no not in sql.existing_cases(self.conn, [case_no]):
            counts.refunds += refund
            self._refund_case(row["id"], order, refund, paid_at or row["created_at"], day)

    def _update(self, row: sqlite3.Row, order: Order, status: str, paid_at: str | None, total: int,
                paid: bool) -> bool:
        """Change a stored order that the file shows differently; returns whether it changed."""
        changes: dict[str, Any] = {}
        if row["status"] != status:
            changes["status"] = status
        if (row["paid_at"] is None) == paid:
            changes["paid_at"] = paid_at
        if row["total_cents"] != total:
            changes["total_cents"] = total
        if not changes:
            return False
        self._drain()
        before = {k: row[k] for k in changes}
        sql.update_order(self.conn, self.import_id, row, changes)
        self.on_changed(row["id"], order.no, before, changes)
        if row["id"] not in self._updated:  # counted once, however many files of the import change it
            self._updated.add(row["id"])
            self.counts.orders_updated += 1
        return True

    def _refund_case(self, order_id: int, order: Order, refund: int, at: str, day: str) -> None:
        if refund <= 0:
            return
        case_no = f"{self.platform}:{order.no}:refund"
        if not day:
            self.deferred_cases.append(case_no)
        self.buffers["after_sales"].append((case_no, order_id, None, "refund_only", "", "resolved", at, day,
                                            at, 0, refund, at, "", "", self.import_id))

    def add_case(self, case_no: str, order_id: int | None, product_id: int | None, kind: str, reason: str,
                 units: int, refund: int, raw_day: str, where: tuple[str, int, str],
                 fieldname: str = "opened_at") -> None:
        """Queue an after-sales case dated by ``raw_day``, read as the date column ``fieldname``."""
        at, day = self.dates.value(fieldname, raw_day, where)
        if at is None:
            self.problems.add(where[0], where[1], where[2], raw_day, _("not a date"))
            return
        if not day:
            self.deferred_cases.append(case_no)
        self.counts.refunds += refund
        self.buffers["after_sales"].append((case_no, order_id, product_id, kind, reason, "resolved", at, day,
                                            at if refund else None, units, refund, at if refund else None, "", "",
                                            self.import_id))

    def add_return(self, order: Order, line: Line, raw_day: str, case_no: str) -> None:
        """A cancellation invoice's line: units come back, their amount is refunded."""
        self.add_case(case_no, None, line[PRODUCT], "return", _("cancelled invoice"), abs(line[QUANTITY]),
                      abs(line[QUANTITY]) * line[PRICE], raw_day,
                      (order.table.name, order.first_row, order.columns.get("created_at", "created_at")),
                      "created_at")

    def _reject(self, order: Order, reason: str | None = None) -> None:
        if not self.skip_bad:
            return
        reason = reason or (self.problems.items[-1].reason if self.problems.items else "")
        for row, cells in zip(order.rows, order.cells, strict=False):
            self.problems.reject(order.table.file, order.table.sheet, order.table.header, row, cells, reason)

    def _drain(self) -> None:
        """Write the buffered rows (customers and products before the orders that need them)."""
        b = self.buffers
        for table, insert in (("customers", sql.insert_customers), ("products", sql.insert_line_products),
                              ("orders", sql.insert_orders), ("order_lines", sql.insert_lines)):
            if b[table]:
                insert(self.conn, b[table])
        if b["after_sales"]:
            self.counts.returns_added += sql.insert_cases(self.conn, b["after_sales"])
        for rows in b.values():
            rows.clear()

    def finish(self) -> None:
        """Write everything still queued."""
        self.flush()


def read_orders(table: Table, mapping: Mapping, sink: OrderSink, progress: Callable[[int], None],
                extra_lines: dict[str, list[tuple[int, dict[str, str]]]] | None = None) -> int:
    """Stream one order table into ``sink``; returns the rows read.

    An order's fields are read from its first row (Shopify leaves them blank on
    the others); every row may carry a line.
    """
    index = mapping.resolve(table.header)
    line_fields = ("quantity", "unit_price", "sku", "title", "line_discount", "attributes")
    order_fields = [(f, i) for f, i in index.items() if f not in line_fields and f != "line_total"]
    has_lines = ("quantity" in index or "unit_price" in index) and not mapping.options.get("order_level")
    iq, ip, isku, ititle, idisc, iattr = (index.get(f, -1) for f in line_fields)
    prefix = mapping.options.get("cancellation_prefix")
    no_col = index["order_no"]
    columns = {f: table.header[i] for f, i in index.items()}
    for f, met in sink.payment_columns.items():
        if f in columns and columns[f] not in met:
            met.append(columns[f])
    width = len(table.header)
    skip = sink.skip_bad
    problems = sink.problems
    parse_line = sink.parse_line
    new_order = sink.new_order
    product_get = sink.products.get
    current: Order | None = None
    last_raw = None
    rows_read = 0
    source = table.records if table.records is not None else table.rows
    sku_get = sink._skus.get
    quantities: dict[str, int] = {}  # whole quantities as written → their value
    qty_get = quantities.get
    fast = has_lines and not skip and idisc < 0 and iattr < 0  # plain lines, nothing kept for a rejects file
    max_qty, max_price = sink.max_quantity, sink.max_price
    icreated = index.get("created_at", -1)  # an order's later lines carry its date too: read and checked
    created_col = table.header[icreated] if icreated >= 0 else ""
    first_created = ""  # the current order's date cell as its first row writes it
    date_value = sink.dates.value
    short: tuple[int, int] | None = None  # (row, problem index) of the last row with too few cells
    head: list[tuple[int, list[str]]] = []
    row = 1
    try:
        for item in itertools.islice(source, 200):  # a sample: its currency, and does it write decimal commas?
            head.append(item)
        currency = mapping.options.get("currency")
        if (ic := index.get("currency")) is not None:
            currency = next((cells[ic] for _row, cells in head if ic < len(cells) and cells[ic].strip()), currency)
        sink.use_currency(currency, table.name)
        amounts = [cells[i] for _row, cells in head for f in ("unit_price", "total", "goods", "shipping")
                   if (i := index.get(f)) is not None and i < len(cells)]
        comma = values.uses_decimal_comma(amounts)
        if comma != sink.amount.decimal_comma:
            sink.amount = sink.amount.with_comma(comma)
        price_get = sink.amount._cache.get
        for row, cells in itertools.chain(head, source):
            n = len(cells)
            if n != width:
                if not n:
                    continue
                if n < width:  # a cut row: its missing cells are never taken for empty ones
                    rows_read += 1
                    short = (row, problems.short_row(table, row, cells, skip))
                    continue
                del cells[width:]
            rows_read += 1
            if not rows_read & 4095:
                progress(rows_read)
            cells.append("")  # what a missing column (index -1) reads
            raw_no = cells[no_col]
            if raw_no == last_raw:
                raw_created = cells[icreated]  # without the column: the blank at index -1
                if raw_created != first_created and raw_created:
                    date_value("created_at", raw_created, (table.name, row, created_col))
            else:
                last_raw = raw_no
                no = values.text_id(raw_no)
                if not no or (("e" in no or "E" in no) and values.SCIENTIFIC.match(no)):
                    reason = _("the order number is missing") if not no else values.scientific_reason()
                    problems.add(table.name, row, table.header[no_col], no, reason)
                    if skip:
                        problems.reject(table.file, table.sheet, table.header, row, cells[:width], reason)
                    last_raw = None
                    continue
                if current is None or no != current.no:
                    if current is not None:
                        _finish(current, sink, prefix, extra_lines)
                    current = new_order(no, table, mapping, row, columns)
                    current.raw = {f: cells[i] for f, i in order_fields}
                    first_created = cells[icreated]
            assert current is not None  # begun at the order's first row
            if fast:  # the common case, inline: whole quantity, known price, known SKU
                raw_qty = cells[iq]
                qty = qty_get(raw_qty)
                if qty is None and raw_qty.isdecimal() and int(raw_qty) <= max_qty:
                    qty = quantities[raw_qty] = int(raw_qty)
                price = price_get(cells[ip])
                sku = sku_get(cells[isku])
                if qty is not None and price is not None and 0 <= price <= max_price and sku is not None:
                    title = cells[ititle].strip()
                    product = product_get(sku or title)
                    if product is not None:
                        lines = current.lines
                        lines.append((current.id, len(lines) + 1, product, sku, title, qty, price, 0))
                        continue
            elif skip:  # rows and cells are kept only to write the rejected-rows file
                current.rows.append(row)
                current.cells.append(cells[:width])
            if not has_lines:
                continue
            bad_before = current.bad
            parse_line(current, row, cells[iq], cells[ip], cells[isku], cells[ititle], cells[idisc], cells[iattr])
            if skip and current.bad and not bad_before:
                problems.reject(table.file, table.sheet, table.header, row, cells[:width],
                                problems.items[-1].reason if problems.items else "")
                current.bad = False
    except (UnicodeError, csv.Error) as exc:  # met reading the row after the last one read
        raise table.failure(exc, (row if rows_read or not head else head[-1][0]) + 1) from None
    finally:
        table.close()
    problems.cut_file(table, short, row)
    if current is not None:
        _finish(current, sink, prefix, extra_lines)
    progress(rows_read)
    return rows_read


def _finish(order: Order, sink: OrderSink, prefix: str | None,
            extra_lines: dict[str, list[tuple[int, dict[str, str]]]] | None) -> None:
    if extra_lines is not None:
        for row, cells in extra_lines.pop(order.no, []):
            sink.parse_line(order, row, cells.get("quantity", ""), cells.get("unit_price", ""), cells.get("sku", ""),
                            cells.get("title", ""), cells.get("line_discount", ""), cells.get("attributes", ""))
    if prefix and order.no.startswith(prefix):
        raw_day = order.raw.get("created_at", "")
        for number, line in enumerate(order.lines, 1):
            sink.add_return(order, line, raw_day, f"{sink.platform}:{order.no}:{number}")
        return
    sink.add(order)
