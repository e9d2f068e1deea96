"""Sums behind the supplier scorecard."""

from __future__ import annotations

import sqlite3


def suppliers(conn: sqlite3.Connection) -> list[tuple[int, str, int, int, int, str]]:
    """(id, name, lead time, dropship, minimum order, payment terms) of every supplier, by name."""
    return conn.execute("SELECT id, name, lead_time_days, dropship, min_order_qty, payment_terms FROM suppliers"
                        " ORDER BY name").fetchall()


def received_orders(conn: sqlite3.Connection) -> dict[int, list[tuple[str, str]]]:
    """Supplier id → (received day, expected day) of its received replenishment orders."""
    out: dict[int, list[tuple[str, str]]] = {}
    for sid, got, due in conn.execute("SELECT supplier_id, substr(received_at, 1, 10), expected_on"
                                      " FROM purchase_orders WHERE status = 'received' AND supplier_id IS NOT NULL"):
        out.setdefault(sid, []).append((got, due))
    return out


def quality(conn: sqlite3.Connection) -> dict[int, tuple[int, int]]:
    """Supplier id → (units passing QC, units checked) of its checked orders."""
    rows = conn.execute("""SELECT o.supplier_id, SUM(l.passed), SUM(l.quantity) FROM purchase_orders o
                           JOIN purchase_order_lines l ON l.order_id = o.id
                           WHERE l.passed IS NOT NULL AND o.supplier_id IS NOT NULL GROUP BY o.supplier_id""")
    return {sid: (passed, checked) for sid, passed, checked in rows}


def costs(conn: sqlite3.Connection) -> list[tuple[int, str, int]]:
    """(supplier id, category, cost) of the products with a supplier and a cost."""
    return conn.execute("SELECT supplier_id, category1, cost_cents FROM products"
                        " WHERE supplier_id IS NOT NULL AND cost_cents IS NOT NULL AND stage != 'delisted'").fetchall()


def dropship_shipping(conn: sqlite3.Connection, first: str, last: str) -> dict[int, list[tuple[str, str]]]:
    """Dropship supplier id → (paid at, shipped at) of the shipped paid orders holding its products."""
    out: dict[int, list[tuple[str, str]]] = {}
    rows = conn.execute(
        """SELECT DISTINCT s.id, o.id, o.paid_at, o.shipped_at FROM orders o
           JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
           JOIN suppliers s ON s.id = p.supplier_id
           WHERE s.dropship = 1 AND o.paid_at IS NOT NULL AND o.shipped_at IS NOT NULL AND o.day BETWEEN ? AND ?""",
        (first, last))
    for sid, _order, paid, shipped in rows:
        out.setdefault(sid, []).append((paid, shipped))
    return out


TERMS = ("lead_time_days", "min_order_qty", "payment_terms", "dropship")


def terms(conn: sqlite3.Connection) -> list[dict]:
    """Every supplier with its contact and terms, by name."""
    return [dict(r) for r in conn.execute(
        f"SELECT id, code, name, contact, phone, {', '.join(TERMS)} FROM suppliers ORDER BY name")]


def by_name(conn: sqlite3.Connection, name: str) -> dict | None:
    """The supplier called ``name`` (or with that code), with its terms, or ``None``."""
    row = conn.execute(f"SELECT id, code, name, {', '.join(TERMS)} FROM suppliers WHERE name = ? OR code = ?"
                       " ORDER BY name = ? DESC LIMIT 1", (name, name, name)).fetchone()
    return dict(row) if row else None


def set_terms(conn: sqlite3.Connection, supplier_id: int, values: dict) -> None:
    """Write the terms given (keys of :data:`TERMS`)."""
    sets = ", ".join(f"{k} = :{k}" for k in values)
    conn.execute(f"UPDATE suppliers SET {sets} WHERE id = :id", {**values, "id": supplier_id})
