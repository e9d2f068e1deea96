"""Opening export files as tables of text cells, streamed.

CSV in UTF-8 (with or without BOM, stray U+FEFF inside), GB18030/GBK, Big5 or
UTF-16, detected with charset-normalizer unless given; comma, semicolon or
tab; any line ends; quoted fields spanning lines. Excel ``.xlsx`` (openpyxl)
and ``.xls`` (xlrd), every sheet. Rows are numbered as a spreadsheet numbers
them: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import functools
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from shopdesk.domain import errors
from shopdesk.i18n import N_, Lazy, _

SAMPLE_BYTES = 256 * 1024
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
csv.field_size_limit(16 * 1024 * 1024)


class UnreadableFile(errors.ShopDeskError):
    """A file cannot be read as a table."""

    msgid = N_("{file} cannot be read: {reason}")
    exit_code = 2


@dataclass
class Table:
    """One sheet or CSV file: its header and a stream of ``(row_number, cells)``."""

    file: Path
    sheet: str | None
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    encoding: str | None = None
    delimiter: str | None = None
    records: Iterator[tuple[int, list[str]]] | None = None  # CSV: the raw reader, for the hot path
    close: Callable[[], None] = lambda: None

    def failure(self, exc: Exception, row: int) -> UnreadableFile:
        """The error for a decoding or CSV error met at ``row`` while streaming ``records``."""
        if isinstance(exc, UnicodeError):
            return UnreadableFile(file=self.name, reason=_("it is not written in {encoding}").format(
                encoding=self.encoding))
        return UnreadableFile(file=self.name, reason=_("row {row}: {detail}").format(row=row, detail=csv_detail(exc)))

    def ends_inside_row(self) -> bool:
        """Whether a CSV file stops without a line end, as a download cut off inside its last row does."""
        if self.delimiter is None:
            return False
        try:
            with self.file.open("rb") as fh:
                fh.seek(0, io.SEEK_END)
                fh.seek(max(0, fh.tell() - 4))
                tail = fh.read()
        except OSError:
            return False
        return bool(tail) and not tail.rstrip(b"\x00").endswith((b"\n", b"\r"))

    @functools.cached_property
    def name(self) -> str:
        """How problems name this table: the file name, plus the sheet of a workbook."""
        return f"{self.file.name}:{self.sheet}" if self.sheet else self.file.name


def csv_detail(exc: Exception) -> str:
    """What a CSV reader's error says, in the current language where it is one we know."""
    if "field larger than field limit" in str(exc):
        return _("a cell is longer than {limit} MiB").format(limit=csv.field_size_limit() // (1024 * 1024))
    return str(exc)


def detect_encoding(sample: bytes) -> str:
    """The encoding of a CSV sample (BOM first, then UTF-8, then charset-normalizer)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(sample) - 4:  # a character cut at the end of the sample
            return "utf-8"
    from charset_normalizer import from_bytes
    best = from_bytes(sample, cp_isolation=["gb18030", "big5", "utf_16", "cp1252", "shift_jis", "euc_kr"]).best()
    if best is None:
        raise ValueError("unknown encoding")
    name = best.encoding.replace("_", "-")
    return "gb18030" if name in ("gbk", "gb2312") else name


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _clean_lines(handle: io.TextIOBase) -> Iterator[str]:
    for line in handle:
        yield line.replace("\ufeff", "") if "\ufeff" in line else line


def read_csv(path: Path, encoding: str | None = None) -> Table:
    """Open a CSV file as a streamed :class:`Table`."""
    try:
        with path.open("rb") as fh:
            sample = fh.read(SAMPLE_BYTES)
    except OSError as exc:
        raise UnreadableFile(file=path.name, reason=exc.strerror or str(exc)) from exc
    if not sample.strip():
        raise UnreadableFile(file=path.name, reason=Lazy("the file is empty"))
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            and encoding is None:
        try:
            sample.decode("utf-16")
            encoding = "utf-16"
        except UnicodeError:
            raise UnreadableFile(file=path.name, reason=Lazy("it is not a text file")) from None
    try:
        enc = encoding or detect_encoding(sample)
        codecs.lookup(enc)
    except (ValueError, LookupError):
        raise UnreadableFile(file=path.name, reason=Lazy("its text encoding is unknown; give one with --encoding")) \
            from None
    handle = path.open("r", encoding=enc, errors="strict", newline="")
    try:
        text = handle.read(4096)
        handle.seek(0)
    except UnicodeError:
        handle.close()
        raise UnreadableFile(file=path.name, reason=_("it is not written in {encoding}").format(encoding=enc)) from None
    delimiter = _delimiter(text.lstrip("\ufeff"))
    stray_bom = "\ufeff" in sample.decode(enc, errors="ignore").lstrip("\ufeff")
    reader = csv.reader(_clean_lines(handle) if stray_bom else handle, delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error, UnicodeError) as exc:
        handle.close()
        raise UnreadableFile(file=path.name, reason=str(exc) or Lazy("the file is empty")) from None
    header = [h.strip().replace("\ufeff", "") for h in header]

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for number, cells in enumerate(reader, start=2):
                if cells:
                    yield number, cells
        except UnicodeError:
            raise UnreadableFile(file=path.name, reason=_("it is not written in {encoding}").format(encoding=enc)) from None
        except csv.Error as exc:
            raise UnreadableFile(file=path.name, reason=_("row {row}: {detail}").format(row=number + 1, detail=csv_detail(exc))) \
                from None
        finally:
            handle.close()
    return Table(path, None, header, rows(), enc, delimiter, records=enumerate(reader, start=2), close=handle.close)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_excel(path: Path) -> list[Table]:
    """Every non-empty sheet of a workbook as a :class:`Table`."""
    tables: list[Table] = []
    try:
        if path.suffix.lower() == ".xls":
            import xlrd
            book = xlrd.open_workbook(str(path), on_demand=True)
            for sheet in book.sheets():
                if sheet.nrows == 0:
                    continue

                def value(cell, mode=book.datemode) -> str:
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        return xlrd.xldate_as_datetime(cell.value, mode).isoformat(sep=" ")
                    return _cell(cell.value)
                header = [value(c).strip() for c in sheet.row(0)]

                def xls_rows(sheet=sheet) -> Iterator[tuple[int, list[str]]]:  # this sheet, not the loop's last
                    for i in range(1, sheet.nrows):
                        cells = [value(c) for c in sheet.row(i)]
                        if any(cells):
                            yield i + 1, cells
                tables.append(Table(path, sheet.name, header, xls_rows()))
        else:
            import openpyxl
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            for sheet in book.worksheets:
                it = sheet.iter_rows(values_only=True)
                first = next(it, None)
                if first is None:
                    continue
                header = [_cell(c).strip() for c in first]

                def rows(it=it) -> Iterator[tuple[int, list[str]]]:
                    for number, values in enumerate(it, start=2):
                        cells = [_cell(c) for c in values]
                        if any(cells):
                            yield number, cells
                tables.append(Table(path, sheet.title, header, rows()))
    except Exception as exc:  # a damaged or foreign workbook: the libraries raise many kinds
        raise UnreadableFile(file=path.name, reason=str(exc) or type(exc).__name__) from exc
    if not tables:
        raise UnreadableFile(file=path.name, reason=Lazy("the workbook has no data"))
    return tables


def open_tables(path: Path, encoding: str | None = None) -> list[Table]:
    """The tables of one file (one for CSV, one per non-empty sheet for Excel)."""
    if not path.exists():
        raise UnreadableFile(file=str(path), reason=Lazy("the file does not exist"))
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return read_excel(path)
    return [read_csv(path, encoding)]
