"""Counting China's working days (工作日): holidays and make-up workdays included."""

import logging
from datetime import date, timedelta

import chinese_calendar
from sqlalchemy import select

from ..extensions import db
from .models import WorkdayOverride

logger = logging.getLogger(__name__)

# Years already reported as unknown to the package, so the warning is logged once per process.
_warned_years = set()


def _package_says(day):
    """The package's verdict, or None for a year it has no data for."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        # chinesecalendar's way of saying it has no official schedule for that year yet.
        return None


def _fallback(day):
    """Weekdays work, weekends rest: the best guess for a year nobody has described yet."""
    if day.year not in _warned_years:
        _warned_years.add(day.year)
        logger.warning(
            "no holiday calendar for %s: counting only weekends as days off; "
            "add the official schedule with `flask workdays set`",
            day.year,
        )
    return day.weekday() < 5


class Calendar:
    """Working-day answers for a run of dates, with the overrides loaded once."""

    def __init__(self, start):
        rows = db.session.execute(
            select(WorkdayOverride.day, WorkdayOverride.is_workday).where(
                WorkdayOverride.day >= start
            )
        )
        self.overrides = dict(rows.all())

    def is_workday(self, day):
        """True when people work on this day in mainland China."""
        if day in self.overrides:
            return self.overrides[day]
        verdict = _package_says(day)
        return _fallback(day) if verdict is None else verdict

    def count(self, start, end):
        """Working days after start up to and including end (0 when end is not after start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count


def is_workday(day):
    """True when people work on this day in mainland China."""
    return Calendar(day).is_workday(day)


def add_workdays(start, count):
    """The date of the count-th working day after start (start itself not counted)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    calendar = Calendar(start)
    day, seen = start, 0
    while seen < count:
        day += timedelta(days=1)
        if calendar.is_workday(day):
            seen += 1
    return day


def known_until():
    """The last year the installed package has official data for."""
    return max(chinese_calendar.holidays).year


def set_override(day, is_workday, note):
    """Declare a day a working day or a day off; replaces an earlier override of that day."""
    if not isinstance(day, date):
        raise TypeError("day must be a date")
    override = db.session.get(WorkdayOverride, day)
    if override is None:
        override = WorkdayOverride(day=day)
        db.session.add(override)
    override.is_workday = is_workday
    override.note = note
    db.session.commit()
    return override


def remove_override(day):
    """Drop the override of a day; return whether there was one."""
    override = db.session.get(WorkdayOverride, day)
    if override is None:
        return False
    db.session.delete(override)
    db.session.commit()
    return True


def list_overrides(year=None):
    """Overrides in date order, of one year when given."""
    statement = select(WorkdayOverride).order_by(WorkdayOverride.day)
    if year:
        statement = statement.where(
            WorkdayOverride.day >= date(year, 1, 1), WorkdayOverride.day <= date(year, 12, 31)
        )
    return db.session.scalars(statement).all()


def count_workdays(start, end):
    """Working days after start up to and including end (0 when end is not after start)."""
    return Calendar(start).count(start, end)
