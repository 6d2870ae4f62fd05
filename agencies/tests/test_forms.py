"""People forms: BE dates, scoped agency choices, national ID checks (SPEC §2, §3)."""

from datetime import date

from agencies.forms import (
    AgencyChoiceField,
    NationalIdSearchForm,
    PersonCreateForm,
    ThaiDateField,
)
from agencies.scoping import AgencyScope, scope_for
from agencies.tests.factories import new_national_id


def test_thai_date_field_reads_be_ce_and_thai_digits():
    field = ThaiDateField()
    assert field.clean("25/11/2569") == date(2026, 11, 25)
    assert field.clean("2026-11-25") == date(2026, 11, 25)
    assert field.clean("๒๕/๑๑/๒๕๖๙") == date(2026, 11, 25)
    assert field.clean("25 พ.ย. 2569") == date(2026, 11, 25)


def test_thai_date_field_shows_be_and_keeps_bad_input():
    field = ThaiDateField()
    assert field.prepare_value(date(2026, 11, 25)) == "25/11/2569"
    assert field.prepare_value("31/02/25x") == "31/02/25x"
    try:
        field.clean("31/02/2569")
    except Exception as error:
        assert "วันที่ไม่ถูกต้อง" in str(error)
    else:
        raise AssertionError("31 February accepted")


def _choices(field):
    return [label for value, label in field.choices if value != ""]


def test_agency_field_lists_only_the_scope(hr_officer, division_a1a, ministry_b):
    field = AgencyChoiceField(scope=scope_for(hr_officer))
    assert _choices(field) == ["กระทรวงเอ", "— กรมเอหนึ่ง", "— — กองเอหนึ่งเอ"]
    assert field.clean(str(division_a1a.pk)) == division_a1a
    try:
        field.clean(str(ministry_b.pk))
    except Exception as error:
        assert "กระทรวงบี" not in str(error)
    else:
        raise AssertionError("foreign agency accepted")


def test_agency_field_lists_top_levels_plus_the_chosen_one(division_a1a, ministry_b):
    field = AgencyChoiceField(scope=AgencyScope.system(), list_depth=0)
    assert _choices(field) == ["กระทรวงเอ", "กระทรวงบี"]
    field.keep = str(division_a1a.pk)
    assert "— — กองเอหนึ่งเอ" in _choices(field)
    assert field.clean(str(division_a1a.pk)) == division_a1a


def test_create_form_normalises_the_national_id(hr_officer, department_a1):
    nid = new_national_id()
    spaced = f"{nid[0]} {nid[1:5]} {nid[5:10]} {nid[10:12]} {nid[12]}"
    form = PersonCreateForm(
        {
            "national_id": spaced,
            "given_name": "ก",
            "family_name": "ข",
            "effective_date": "1/10/2569",
            "agency": department_a1.pk,
            "category": "civil_ordinary",
            "status": "active",
        },
        scope=scope_for(hr_officer),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["national_id"] == nid
    assert form.cleaned_data["target_group"] is None


def test_search_form_rejects_a_wrong_check_digit():
    nid = new_national_id()
    wrong = nid[:12] + str((int(nid[12]) + 1) % 10)
    form = NationalIdSearchForm({"national_id": wrong})
    assert not form.is_valid()
    assert nid not in str(form.errors) and wrong not in str(form.errors)


def test_the_thai_date_field_refuses_a_ce_year_and_keeps_what_was_typed():
    from django import forms as django_forms

    from agencies.forms import ThaiDateField

    class Form(django_forms.Form):
        day = ThaiDateField()

    form = Form({"day": "03/12/2026"})
    assert not form.is_valid()
    assert "03/12/2569" in form.errors["day"][0]
    assert 'value="03/12/2026"' in str(form["day"])
