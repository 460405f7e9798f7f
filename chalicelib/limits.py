"""Rolling-window limits on attempts and sends, kept in DynamoDB so every Lambda sees the same counts.

An attempt that guesses a secret (a code, an answer, a password, an identity) is *reserved* before it is
evaluated: `reserve` (or `reserve_backoff`) checks and counts in one conditional write, so thirty parallel
requests get at most the cap's number of evaluations, and a request that cannot win the write is refused
without being evaluated. A success does not refund its attempt. These are the functions other flows call
for their own caps (current-password checks, staff logins).
"""

import random
import time
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from chalicelib.errors import TooManyAttempts
from chalicelib.frozen import frozen
from chalicelib.models.base import condition_failed
from chalicelib.models.throttles import EventWindow

# Writers that lose the version race read again; past this many rounds the request is refused, unevaluated.
ROUNDS = 8


@frozen
class Limit:
    """At most `events` within any `window` seconds, and, with a burst (events, seconds), at most that many in a shorter span."""

    name: str
    events: int
    window: int
    burst: tuple[int, int] | None = None

    def key(self, subject: str) -> str:
        return f"{self.name}#{subject}"


@frozen
class Backoff:
    """`free` attempts within `window` seconds, then each further one waits twice as long as the one before,
    from `first_wait` up to `longest_wait`: a wait, never a lockout an outsider can stretch over a day."""

    name: str
    free: int
    first_wait: int
    longest_wait: int
    window: int

    def key(self, subject: str) -> str:
        return f"{self.name}#{subject}"

    def wait_after(self, count: int) -> int:
        return 0 if count < self.free else min(self.first_wait * 2 ** (count - self.free), self.longest_wait)


def _load(key: str) -> EventWindow:
    try:
        return EventWindow.get(key, consistent_read=True)
    except DoesNotExist:
        return EventWindow(key)


def recent(limit, subject: str, now: datetime) -> list[float]:
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


def _backoff_wait(backoff: Backoff, events: list[float], now: datetime) -> float | None:
    if not events:
        return None
    remaining = max(events) + backoff.wait_after(len(events)) - now.timestamp()
    return remaining if remaining > 0 else None


def reserve(limit: Limit, subject: str, now: datetime) -> int:
    """Counts one attempt if the subject is under the limit, else TOO_MANY_ATTEMPTS; answers the count in the window."""
    return _reserve(limit, subject, now, lambda events: _wait(limit, events, now))


def reserve_backoff(backoff: Backoff, subject: str, now: datetime) -> int:
    """Counts one attempt unless the subject must still wait; answers the count in the window."""
    return _reserve(backoff, subject, now, lambda events: _backoff_wait(backoff, events, now))


consume = reserve


def _reserve(limit, subject: str, now: datetime, wait_for) -> int:
    for round_ in range(ROUNDS):
        item = _load(limit.key(subject))
        kept = [t for t in item.events if t > now.timestamp() - limit.window]
        wait = wait_for(kept)
        if wait is not None:
            raise TooManyAttempts(wait)
        item.events = kept + [now.timestamp()]
        item.expires = datetime.fromtimestamp(now.timestamp() + limit.window, tz=now.tzinfo)
        try:
            item.save()
            return len(item.events)
        except PutError as error:
            if not condition_failed(error):
                raise
        time.sleep(random.uniform(0, 0.01 * (round_ + 1)))
    raise TooManyAttempts(1)


def record(limit: Limit, subject: str, now: datetime) -> int:
    """Adds one event with an atomic append (never lost to a concurrent writer); answers the count in the window."""
    item = EventWindow(limit.key(subject), version=0)  # so the update adds 1 to the version instead of setting it
    expires = datetime.fromtimestamp(now.timestamp() + limit.window, tz=now.tzinfo)
    item.update(
        actions=[
            EventWindow.events.set((EventWindow.events | []).append([now.timestamp()])),
            EventWindow.expires.set(expires),
        ],
        add_version_condition=False,
    )
    kept = [t for t in item.events if t > now.timestamp() - limit.window]
    if len(item.events) > 4 * max(limit.events, 1) + len(kept):
        _prune(item, kept)
    return len(kept)


def _prune(item: EventWindow, kept: list[float]) -> None:
    """Drops events older than the window; a concurrent writer wins and the next call prunes instead."""
    try:
        item.update(actions=[EventWindow.events.set(kept)])
    except UpdateError as error:
        if not condition_failed(error):
            raise


def clear(limit, subject: str) -> None:
    EventWindow(limit.key(subject)).delete(add_version_condition=False)
