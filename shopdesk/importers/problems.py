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
