"""Typed reads of request bodies: a wrong JSON type is MALFORMED_REQUEST (400), a missing field 422."""
import json

from chalicelib.errors import MalformedRequest, ValidationFailed

_MISSING = object()


def parse_json_object(raw) -> dict:
    """The request body as a JSON object; anything else, whatever its Content-Type, is MALFORMED_REQUEST."""
    if not raw or not raw.strip():
        return {}
    try:
        body = json.loads(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeError):
        raise MalformedRequest()
    if not isinstance(body, dict):
        raise MalformedRequest()
    return body


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

    def secret(self, name: str) -> str | None:
        """Passwords are taken exactly as typed: never normalised, never trimmed."""
        value = self._get(name, (str,), True)
        if value == "":
            self.errors[name] = "REQUIRED"
        return value

    def code(self, name: str, required: bool = True) -> str | None:
        """Codes and numbers may arrive as JSON numbers too; they are read as their digits."""
        value = self._get(name, (str, int), required)
        return None if value is None else str(value)

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
