"""SQL of imports: the data source list, lookups of what exists, date fix-ups and undo."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from shopdesk.store.db import inserted_id
from shopdesk.store.migrate import refresh_statistics


@contextmanager
def bulk_mode(conn: sqlite3.Connection) -> Iterator[None]:
    """The import's connection set for a bulk load while the block runs, and set back afterwards.

    Ids are handed out by this single writer and every value is validated before it is queued, so the
    per-row foreign-key lookups and CHECK constraints are skipped during the import (``shopdesk check``
    verifies both); a larger page cache speeds up index inserts. The settings are the connection's own:
    readers and other writers keep theirs.
    """
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("PRAGMA cache_size = -131072")
    try:
        yield
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA ignore_check_constraints = OFF")
        conn.execute("PRAGMA cache_size = -2000")


def begin(conn: sqlite3.Connection, started_at: str, staff_id: int | None, staff_name: str, platform: str,
          mapping: str, files: list[dict[str, Any]]) -> int:
    """Record an import in the open transaction; returns its id."""
    cur = conn.execute(
        "INSERT INTO imports (started_at, staff_id, staff_name, platform, mapping, files) VALUES (?, ?, ?, ?, ?, ?)",
        (started_at, staff_id, staff_name, platform, mapping, json.dumps(files, ensure_ascii=False)))
    return inserted_id(cur)


def set_files(conn: sqlite3.Connection, import_id: int, files: list[dict[str, Any]]) -> None:
    """The files of an import, with the hashes taken while they were read."""
    conn.execute("UPDATE imports SET files = ? WHERE id = ?", (json.dumps(files, ensure_ascii=False), import_id))


def finish(conn: sqlite3.Connection, import_id: int, finished_at: str, rows_read: int, rows_imported: int,
           rows_rejected: int, summary: dict[str, Any]) -> None:
    """Store the import's counts and summary."""
    conn.execute("UPDATE imports SET finished_at = ?, rows_read = ?, rows_imported = ?, rows_rejected = ?,"
                 " summary = ? WHERE id = ?",
                 (finished_at, rows_read, rows_imported, rows_rejected, json.dumps(summary, ensure_ascii=False),
                  import_id))


