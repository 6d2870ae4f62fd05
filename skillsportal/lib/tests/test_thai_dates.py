from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillsportal.lib.thai_dates import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    coerce_date,
    format_be,
    normalize_digits,
    parse_date,
)


def test_thai_digits_become_ascii_digits():
    assert normalize_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"


def test_month_tables_have_twelve_entries():
    assert len(THAI_MONTHS) == len(THAI_MONTHS_ABBR) == 12
    assert THAI_MONTHS[10] == "พฤศจิกายน"
    assert THAI_MONTHS_ABBR[10] == "พ.ย."


def test_iso_date_is_ce():
    assert parse_date("2024-02-29") == date(2024, 2, 29)


def test_iso_date_with_a_be_year_is_converted():
    assert parse_date("2569-11-25") == date(2026, 11, 25)


def test_slashed_date_with_be_year():
    assert parse_date("25/11/2569") == date(2026, 11, 25)


def test_slashed_date_with_ce_year():
    assert parse_date("25/11/2026") == date(2026, 11, 25)


def test_single_digit_day_and_month_are_accepted():
    assert parse_date("5/1/2567") == date(2024, 1, 5)


def test_year_2400_is_be_and_2399_is_ce():
    assert parse_date("01/01/2400") == date(1857, 1, 1)
    assert parse_date("01/01/2399") == date(2399, 1, 1)


def test_be_leap_day_2567_is_valid():
    assert parse_date("29/02/2567") == date(2024, 2, 29)


def test_be_29_february_2566_is_invalid():
    with pytest.raises(ValueError, match="วันที่ไม่ถูกต้อง: 29/02/2566"):
        parse_date("29/02/2566")


def test_31_february_is_invalid_with_a_thai_message():
    with pytest.raises(ValueError, match="วันที่ไม่ถูกต้อง: 31/02/2567"):
        parse_date("31/02/2567")


def test_thai_digits_are_accepted():
    assert parse_date("๒๙/๐๒/๒๕๖๗") == date(2024, 2, 29)


def test_surrounding_whitespace_and_zero_width_spaces_are_ignored():
    assert parse_date("  \u200b25/11/2569\u00a0\n") == date(2026, 11, 25)


@pytest.mark.parametrize(
    "text",
    [
        "25 พ.ย. 2569",
        "25 พฤศจิกายน 2569",
        "25 พย 2569",
        "25พ.ย.2569",
        "25 พ.ย. พ.ศ. 2569",
        "๒๕ พฤศจิกายน ๒๕๖๙",
        "25 พฤศจิกายน 2026",
    ],
)
def test_thai_month_names_and_abbreviations_are_accepted(text):
    assert parse_date(text) == date(2026, 11, 25)


@pytest.mark.parametrize(
    "text", ["", "tomorrow", "25/11/69", "2026/11/25", "25 Foo 2569", "1/2/3/2567"]
)
def test_unparseable_text_raises_a_thai_message(text):
    with pytest.raises(ValueError, match="อ่านวันที่ไม่ได้"):
        parse_date(text)


def test_coerce_date_passes_dates_through_and_drops_the_time_of_datetimes():
    assert coerce_date(date(2024, 2, 29)) == date(2024, 2, 29)
    assert coerce_date(datetime(2024, 2, 29, 13, 5)) == date(2024, 2, 29)
    assert type(coerce_date(datetime(2024, 2, 29))) is date


def test_coerce_date_parses_text_and_rejects_other_types():
    assert coerce_date("29/02/2567") == date(2024, 2, 29)
    with pytest.raises(ValueError, match="วันที่ไม่ถูกต้อง"):
        coerce_date(45351)


def test_format_be_styles():
    d = date(2026, 11, 25)
    assert format_be(d) == "25/11/2569"
    assert format_be(d, "medium") == "25 พ.ย. 2569"
    assert format_be(d, "long") == "25 พฤศจิกายน 2569"
    assert format_be(date(2024, 2, 5)) == "05/02/2567"


def test_format_be_rejects_an_unknown_style():
    with pytest.raises(ValueError):
        format_be(date(2026, 11, 25), "full")


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2150, 12, 31)),
    st.sampled_from(["short", "medium", "long"]),
)
def test_parse_round_trips_format_be(d, style):
    assert parse_date(format_be(d, style)) == d


def test_a_ce_year_typed_in_a_thai_field_is_refused_naming_the_be_date():
    """Issue 19: 03/12/2026 was silently read as 2569; now the field asks."""
    from skillsportal.lib.thai_dates import parse_typed_date

    with pytest.raises(ValueError, match="ปี 2026 เป็นปีคริสต์ศักราช.*03/12/2569"):
        parse_typed_date("03/12/2026")
    with pytest.raises(ValueError, match="2026"):
        parse_typed_date("3 ธ.ค. 2026")
    assert parse_typed_date("03/12/2569") == date(2026, 12, 3)
    assert parse_typed_date("๓/๑๒/๒๕๖๙") == date(2026, 12, 3)
    assert parse_typed_date("2026-12-03") == date(2026, 12, 3)  # ISO: unambiguous
