from decimal import Decimal

import pytest

from shopdesk.importers import values
from shopdesk.importers.dates import AmbiguousDates, DateParser, MixedDates, decide_order, is_empty


@pytest.mark.parametrize("raw, expected", [
    ('="1234567890123456789"', "1234567890123456789"), ("'00123", "00123"), (" 00123 ", "00123"),
    ("4244733e06e7ecb4970a6e2683c13e61", "4244733e06e7ecb4970a6e2683c13e61"), ("#1051", "#1051"),
])
def test_ids_stay_text(raw, expected):
    assert values.text_id(raw) == expected


def test_scientific_notation_is_recognised():
    assert values.SCIENTIFIC.match("1.23457E+18") and not values.SCIENTIFIC.match("4244733e06e7ecb4970a6e2683c13e61")
    assert "scientific notation" in values.scientific_reason()


@pytest.mark.parametrize("raw, comma, expected", [
    ("1,234.50", False, Decimal("1234.50")), ("¥1,234.50", False, Decimal("1234.50")),
    ("1.234,50", True, Decimal("1234.50")), ("12,5", True, Decimal("12.5")), ("(12.00)", False, Decimal("-12.00")),
    ("NT$ 300", False, Decimal("300")), ("-3.5", False, Decimal("-3.5")), ("€ 9,99", True, Decimal("9.99")),
])
def test_amounts(raw, comma, expected):
    assert values.decimal_amount(raw, comma) == expected


def test_amounts_into_minor_units_exactly():
    parse = values.AmountParser(2)
    assert parse("0.1") + parse("0.2") == parse("0.3") == 30
    assert parse("2.55") == 255
    with pytest.raises(ValueError, match="more decimals"):
        parse("1.005")
    with pytest.raises(ValueError, match="not an amount"):
        parse("abc")
    assert values.uses_decimal_comma(["12,50", "1.234,50", "3,00"])
    assert not values.uses_decimal_comma(["12.50", "1,234.50"])


@pytest.mark.parametrize("raw, expected", [("3", 3), ("3.0", 3), ("-2", -2), ("1,000", 1000)])
def test_quantities(raw, expected):
    assert values.quantity(raw) == expected


def test_fractional_quantity_is_refused():
    with pytest.raises(ValueError, match="whole number"):
        values.quantity("1.5")


def test_date_order_is_decided_from_all_values():
    assert decide_order(["1/12/2010 8:26", "25/12/2010 9:00"], "f.csv", "Date", None) == "dmy"
    assert decide_order(["12/1/10 8:26", "12/25/10 9:00"], "f.csv", "Date", None) == "mdy"
    assert decide_order(["2020-02-21 00:00:00"], "f.csv", "Date", None) == "ymd"
    with pytest.raises(AmbiguousDates) as info:
        decide_order(["12/1/10 8:26", "3/4/10 9:00"], "f.csv", "InvoiceDate", None)
    message = info.value.message()
    assert "f.csv" in message and "InvoiceDate" in message and "12/1/10 8:26" in message and "3/4/10 9:00" in message
    assert decide_order(["12/1/10 8:26"], "f.csv", "Date", "dmy") == "dmy"
    with pytest.raises(MixedDates):
        decide_order(["13/1/10", "1/13/10"], "f.csv", "Date", None)


def test_date_parsing_keeps_offsets_and_localises_naive_times():
    parse = DateParser("mdy", "Asia/Shanghai")
    assert parse("2025-12-06 10:37:33 -0500").isoformat() == "2025-12-06T10:37:33-05:00"
    assert parse("12/1/10 8:26").isoformat() == "2010-12-01T08:26:00+08:00"
    assert parse("2020-02-21T00:00:00Z").isoformat() == "2020-02-21T00:00:00+00:00"
    assert parse("2020年2月21日 10:00").isoformat() == "2020-02-21T10:00:00+08:00"
    assert parse("44927.5").isoformat() == "2023-01-01T12:00:00+08:00"  # an Excel serial number
    assert parse("0000-00-00 00:00:00") is None and is_empty("") and is_empty("0000-00-00")
    with pytest.raises(ValueError):
        parse("yesterday")
    with pytest.raises(ValueError):
        DateParser("dmy", "UTC")("31/2/2020")


@pytest.mark.parametrize("zone, day", [
    ("Europe/London", "2024-03-31"), ("Europe/London", "2024-10-27"),  # spring forward, fall back
    ("America/Sao_Paulo", "2018-11-04"),  # the clock jumps at midnight
    ("Australia/Lord_Howe", "2024-04-07"),  # half-hour change
    ("Asia/Kathmandu", "2024-06-18"), ("Asia/Shanghai", "2024-06-18"), ("America/St_Johns", "1900-01-01"),
])
def test_date_texts_equal_the_datetime_reading_every_minute_of_the_day(zone, day):
    """The per-day shortcut gives exactly what datetime gives, also on days the offset changes."""
    import datetime as dt
    import re

    from shopdesk.importers.dates import _PATTERN
    parser = DateParser("ymd", zone)
    tz = parser.tz
    for minute in range(0, 24 * 60, 1):
        raw = f"{day} {minute // 60:02d}:{minute % 60:02d}:07"
        m = _PATTERN.match(raw)
        moment = dt.datetime.strptime(raw, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz)
        assert parser.texts(m) == (moment.isoformat(), moment.date().isoformat()), raw
    assert parser.texts(_PATTERN.match(f"{day} 10:00+08:00"))[0] == f"{day}T10:00:00+08:00"
    with pytest.raises(ValueError):
        parser.texts(_PATTERN.match(f"{day} 24:00"))
    with pytest.raises(ValueError):
        parser.texts(_PATTERN.match("2023-02-29 10:00"))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d(:\d\d)?", parser.texts(m)[0])


@pytest.mark.parametrize("raw, region", [
    ("上海", "上海"), ("上海市", "上海"), ("广东省", "广东"), ("内蒙古自治区", "内蒙古"), ("新疆维吾尔自治区", "新疆"),
    ("廣東省 深圳市 南山區", "廣東"), ("浙江省杭州市西湖区文三路 1 号", "浙江"), ("香港特别行政区", "香港"),
    ("某地 某街", "某地"), ("  SP ", "SP"), ("United  Kingdom", "United Kingdom"), ("", ""), ("  ", ""),
])
def test_region_of_an_address_or_province(raw, region):
    assert values.region(raw) == region
