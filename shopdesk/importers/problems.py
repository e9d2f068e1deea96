"""Problems found in imported files, each naming file, row, column and value."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from pathlib import Path

from shopdesk.i18n import _

MAX_LISTED = 1000


@dataclass(frozen=True)
class Problem:
    """One bad cell or row: where it is, what it holds, and why it is refused."""

    file: str
    row: int | None
    column: str
    value: str
    reason: str

    def to_dict(self) -> dict:
        """The problem as the command line's JSON prints it."""
        return asdict(self)

    def __str__(self) -> str:
        where = _("{file}, row {row}, column {column}").format(file=self.file, row=self.row, column=self.column) \
            if self.row else _("{file}, column {column}").format(file=self.file, column=self.column)
        return f"{where}: {self.reason} ({self.value!r})" if self.value else f"{where}: {self.reason}"


@dataclass
class Problems:
    """Collects problems (all counted, the first :data:`MAX_LISTED` kept) and rejected rows."""

    items: list[Problem] = field(default_factory=list)
    count: int = 0
    rejected: dict[tuple[str, str], list[tuple[int, list[str], str]]] = field(default_factory=dict)
    headers: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, file: str, row: int | None, column: str, value: str, reason: str) -> None:
        """Record a problem."""
        self.count += 1
        if len(self.items) < MAX_LISTED:
            self.items.append(Problem(file, row, column, value, reason))

    def short_row(self, table, row: int, cells: list[str], skip: bool) -> int:
        """Record a row with fewer cells than its header (its missing cells are never taken for empty
        ones); returns the problem's index, for :meth:`cut_file` once the table is read."""
        reason = _("the row has {cells} cells, the header {header}").format(cells=len(cells), header=len(table.header))
        index = len(self.items)
        self.add(table.name, row, table.header[len(cells)], "", reason)
        if skip:
            self.reject(table.file, table.sheet, table.header, row, cells, reason)
        return index

    def cut_file(self, table, short: tuple[int, int] | None, last_row: int) -> None:
        """Once ``table`` is read: a short last row (``short``: its row and problem index) of a file that
        stops without a line end is a file cut inside that row (an interrupted download)."""
        if short is not None and short[0] == last_row and table.ends_inside_row():
            self.restate(short[1], _("the file ends inside row {row}: it was cut short (an interrupted download?)")
                         .format(row=last_row))

    def restate(self, index: int, reason: str) -> None:
        """Give the problem recorded ``index``-th another reason (what it turned out to be), and its
        rejected row too."""
        if index >= len(self.items):
            return
        item = self.items[index]
        self.items[index] = Problem(item.file, item.row, item.column, item.value, reason)
        for rows in self.rejected.values():
            if rows and rows[-1][0] == item.row:
                rows[-1] = (item.row, rows[-1][1], reason)

    def reject(self, path: Path, sheet: str | None, header: list[str], row: int, cells: list[str],
               reason: str) -> None:
        """Keep a skipped row for the rejected-rows file."""
        key = (str(path), sheet or "")
        self.headers.setdefault(key, header)
        self.rejected.setdefault(key, []).append((row, cells, reason))

    @property
    def rejected_rows(self) -> int:
        """How many source rows were skipped."""
        return sum(len(rows) for rows in self.rejected.values())

    def write_rejected(self) -> list[Path]:
        """Write each source's skipped rows, with row number and reason, beside it."""
        written = []
        for (path, sheet), rows in self.rejected.items():
            source = Path(path)
            target = source.with_name(f"{source.stem}{'-' + sheet if sheet else ''}.rejected.csv")
            with target.open("w", encoding="utf-8-sig", newline="") as fh:
                out = csv.writer(fh)
                out.writerow([_("row"), _("reason"), *self.headers[(path, sheet)]])
                for row, cells, reason in sorted(rows, key=lambda r: r[0]):
                    out.writerow([row, reason, *cells])
            written.append(target)
        return written
