"""Opening hours: the spreadsheet notation, validation, and open now in Asia/Shanghai time."""

from datetime import UTC, datetime

import pytest

from backend.app.sites import hours

WORKDAY = [{"opens": "09:00", "closes": "11:30"}, {"opens": "14:00", "closes": "17:30"}]
HALL = {"weekly": [WORKDAY] * 5 + [[], []], "closed_dates": ["2026-10-01"], "note": ""}


def shanghai(text):
    """An aware datetime from a Shanghai wall-clock time."""
    return datetime.fromisoformat(text + "+08:00")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-30T10:00", True),  # Monday morning
        ("2026-11-30T12:00", False),  # lunch break
        ("2026-11-30T14:00", True),  # opens at 14:00 sharp
        ("2026-11-30T17:30", False),  # closed at 17:30 sharp
        ("2026-12-05T10:00", False),  # Saturday
        ("2026-10-01T10:00", False),  # a Thursday, but a closed date
    ],
)
def test_open_now_for_a_hall(moment, expected):
    assert hours.open_now(HALL, shanghai(moment)) is expected


def test_open_now_uses_china_time_not_utc():
    monday_only = {"weekly": [[hours.ALL_DAY]] + [[]] * 6, "closed_dates": [], "note": ""}
    # Sunday 17:00 UTC is Monday 01:00 in Shanghai.
    assert hours.open_now(monday_only, datetime(2026, 11, 29, 17, 0, tzinfo=UTC)) is True
    assert hours.open_now(monday_only, datetime(2026, 11, 29, 15, 59, tzinfo=UTC)) is False


def test_all_day_includes_the_last_minute_and_unknown_hours_are_none():
    always = {"weekly": [[hours.ALL_DAY]] * 7, "closed_dates": [], "note": ""}
    assert hours.open_now(always, shanghai("2026-11-30T23:59")) is True
    assert hours.open_now(always, shanghai("2026-11-30T00:00")) is True
    assert hours.open_now(None, shanghai("2026-11-30T10:00")) is None


@pytest.mark.parametrize(
    ("cell", "periods"),
    [
        ("09:00-11:30,14:00-17:00", [("09:00", "11:30"), ("14:00", "17:00")]),
        ("9:00-17:00", [("09:00", "17:00")]),
        ("09:00 至 12:00；13:30～17:00", [("09:00", "12:00"), ("13:30", "17:00")]),
        ("全天", [("00:00", "24:00")]),
        ("闭馆", []),
        ("", []),
        (None, []),
    ],
)
def test_spreadsheet_cells(cell, periods):
    parsed = hours.parse_day(cell)
    assert [(p["opens"], p["closes"]) for p in parsed] == periods


@pytest.mark.parametrize(
    "cell",
    ["17:00-09:00", "09:00-12:00,11:00-13:00", "25:00-26:00", "24:30-24:45", "上午", "9点-17点"],
)
def test_bad_cells_are_refused(cell):
    with pytest.raises(ValueError):
        hours.parse_day(cell)


def test_at_most_four_periods_a_day():
    five = ",".join(f"{h:02d}:00-{h:02d}:30" for h in range(8, 13))
    with pytest.raises(ValueError, match="最多 4"):
        hours.parse_day(five)
