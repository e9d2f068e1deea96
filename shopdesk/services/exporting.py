"""Rows of an export file, CSV or Excel, with text that cannot run as a formula (see :mod:`shopdesk.domain.cells`).

CSV rows come from :func:`shopdesk.domain.cells.csv_row`; workbook rows from :func:`xlsx_row` here (openpyxl is
no domain matter). The tabs' Export… (:func:`shopdesk.services.paging.export`) and the command line's ``--csv``
write their rows through these two only.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from shopdesk.domain.cells import formula_like


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for ``sheet.append`` of a write-only openpyxl worksheet.

    openpyxl stores any ``str`` starting with ``=`` as a formula; a formula-like text cell is therefore written
    as a string cell (data type ``s``) carrying Excel's quote prefix, so it is shown, and stays text when
    edited, exactly as typed. Decimals become floats (Excel has no decimal type); other numbers are unchanged.

    Args:
        sheet: the worksheet the row is for (a write-only cell belongs to one).
        values: the row's cells.

    Returns:
        The cells, formula-like text as ``WriteOnlyCell`` objects.
    """
    from openpyxl.cell import WriteOnlyCell
    row: list[Any] = []
    for value in values:
        if isinstance(value, Decimal):
            value = float(value)
        elif formula_like(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            value = cell
        row.append(value)
    return row
