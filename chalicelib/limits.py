"""Rolling-window limits on attempts and sends, kept in DynamoDB so every Lambda sees the same counts."""
from dataclasses import dataclass
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, PutError

from chalicelib.errors import TooManyAttempts
from chalicelib.models.throttles import EventWindow


@dataclass(frozen=True)
class Limit:
    """At most `events` within any `window` seconds."""

    name: str
    events: int
    window: int

    def key(self, subject: str) -> str:
        return f"{self.name}#{subject}"


def _load(key: str) -> EventWindow:
    try:
        return EventWindow.get(key, consistent_read=True)
    except DoesNotExist:
        return EventWindow(key)


def recent(limit: Limit, subject: str, now: datetime) -> list[float]:
    start = now.timestamp() - limit.window
    return [t for t in _load(limit.key(subject)).events if t > start]


def retry_after(limit: Limit, subject: str, now: datetime) -> float | None:
    """Seconds until the subject may try again, or None when it is under the limit."""
    events = recent(limit, subject, now)
    if len(events) < limit.events:
        return None
    return sorted(events)[-limit.events] + limit.window - now.timestamp()


def enforce(limit: Limit, subject: str, now: datetime) -> None:
    wait = retry_after(limit, subject, now)
    if wait is not None:
        raise TooManyAttempts(wait)


def record(limit: Limit, subject: str, now: datetime) -> int:
    """Adds one event and answers how many the window now holds; retried on concurrent writers."""
    for _ in range(5):
        item = _load(limit.key(subject))
        start = now.timestamp() - limit.window
        item.events = [t for t in item.events if t > start][-(limit.events * 4):] + [now.timestamp()]
        item.expires = datetime.fromtimestamp(now.timestamp() + limit.window, tz=now.tzinfo)
        try:
            item.save()
            return len(item.events)
        except PutError as error:
            if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
                raise
    raise TooManyAttempts(1)


def clear(limit: Limit, subject: str) -> None:
    EventWindow(limit.key(subject)).delete(add_version_condition=False)
