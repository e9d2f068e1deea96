"""Cells of an exported table that a spreadsheet must not run (OWASP's CSV-injection rule).

Orders, products and their notes come from outside: a product titled ``=HYPERLINK("http://x","y")`` or
``=cmd|' /C calc'!A0`` would be a live formula once an export is opened in Excel, WPS or LibreOffice. Every
export (the tabs' Export…, ``shopdesk … --csv``) writes its text cells through this module: a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written as text, with a leading apostrophe
in CSV and as a string cell (never a formula) in a workbook. Numbers, negative ones included, stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: Any) -> bool:
    """Whether ``value`` is text a spreadsheet would take for a formula.

    Only text counts: an ``int``, ``float`` or ``Decimal`` (``-3.50`` included) is a number, never a formula.

    Args:
        value: one cell as an export would write it.

    Returns:
        True for a ``str`` starting with one of :data:`FORMULA_STARTS`.
    """
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """One cell for a CSV file: formula-like text gets a leading apostrophe, anything else is unchanged.

    Args:
        value: the cell (text, a number, or ``""`` for an empty cell).

    Returns:
        ``"'" + value`` when :func:`formula_like`, else ``value``.
    """
    return "'" + value if formula_like(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A row of :func:`csv_cell` cells, for ``csv.writer.writerow``."""
    return [csv_cell(v) for v in values]
