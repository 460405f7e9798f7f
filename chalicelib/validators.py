"""Rules on identifiers and passwords that the contract fixes."""

import re
from functools import lru_cache
from pathlib import Path

_MOBILE = re.compile(r"09\d{9}")
_PASSWORD_CHARS = re.compile(r"[A-Za-z0-9!@#$%&]*")
_COMMON_PASSWORDS = Path(__file__).parent / "data" / "common_passwords.txt"
PASSWORD_MIN, PASSWORD_MAX = 8, 64


def is_valid_national_code(code: str) -> bool:
    if len(code) != 10 or not code.isascii() or not code.isdigit() or len(set(code)) == 1:
        return False
    s = sum(int(code[i]) * (10 - i) for i in range(9))
    r = s % 11
    check = r if r < 2 else 11 - r
    return int(code[9]) == check


def is_valid_mobile(number: str) -> bool:
    return bool(_MOBILE.fullmatch(number))


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    return frozenset(_COMMON_PASSWORDS.read_text(encoding="utf-8").split())


def password_violations(
    password: str, repeat: str | None, personal: tuple[str, ...] = (), min_length: int = PASSWORD_MIN
) -> list[str]:
    """Every broken rule, in a stable order, so the client can show them all at once; staff passwords ask a longer minimum."""
    violations = []
    if not _PASSWORD_CHARS.fullmatch(password):
        violations.append("CHARSET")
    if not password[:1].isascii() or not password[:1].isalpha():
        violations.append("FIRST_CHAR")
    if not max(min_length, PASSWORD_MIN) <= len(password) <= PASSWORD_MAX:
        violations.append("LENGTH")
    if not re.search(r"[A-Z]", password):
        violations.append("UPPER")
    if not re.search(r"[a-z]", password):
        violations.append("LOWER")
    if not re.search(r"[0-9]", password):
        violations.append("DIGIT")
    folded = password.casefold()
    if any(p and len(p) >= 2 and p.casefold() in folded for p in personal):
        violations.append("CONTAINS_PERSONAL")
    if folded in _common_passwords():
        violations.append("COMMON")
    if repeat is not None and repeat != password:
        violations.append("MISMATCH")
    return violations


def complete_national_code(first_nine: str) -> str:
    """The valid national code that starts with these nine digits (demo data and tests mint them)."""
    r = sum(int(first_nine[i]) * (10 - i) for i in range(9)) % 11
    return first_nine + str(r if r < 2 else 11 - r)