def history(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every import, newest first."""
    return [dict(r) for r in conn.execute("SELECT * FROM imports ORDER BY id DESC")]


def get(conn: sqlite3.Connection, import_id: int) -> dict[str, Any] | None:
    """One import's record."""
    row = conn.execute("SELECT * FROM imports WHERE id = ?", (import_id,)).fetchone()
    return dict(row) if row else None


def next_id(conn: sqlite3.Connection, table: str) -> int:
    """The next free rowid of ``table`` (ids are handed out by the single writer)."""
    return conn.execute(f"SELECT COALESCE(MAX(rowid), 0) + 1 FROM {table}").fetchone()[0]


def codes(conn: sqlite3.Connection, table: str, key: str, where: str = "", params: tuple = ()) -> dict[str, int]:
    """``key`` → id of every row of ``table`` (products by code, customers by external id)."""
    sql = f"SELECT {key}, id FROM {table}" + (f" WHERE {where}" if where else "")
    return {k: i for k, i in conn.execute(sql, params)}


def existing_orders(conn: sqlite3.Connection, platform: str, order_nos: Iterable[str]) -> dict[str, sqlite3.Row]:
    """Stored orders of ``platform`` among ``order_nos``, by order number."""
    found: dict[str, sqlite3.Row] = {}
    nos = list(order_nos)
    for start in range(0, len(nos), 500):
        chunk = nos[start:start + 500]
        sql = (f"SELECT id, order_no, status, paid_at, total_cents, created_at FROM orders"
               f" WHERE platform = ? AND order_no IN ({','.join('?' * len(chunk))})")
        for row in conn.execute(sql, (platform, *chunk)):
            found[row["order_no"]] = row
    return found


def update_order(conn: sqlite3.Connection, import_id: int, row: sqlite3.Row, values: dict[str, Any]) -> None:
    """Change a stored order, keeping its values before for undo."""
    record_change(conn, import_id, "order", str(row["id"]), {k: row[k] for k in values})
    sets = ", ".join(f"{k} = :{k}" for k in values)
    conn.execute(f"UPDATE orders SET {sets} WHERE id = :id", {**values, "id": row["id"]})
    conn.execute("INSERT OR IGNORE INTO temp.touched_orders (id) VALUES (?)", (row["id"],))


def set_order(conn: sqlite3.Connection, order_id: int, values: dict[str, Any]) -> None:
    """Change an order the open import wrote itself (its undo removes it: no earlier values to keep)."""
    sets = ", ".join(f"{k} = :{k}" for k in values)
    conn.execute(f"UPDATE orders SET {sets} WHERE id = :id", {**values, "id": order_id})


def existing_cases(conn: sqlite3.Connection, case_nos: Iterable[str]) -> dict[str, int]:
    """Stored after-sales cases among ``case_nos``: case number → refund amount."""
    found: dict[str, int] = {}
    nos = list(case_nos)
    for start in range(0, len(nos), 500):
        chunk = nos[start:start + 500]
        sql = f"SELECT case_no, refund_cents FROM after_sales WHERE case_no IN ({','.join('?' * len(chunk))})"
        found.update({r[0]: r[1] for r in conn.execute(sql, chunk)})
    return found


def prepare_fixups(conn: sqlite3.Connection) -> None:
    """Temporary tables for the date fix-up of this transaction."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched_orders (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_dates (field TEXT, raw TEXT, iso TEXT, day TEXT,"
                 " PRIMARY KEY (field, raw))")
    conn.execute("DELETE FROM temp.touched_orders")
    conn.execute("DELETE FROM temp.import_dates")


def store_dates(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, str | None, str | None]]) -> None:
    """(field, raw text, ISO 8601, business day) of every distinct date value met."""
    conn.executemany("INSERT OR REPLACE INTO temp.import_dates VALUES (?, ?, ?, ?)", rows)


def apply_dates(conn: sqlite3.Connection, order_ids: list[int], case_nos: list[str]) -> None:
    """Replace the date texts written as in the file by their ISO values and business days.

    Only the rows named are touched: those whose dates streamed past before
    their column's day/month order was known.
    """
    def look(fieldname: str, column: str, what: str = "iso") -> str:
        # a text with no reading (a bad date, left for the problem list) keeps what the row has
        keep = f"{column.split('.')[0]}.day" if what == "day" else column
        return (f"COALESCE((SELECT {what} FROM temp.import_dates WHERE field = '{fieldname}'"
                f" AND raw = {column}), {keep})")
    conn.execute("DELETE FROM temp.touched_orders")
    conn.executemany("INSERT OR IGNORE INTO temp.touched_orders (id) VALUES (?)", [(i,) for i in order_ids])
    conn.execute(f"""UPDATE orders SET day = {look('created_at', 'orders.created_at', 'day')},
                         created_at = {look('created_at', 'orders.created_at')},
                         paid_at = COALESCE((SELECT iso FROM temp.import_dates WHERE field = 'created_at'
                                             AND raw = orders.paid_at), {look('paid_at', 'orders.paid_at')}),
                         shipped_at = {look('shipped_at', 'orders.shipped_at')},
                         delivered_at = {look('delivered_at', 'orders.delivered_at')}
                     WHERE id IN (SELECT id FROM temp.touched_orders)""")
    for start in range(0, len(case_nos), 500):
        chunk = case_nos[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for fieldname in ("opened_at", "created_at"):
            conn.execute(f"""UPDATE after_sales SET day = {look(fieldname, 'after_sales.opened_at', 'day')},
                                 opened_at = {look(fieldname, 'after_sales.opened_at')},
                                 refunded_at = {look(fieldname, 'after_sales.refunded_at')},
                                 resolved_at = {look(fieldname, 'after_sales.resolved_at')}
                             WHERE case_no IN ({marks}) AND day = ''""", chunk)


def drop_orders_with_dates(conn: sqlite3.Connection, import_id: int, field: str, raws: list[str]) -> list[str]:
    """Remove this import's new orders whose ``field`` holds one of ``raws``; returns their numbers."""
    gone: list[str] = []
    for start in range(0, len(raws), 500):
        chunk = raws[start:start + 500]
        marks = ",".join("?" * len(chunk))
        where = f"import_id = ? AND {field} IN ({marks})"
        gone += [r[0] for r in conn.execute(f"SELECT order_no FROM orders WHERE {where}", (import_id, *chunk))]
        conn.execute(f"DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE {where})",
                     (import_id, *chunk))
        conn.execute(f"DELETE FROM after_sales WHERE order_id IN (SELECT id FROM orders WHERE {where})",
                     (import_id, *chunk))
        conn.execute(f"DELETE FROM orders WHERE {where}", (import_id, *chunk))
    return gone


#: Tables whose rows name a product after its import (work done on it since): such a product stays on undo.
_LATER_PRODUCT_USES = ("purchase_order_lines", "slow_treatments", "delisting_applications", "product_targets",
                       "product_traffic_daily", "stock_reservations")


def undo(conn: sqlite3.Connection, import_id: int, at: str) -> dict[str, int]:
    """Remove what an import added and restore what it changed; returns counts."""
    counts = {}
    for row in conn.execute("SELECT entity, entity_id, before FROM import_changes WHERE import_id = ? ORDER BY id DESC",
                            (import_id,)).fetchall():
        values = json.loads(row["before"])
        table = {"order": "orders", "case": "after_sales", "traffic": "traffic_daily", "product": "products",
                 "product_traffic": "product_traffic_daily"}[row["entity"]]
        if table == "product_traffic_daily":
            day, product_id = json.loads(row["entity_id"])
            conn.execute("UPDATE product_traffic_daily SET visitors = :visitors, add_to_cart = :add_to_cart"
                         " WHERE day = :day AND product_id = :product_id",
                         {**values, "day": day, "product_id": product_id})
        elif table == "traffic_daily":
            day, channel = json.loads(row["entity_id"])
            sets = ", ".join(f"{k} = :{k}" for k in values)
            conn.execute(f"UPDATE traffic_daily SET {sets} WHERE day = :day AND channel = :channel",
                         {**values, "day": day, "channel": channel})
        else:
            sets = ", ".join(f"{k} = :{k}" for k in values)
            conn.execute(f"UPDATE {table} SET {sets} WHERE id = :id", {**values, "id": int(row["entity_id"])})
    counts["changes_reverted"] = conn.execute("SELECT COUNT(*) FROM import_changes WHERE import_id = ?",
                                              (import_id,)).fetchone()[0]
    counts["orders_removed"] = conn.execute("SELECT COUNT(*) FROM orders WHERE import_id = ?", (import_id,)).fetchone()[0]
    conn.execute("DELETE FROM reviews WHERE import_id = ?", (import_id,))
    conn.execute("DELETE FROM after_sales WHERE import_id = ?", (import_id,))
    conn.execute("DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE import_id = ?)", (import_id,))
    conn.execute("DELETE FROM orders WHERE import_id = ?", (import_id,))
    conn.execute("DELETE FROM stock_movements WHERE import_id = ?", (import_id,))
    conn.execute("DELETE FROM traffic_daily WHERE import_id = ?", (import_id,))
    conn.execute("DELETE FROM product_traffic_daily WHERE import_id = ?", (import_id,))
    counts["products_removed"] = conn.execute(
        "DELETE FROM products WHERE import_id = ? AND id NOT IN (SELECT product_id FROM order_lines"
        " WHERE product_id IS NOT NULL) AND id NOT IN (SELECT product_id FROM stock_movements)"
        " AND id NOT IN (SELECT product_id FROM after_sales WHERE product_id IS NOT NULL)"
        + "".join(f" AND id NOT IN (SELECT product_id FROM {t})" for t in _LATER_PRODUCT_USES), (import_id,)).rowcount
    counts["customers_removed"] = conn.execute(
        "DELETE FROM customers WHERE import_id = ? AND id NOT IN (SELECT customer_id FROM orders"
        " WHERE customer_id IS NOT NULL)", (import_id,)).rowcount
    conn.execute("DELETE FROM suppliers WHERE import_id = ? AND id NOT IN (SELECT supplier_id FROM products"
                 " WHERE supplier_id IS NOT NULL)", (import_id,))
    conn.execute("UPDATE imports SET status = 'undone', undone_at = ? WHERE id = ?", (at, import_id))
    refresh_statistics(conn)
    return counts


def record_change(conn: sqlite3.Connection, import_id: int, entity: str, entity_id: str,
                  before: dict[str, Any]) -> None:
    """Keep a row's values before an import changes it."""
    conn.execute("INSERT INTO import_changes (import_id, entity, entity_id, before) VALUES (?, ?, ?, ?)",
                 (import_id, entity, entity_id, json.dumps(before, ensure_ascii=False)))



def saved_mappings(conn: sqlite3.Connection) -> list[str]:
    """The JSON specs of the mappings users saved."""
    return [r[0] for r in conn.execute("SELECT spec FROM import_mappings ORDER BY name")]


def save_mapping(conn: sqlite3.Connection, name: str, spec: str, at: str) -> None:
    """Save (or replace) a user's mapping."""
    conn.execute("INSERT INTO import_mappings (name, spec, created_at) VALUES (?, ?, ?)"
                 " ON CONFLICT (name) DO UPDATE SET spec = excluded.spec", (name, spec, at))


def lines_fewer_than(conn: sqlite3.Connection, count: int) -> bool:
    """Whether the store holds fewer than ``count`` order lines (counting at most that many)."""
    found = conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM order_lines LIMIT ?)", (count,)).fetchone()[0]
    return found < count


