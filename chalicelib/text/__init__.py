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
