"""The store overview: what the file holds, for the Overview tab and ``about``."""

from __future__ import annotations

from dataclasses import dataclass

from shopdesk.services.session import Session
from shopdesk.store import backup, bulk, paging, settings


@dataclass(frozen=True)
class StoreOverview:
    """Counts and dates describing one store."""

    store_name: str
    path: str
    schema_version: int
    currency: str
    timezone: str
    counts: dict[str, int]
    first_order_day: str | None
    last_order_day: str | None
    last_backup: str | None
    backups: int
    is_demo: bool


def store_overview(session: Session) -> StoreOverview:
    """Describe the session's store."""
    conn = session.store.conn
    first, last = paging.order_day_range(conn)
    backups = backup.list_backups(session.store.path)
    return StoreOverview(
        store_name=settings.get(conn, "store.name"),
        path=str(session.store.path),
        schema_version=session.store.schema_version,
        currency=session.currency,
        timezone=session.timezone,
        counts=bulk.table_counts(conn),
        first_order_day=first,
        last_order_day=last,
        last_backup=backups[0].name if backups else None,
        backups=len(backups),
        is_demo=bulk.is_demo(conn),
    )