def suspend_indexes(conn: sqlite3.Connection, tables: tuple[str, ...] = ("order_lines", "orders")) -> list[str]:
    """Drop the secondary indexes of ``tables`` for a bulk load (inside the import's transaction).

    Returns:
        Their ``CREATE INDEX`` statements, for :func:`restore_indexes`.
    """
    marks = ",".join("?" * len(tables))
    found = conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                         f" AND tbl_name IN ({marks})", tables).fetchall()
    for name, _sql in found:
        conn.execute(f'DROP INDEX "{name}"')
    return [statement for _name, statement in found]


def restore_indexes(conn: sqlite3.Connection, statements: list[str]) -> None:
    """Build the dropped indexes again: one sort each instead of a random insert per row."""
    for statement in statements:
        conn.execute(statement)


def preview(conn: sqlite3.Connection, import_id: int, limit: int) -> list[dict[str, Any]]:
    """The first orders an import wrote, as stored (read inside its transaction)."""
    rows = conn.execute(
        "SELECT o.order_no, o.day, o.created_at, o.status, o.paid_at, o.total_cents,"
        " (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id) AS lines, c.external_id AS customer"
        " FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.import_id = ? ORDER BY o.id LIMIT ?",
        (import_id, limit))
    return [dict(r) for r in rows]


