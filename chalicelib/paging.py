"""Paging for every list: `limit` (1-100, default 20) and an opaque cursor bound to its list and caller.

A cursor is DynamoDB's `last_evaluated_key`, sealed with a keyed MAC over the list's name and the caller, so a
cursor from someone else's list, another list, or a forged one is refused with 400 `INVALID_CURSOR` before any
read. It reveals the key of the last item read (the caller's own data) and nothing else.
"""

import base64
import json

from chalicelib.crypto import keyed_hash, same
from chalicelib.errors import Code, DomainError, ValidationFailed
from chalicelib.frozen import frozen

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_CURSOR_LENGTH = 2048


@frozen
class Page:
    """What one request asks of a list: how many items, and from where (None: the start)."""

    limit: int
    start_key: dict | None


def page_of(query: dict, list_name: str, caller: str) -> Page:
    """Reads `limit` and `cursor` from a query string; `caller` is whoever the list belongs to or is read by."""
    from chalicelib.normalize import digits

    raw_limit = query.get("limit")
    limit = DEFAULT_LIMIT
    if raw_limit is not None:
        text = digits(str(raw_limit)).strip()
        if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
            raise ValidationFailed({"limit": "INVALID_LIMIT"})
        limit = int(text)
    cursor = query.get("cursor")
    return Page(limit, _open(cursor, list_name, caller) if cursor else None)


def next_cursor(last_evaluated_key: dict | None, list_name: str, caller: str) -> str | None:
    if not last_evaluated_key:
        return None
    payload = (
        base64.urlsafe_b64encode(json.dumps(last_evaluated_key, separators=(",", ":")).encode()).decode().rstrip("=")
    )
    return f"{payload}.{_seal(payload, list_name, caller)}"


def _seal(payload: str, list_name: str, caller: str) -> str:
    return keyed_hash("cursor", f"{list_name}\x00{caller}\x00{payload}")[:32]


def _open(cursor: str, list_name: str, caller: str) -> dict:
    payload, _, seal = str(cursor).partition(".")
    if len(cursor) > MAX_CURSOR_LENGTH or not payload or not same(seal, _seal(payload, list_name, caller)):
        raise DomainError(Code.INVALID_CURSOR)
    try:
        key = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError:
        raise DomainError(Code.INVALID_CURSOR) from None
    if not isinstance(key, dict):
        raise DomainError(Code.INVALID_CURSOR)
    return key


def query_page(
    model_or_index, hash_key, page: Page, list_name: str, caller: str, **query_args
) -> tuple[list, str | None]:
    """One Query of at most `page.limit` items from `page.start_key`, and the cursor for the next page."""
    result = model_or_index.query(hash_key, limit=page.limit, last_evaluated_key=page.start_key, **query_args)
    items = list(result)
    return items, next_cursor(result.last_evaluated_key, list_name, caller)
