"""One-time codes, for any interleaving of sends, guesses and waits: never accepted once expired, used or capped.

Drives flows/codes.py against the emulator (the person's cap lives in DynamoDB) and compares every answer with a
small model of the rules in SECURITY.md (5 minutes, 5 tries per code, each try counted before it is compared;
10 tries a rolling day per person free, then waits doubling from a minute to an hour), kept apart from the
stored state so a wrong stored expiry or try count is caught too.
"""

import uuid
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chalicelib.errors import DomainError, TooManyAttempts
from chalicelib.flows import codes

LIFETIME, TRIES, FREE, DAY = timedelta(minutes=5), 5, 10, 86400
WAITS = {"wait_second": 1, "wait_minute": 60, "wait_until_expiry": 300, "wait_hour": 3600, "wait_day": 86400}
# Wrong guesses weigh most, so the per-code and the person's caps are reached often within one sequence.
STEP = st.sampled_from(["mint", "right", "wrong", "wrong", "wrong", *WAITS])
EXHAUST = ["mint", "wrong", "wrong", "wrong", "wrong", "wrong"]


def _wrong(code: str | None) -> str:
    return "000000" if code is None else f"{(int(code) + 1) % 10**6:06d}"


def _person_waits(tries: list[float], now: datetime) -> bool:
    inside = [t for t in tries if t > now.timestamp() - DAY]
    if len(inside) < FREE:
        return False
    return max(inside) + min(60 * 2 ** (len(inside) - FREE), 3600) > now.timestamp()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(EXHAUST * 2 + ["mint", "right"])
@example(EXHAUST + ["right", "mint", "right", "right"])
@example(["mint", "wait_minute", "wait_until_expiry", "right", "mint", "wait_day", "right"])
@example(EXHAUST * 2 + ["wait_hour", "mint", "right"])
@given(st.lists(STEP, max_size=30))
def test_code_is_accepted_only_while_fresh_unused_and_under_both_caps(steps):
    person, owner, destination = (f"property-{uuid.uuid4().hex}" for _ in range(3))
    now = datetime.now(timezone.utc).replace(microsecond=0)
    state, code, minted_at, used = codes.CodeState(None, None, 0), None, None, False
    person_tries: list[float] = []

    def take_try():
        state.failures += 1  # the flows' atomic add on the code's own item
        codes.reserve_try(person, None, now)
        return state.failures

    for step in steps:
        if step in WAITS:
            now += timedelta(seconds=WAITS[step])
            continue
        if step == "mint":
            code, state = codes.mint("property", owner, destination, now)
            minted_at, used = now, False
            continue
        right = step == "right" and code is not None
        expired = code is None or used or now >= minted_at + LIFETIME
        exhausted = state.failures >= TRIES
        waiting = _person_waits(person_tries, now)
        try:
            codes.check("property", owner, state, code if right else _wrong(code), now, take_try)
            outcome = "accepted"
        except TooManyAttempts as throttled:
            assert throttled.retry_after >= 1
            outcome = "throttled"
        except DomainError as error:
            outcome = {"CODE_EXPIRED": "expired", "INVALID_CODE": "wrong"}[error.code]
        if outcome in ("accepted", "wrong"):
            person_tries.append(now.timestamp())
        if outcome == "accepted":
            assert right and not (expired or exhausted or waiting)
            state, used = codes.CodeState(None, None, state.failures), True
        expected = "expired" if expired else "throttled" if exhausted or waiting else "accepted" if right else "wrong"
        assert outcome == expected, (step, outcome, expected)
