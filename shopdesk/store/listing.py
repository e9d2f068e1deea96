"""Listing applications and the banned-word lists."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from shopdesk.store.db import inserted_id


def _row(r: sqlite3.Row) -> dict[str, Any]:
    row = dict(r)
    for key in ("attributes", "variants", "findings"):
        row[key] = json.loads(row[key])
    return row


def add(conn: sqlite3.Connection, values: dict[str, Any]) -> int:
    """A new application; returns its id."""
    data = {**values, **{k: json.dumps(values[k], ensure_ascii=False) for k in ("attributes", "variants", "findings")}}
    cur = conn.execute(
        "INSERT INTO listing_applications (code, name, description, category, cost_cents, supplier, attributes,"
        " variants, findings, applied_by, applied_at) VALUES (:code, :name, :description, :category, :cost_cents,"
        " :supplier, :attributes, :variants, :findings, :applied_by, :applied_at)", data)
    return inserted_id(cur)


def get(conn: sqlite3.Connection, application_id: int) -> dict[str, Any] | None:
    """One application."""
    row = conn.execute("SELECT * FROM listing_applications WHERE id = ?", (application_id,)).fetchone()
    return _row(row) if row else None


def listing(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every application, waiting ones first, newest first."""
    rows = conn.execute("SELECT * FROM listing_applications ORDER BY status != 'applied', id DESC")
    return [_row(r) for r in rows]


def decide(conn: sqlite3.Connection, application_id: int, status: str, by: str, at: str, reason: str) -> None:
    """Approve or reject an application."""
    conn.execute("UPDATE listing_applications SET status = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ?",
                 (status, by, at, reason, application_id))


def code_taken(conn: sqlite3.Connection, code: str) -> bool:
    """Whether a product or a waiting application already uses ``code``."""
    return conn.execute("SELECT EXISTS (SELECT 1 FROM products WHERE code = ? OR code LIKE ? || '/%')"
                        " OR EXISTS (SELECT 1 FROM listing_applications WHERE code = ? AND status = 'applied')",
                        (code, code, code)).fetchone()[0] == 1


def add_listed_product(conn: sqlite3.Connection, values: dict[str, Any]) -> int:
    """A product that goes live on approval; returns its id."""
    cur = conn.execute(
        "INSERT INTO products (code, name, spec, category1, cost_cents, price_cents, supplier_id, safety_stock, stage,"
        " listed_at, updated_at, variant_of, sku, stock_tracked) VALUES (:code, :name, :spec, :category, :cost_cents,"
        " :price_cents, :supplier_id, :safety_stock, 'new', :at, :at, :variant_of, :code, 1)", values)
    return inserted_id(cur)


def supplier_id(conn: sqlite3.Connection, name: str) -> int:
    """The id of supplier ``name``, added when new."""
    row = conn.execute("SELECT id FROM suppliers WHERE name = ?", (name,)).fetchone()
    if row:
        return row[0]
    return inserted_id(conn.execute("INSERT INTO suppliers (code, name) VALUES (?, ?)", (name[:40], name)))


def banned_words(conn: sqlite3.Connection, language: str) -> list[str]:
    """The store's banned words of ``language`` (empty: none stored)."""
    return [r[0] for r in conn.execute("SELECT word FROM banned_words WHERE language = ? ORDER BY word", (language,))]


def set_banned_words(conn: sqlite3.Connection, language: str, words: list[str]) -> None:
    """Replace the banned words of ``language``."""
    conn.execute("DELETE FROM banned_words WHERE language = ?", (language,))
    conn.executemany("INSERT OR IGNORE INTO banned_words (language, word) VALUES (?, ?)",
                     [(language, w) for w in words])
