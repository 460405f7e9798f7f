"""One-time codes, for any interleaving of sends, guesses and waits: never accepted once expired, used or capped.

Drives flows/codes.py against the emulator (the rolling cap lives in DynamoDB) and compares every answer with a
small model of the rules in DESIGN.md (5 minutes, 5 tries per code, 10 failures a rolling day), kept apart from
the stored state so a wrong stored expiry or try count is caught too.
"""
import uuid
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chalicelib.errors import DomainError, TooManyAttempts
from chalicelib.flows import codes

LIFETIME, TRIES, DAILY_FAILURES, DAY = timedelta(minutes=5), 5, 10, 86400
WAITS = {"wait_second": 1, "wait_minute": 60, "wait_until_expiry": 300, "wait_day": 86400}
# Wrong guesses weigh most, so the per-code and the rolling caps are reached often within one sequence.
STEP = st.sampled_from(["mint", "right", "wrong", "wrong", "wrong", *WAITS])
EXHAUST = ["mint", "wrong", "wrong", "wrong", "wrong", "wrong"]


def _wrong(code: str | None) -> str:
    return "000000" if code is None else f"{(int(code) + 1) % 10 ** 6:06d}"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(EXHAUST * 2 + ["mint", "right"])
@example(EXHAUST + ["right", "mint", "right", "right"])
@example(["mint", "wait_minute", "wait_until_expiry", "right", "mint", "wait_day", "right"])
@example(EXHAUST * 2 + ["wait_day", "mint", "right"])
@given(st.lists(STEP, max_size=30))
def test_code_is_accepted_only_while_fresh_unused_and_under_both_caps(steps):
    person, owner, destination = (f"property-{uuid.uuid4().hex}" for _ in range(3))
    now = datetime.now(timezone.utc).replace(microsecond=0)
    state, code, minted_at, used, tries = codes.CodeState(None, None, 0), None, None, False, 0
    failures: list[float] = []
    for step in steps:
        if step in WAITS:
            now += timedelta(seconds=WAITS[step])
            continue
        if step == "mint":
            code, state = codes.mint("property", owner, destination, now)
            minted_at, used, tries = now, False, 0
            continue
        right = step == "right" and code is not None
        capped = sum(t > now.timestamp() - DAY for t in failures) >= DAILY_FAILURES
        expired = code is None or used or now >= minted_at + LIFETIME
        exhausted = tries >= TRIES
        try:
            state = codes.check("property", owner, person, state, code if right else _wrong(code), now)
            outcome = "accepted"
        except codes.WrongCode as wrong:
            state, outcome = wrong.state, "wrong"
            failures.append(now.timestamp())
            tries += 1
        except TooManyAttempts as throttled:
            assert throttled.retry_after >= 1
            outcome = "throttled"
        except DomainError as error:
            assert error.code == "CODE_EXPIRED"
            outcome = "expired"
        if outcome == "accepted":
            assert right and not (expired or exhausted or capped)
            used = True
        expected = ("throttled" if capped else "expired" if expired else "throttled" if exhausted
                    else "accepted" if right else "wrong")
        assert outcome == expected, (step, outcome, expected)
