"""Typed reads of request bodies: a wrong JSON type is MALFORMED_REQUEST (400), a missing field 422."""

import json
import re
import unicodedata

from chalicelib.errors import Code, DomainError, MalformedRequest, ValidationFailed

_MISSING = object()
# The contract's bounds on a body: 64 KiB and 32 levels of nesting; the largest real body is a few KiB deep 3.
MAX_BODY_BYTES = 64 * 1024
MAX_DEPTH = 32
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(r"[\[\]{}]")
# Codes, numbers and ids: nothing the service mints or accepts is longer.
CODE_MAX = 64


def parse_json_object(raw) -> dict:
    """The request body as a JSON object; anything else, whatever its Content-Type, is MALFORMED_REQUEST."""
    if not raw or not raw.strip():
        return {}
    if len(raw) > MAX_BODY_BYTES:
        raise DomainError(Code.PAYLOAD_TOO_LARGE)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if _depth(text) > MAX_DEPTH:
            raise MalformedRequest()
        body = json.loads(text)
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeError, RecursionError):
        raise MalformedRequest()
    if not isinstance(body, dict):
        raise MalformedRequest()
    return body


def _depth(text: str) -> int:
    """Nesting depth counted before parsing, so a hostile body never reaches the parser's recursion."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def has_format_controls(text: str) -> bool:
    """Bidi overrides and other invisible format characters (Unicode Cf) spoof how a name reads; ZWNJ is Persian spelling."""
    return any(unicodedata.category(ch) == "Cf" and ch != "\u200c" for ch in text)


class Fields:
    """Collects every missing or empty field so the client sees all problems in one answer."""

    def __init__(self, body: dict):
        self.body = body
        self.errors: dict[str, str] = {}

    def _get(self, name: str, kinds: tuple, required: bool):
        value = self.body.get(name, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.errors[name] = "REQUIRED"
            return None
        if not isinstance(value, kinds) or (bool not in kinds and isinstance(value, bool)):
            raise MalformedRequest(field=name)
        return value

    def text(self, name: str, required: bool = True, max_length: int = 200) -> str | None:
        value = self._get(name, (str,), required)
        if value is None:
            return None
        if not value.strip():
            if required:
                self.errors[name] = "REQUIRED"
            return None
        if len(value) > max_length:
            self.errors[name] = "TOO_LONG"
        return value

    def choice(self, name: str, allowed, invalid: str, max_length: int) -> str | None:
        """A required text that must be one of `allowed` (a set, a dict's keys); any other is `invalid`."""
        value = self.text(name, max_length=max_length)
        if value and value not in allowed:
            self.reject(name, invalid)
        return value

    def secret(self, name: str) -> str | None:
        """Passwords are taken exactly as typed: never normalised, never trimmed."""
        value = self._get(name, (str,), True)
        if value == "":
            self.errors[name] = "REQUIRED"
        return value

    def code(self, name: str, required: bool = True) -> str | None:
        """Codes and numbers may arrive as JSON numbers too; they are read as their digits. Empty is missing."""
        value = self._get(name, (str, int), required)
        if value is None:
            return None
        value = str(value)
        if not value.strip():
            if required:
                self.errors[name] = "REQUIRED"
            return None
        if len(value) > CODE_MAX:
            self.errors[name] = "TOO_LONG"
            return None
        return value

    def flag(self, name: str, default: bool | None = False) -> bool | None:
        value = self._get(name, (bool,), False)
        return default if value is None else value

    def integer(self, name: str, required: bool = True) -> int | None:
        return self._get(name, (int,), required)

    def items(self, name: str, required: bool = True) -> list | None:
        return self._get(name, (list,), required)

    def reject(self, name: str, code: str) -> None:
        self.errors.setdefault(name, code)

    def done(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)
