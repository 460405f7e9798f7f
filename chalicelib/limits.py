"""Rolling-window limits on attempts and sends, kept in DynamoDB so every Lambda sees the same counts."""
from dataclasses import dataclass
from datetime import datetime

from chalicelib.errors import TooManyAttempts
from chalicelib.models.base import get_or_none, saved
from chalicelib.models.throttles import EventWindow


@dataclass(frozen=True)
class Limit:
    """At most `events` within any `window` seconds, and, with a burst (events, seconds), at most that many in a shorter span."""

    name: str
    events: int
    window: int
    burst: tuple[int, int] | None = None

    def key(self, subject: str) -> str:
        return f"{self.name}#{subject}"


def _load(key: str) -> EventWindow:
    return get_or_none(EventWindow, key, consistent_read=True) or EventWindow(key)


def recent(limit: Limit, subject: str, now: datetime) -> list[float]:
    start = now.timestamp() - limit.window
    return [t for t in _load(limit.key(subject)).events if t > start]


def retry_after(limit: Limit, subject: str, now: datetime) -> float | None:
    """Seconds until the subject may try again, or None when it is under the limit."""
    return _wait(limit, recent(limit, subject, now), now)


def _wait(limit: Limit, events: list[float], now: datetime) -> float | None:
    spans = [(limit.events, limit.window)] + ([limit.burst] if limit.burst else [])
    waits = []
    for count, seconds in spans:
        inside = sorted(t for t in events if t > now.timestamp() - seconds)
        if len(inside) >= count:
            waits.append(inside[-count] + seconds - now.timestamp())
    return max(waits) if waits else None


def enforce(limit: Limit, subject: str, now: datetime) -> None:
    wait = retry_after(limit, subject, now)
    if wait is not None:
        raise TooManyAttempts(wait)


def record(limit: Limit, subject: str, now: datetime) -> int:
    """Adds one event and answers how many the window now holds; retried on concurrent writers."""
    return _add(limit, subject, now, refuse_when_over=False)


def consume(limit: Limit, subject: str, now: datetime) -> int:
    """Checks and counts in one read: TOO_MANY_ATTEMPTS when over the limit, else the event is recorded."""
    return _add(limit, subject, now, refuse_when_over=True)


def _add(limit: Limit, subject: str, now: datetime, refuse_when_over: bool) -> int:
    for _ in range(5):
        item = _load(limit.key(subject))
        start = now.timestamp() - limit.window
        kept = [t for t in item.events if t > start]
        wait = _wait(limit, kept, now) if refuse_when_over else None
        if wait is not None:
            raise TooManyAttempts(wait)
        item.events = kept[-(limit.events * 4):] + [now.timestamp()]
        item.expires = datetime.fromtimestamp(now.timestamp() + limit.window, tz=now.tzinfo)
        if saved(item, None):  # its version guards against a concurrent writer; on a loss, read again
            return len(item.events)
    raise TooManyAttempts(1)


def clear(limit: Limit, subject: str) -> None:
    EventWindow(limit.key(subject)).delete(add_version_condition=False)
