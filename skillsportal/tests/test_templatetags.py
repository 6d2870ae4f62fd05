from datetime import UTC, date, datetime

from skillsportal.templatetags.portal import be_date, be_datetime, masked_id


def test_be_date_adds_543_years():
    assert be_date(date(2026, 11, 25)) == "25/11/2569"
    assert be_date(date(2024, 2, 29), "long") == "29 กุมภาพันธ์ 2567"
    assert be_date(None) == ""


def test_be_datetime_is_in_bangkok_time(settings):
    assert be_datetime(datetime(2026, 9, 30, 17, 30, tzinfo=UTC)) == "01/10/2569 00:30"


def test_masked_id_reveals_last_three_digits():
    assert masked_id("635") == "x-xxxx-xxxxx-63-5"
    assert masked_id("") == ""
