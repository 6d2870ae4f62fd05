"""`__in_array`: one array parameter instead of one placeholder per id."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency


def test_in_array_matches_like_in_and_sends_one_parameter(
    ministry_a, ministry_b, department_a1
):
    ids = [ministry_a.pk, department_a1.pk]
    with CaptureQueriesContext(connection) as queries:
        found = set(Agency.objects.filter(pk__in_array=ids))
    assert found == {ministry_a, department_a1}
    assert set(Agency.objects.filter(parent__in_array=[ministry_a.pk])) == {
        department_a1
    }
    assert list(Agency.objects.filter(pk__in_array=[])) == []
    if connection.vendor == "postgresql":
        assert "= ANY(" in queries[0]["sql"]
