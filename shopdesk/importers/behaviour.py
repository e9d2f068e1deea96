"""The platform's behaviour log (Taobao UserBehavior: ``user, item, category, behaviour, unix time``, often
without a header) as a traffic source: per day, the store's visitors (users with any event), page views
(``pv`` events) and add-to-cart (users with a ``cart`` event); per day and product, the product's visitors
(users who viewed it) and add-to-cart, for the products of the store the items name (by code or SKU).
Purchases (``buy``) come from the order exports, favourites (``fav``) are not counted.

Days are the store's business days of the events' times. An event days away from every other one in the
log (a clock error in the export) is a problem: it would make a day of its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3

from shopdesk.domain.clock import business_day
from shopdesk.i18n import _
from shopdesk.importers.mapping import Mapping
from shopdesk.importers.problems import Problems
from shopdesk.importers.reading import Table
from shopdesk.store import imports as sql
from shopdesk.store import product_weekly, traffic

BEHAVIOURS = ("pv", "cart", "fav", "buy")
#: An event further than this from every other day of the log is a stray (no day of its own).
ISOLATED_DAYS = 7


def headerless(table: Table, mappings: list[Mapping]) -> Mapping | None:
    """The behaviour-log mapping a table without a header fits (its first row is data, the columns in the
    mapping's ``headerless`` order); the table then reads that row as row 1 and names its columns."""
    for mapping in mappings:
        names = mapping.options.get("headerless")
        if not names or len(table.header) != len(names):
            continue
        cells = dict(zip(names, table.header, strict=True))
        if cells.get("behavior", "").strip().lower() in BEHAVIOURS and cells.get("time", "").strip().isdigit():
            table.rows = itertools.chain([(1, list(table.header))], table.rows)
            table.records = None
            table.header = [mapping.columns[n][0] for n in names]
            return mapping
    return None


def import_behaviour(conn: sqlite3.Connection, import_id: int, table: Table, mapping: Mapping, problems: Problems,
                     tz: str) -> tuple[int, int]:
    """Daily traffic of the store and of its products from the log; returns (rows read, days written)."""
    index = mapping.resolve(table.header)
    events: list[tuple[int, str, str, str, str, list[str]]] = []  # (row, day, user, item, behaviour, cells)
    read = 0

    def refuse(row: int, cells: list[str], field: str, value: str, reason: str) -> None:
        problems.add(table.name, row, table.header[index[field]], value, reason)
        problems.reject(table.file, table.sheet, table.header, row, cells, reason)
    for row, cells in table.rows:
        read += 1
        cells = cells + [""] * (len(table.header) - len(cells))
        kind = cells[index["behavior"]].strip().lower()
        raw = cells[index["time"]].strip()
        if kind not in BEHAVIOURS:
            refuse(row, cells, "behavior", kind, _("'{value}' is not one of {known}.").format(
                value=kind, known=", ".join(BEHAVIOURS)))
            continue
        try:
            moment = dt.datetime.fromtimestamp(int(raw), dt.UTC)
        except (ValueError, OverflowError, OSError):
            refuse(row, cells, "time", raw, _("not a time in seconds since 1970"))
            continue
        events.append((row, business_day(moment, tz).isoformat(), cells[index["user"]].strip(),
                       cells[index["item"]].strip(), kind, cells))
    days = sorted({e[1] for e in events})
    stray = {d for d in days if _isolated(d, days)}
    for row, day, _user, _item, _kind, cells in events:
        if day in stray:
            refuse(row, cells, "time", cells[index["time"]].strip(), _(
                "{day} is more than {days} days away from every other day of the log").format(
                day=day, days=ISOLATED_DAYS))
    kept = [e for e in events if e[1] not in stray]
    return read, _write_store(conn, import_id, kept) + _write_products(conn, import_id, kept)


def _isolated(day: str, days: list[str]) -> bool:
    me = dt.date.fromisoformat(day)
    return all(abs((dt.date.fromisoformat(other) - me).days) > ISOLATED_DAYS for other in days if other != day)


def _write_store(conn: sqlite3.Connection, import_id: int, events: list) -> int:
    visitors: dict[str, set[str]] = {}
    carts: dict[str, set[str]] = {}
    views: dict[str, int] = {}
    for _row, day, user, _item, kind, _cells in events:
        visitors.setdefault(day, set()).add(user)
        if kind == "cart":
            carts.setdefault(day, set()).add(user)
        if kind == "pv":
            views[day] = views.get(day, 0) + 1
    written = 0
    for day in sorted(visitors):
        counts = {"visitors": len(visitors[day]), "page_views": views.get(day, 0),
                  "add_to_cart": len(carts.get(day, ()))}
        old = traffic.get(conn, day, "")
        if old is None:
            traffic.put(conn, day, "", counts, import_id=import_id)
            written += 1
        elif any(old[k] != v for k, v in counts.items()):
            sql.record_change(conn, import_id, "traffic", json.dumps([day, ""]), old)
            traffic.put(conn, day, "", {**old, **counts})
            written += 1
    return written


def _write_products(conn: sqlite3.Connection, import_id: int, events: list) -> int:
    products = sql.product_codes(conn)
    viewers: dict[tuple[str, int], set[str]] = {}
    carts: dict[tuple[str, int], set[str]] = {}
    for _row, day, user, item, kind, _cells in events:
        pid = products.get(item)
        if pid is None:
            continue  # an item of another shop, or not in the catalog yet
        if kind == "pv":
            viewers.setdefault((day, pid), set()).add(user)
        elif kind == "cart":
            carts.setdefault((day, pid), set()).add(user)
    written = 0
    for day, pid in sorted(set(viewers) | set(carts)):
        new = {"visitors": len(viewers.get((day, pid), ())), "add_to_cart": len(carts.get((day, pid), ()))}
        old = product_weekly.get_traffic(conn, day, pid)
        if old == new:
            continue
        if old is not None:
            sql.record_change(conn, import_id, "product_traffic", json.dumps([day, pid]), old)
        product_weekly.put_traffic(conn, day, pid, new["visitors"], new["add_to_cart"],
                               import_id=None if old is not None else import_id)
        written += 1
    return written
