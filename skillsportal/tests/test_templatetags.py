from datetime import UTC, date, datetime
from types import SimpleNamespace

from django.utils import translation

from skillsportal.templatetags.portal import (
    be_date,
    be_datetime,
    local_name,
    masked_id,
)


def test_be_date_adds_543_years():
    assert be_date(date(2026, 11, 25)) == "25/11/2569"
    assert be_date(date(2024, 2, 29), "long") == "29 กุมภาพันธ์ 2567"
    assert be_date(None) == ""


def test_be_datetime_is_in_bangkok_time(settings):
    assert be_datetime(datetime(2026, 9, 30, 17, 30, tzinfo=UTC)) == "01/10/2569 00:30"


def test_masked_id_reveals_last_three_digits():
    assert masked_id("635") == "x-xxxx-xxxxx-63-5"
    assert masked_id("") == ""


def test_local_name_follows_the_active_language():
    skill = SimpleNamespace(name_th="การรู้ดิจิทัล", name_en="Digital Literacy")
    only_thai = SimpleNamespace(name_th="ระยะที่ 1")
    with translation.override("en"):
        assert local_name(skill) == "Digital Literacy"
        assert local_name(only_thai) == "ระยะที่ 1"
    with translation.override("th"):
        assert local_name(skill) == "การรู้ดิจิทัล"
    assert local_name(None) == ""
