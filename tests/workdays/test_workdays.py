"""China's working days: the package's 2026 holidays and make-up days, overrides, fallback."""

import logging
from datetime import date

import pytest

from backend.app.workdays import services
from backend.app.workdays.services import add_workdays, is_workday, set_override


@pytest.mark.parametrize(
    ("day", "works"),
    [
        (date(2026, 2, 14), True),  # Saturday, Spring Festival make-up workday
        (date(2026, 2, 16), False),  # Monday, Spring Festival
        (date(2026, 2, 23), False),  # Monday, last day of the Spring Festival break
        (date(2026, 2, 24), True),
        (date(2026, 2, 28), True),  # Saturday, make-up workday
        (date(2026, 9, 20), True),  # Sunday, National Day make-up workday
        (date(2026, 10, 1), False),  # Thursday, National Day
        (date(2026, 10, 7), False),
        (date(2026, 10, 8), True),
        (date(2026, 10, 10), True),  # Saturday, make-up workday
        (date(2026, 10, 11), False),  # an ordinary Sunday
    ],
)
def test_the_package_knows_2026(ctx, day, works):
    assert is_workday(day) is works


def test_counting_across_national_day(ctx):
    # Friday 25 September 2026: Mon-Wed 28-30 September, then 8, 9, 10 (Saturday) October.
    assert add_workdays(date(2026, 9, 25), 3) == date(2026, 9, 30)
    assert add_workdays(date(2026, 9, 25), 4) == date(2026, 10, 8)
    assert add_workdays(date(2026, 9, 25), 6) == date(2026, 10, 10)
    assert add_workdays(date(2026, 9, 25), 15) == date(2026, 10, 22)


def test_counting_across_the_spring_festival(ctx):
    # Friday 13 February 2026: Saturday 14 works, 15-23 rest, 24 works.
    assert add_workdays(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_workdays(date(2026, 2, 13), 2) == date(2026, 2, 24)


def test_unknown_years_fall_back_to_weekends_and_say_so(ctx, caplog, monkeypatch):
    monkeypatch.setattr(services, "_warned_years", set())
    with caplog.at_level(logging.WARNING, logger="backend.app.workdays.services"):
        assert is_workday(date(2027, 1, 4)) is True  # a Monday
        assert is_workday(date(2027, 1, 9)) is False  # a Saturday
        assert add_workdays(date(2027, 1, 1), 5) == date(2027, 1, 8)
    warnings = [r for r in caplog.records if "2027" in r.getMessage()]
    assert len(warnings) == 1  # once per year and process, not once per day


def test_overrides_describe_a_year_the_package_does_not_know(ctx):
    set_override(date(2027, 1, 1), False, "2027 元旦")
    set_override(date(2027, 2, 20), True, "2027 春节调休上班（示例）")
    assert is_workday(date(2027, 1, 1)) is False
    assert is_workday(date(2027, 2, 20)) is True
    # Thursday 31 December 2026: the next working day is Monday 4 January 2027.
    assert add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert add_workdays(date(2027, 2, 19), 1) == date(2027, 2, 20)
    # Replacing an override, and removing it.
    set_override(date(2027, 1, 1), True, "改为上班")
    assert is_workday(date(2027, 1, 1)) is True
    assert services.remove_override(date(2027, 1, 1)) is True
    assert services.remove_override(date(2027, 1, 1)) is False


def test_an_override_wins_over_the_package(ctx):
    set_override(date(2026, 10, 8), False, "临时调整")
    assert is_workday(date(2026, 10, 8)) is False
    assert add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 9)


def test_the_command_line_manages_overrides(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["workdays", "set", "2027-02-06", "--holiday", "--note", "2027 春节"]
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(args=["workdays", "list", "--year", "2027"])
    assert "2027-02-06 holiday 2027 春节" in listed.output
    assert "up to 2026" in listed.output
    bad = runner.invoke(args=["workdays", "set", "06/02/2027", "--holiday", "--note", "x"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output
    assert "override removed" in runner.invoke(args=["workdays", "unset", "2027-02-06"]).output
