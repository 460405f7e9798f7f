"""Input normalisation: users type digits in three scripts and Persian text with Arabic letters."""

import re

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
_OTHER_DIGITS = re.compile("[۰-۹٠-٩]")
_ARABIC_LETTERS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "\u200f": "", "\u200e": "", "\u200d": ""}
)
_SPACES = re.compile(r"\s+")
_ZWNJ_RUNS = re.compile(r"\u200c+")
_ZWNJ_BESIDE_SPACE = re.compile(r" ?\u200c ?")
_CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_]+")


def digits(text: str) -> str:
    """Only text that has a Persian or Arabic-Indic digit is translated: a search costs a fraction of a translate
    through a mapping, and an employer file's lines rarely have one."""
    return text.translate(_DIGITS) if _OTHER_DIGITS.search(text) else text


def code(text: str) -> str:
    """A code or number as typed: any digit script, spaces or dashes inside."""
    return _CODE_SEPARATORS.sub("", digits(text).strip())


def persian_text(text: str) -> str:
    """Canonical form of Persian text: Persian letters, single spaces, one ZWNJ where one belongs."""
    text = _SPACES.sub(" ", digits(text).translate(_ARABIC_LETTERS))
    text = _ZWNJ_BESIDE_SPACE.sub(lambda m: " " if " " in m.group(0) else "\u200c", _ZWNJ_RUNS.sub("\u200c", text))
    return text.strip(" \u200c")


def comparable(text: str) -> str:
    """What two spellings of one name or answer share: ZWNJ typed as a space or not at all, any case."""
    return persian_text(text).replace("\u200c", " ").replace(" ", "").casefold()


def answer(text: str) -> str:
    """Security answers are hashed in comparable form, so the person need not retype them letter for letter."""
    return comparable(text)


def mobile(text: str) -> str:
    number = code(text)
    if number.startswith("+98"):
        number = "0" + number[3:]
    elif number.startswith("0098"):
        number = "0" + number[4:]
    return number
