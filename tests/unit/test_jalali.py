from datetime import datetime, timedelta, timezone

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib import jalali

months = st.builds(lambda y, m: f"{y:04d}/{m:02d}", st.integers(1300, 1500), st.integers(1, 12))


def test_jdatetime_agrees_on_the_leap_years_used_below():
    assert jdatetime.date(1403, 1, 1).isleap()
    assert not jdatetime.date(1402, 1, 1).isleap()
    assert not jdatetime.date(1404, 1, 1).isleap()


@pytest.mark.parametrize(
    ("year", "lengths"),
    [
        (1403, [31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30]),
        (1402, [31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29]),
    ],
)
def test_month_lengths_of_a_leap_and_a_common_year(year, lengths):
    assert [jalali.month_length(f"{year}/{m:02d}") for m in range(1, 13)] == lengths


@given(months)
def test_month_length_is_the_last_valid_day(month):
    length = jalali.month_length(month)
    jalali.parse_day(f"{month}/{length}")
    with pytest.raises(ValueError):
        jalali.parse_day(f"{month}/{length + 1}")


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("1402/01", "1402/01"),
        ("1402/1", "1402/01"),
        ("1402-01", "1402/01"),
        ("1402-12", "1402/12"),
        ("1300/01", "1300/01"),
        ("1500/12", "1500/12"),
    ],
)
def test_parse_month_accepts(text, canonical):
    assert jalali.parse_month(text) == canonical


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1402",
        "1402/13",
        "1402/00",
        "1402/0",
        "1299/12",
        "1501/01",
        "1402/001",
        "02/01",
        " 1402/01",
        "1402/01 ",
        "1402 01",
        "1402/01/01",
        "۱۴۰۲/۰۱",
        "1402/1a",
        None,
        140201,
    ],
)
def test_parse_month_rejects(text):
    with pytest.raises(ValueError):
        jalali.parse_month(text)


@pytest.mark.parametrize(
    ("month", "n", "result"),
    [
        ("1402/11", 3, "1403/02"),
        ("1403/01", -1, "1402/12"),
        ("1402/12", 1, "1403/01"),
        ("1402/05", 0, "1402/05"),
        ("1402/05", -17, "1400/12"),
        ("1402/05", 24, "1404/05"),
    ],
)
def test_add_months(month, n, result):
    assert jalali.add_months(month, n) == result


@pytest.mark.parametrize(("month", "n"), [("1500/12", 1), ("1300/01", -1)])
def test_add_months_refuses_to_leave_the_supported_years(month, n):
    with pytest.raises(ValueError):
        jalali.add_months(month, n)


def test_months_between():
    assert jalali.months_between("1402/11", "1403/02") == ["1402/11", "1402/12", "1403/01", "1403/02"]
    assert jalali.months_between("1402/11", "1402/11") == ["1402/11"]
    assert jalali.months_between("1403/02", "1402/11") == []


@given(months, st.integers(-2400, 2400))
def test_add_months_round_trips(month, n):
    try:
        moved = jalali.add_months(month, n)
    except ValueError:
        return
    assert jalali.add_months(moved, -n) == month


@given(months, st.integers(0, 600))
def test_months_between_counts_the_difference_inclusive(first, n):
    try:
        last = jalali.add_months(first, n)
    except ValueError:
        return
    between = jalali.months_between(first, last)
    assert len(between) == n + 1
    assert between == sorted(between)
    assert (between[0], between[-1]) == (first, last)


@given(st.integers(1300, 1500), st.integers(1, 12), st.sampled_from(["/", "-"]), st.booleans())
def test_parse_month_round_trips_any_spelling(year, month, separator, padded):
    text = f"{year}{separator}{month:02d}" if padded else f"{year}{separator}{month}"
    canonical = jalali.parse_month(text)
    assert canonical == f"{year:04d}/{month:02d}"
    assert jalali.parse_month(canonical) == canonical


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1403/08/30", (1403, 8, 30)),
        ("1403/8/3", (1403, 8, 3)),
        ("1403-08-30", (1403, 8, 30)),
        ("1403/12/30", (1403, 12, 30)),
        ("1402/12/29", (1402, 12, 29)),
    ],
)
def test_parse_day_accepts(text, expected):
    d = jalali.parse_day(text)
    assert (d.year, d.month, d.day) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1403/07/31",
        "1402/12/30",
        "1403/13/01",
        "1403/00/10",
        "1403/01/00",
        "1403/01/32",
        "1403/08-30",
        "1299/01/01",
        "1403/08",
        "1403/08/30 ",
        "",
        None,
    ],
)
def test_parse_day_rejects(text):
    with pytest.raises(ValueError):
        jalali.parse_day(text)


