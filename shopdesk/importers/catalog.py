"""Products from catalog exports (Shopify, WooCommerce, a plain product list).

One product row per sellable variant: Shopify's variants and WooCommerce's
variations become products of their own, named after their parent with the
option values as spec; image-only rows and variable containers are not
products. A stock column sets stock on hand through a stock-take movement
where the export tracks the product's stock (its tracking column, when it has
one); an untracked product is marked so, never given zero stock. Without a
stock column, stock is left alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from shopdesk.domain.clock import iso, now
from shopdesk.domain.stock import is_tracked_value
from shopdesk.i18n import _
from shopdesk.importers import values
from shopdesk.importers.mapping import Mapping
from shopdesk.importers.problems import Problems
from shopdesk.importers.reading import Table
from shopdesk.store import imports as sql


def _categories(text: str) -> tuple[str, str, str]:
    parts = [p.strip() for p in text.split(",")[0].split(">") if p.strip()]
    parts = (parts + ["", "", ""])[:3] if len(parts) <= 3 else parts[:2] + [" > ".join(parts[2:])]
    return parts[0], parts[1], parts[2]


def import_products(conn: sqlite3.Connection, import_id: int, table: Table, mapping: Mapping,
                    amount: Callable[[str], int], problems: Problems, tz: str, skip: bool) -> dict[str, int]:
    """Add or update the products of one table; returns counts."""
    index = mapping.resolve(table.header)
    multi = {f: mapping.resolve_all(table.header, f) for f in mapping.options.get("multi", [])}
    containers = set(mapping.options.get("containers", []))
    width = len(table.header)
    stamp = iso(now(tz))
    codes = sql.codes(conn, "products", "code")
    suppliers = sql.codes(conn, "suppliers", "name")
    stock = sql.stock_levels(conn)
    by_external: dict[str, str] = {}
    parents: dict[str, dict[str, str]] = {}
    added = rows = 0
    data = list(table.rows)
    sku_uses: dict[str, int] = {}
    # Only an export of variants (a parent column, or spec columns joined) writes one SKU on several variants;
    # elsewhere a code column is the product's code on every row: a repeated code is the same product, updated.
    variants = "parent" in index or any(multi.values())
    if "code" in index and variants:
        for _row, cells in data:
            sku = values.text_id(cells[index["code"]]) if index["code"] < len(cells) else ""
            sku_uses[sku] = sku_uses.get(sku, 0) + 1
    short = None
    for row, cells in data:
        rows += 1
        if len(cells) < width:
            short = (row, problems.short_row(table, row, cells, skip))
            continue

        def get(f: str, cells: list[str] = cells) -> str:
            return cells[index[f]].strip() if f in index else ""

        def bad(f: str, value: str, reason: str, row: int = row, cells: list[str] = cells) -> None:
            problems.add(table.name, row, table.header[index[f]] if f in index else f, value, reason)
            if skip:
                problems.reject(table.file, table.sheet, table.header, row, cells, reason)

        parent_key = get("parent")
        if mapping.options.get("group_by_parent") and parent_key:
            info = parents.setdefault(parent_key, {})
            for f in ("name", "supplier", "category"):
                if get(f) and not info.get(f):
                    info[f] = get(f)
        else:
            info = {}
        if get("product_type") in containers:
            by_external[get("external_id")] = get("code") or get("name")
            continue
        raw_price = get("price") or get("sale_price")
        if not raw_price:
            if (get("code") or get("name")) and "price" in mapping.required and not variants:
                bad("price", "", _("missing value"))  # a product row: its price is required, never 0
            continue  # an image-only or description row: no variant on it
        spec_parts = [cells[i].strip() for i in multi.get("spec", []) if cells[i].strip()]
        if mapping.options.get("skip_default_title"):
            spec_parts = [p for p in spec_parts if p != "Default Title"]
        spec = " / ".join(spec_parts) or get("spec")
        name = get("name") or info.get("name", "")
        parent_code = ""
        if parent_key.startswith("id:"):
            parent_code = by_external.get(parent_key[3:], "")
        elif parent_key:
            parent_code = parent_key if mapping.options.get("group_by_parent") else by_external.get(parent_key,
                                                                                                   parent_key)
        sku = values.text_id(get("code"))
        code = sku if sku and (not variants or sku_uses.get(sku, 0) == 1) else ""  # a SKU variants share is no code
        if not code:
            code = "/".join(p for p in (parent_code or get("external_id") or name, *spec_parts) if p)
        if not code or not name:
            bad("name" if not name else "code", "", _("a product needs a code and a name"))
            continue
        try:
            price, cost, quantity, safety = _numbers(get, raw_price, amount)
        except _BadValue as exc:
            bad(exc.fieldname, exc.raw, exc.reason)
            continue
        category = _categories(get("category") or info.get("category", ""))
        supplier_name = get("supplier") or info.get("supplier", "")
        supplier_id = None
        if supplier_name:
            supplier_id = suppliers.get(supplier_name)
            if supplier_id is None:
                supplier_id = suppliers[supplier_name] = sql.add_supplier(conn, supplier_name, import_id)
        product_id = codes.get(code)
        if product_id is None:
            product_id = codes[code] = sql.add_product(conn, {
                "code": code, "name": name, "spec": spec, "category1": category[0], "category2": category[1],
                "category3": category[2], "cost_cents": cost, "price_cents": price, "supplier_id": supplier_id,
                "safety_stock": safety or 0, "at": stamp, "import_id": import_id, "variant_of": parent_code,
                "sku": sku})
            added += 1
        else:
            old = sql.product_prices(conn, product_id)
            if (old["name"], old["price_cents"], old["cost_cents"]) != (name, price, cost if cost is not None
                                                                          else old["cost_cents"]):
                sql.record_change(conn, import_id, "product", str(product_id), old)
                sql.update_product(conn, product_id, name, price, cost, stamp)
        by_external[get("external_id")] = code
        # the stock counts where the export gives a quantity and (when it has a tracking column) tracks it
        tracked = quantity is not None and ("stock_tracked" not in index or is_tracked_value(get("stock_tracked")))
        if tracked and quantity is not None:
            delta = quantity - stock.get(product_id, 0)
            if delta:
                sql.add_stock_movement(conn, product_id, "stocktake", delta, stamp, table.file.name, import_id)
                stock[product_id] = quantity
        if quantity is not None or "stock_tracked" in index:
            sql.set_stock_tracked(conn, import_id, product_id, tracked)
    problems.cut_file(table, short, data[-1][0] if data else 0)
    return {"rows": rows, "products_added": added}


class _BadValue(ValueError):
    def __init__(self, fieldname: str, raw: str, reason: str) -> None:
        super().__init__(reason)
        self.fieldname, self.raw, self.reason = fieldname, raw, reason


def _numbers(get: Callable[[str], str], raw_price: str,
             amount: Callable[[str], int]) -> tuple[int, int | None, int | None, int | None]:
    """Price, cost, stock and safety stock of a row; raises :class:`_BadValue` naming the field."""
    found: list[int | None] = []
    for fieldname, parse in (("price", amount), ("cost", amount), ("stock", values.quantity),
                             ("safety_stock", values.quantity)):
        raw = raw_price if fieldname == "price" else get(fieldname)
        try:
            number = parse(raw) if raw or fieldname == "price" else None
        except ValueError as exc:
            raise _BadValue(fieldname, raw, str(exc)) from None
        if number is not None and number < 0 and fieldname != "stock":
            raise _BadValue(fieldname, raw, _("a negative price") if fieldname != "safety_stock"
                            else _("cannot be negative"))
        found.append(number)
    price, cost, stock, safety = found
    assert price is not None  # always parsed: ``amount`` never gives None
    return price, cost, stock, safety
