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
import datetime as dt
import functools
import hashlib
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


class Fingerprint(io.RawIOBase):
    """A file's bytes as they are read, hashed (SHA-256) and searched for a NUL byte on the way, so that an
    import reads a big file once."""

    def __init__(self, raw: io.RawIOBase) -> None:
        super().__init__()
        self.raw = raw
        self._restart()

    def _restart(self) -> None:
        self.digest = hashlib.sha256()
        self.offset = 0
        self.nul: int | None = None  # the offset of the first NUL byte read
        self.complete = False  # read to the end from the start: ``digest`` is the whole file's

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        if n:
            self.digest.update(data)
            if self.nul is None and (at := data.find(0)) >= 0:
                self.nul = self.offset + at
            self.offset += n
        else:
            self.complete = True
        return n

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        position = self.raw.seek(offset, whence)
        if position == 0:
            self._restart()
        elif position != self.offset:
            raise io.UnsupportedOperation("a fingerprinted file is read from its start")
        return position

    def tell(self) -> int:
        return self.offset

    def close(self) -> None:
        self.raw.close()
        super().close()

    def sha256(self) -> str | None:
        """The whole file's SHA-256, or ``None`` when it was not read to its end."""
        return self.digest.hexdigest() if self.complete else None


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
    fingerprint: Fingerprint | None = None  # CSV: the hash and first NUL byte of the bytes read

    def failure(self, exc: Exception, row: int) -> UnreadableFile:
        """The error for a decoding or CSV error met at ``row`` while streaming ``records``."""
        if isinstance(exc, UnicodeError):
            found = bad_bytes_row(self.file, self.encoding, self.delimiter) if self.sheet is None else None
            return UnreadableFile(file=self.name, reason=not_encoded(self.encoding, found or row))
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


def not_encoded(encoding: str | None, row: int) -> str:
    """The reason for bytes that ``encoding`` cannot decode, met at ``row``."""
    return _("row {row} holds bytes that are not valid {encoding} text (a damaged or cut character, or another "
             "encoding: give it with --encoding)").format(row=row, encoding=encoding)


def utf16_order(sample: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``sample`` (without a BOM) looks like UTF-16 text, else ``None``.

    Text in UTF-16 has a zero byte in the high half of every ASCII character (the
    commas, digits and line ends of a CSV): almost all of its zero bytes fall on
    one side of the two-byte pairs, and there are many of them. A stray zero byte
    in an 8-bit file, or the zeros of a binary file, do not look like that.
    """
    length = len(sample) - len(sample) % 2
    odd, even = sample[1:length:2].count(0), sample[0:length:2].count(0)
    zeros = odd + even
    if zeros < max(2, length // 64) or max(odd, even) < zeros * 0.95:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def row_at(text: str, delimiter: str | None = None) -> int:
    """The spreadsheet row (the header is row 1) of the record that ``text``, a file's text up to some byte, ends in."""
    delimiter = delimiter or _delimiter(text)
    # a mark after the text makes the record the NUL starts count when the text ends a line
    return max(1, sum(1 for _record in csv.reader(io.StringIO(text + "x", newline=""), delimiter=delimiter)))


def _nul_refusal(path: Path, sample: bytes, offset: int, encoding: str | None) -> UnreadableFile:
    """A NUL byte in an 8-bit file: not a text file when the rest is not text either, else the row it is in."""
    cleaned = sample.replace(b"\x00", b"")
    try:
        cleaned.decode(encoding or "utf-8")
        text = True
    except UnicodeDecodeError as exc:
        text = exc.start > len(cleaned) - 4 or (encoding is None and sample.count(0) <= 8)
    except LookupError:
        text = False
    if not text:
        return UnreadableFile(file=path.name, reason=Lazy("it is not a text file"))
    before = sample[:offset].decode(encoding or "utf-8", errors="replace").lstrip("\ufeff")
    return UnreadableFile(file=path.name, reason=_("it contains a NUL byte (a zero byte, not text) at row {row}").format(
        row=row_at(before)))


def _bad_row(sample: bytes, encoding: str) -> int | None:
    """The row of the first bytes of ``sample`` that ``encoding`` cannot decode (``None``: it decodes)."""
    try:
        sample.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4 and len(sample) >= SAMPLE_BYTES:  # a character cut by the sample's end
            return None
        return row_at(sample[:exc.start].decode(encoding, errors="replace").lstrip("\ufeff"))
    return None


def bad_bytes_row(path: Path, encoding: str | None, delimiter: str | None) -> int | None:
    """The row holding the first bytes of a CSV file that ``encoding`` cannot decode (``None``: none found).

    The streaming reader meets such bytes a block ahead of the row it is on, so the file is read again up to
    them (only on this error) to name the right row.
    """
    if not encoding:
        return None
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError:
        return None
    found = []

    def text() -> Iterator[str]:
        rest = ""
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 16), b""):
                state = decoder.getstate()
                try:
                    piece = decoder.decode(chunk)
                except UnicodeDecodeError:
                    decoder.setstate(state)
                    piece = ""
                    for i in range(len(chunk)):  # byte by byte up to the bad one
                        try:
                            piece += decoder.decode(chunk[i:i + 1])
                        except UnicodeDecodeError:
                            break
                    found.append(True)
                    yield from (rest + piece.replace("\ufeff", "") + "x").splitlines(keepends=True)
                    return
                lines = (rest + piece.replace("\ufeff", "")).splitlines(keepends=True)
                rest = lines.pop() if lines and not lines[-1].endswith(("\n", "\r")) else ""
                yield from lines
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:  # the file ends in the middle of a character
                found.append(True)
            yield rest + "x"
    try:
        rows = sum(1 for _record in csv.reader(text(), delimiter=delimiter or ","))
    except (OSError, csv.Error):
        return None
    return rows if found else None


