"""Input normalisation: users type digits in three scripts and Persian text with Arabic letters."""
import re

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
_ARABIC_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "\u200c": " ", "\u200f": "", "\u200e": ""})
_SPACES = re.compile(r"\s+")
_CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_]+")


def digits(text: str) -> str:
    return text.translate(_DIGITS)


def code(text: str) -> str:
    """A code or number as typed: any digit script, spaces or dashes inside."""
    return _CODE_SEPARATORS.sub("", digits(text).strip())


def persian_text(text: str) -> str:
    """Canonical form of Persian free text: Persian letters, ZWNJ as a space, single spaces."""
    return _SPACES.sub(" ", digits(text).translate(_ARABIC_LETTERS)).strip()


def answer(text: str) -> str:
    """Security answers compare after the same folding users expect: letters, spaces and case."""
    return persian_text(text).casefold()


def mobile(text: str) -> str:
    number = code(text)
    if number.startswith("+98"):
        number = "0" + number[3:]
    elif number.startswith("0098"):
        number = "0" + number[4:]
    return number
