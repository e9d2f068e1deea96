"""Recognising a date column from all its values, never by guessing.

A column's day/month order is decided from every value it holds: a first
number above 12 means day first, a second number above 12 means month first.
When no value decides it, the caller must say (``--date-order`` or the
wizard's question); :class:`AmbiguousDates` names the column and two values.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable

from shopdesk.domain import errors
from shopdesk.i18n import N_, _

ORDERS = ("dmy", "mdy", "ymd")
_PATTERN = re.compile(
    r"^\s*(\d{1,4})[/.\-年](\d{1,2})[/.\-月](\d{1,4})日?"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|UTC|[+-]\d{2}:?\d{2})?\s*$")
_EMPTY = {"", "0000-00-00", "0000-00-00 00:00:00", "0000/00/00", "null", "NULL", "-", "—"}


class AmbiguousDates(errors.ShopDeskError):
    """The day/month order of a date column cannot be told from its values."""

    msgid = N_("{file}, column {column}: dates such as {first} and {second} can be read day-first or "
               "month-first. Say which with --date-order dmy or --date-order mdy.")
    exit_code = 2


class MixedDates(errors.ShopDeskError):
    """A date column holds both day-first and month-first values."""

    msgid = N_("{file}, column {column}: {first} is day-first but {second} is month-first; the column "
               "cannot be read one way.")
    exit_code = 2


def is_empty(raw: str) -> bool:
    """Whether a date cell means "no date" (blank, 0000-00-00, …)."""
    return raw.strip() in _EMPTY


def _offset(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text in ("Z", "UTC"):
        return dt.UTC
    sign = 1 if text[0] == "+" else -1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def decide_order(values: Iterable[str], file: str, column: str, given: str | None) -> str:
    """The column's order of date parts: ``ymd``, ``dmy`` or ``mdy``.

    Raises:
        AmbiguousDates: no value tells day from month and ``given`` is None.
        MixedDates: values contradict each other.
    """
    day_first = month_first = None
    undecided: list[str] = []
    for raw in values:
        m = _PATTERN.match(raw)
        if not m or len(m.group(1)) == 4 or raw.strip().isdigit():
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 and b > 12:  # no date at all (31/31/2020): its row reports it when it is read
            continue
        if a > 12 and day_first is None:
            day_first = raw
        elif b > 12 and month_first is None:
            month_first = raw
        elif a <= 12 and b <= 12 and a != b and len(undecided) < 2 and raw not in undecided:
            undecided.append(raw)
    if day_first and month_first:
        raise MixedDates(file=file, column=column, first=day_first, second=month_first)
    if day_first:
        return "dmy"
    if month_first:
        return "mdy"
    if given in ("dmy", "mdy"):
        return given
    if undecided:
        examples = undecided + undecided[:1]
        raise AmbiguousDates(file=file, column=column, first=examples[0], second=examples[1])
    return given or "ymd"


def outside_reason(years: tuple[int, int]) -> str:
    """Why a date outside the plausible ``years`` (first, last) is refused, in the current language."""
    return _("a date outside the years {first} to {last}").format(first=years[0], last=years[1])


class DateParser:
    """Parses one column's values into aware datetimes (store time zone when the file has none).

    With ``years`` (first, last), a date outside those years is refused (ValueError) like one that
    does not exist: a year 0001 or 9999 is a broken cell, never a date to store.
    """

    def __init__(self, order: str, timezone: str, years: tuple[int, int] | None = None) -> None:
        self.order = order
        self.tz = zoneinfo.ZoneInfo(timezone)
        self.years = years
        self._days: dict[tuple[str, ...], tuple[tuple[int, int, int], str, str | None]] = {}

    def __call__(self, raw: str) -> dt.datetime | None:
        """The moment ``raw`` names, ``None`` for an empty cell; ValueError if it is no date."""
        if is_empty(raw):
            return None
        value = raw.strip()
        m = _PATTERN.match(value)
        if m is None:
            try:
                serial = float(value)
            except ValueError:
                raise ValueError(_("not a date")) from None
            if not 1 <= serial < 2958466:  # Excel's serial day numbers
                raise ValueError(_("not a date"))
            moment = dt.datetime(1899, 12, 30) + dt.timedelta(days=serial)
            if self.years and not self.years[0] <= moment.year <= self.years[1]:
                raise ValueError(outside_reason(self.years))
            return moment.replace(microsecond=0, tzinfo=self.tz)
        return self.from_match(m)

    def _day(self, parts: tuple[str, ...]) -> tuple[tuple[int, int, int], str, str | None]:
        """(year, month, day), its ISO date and the store's UTC offset that whole day (``None``
        on a day the offset changes) for the date parts of a match; cached per day."""
        found = self._days.get(parts)
        if found is None:
            a, b, c = parts
            if len(a) == 4:
                year, month, day = int(a), int(b), int(c)
            elif self.order == "dmy":
                day, month, year = int(a), int(b), int(c)
            else:
                month, day, year = int(a), int(b), int(c)
            if len(c) <= 2 and len(a) != 4:
                year += 2000 if year < 70 else 1900
            try:
                date = dt.date(year, month, day)
            except ValueError:  # 30 February, month 13, …
                raise ValueError(_("not a date")) from None
            if self.years and not self.years[0] <= year <= self.years[1]:
                raise ValueError(outside_reason(self.years))
            start = dt.datetime(year, month, day, tzinfo=self.tz)
            offset = start.utcoffset()
            same = offset == dt.datetime(year, month, day, 23, 59, 59, tzinfo=self.tz).utcoffset()
            text = start.isoformat()[19:] if same and offset is not None and not offset.seconds % 60 else None
            found = self._days[parts] = ((year, month, day), date.isoformat(), text)
        return found

    def from_match(self, m: re.Match[str]) -> dt.datetime:
        """The moment a match of the date pattern names; ValueError if there is no such moment."""
        ymd = self._day(m.group(1, 2, 3))[0]
        hour, minute, second, offset = m.group(4, 5, 6, 7)
        try:
            return dt.datetime(*ymd, int(hour) if hour else 0, int(minute) if minute else 0,
                               int(second) if second else 0, tzinfo=_offset(offset) if offset else self.tz)
        except ValueError:  # hour 25, …
            raise ValueError(_("not a date")) from None

    def texts(self, m: re.Match[str]) -> tuple[str, str]:
        """(ISO 8601 text, business day) of a match, as ``from_match(m).isoformat()`` and its day
        in the store's time zone; built from the cached day where the offset is the day's own."""
        hour, minute, second, offset = m.group(4, 5, 6, 7)
        _ymd, day, day_offset = self._day(m.group(1, 2, 3))
        if offset is None and day_offset is not None:
            h, mi, sec = int(hour) if hour else 0, int(minute) if minute else 0, int(second) if second else 0
            if h < 24 and mi < 60 and sec < 60:
                return f"{day}T{h:02d}:{mi:02d}:{sec:02d}{day_offset}", day
        moment = self.from_match(m)
        return moment.isoformat(), (moment if moment.tzinfo is self.tz else moment.astimezone(self.tz)).date().isoformat()


class _Column:
    """What one date field has shown so far."""

    def __init__(self) -> None:
        self.order: str | None = None
        self.day_first: str | None = None
        self.month_first: str | None = None
        self.where: tuple[str, int, str] | None = None  # where the column was first met
        self.deferred: dict[str, tuple[str, int, str]] = {}
        self.bad: dict[str, tuple[tuple[str, int, str], str]] = {}  # cell → (where, reason)
        self.cache: dict[str, tuple[str, str]] = {}


class DateResolver:
    """Turns date cells into ISO text and business days as they stream past.

    A column's day/month order is taken from its values: the first value that
    decides it (a part above 12) fixes it, and every later value is parsed at
    once. Values met before that are kept as written and fixed up at the end
    (:meth:`finish`), when all values have been seen; a column with values
    pointing both ways is refused, one that never decides needs ``given``.
    """

    def __init__(self, timezone: str, given: str | None = None, years: tuple[int, int] | None = None) -> None:
        self.timezone = timezone
        self.given = given
        self.years = years  # (first, last) plausible years; dates outside them are bad cells
        self.columns: dict[str, _Column] = {}
        self.first_day: str | None = None
        self.last_day: str | None = None
        self._parsers = {order: DateParser(order, timezone, years) for order in ORDERS}

    def _parse(self, column: _Column, raw: str, order: str, fieldname: str,
               m: re.Match[str] | None = None) -> tuple[str, str] | None:
        parser = self._parsers[order]
        if m is not None:
            value = parser.texts(m)
        else:
            moment = parser(raw)
            if moment is None:
                return None
            day = (moment.date() if moment.tzinfo is parser.tz else moment.astimezone(parser.tz).date()).isoformat()
            value = (moment.isoformat(), day)
        day = value[1]
        column.cache[raw] = value
        if fieldname == "created_at":
            if self.first_day is None or day < self.first_day:
                self.first_day = day
            if self.last_day is None or day > self.last_day:
                self.last_day = day
        return value

    def value(self, fieldname: str, raw: str, where: tuple[str, int, str]) -> tuple[str | None, str]:
        """(stored text, business day) of a cell: ISO text when it can be read now, else the cell as
        written with an empty day (fixed up by :meth:`finish`); ``(None, "")`` for no date."""
        column = self.columns.get(fieldname)
        if column is None:
            column = self.columns[fieldname] = _Column()
        hit = column.cache.get(raw)
        if hit is not None:
            return hit
        if not raw or is_empty(raw):
            return None, ""
        if column.where is None:
            column.where = where
        m = _PATTERN.match(raw)
        order = "ymd"
        if m is not None and len(m.group(1)) != 4:
            a, b = int(m.group(1)), int(m.group(2))
            if a > 12 >= b:
                column.day_first = column.day_first or raw
                column.order = column.order or "dmy"
            elif b > 12 >= a:
                column.month_first = column.month_first or raw
                column.order = column.order or "mdy"
            elif a > 12 and b > 12:  # 31/31/2020: neither day nor month can be 31
                column.bad.setdefault(raw, (where, _("not a date")))
                return raw, ""
            if column.order is None:
                column.deferred.setdefault(raw, where)
                return raw, ""
            order = column.order
        try:
            value = self._parse(column, raw, order, fieldname, m)
        except ValueError as exc:
            column.bad.setdefault(raw, (where, str(exc)))
            return raw, ""
        return value if value is not None else (None, "")

    def finish(self) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, int, str, str, str]]]:
        """Decide the columns still undecided and read their values.

        Returns:
            (fix-ups: field, text as written, ISO text, day) and (bad cells: file, row, column, text, reason).

        Raises:
            MixedDates, AmbiguousDates.
        """
        fixups, bad = [], []
        for fieldname, column in self.columns.items():
            if column.day_first and column.month_first:
                file, _row, header = column.where or ("", 0, fieldname)
                raise MixedDates(file=file, column=header, first=column.day_first, second=column.month_first)
            if column.deferred:
                order = column.order or self.given
                if order not in ("dmy", "mdy"):
                    examples = list(column.deferred)[:2]
                    file, _row, header = column.deferred[examples[0]]
                    raise AmbiguousDates(file=file, column=header, first=examples[0],
                                         second=examples[-1])
                for raw, where in column.deferred.items():
                    try:
                        value = self._parse(column, raw, order, fieldname)
                    except ValueError as exc:
                        column.bad.setdefault(raw, (where, str(exc)))
                        continue
                    if value is not None:
                        fixups.append((fieldname, raw, *value))
            bad += [(file, row, header, raw, reason) for raw, ((file, row, header), reason) in column.bad.items()]
        return fixups, bad