def refuse_nul(table: Table, offset: int) -> None:
    """Refuse a CSV table in an 8-bit encoding whose file holds a NUL byte at ``offset`` (past the sample
    :func:`read_csv` looked at; the import's fingerprint pass finds it).

    Raises:
        UnreadableFile: naming the row the NUL byte is in.
    """
    if table.sheet is not None or table.encoding is None or table.encoding.startswith("utf-16"):
        return
    with table.file.open("rb") as fh:
        head = fh.read(offset)
    before = head.decode(table.encoding, errors="replace").lstrip("\ufeff")
    raise UnreadableFile(file=table.name, reason=_("it contains a NUL byte (a zero byte, not text) at row {row}").format(
        row=row_at(before, table.delimiter)))


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
    return max(counts, key=counts.__getitem__) if any(counts.values()) else ","


def _clean_lines(handle: io.TextIOBase) -> Iterator[str]:
    for line in handle:
        yield line.replace("\ufeff", "") if "\ufeff" in line else line


def _codec(encoding: str | None) -> str | None:
    """The codec name of ``encoding`` (``None`` when not given; as given when unknown, refused below)."""
    try:
        return codecs.lookup(encoding).name if encoding else None
    except LookupError:
        return encoding


def read_csv(path: Path, encoding: str | None = None) -> Table:
    """Open a CSV file as a streamed :class:`Table`."""
    try:
        with path.open("rb") as fh:
            sample = fh.read(SAMPLE_BYTES)
    except OSError as exc:
        raise UnreadableFile(file=path.name, reason=exc.strerror or str(exc)) from exc
    if not sample.strip():
        raise UnreadableFile(file=path.name, reason=Lazy("the file is empty"))
    bom16 = sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    given = _codec(encoding)
    if not bom16 and given in (None, "utf-16"):  # UTF-16 without a BOM: its byte order, from where its zeros are
        encoding = utf16_order(sample) or encoding
        given = _codec(encoding)
    nul = sample.find(0)
    if nul >= 0 and not bom16 and not (given or "").startswith("utf-16"):
        raise _nul_refusal(path, sample, nul, encoding)
    try:
        enc = encoding or detect_encoding(sample)
        codecs.lookup(enc)
    except (ValueError, LookupError):
        raise UnreadableFile(file=path.name, reason=Lazy("its text encoding is unknown; give one with --encoding")) \
            from None
    if not bom16 and _codec(enc) == "utf-16":  # without a BOM a byte order must be named: Windows writes little-endian
        enc = "utf-16-le"
    fingerprint = Fingerprint(path.open("rb", buffering=0))
    handle = io.TextIOWrapper(io.BufferedReader(fingerprint, 1 << 20), encoding=enc, errors="strict", newline="")
    try:
        text = handle.read(4096)
        handle.seek(0)
    except UnicodeError:
        handle.close()
        raise UnreadableFile(file=path.name, reason=not_encoded(enc, _bad_row(sample, enc) or 2)) from None
    delimiter = _delimiter(text.lstrip("\ufeff"))
    stray_bom = "\ufeff" in sample.decode(enc, errors="ignore").lstrip("\ufeff")
    reader = csv.reader(_clean_lines(handle) if stray_bom else handle, delimiter=delimiter)
    try:
        header = next(reader)
    except UnicodeError:
        handle.close()
        raise UnreadableFile(file=path.name, reason=not_encoded(enc, _bad_row(sample, enc) or 1)) from None
    except (StopIteration, csv.Error) as exc:
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
            raise UnreadableFile(file=path.name, reason=not_encoded(
                enc, bad_bytes_row(path, enc, delimiter) or number + 1)) from None
        except csv.Error as exc:
            raise UnreadableFile(file=path.name, reason=_("row {row}: {detail}").format(row=number + 1, detail=csv_detail(exc))) \
                from None
        finally:
            handle.close()
    return Table(path, None, header, rows(), enc, delimiter, records=enumerate(reader, start=2), close=handle.close,
                 fingerprint=fingerprint)


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
