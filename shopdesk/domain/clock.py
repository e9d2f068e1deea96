"""Time: timestamps keep their offset; the business day is the store's local date."""

from __future__ import annotations

import datetime as dt
import zoneinfo


def now(tz: str) -> dt.datetime:
    """The current time in the store's time zone, with its offset."""
    return dt.datetime.now(zoneinfo.ZoneInfo(tz))


def business_day(moment: dt.datetime, tz: str) -> dt.date:
    """The date of ``moment`` in the store's time zone ``tz``.

    A naive ``moment`` is taken to be store-local already.
    """
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(zoneinfo.ZoneInfo(tz)).date()


def iso(moment: dt.datetime) -> str:
    """ISO 8601 text that keeps the offset ``moment`` came with."""
    return moment.isoformat(timespec="seconds")