# Writes of the import pipeline ---------------------------------------------------------------------

def insert_customers(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """(id, platform, external id, name, import id) rows."""
    conn.executemany("INSERT INTO customers (id, platform, external_id, name, import_id) VALUES (?, ?, ?, ?, ?)", rows)


def insert_line_products(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """Products first met on order lines: (id, code, name, price, stage, import id) rows."""
    conn.executemany("INSERT INTO products (id, code, name, price_cents, stage, import_id, updated_at)"
                     " VALUES (?, ?, ?, ?, ?, ?, datetime('now'))", rows)


def insert_orders(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """Order rows in the column order below, ids given."""
    conn.executemany(
        "INSERT INTO orders (id, platform, order_no, customer_id, channel, status, created_at, day, paid_at,"
        " shipped_at, delivered_at, goods_cents, discount_cents, shipping_cents, total_cents, carrier,"
        " tracking_no, import_id, region) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def insert_lines(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """Order line rows (order id, line no, product id, sku, title, quantity, unit price, discount)."""
    conn.executemany("INSERT INTO order_lines (order_id, line_no, product_id, sku, title, quantity, unit_price_cents,"
                     " discount_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def insert_cases(conn: sqlite3.Connection, rows: list[tuple]) -> int:
    """After-sales cases not stored yet (by case number); returns how many were new."""
    known = existing_cases(conn, [r[0] for r in rows])
    fresh = [r for r in rows if r[0] not in known]
    conn.executemany(
        "INSERT OR IGNORE INTO after_sales (case_no, order_id, product_id, kind, reason, status, opened_at,"
        " day, resolved_at, units, refund_cents, refunded_at, resolution, compensation, import_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", fresh)
    return len(fresh)


def find_order(conn: sqlite3.Connection, order_no: str, platform: str) -> int | None:
    """The id of order ``order_no``, preferring ``platform``'s."""
    row = conn.execute("SELECT id FROM orders WHERE order_no = ? ORDER BY platform = ? DESC LIMIT 1",
                       (order_no, platform)).fetchone()
    return row[0] if row else None


def order_ids(conn: sqlite3.Connection, platform: str) -> dict[str, int]:
    """Order number → id of every order of ``platform``."""
    return dict(conn.execute("SELECT order_no, id FROM orders WHERE platform = ?", (platform,)))


def insert_reviews(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """(platform, external id, order id, score, title, comment, created at, day, import id) rows, new ones only."""
    conn.executemany("INSERT OR IGNORE INTO reviews (platform, external_id, order_id, score, title, comment,"
                     " created_at, day, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def reviews_added(conn: sqlite3.Connection, import_id: int) -> int:
    """How many reviews an import wrote."""
    return conn.execute("SELECT COUNT(*) FROM reviews WHERE import_id = ?", (import_id,)).fetchone()[0]


def stock_levels(conn: sqlite3.Connection) -> dict[int, int]:
    """Stock on hand of every product."""
    return dict(conn.execute("SELECT product_id, quantity FROM stock_on_hand"))


def add_supplier(conn: sqlite3.Connection, name: str, import_id: int) -> int:
    """A supplier first met in a catalog export; returns its id."""
    cur = conn.execute("INSERT INTO suppliers (code, name, import_id) VALUES (?, ?, ?)", (name[:40], name, import_id))
    return inserted_id(cur)


def add_product(conn: sqlite3.Connection, values: dict[str, Any]) -> int:
    """A product from a catalog export; returns its id. Its listing day is unknown (the export does not say
    when it went on sale), so it counts as on sale all along."""
    cur = conn.execute(
        "INSERT INTO products (code, name, spec, category1, category2, category3, cost_cents, price_cents,"
        " supplier_id, safety_stock, stage, listed_at, updated_at, import_id, variant_of, sku)"
        " VALUES (:code, :name, :spec, :category1, :category2, :category3, :cost_cents, :price_cents,"
        " :supplier_id, :safety_stock, 'mature', NULL, :at, :import_id, :variant_of, :sku)", values)
    return inserted_id(cur)


def product_prices(conn: sqlite3.Connection, product_id: int) -> dict[str, Any]:
    """Name, price and cost of a product (to see whether an export changes them)."""
    row = conn.execute("SELECT name, price_cents, cost_cents FROM products WHERE id = ?", (product_id,)).fetchone()
    return dict(row)


def update_product(conn: sqlite3.Connection, product_id: int, name: str, price: int, cost: int | None,
                   at: str) -> None:
    """New name, price and (when given) cost of a product."""
    conn.execute("UPDATE products SET name = ?, price_cents = ?, cost_cents = COALESCE(?, cost_cents), updated_at = ?"
                 " WHERE id = ?", (name, price, cost, at, product_id))


def set_stock_tracked(conn: sqlite3.Connection, import_id: int, product_id: int, tracked: bool) -> None:
    """Mark whether the platform tracks a product's stock (the earlier mark kept for undo)."""
    old = conn.execute("SELECT stock_tracked FROM products WHERE id = ?", (product_id,)).fetchone()[0]
    if old != int(tracked):
        record_change(conn, import_id, "product", str(product_id), {"stock_tracked": old})
        conn.execute("UPDATE products SET stock_tracked = ? WHERE id = ?", (int(tracked), product_id))


def add_stock_movement(conn: sqlite3.Connection, product_id: int, kind: str, quantity: int, at: str, ref: str,
                       import_id: int | None) -> None:
    """One movement of the stock ledger (``at`` is store-local ISO text: its date is the day)."""
    conn.execute("INSERT INTO stock_movements (product_id, kind, quantity, at, day, ref, import_id)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?)", (product_id, kind, quantity, at, at[:10], ref, import_id))


def product_codes(conn: sqlite3.Connection) -> dict[str, int]:
    """Every product's code and platform SKU → its id (a code wins over another product's equal SKU)."""
    found = {sku: pid for pid, sku in conn.execute("SELECT id, sku FROM products WHERE sku != ''")}
    found.update({code: pid for pid, code in conn.execute("SELECT id, code FROM products")})
    return found
