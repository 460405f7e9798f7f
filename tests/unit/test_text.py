"""Numbers, days and times in the text people read: Persian digits and separator in Persian, Tehran's clock."""

from datetime import datetime, timezone

import pytest

from chalicelib.text import figures, message, number, when


@pytest.mark.parametrize(
    "value, persian, english",
    [(14600, "۱۴٬۶۰۰", "14,600"), (7, "۷", "7"), (1_234_567_890, "۱٬۲۳۴٬۵۶۷٬۸۹۰", "1,234,567,890")],
)
def test_numbers_group_thousands_with_the_persian_separator_in_persian(value, persian, english):
    assert number("fa", value) == persian and "," not in persian
    assert number("en", value) == english


@pytest.mark.parametrize(
    "instant, day, time",
    [
        (datetime(2026, 11, 22, 20, 29, 59, tzinfo=timezone.utc), "۱۴۰۵/۰۹/۰۱", "۲۳:۵۹"),
        (datetime(2026, 11, 22, 20, 30, 0, tzinfo=timezone.utc), "۱۴۰۵/۰۹/۰۲", "۰۰:۰۰"),
    ],
)
def test_a_permit_end_is_written_as_tehran_reads_it(instant, day, time):
    assert when("fa", instant) == {"day": day, "time": time}
    text = message("fa", "permit_issued", tracking_number="1405090200001123", **when("fa", instant))
    assert day in text and time in text and "تهران" in text
    assert when("en", instant)["time"] == figures("en", time.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))


def test_a_code_message_gives_its_expiry_hour_and_keeps_the_code_typeable():
    text = message(
        "fa", "mobile_change_code", code="123456", **when("fa", datetime(2026, 11, 22, 20, 35, tzinfo=timezone.utc))
    )
    assert "123456" in text and "۰۰:۰۵" in text
