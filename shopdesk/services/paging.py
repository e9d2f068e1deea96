"""Orders, order lines and products as tables: pages for the tabs, files for export.

One function serves both the lazy table on screen and the CSV/Excel export,
so they cannot disagree. Cost prices and suppliers are masked for roles that
may not see them (SPEC §8), on screen and in exports alike.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from shopdesk.domain.cells import csv_row
from shopdesk.domain.jobs import CancelToken, Progress, no_progress
from shopdesk.domain.money import from_minor
from shopdesk.domain.paging import Query
from shopdesk.domain.roles import MASK, Permission
from shopdesk.domain.vocabularies import CODED_CELL_LABELS
from shopdesk.i18n import N_, _
from shopdesk.services.exporting import xlsx_row
from shopdesk.services.session import Session
from shopdesk.store import paging

LABELS: dict[str, str] = {
    "order_no": N_("Order no."), "day": N_("Day"), "created_at": N_("Created"), "status": N_("Status"),
    "customer": N_("Customer"), "platform": N_("Platform"), "total": N_("Amount"), "paid_at": N_("Paid"),
    "shipped_at": N_("Shipped"), "lines": N_("Lines"), "line_no": N_("Line"), "sku": N_("SKU"),
    "title": N_("Item"), "quantity": N_("Quantity"), "unit_price": N_("Unit price"), "amount": N_("Line amount"),
    "code": N_("Product code"), "name": N_("Name"), "spec": N_("Spec"), "category": N_("Category"),
    "stage": N_("Stage"), "price": N_("Price"), "cost": N_("Cost"), "stock": N_("Stock"),
    "safety_stock": N_("Safety stock"), "supplier": N_("Supplier"), "owner": N_("Person in charge"), "listed_at": N_("Listed"),
    "updated_at": N_("Updated"),
}
MONEY = frozenset({"total", "unit_price", "amount", "price", "cost"})
SENSITIVE = frozenset({"cost", "supplier"})
_PERMISSION = {"orders": Permission.VIEW_ORDERS, "lines": Permission.VIEW_ORDERS, "products": Permission.VIEW_PRODUCTS}


def columns(query: Query) -> list[str]:
    """The column keys of a query's rows."""
    return list(paging.columns(query))


def _masker(session: Session, query: Query):
    from shopdesk.services.masking import may_see
    hidden = [i for i, key in enumerate(columns(query)) if key in SENSITIVE]
    if not hidden or may_see(session):
        return lambda rows: rows

    def mask(rows: list[tuple]) -> list[tuple]:
        out = []
        for row in rows:
            values = list(row)
            for i in hidden:
                values[i] = MASK
            out.append(tuple(values))
        return out
    return mask


def page(session: Session, query: Query, offset: int, limit: int) -> list[tuple]:
    """One page of rows, raw values (money in minor units), sensitive columns masked."""
    session.require(_PERMISSION[query.kind])
    return _masker(session, query)(paging.page(session.store.conn, query, offset, limit))


def total(session: Session, query: Query) -> int:
    """How many rows the query has."""
    session.require(_PERMISSION[query.kind])
    return paging.count(session.store.conn, query)


def order_statuses(session: Session) -> list[str]:
    """The order statuses in the store, for the status filter."""
    session.require(Permission.VIEW_ORDERS)
    return paging.statuses(session.store.conn)


def categories(session: Session, parents: tuple[str, ...] = ()) -> list[str]:
    """The categories one level below ``parents`` (the top level when empty), for the category filters."""
    session.require(Permission.VIEW_PRODUCTS)
    return paging.categories(session.store.conn, parents)


def owners(session: Session) -> list[tuple[str, str]]:
    """(username, name) of the staff owning products, for the owner filter."""
    session.require(Permission.VIEW_PRODUCTS)
    return paging.owners(session.store.conn)


def cell_text(key: str, value: Any, currency: str) -> Any:
    """A raw value as an export writes it: money as a decimal, statuses translated."""
    if value is None or value == MASK:
        return "" if value is None else value
    if key in MONEY:
        return from_minor(value, currency)
    if key in ("status", "stage"):
        return _(CODED_CELL_LABELS.get(value, value))
    return value


def export(session: Session, query: Query, path: Path, progress: Progress = no_progress,
           cancel: CancelToken | None = None) -> int:
    """Write every row of the query to ``path`` (``.csv`` or ``.xlsx``); returns the rows written.

    The file is written beside and renamed into place at the end, so a
    cancelled or failed export leaves no half file. Text that a spreadsheet
    would run as a formula is written as text (:mod:`shopdesk.domain.cells`).
    """
    cancel = cancel or CancelToken()
    session.require(_PERMISSION[query.kind])
    keys = columns(query)
    header = [_(LABELS[k]) for k in keys]
    currency = session.currency
    mask = _masker(session, query)
    conn = session.store.reader()  # a connection of the exporting thread's own
    expected = paging.count(conn, query) or 1
    partial = path.with_name(path.name + ".part")
    written = 0
    try:
        if path.suffix.lower() == ".xlsx":
            import openpyxl
            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet("ShopDesk")
            sheet.append(xlsx_row(sheet, header))
            for rows in paging.stream(conn, query):
                cancel.check()
                for row in mask(rows):
                    sheet.append(xlsx_row(sheet, [cell_text(k, v, currency) for k, v in zip(keys, row, strict=True)]))
                written += len(rows)
                progress(written, expected, "")
            book.save(partial)
        else:
            with partial.open("w", encoding="utf-8-sig", newline="") as fh:
                out = csv.writer(fh)
                out.writerow(csv_row(header))
                for rows in paging.stream(conn, query):
                    cancel.check()
                    out.writerows(csv_row(cell_text(k, v, currency) for k, v in zip(keys, row, strict=True))
                                  for row in mask(rows))
                    written += len(rows)
                    progress(written, expected, "")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
        conn.close()
    return written
