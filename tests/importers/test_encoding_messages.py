"""Encoding messages tell the truth: UTF-16 without a BOM is read, a damaged character names its row, a NUL byte
in a text file names its row, a binary file is not a text file."""

import codecs
from decimal import Decimal

import pytest

from shopdesk.importers.reading import SAMPLE_BYTES, UnreadableFile
from tests.importers.conftest import count, run
from tests.importers.test_same_files import GOOD, HEADER


def test_utf16_without_a_bom_is_read(shop, tmp_path):
    text = "\n".join(GOOD) + "\n"
    for name, encoding in (("le.csv", "utf-16-le"), ("be.csv", "utf-16-be")):
        path = tmp_path / name
        path.write_bytes(text.replace("Cup", "保溫杯").encode(encoding))
        session = shop()
        result = run(session, path)
        assert result.problem_count == 0 and result.gmv() == Decimal("32.50"), name
        assert count(session, "SELECT title FROM order_lines WHERE line_no = 1 ORDER BY order_id LIMIT 1") == "保溫杯"
        session = shop()
        assert run(session, path, encoding="utf-16").gmv() == Decimal("32.50")  # UTF-16 given, no BOM


@pytest.mark.parametrize("tail, row", [(b"\n", 5), (b"\x00\xd8,\x00\n\x00", 5)])
def test_damaged_utf16_names_the_row_not_the_encoding(shop, tmp_path, tail, row):
    path = tmp_path / "u16.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + ("\n".join(GOOD) + "\n").encode("utf-16-le") + tail)
    with pytest.raises(UnreadableFile) as info:
        run(shop(), path)
    message = info.value.message()
    assert "not written in" not in message
    assert f"row {row} holds bytes that are not valid utf-16 text" in message


def test_a_nul_byte_names_its_row(shop, tmp_path):
    session = shop()
    path = tmp_path / "nul.csv"
    path.write_bytes(("\n".join(GOOD) + "\n").encode("utf-8").replace(b"A2,Lid", b"A2,L\x00id"))
    with pytest.raises(UnreadableFile, match="nul.csv cannot be read: it contains a NUL byte .* at row 3$"):
        run(session, path)
    odd = tmp_path / "odd.csv"  # an odd count of bytes: no UTF-16 reading is tried either
    odd.write_bytes(("\n".join(GOOD) + "\n").encode("utf-8").replace(b"Cup,1,", b"Cup,1\x00\x00\x00,"))
    with pytest.raises(UnreadableFile, match="at row 4$"):
        run(session, odd)
    assert count(session, "SELECT COUNT(*) FROM orders") == 0


def test_a_nul_byte_far_into_a_large_file_names_its_row(shop, tmp_path):
    lines = [HEADER] + [f"{5000 + i},2024-06-18 10:00,A1,Cup,1,10.00,c1" for i in range(12000)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    assert len(data) > SAMPLE_BYTES
    bad = 10000  # the row of order 5000 + bad - 2
    data = data.replace(f"\n{5000 + bad - 2},".encode(), f"\n{5000 + bad - 2}\x00,".encode())
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    session = shop()
    with pytest.raises(UnreadableFile, match=f"at row {bad}$"):
        run(session, path)
    assert count(session, "SELECT COUNT(*) FROM orders") == 0


def test_a_binary_file_is_not_text(shop, tmp_path):
    path = tmp_path / "image.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    with pytest.raises(UnreadableFile, match="it is not a text file"):
        run(shop(), path)


def test_utf16_of_chinese_only_without_a_bom_is_read_when_given(shop, tmp_path):
    path = tmp_path / "cjk.csv"  # no ASCII at all: no zero bytes to tell UTF-16 by
    path.write_bytes("订单号\t数量\n甲乙\t一\n".encode("utf-16-le"))
    from shopdesk.importers.reading import open_tables
    table = open_tables(path, "utf-16")[0]
    assert table.header == ["订单号", "数量"] and [cells for _row, cells in table.rows] == [["甲乙", "一"]]


@pytest.mark.parametrize("encoding, bad", [("utf-8", b"\xff"), ("utf-16", b"\x00\xd8")])
def test_damaged_bytes_far_into_a_large_file_name_their_row(shop, tmp_path, encoding, bad):
    lines = [HEADER] + [f"{5000 + i},2024-06-18 10:00,A1,杯子,1,10.00,c1" for i in range(12000)]
    data = ("\n".join(lines) + "\n").encode(encoding)
    unit = "utf-16-le" if encoding == "utf-16" else encoding
    at = data.find(f"\n{5000 + 9998},".encode(unit)) + len("\n".encode(unit))  # the start of row 10000
    assert at > SAMPLE_BYTES
    path = tmp_path / "big.csv"
    path.write_bytes(data[:at] + bad + data[at:])
    with pytest.raises(UnreadableFile, match=f"row 10000 holds bytes that are not valid {encoding} text"):
        run(shop(), path)
