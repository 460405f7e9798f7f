"""User-facing text: one catalogue per language (fa.py, en.py) with the same keys."""

from importlib import import_module

LANGUAGES = ("fa", "en")


def catalogue(language: str):
    return import_module(f"chalicelib.text.{language if language in LANGUAGES else 'fa'}")


def language_of(accept_language: str | None) -> str:
    """Persian unless the client's first preference is English."""
    first = (accept_language or "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "fa"


def error_message(language: str, code: str) -> str:
    """The text of a code declared in chalicelib.errors.Code; a unit test keeps every one of them here."""
    return catalogue(language).ERRORS[code]


def message(language: str, key: str, **values) -> str:
    return catalogue(language).MESSAGES[key].format(**values)


_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def figures(language: str, text: str) -> str:
    """A day or time as the language writes it: Persian digits in Persian text (codes to type stay ASCII)."""
    return text.translate(_PERSIAN_DIGITS) if language == "fa" else text


def number(language: str, value: int) -> str:
    """A count or amount grouped by thousands: ۱۴٬۶۰۰ in Persian text (U+066C, not a comma), 14,600 in English."""
    grouped = f"{value:,}"
    return figures(language, grouped.replace(",", "\u066c")) if language == "fa" else grouped


def when(language: str, instant) -> dict:
    """`day` and `time` of an instant in Tehran, for messages whose hour matters to the reader."""
    from chalicelib.jalali import day_of, time_of

    return {"day": figures(language, day_of(instant)), "time": figures(language, time_of(instant))}
