from datetime import date

from skillsportal.lib.fiscal_year import (
    BE_OFFSET,
    as_of_date,
    be_year,
    ce_year,
    current_fiscal_year,
    fiscal_year_bounds,
    fiscal_year_of,
)


def test_be_year_adds_543_and_ce_year_undoes_it():
    assert BE_OFFSET == 543
    assert be_year(2026) == 2569
    assert ce_year(2569) == 2026


def test_1_october_starts_the_next_fiscal_year():
    assert fiscal_year_of(date(2025, 10, 1)) == 2569


def test_30_september_belongs_to_the_ending_fiscal_year():
    assert fiscal_year_of(date(2026, 9, 30)) == 2569
    assert fiscal_year_of(date(2025, 9, 30)) == 2568


def test_fiscal_year_2561_runs_from_october_2017_to_september_2018():
    assert fiscal_year_bounds(2561) == (date(2017, 10, 1), date(2018, 9, 30))


def test_bounds_and_fiscal_year_of_agree_at_both_ends():
    first, last = fiscal_year_bounds(2570)
    assert fiscal_year_of(first) == fiscal_year_of(last) == 2570


def test_spec_today_2026_11_25_is_in_fiscal_year_2570():
    assert fiscal_year_of(date(2026, 11, 25)) == 2570
    assert current_fiscal_year(date(2026, 11, 25)) == 2570


def test_current_fiscal_year_defaults_to_the_real_today():
    assert current_fiscal_year() == fiscal_year_of(date.today())


def test_as_of_date_of_a_closed_fiscal_year_is_its_last_day():
    assert as_of_date(2569, today=date(2026, 11, 25)) == date(2026, 9, 30)


def test_as_of_date_of_the_running_fiscal_year_is_today():
    assert as_of_date(2570, today=date(2026, 11, 25)) == date(2026, 11, 25)


def test_as_of_date_on_the_last_day_is_that_day():
    assert as_of_date(2570, today=date(2027, 9, 30)) == date(2027, 9, 30)


def test_the_share_of_a_running_fiscal_year_gone_by():
    from skillsportal.lib.fiscal_year import fiscal_year_elapsed

    assert fiscal_year_elapsed(2570, date(2026, 10, 1)) == 1 / 365
    assert round(fiscal_year_elapsed(2570, date(2026, 12, 4)), 2) == 0.18
    assert fiscal_year_elapsed(2570, date(2027, 9, 30)) == 1.0
    assert fiscal_year_elapsed(2569, date(2026, 12, 4)) is None  # ended
    assert fiscal_year_elapsed(2571, date(2026, 12, 4)) is None  # not begun
