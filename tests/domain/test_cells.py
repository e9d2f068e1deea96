"""OWASP's CSV-injection rule for exported cells: formula-like text is written as text, numbers stay numbers."""

from decimal import Decimal

import pytest

from shopdesk.domain.cells import FORMULA_STARTS, csv_cell, csv_row, formula_like


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)",
                                  "\t=1+1", "\r=1+1", "=", "-"])
def test_formula_like_text_gets_a_leading_apostrophe(text):
    assert formula_like(text)
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-5, -3.5, Decimal("-3.50"), 0, 12, Decimal("19.90"), "", "A1", "1+1", "a=b",
                                   " =1+1", "保溫杯", "'=already text", "***", "2024-06-18T10:00:00+08:00"])
def test_numbers_and_plain_text_are_unchanged(value):
    assert not formula_like(value)
    assert csv_cell(value) is value


def test_the_six_first_characters():
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


def test_a_row_neutralises_its_text_cells_only():
    assert csv_row(["=1+1", -7, Decimal("-0.01"), "-x", "x"]) == ["'=1+1", -7, Decimal("-0.01"), "'-x", "x"]
