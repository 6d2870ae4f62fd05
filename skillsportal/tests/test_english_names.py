"""Issue 19: in English, names that exist in English are shown in English."""

import pytest
from django.urls import reverse

from agencies.models import Agency


@pytest.fixture
def english(compiled_catalogue, settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def named(department_a1, civil_servant):
    Agency.objects.filter(pk=department_a1.pk).update(name_en="Department A One")
    Agency.objects.filter(pk=civil_servant.person.current_agency_id).update(
        name_en="Division A1a"
    )
    return civil_servant.person


def test_pages_name_agencies_in_english_when_english_is_chosen(
    english, client, hr_officer, named
):
    english.force_login(hr_officer)
    person = english.get(
        reverse("competencies:person-detail", args=[named.pk])
    ).content.decode()
    assert "Division A1a" in person and "กองเอหนึ่งเอ" not in person
    roster = english.get(reverse("competencies:person-list")).content.decode()
    assert "Division A1a" in roster and "กองเอหนึ่งเอ" not in roster
    found = english.get(reverse("agencies:agency-list"), {"q": "MA-D1"})
    assert "Department A One" in found.content.decode()


def test_thai_pages_keep_thai_names(client, hr_officer, named):
    client.force_login(hr_officer)
    person = client.get(
        reverse("competencies:person-detail", args=[named.pk])
    ).content.decode()
    assert "กองเอหนึ่งเอ" in person and "Division A1a" not in person
