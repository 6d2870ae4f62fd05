from datetime import date
from decimal import Decimal

from competencies.rules import assessment_problems, training_problems

TODAY = date(2026, 11, 25)


def _training(hours, started=None, completed=date(2026, 1, 10)):
    return training_problems(
        started_on=started, completed_on=completed, hours=Decimal(hours), today=TODAY
    )


def test_valid_training_has_no_problems():
    assert _training("6", date(2026, 1, 10)) == {}


def test_hours_must_be_positive_and_at_most_1000():
    assert "hours" in _training("0")
    assert "hours" in _training("-3")
    assert "hours" in _training("1000.5")
    assert _training("1000") == {}


def test_hours_at_most_24_per_day_inclusive():
    assert _training("24", date(2026, 1, 10)) == {}
    assert "hours" in _training("24.5", date(2026, 1, 10))
    assert _training("48", date(2026, 1, 9)) == {}


def test_start_after_completion_is_refused():
    assert "started_on" in _training("2", date(2026, 1, 11))


def test_completion_in_the_future_is_refused():
    assert "completed_on" in _training("2", completed=date(2026, 11, 26))


def test_assessment_level_must_be_on_the_scale():
    ok = assessment_problems(level=4, max_level=4, assessed_on=TODAY, today=TODAY)
    assert ok == {}
    bad = assessment_problems(level=5, max_level=4, assessed_on=TODAY, today=TODAY)
    assert "level" in bad
