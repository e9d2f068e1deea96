"""Importing files, the import history (數據源清單) and undoing an import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shopdesk.domain.clock import iso, now
from shopdesk.domain.jobs import CancelToken, Progress, no_progress
from shopdesk.domain.roles import Permission
from shopdesk.importers.dates import AmbiguousDates
from shopdesk.importers.mapping import LINE_FIELDS, ORDER_FIELDS, PRODUCT_FIELDS, RETURN_FIELDS, TRAFFIC_FIELDS, Mapping
from shopdesk.importers.pipeline import (
    ImportOptions,
    ImportResult,
    NoMapping,
    available_mappings,
    run_import,
    undo_import,
)
from shopdesk.importers.reading import open_tables
from shopdesk.services.session import Session
from shopdesk.store import audit
from shopdesk.store import imports as sql

#: What the window and the command line name of an import (they import ``services``, never ``importers``).
__all__ = ["LINE_FIELDS", "ORDER_FIELDS", "PRODUCT_FIELDS", "RETURN_FIELDS", "TRAFFIC_FIELDS", "AmbiguousDates",
           "ImportOptions", "ImportResult", "Mapping", "NoMapping", "history", "import_files", "mappings", "peek",
           "save_mapping", "undo"]


def import_files(session: Session, paths: list[Path], options: ImportOptions | None = None,
                 progress: Progress = no_progress, cancel: CancelToken | None = None) -> ImportResult:
    """Import ``paths`` as the session's staff member (see :func:`run_import`)."""
    session.require(Permission.IMPORT_DATA)
    return run_import(session.store, session.actor, paths, options, progress, cancel)


def undo(session: Session, import_id: int) -> dict[str, int]:
    """Undo a whole import."""
    session.require(Permission.IMPORT_DATA)
    return undo_import(session.store, session.actor, import_id)


def history(session: Session) -> list[dict[str, Any]]:
    """Every import with its files, staff, counts and status, newest first."""
    session.require(Permission.IMPORT_DATA)
    out = []
    for record in sql.history(session.store.conn):
        record = dict(record)
        record["files"] = json.loads(record["files"])
        record["summary"] = json.loads(record["summary"] or "{}")
        out.append(record)
    return out


def save_mapping(session: Session, mapping: Mapping) -> None:
    """Keep a mapping made in the wizard under its name, audited."""
    session.require(Permission.IMPORT_DATA)
    with session.store.transaction() as conn:
        sql.save_mapping(conn, mapping.name, mapping.to_json(), iso(now(session.timezone)))
        audit.record(conn, session.actor, "mapping.saved", "mapping", mapping.name, None,
                     {"columns": mapping.columns}, tz=session.timezone)


def peek(paths: list[Path], encoding: str | None = None, rows: int = 8) -> list[dict[str, Any]]:
    """The header and first rows of each table of ``paths``, for the mapping dialog."""
    out = []
    for path in paths:
        for table in open_tables(Path(path), encoding):
            sample = []
            for _number, cells in table.rows:
                sample.append(cells)
                if len(sample) >= rows:
                    break
            table.close()
            out.append({"name": table.name, "header": table.header, "rows": sample, "encoding": table.encoding})
    return out


def mappings(session: Session) -> list[Mapping]:
    """Every mapping the wizard can offer: built-in and saved."""
    session.require(Permission.IMPORT_DATA)
    return available_mappings(session.store)
