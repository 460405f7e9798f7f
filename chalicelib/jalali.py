"""Jalali (Solar Hijri) months and days as the organisation records them.

A month is the string "YYYY/MM" and a day "YYYY/MM/DD", both zero-padded, so
canonical strings sort in calendar order. Leap years come from jdatetime.

Days and times of instants are read as a person in Iran reads them: Asia/Tehran. That is a fixed UTC+03:30
here rather than zoneinfo, because Iran abolished daylight saving time in 2022 (so every instant this service
records has that offset) and the Lambda runtime need not ship the tz database.
"""

import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache

import jdatetime

MIN_YEAR, MAX_YEAR = 1300, 1500
TEHRAN = timezone(timedelta(hours=3, minutes=30), "Asia/Tehran")

_MONTH = re.compile(r"([0-9]{4})[/-]([0-9]{1,2})")
_DAY = re.compile(r"([0-9]{4})([/-])([0-9]{1,2})\2([0-9]{1,2})")


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} outside {MIN_YEAR}..{MAX_YEAR}")


def _index(month: str) -> int:
    """Months since the start of year 0, so month arithmetic is integer arithmetic."""
    year, number = parse_month(month).split("/")
    return int(year) * 12 + int(number) - 1


def _format_month(year: int, number: int) -> str:
    return f"{year:04d}/{number:02d}"


def _from_index(index: int) -> str:
    year, offset = divmod(index, 12)
    _check_year(year)
    return _format_month(year, offset + 1)


def _first_day(index: int) -> jdatetime.date:
    year, offset = divmod(index, 12)
    return jdatetime.date(year, offset + 1, 1)


def parse_month(text: str) -> str:
    """Canonical "YYYY/MM"; raises ValueError for anything that is not a month in range."""
    match = _MONTH.fullmatch(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"not a Jalali month: {text!r}")
    year, number = int(match[1]), int(match[2])
    _check_year(year)
    if not 1 <= number <= 12:
        raise ValueError(f"month {number} outside 1..12")
    return _format_month(year, number)


@lru_cache(maxsize=1024)
def month_length(month: str) -> int:
    """Counted from jdatetime's calendar, so Esfand follows its leap-year rule; kept, since a list asks per line."""
    index = _index(month)
    return (_first_day(index + 1) - _first_day(index)).days


def add_months(month: str, n: int) -> str:
    """Raises ValueError when the result leaves the supported years, so every month produced parses."""
    return _from_index(_index(month) + n)


def months_between(first: str, last: str) -> list[str]:
    """Every month from first to last inclusive; empty when first comes after last."""
    return [_from_index(i) for i in range(_index(first), _index(last) + 1)]


def parse_day(text: str) -> jdatetime.date:
    match = _DAY.fullmatch(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"not a Jalali date: {text!r}")
    year = int(match[1])
    _check_year(year)
    return jdatetime.date(year, int(match[3]), int(match[4]))


def format_day(d: jdatetime.date) -> str:
    return f"{d.year:04d}/{d.month:02d}/{d.day:02d}"


def in_tehran(instant: datetime) -> datetime:
    """Naive datetimes are refused: guessing their zone would move records across midnight."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("instant must be timezone-aware")
    return instant.astimezone(TEHRAN)


def _tehran_date(instant: datetime) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=in_tehran(instant).date())


def day_of(instant: datetime) -> str:
    """The Jalali day of the instant in Tehran: 20:30 UTC is already the next day there."""
    return format_day(_tehran_date(instant))


def month_of(instant: datetime) -> str:
    d = _tehran_date(instant)
    return _format_month(d.year, d.month)


def time_of(instant: datetime) -> str:
    """The instant's hour and minute in Tehran, "HH:MM", for texts where the hour matters (a permit's end, a code's expiry)."""
    return in_tehran(instant).strftime("%H:%M")


def full_years(birth: jdatetime.date, on: jdatetime.date) -> int:
    """Age in completed Jalali years.

    Comparing (month, day) pairs means someone born on Esfand 30 of a leap year
    has, in a common year, their birthday on 1 Farvardin: the day after Esfand 29.
    """
    if on < birth:
        raise ValueError("date precedes birth")
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