def test_format_day_pads():
    assert jalali.format_day(jdatetime.date(1403, 8, 3)) == "1403/08/03"
    assert jalali.format_day(jalali.parse_day("1403/8/30")) == "1403/08/30"


@pytest.mark.parametrize(
    ("instant", "day", "time"),
    [
        (datetime(2026, 11, 22, 20, 29, 59, tzinfo=timezone.utc), "1405/09/01", "23:59"),
        (datetime(2026, 11, 22, 20, 30, 0, tzinfo=timezone.utc), "1405/09/02", "00:00"),
        (datetime(2026, 11, 22, 21, 0, tzinfo=timezone.utc), "1405/09/02", "00:30"),
    ],
)
def test_a_day_turns_at_midnight_in_tehran_not_in_utc(instant, day, time):
    assert jalali.day_of(instant) == day
    assert jalali.time_of(instant) == time


def test_summer_has_the_same_offset_since_iran_dropped_daylight_saving():
    assert jalali.time_of(datetime(2026, 7, 1, 20, 29, tzinfo=timezone.utc)) == "23:59"
    assert jalali.day_of(datetime(2026, 7, 1, 20, 30, tzinfo=timezone.utc)) == "1405/04/11"


def test_day_of_reads_any_zone_as_tehran():
    utc_plus_5 = timezone(timedelta(hours=5))
    assert jalali.day_of(datetime(2026, 11, 23, 0, 30, tzinfo=utc_plus_5)) == "1405/09/01"
    assert jalali.day_of(datetime(2026, 11, 23, 1, 30, tzinfo=utc_plus_5)) == "1405/09/02"


def test_the_month_turns_at_nowruz_midnight_in_tehran():
    assert jalali.month_of(datetime(2026, 3, 20, 20, 29, 59, tzinfo=timezone.utc)) == "1404/12"
    assert jalali.month_of(datetime(2026, 3, 20, 20, 30, tzinfo=timezone.utc)) == "1405/01"


def test_day_of_refuses_naive_instants():
    with pytest.raises(ValueError):
        jalali.day_of(datetime(2026, 11, 22, 23, 0))


def test_month_of_at_nowruz():
    assert jalali.month_of(datetime(2025, 3, 20, 12, tzinfo=timezone.utc)) == "1403/12"
    assert jalali.month_of(datetime(2025, 3, 21, 0, tzinfo=timezone.utc)) == "1404/01"


def d(text):
    return jalali.parse_day(text)


@pytest.mark.parametrize(
    ("birth", "on", "years"),
    [
        ("1385/08/30", "1403/08/29", 17),
        ("1385/08/30", "1403/08/30", 18),
        ("1385/08/30", "1385/08/30", 0),
        ("1385/01/01", "1403/12/30", 18),
        # Born on Esfand 30 of leap year 1403: in common years the birthday is 1 Farvardin.
        ("1403/12/30", "1404/12/29", 0),
        ("1403/12/30", "1405/01/01", 1),
        ("1403/12/30", "1407/12/29", 3),
        ("1403/12/30", "1408/01/01", 4),
        # 1408 is leap again: its own Esfand 30 is the birthday.
        ("1403/12/30", "1408/12/29", 4),
        ("1403/12/30", "1408/12/30", 5),
    ],
)
def test_full_years(birth, on, years):
    assert jalali.full_years(d(birth), d(on)) == years


def test_full_years_refuses_a_date_before_birth():
    with pytest.raises(ValueError):
        jalali.full_years(d("1403/01/02"), d("1403/01/01"))


@given(st.dates(datetime(1930, 1, 1).date(), datetime(2030, 1, 1).date()), st.integers(1, 366 * 100))
def test_age_steps_up_only_on_birthdays(birth_gregorian, n):
    birth = jdatetime.date.fromgregorian(date=birth_gregorian)
    on = birth + timedelta(days=n)
    step = jalali.full_years(birth, on) - jalali.full_years(birth, on - timedelta(days=1))
    assert step in (0, 1)
    on_birthday = (on.month, on.day) == (birth.month, birth.day)
    esfand_30_in_common_year = (
        (birth.month, birth.day) == (12, 30)
        and (on.month, on.day) == (1, 1)
        and not ((on - timedelta(days=1)).isleap())
    )
    assert step == (1 if on_birthday or esfand_30_in_common_year else 0)
