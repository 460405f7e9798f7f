"""One-time codes sent by SMS or email: minting, send limits, and checking with per-code and rolling caps."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib import limits
from chalicelib.crypto import keyed_hash, random_digits, same
from chalicelib.errors import Code, DomainError, TooManyAttempts
from chalicelib.limits import Limit
from chalicelib.models.base import OneTimeCode

CODE_LIFETIME = timedelta(minutes=5)
TRIES_PER_CODE = 5
# A destination gets at most 5 codes in 15 minutes and 20 a day: enough for a slow network and a few
# restarts, useless for flooding a phone.
SEND_LIMIT = Limit("code_sends", 20, 86400, burst=(5, 900))
# Wrong codes and answers per national code over a rolling day; a new code does not reset it.
FAILURE_LIMIT = Limit("code_failures", 10, 86400)


@dataclass
class CodeState:
    """A code as the checks see it: its keyed hash, expiry and wrong tries so far (stored as models.base.OneTimeCode)."""

    code_hash: str | None
    expires_at: datetime | None
    failures: int


def state_of(stored: OneTimeCode | None) -> CodeState:
    """The code state as a registration or recovery stores it (no code yet reads as spent)."""
    if stored is None:
        return CodeState(None, None, 0)
    return CodeState(stored.code_hash, stored.expires_at, int(stored.failures or 0))


def stored(state: CodeState) -> OneTimeCode:
    return OneTimeCode(code_hash=state.code_hash, expires_at=state.expires_at, failures=state.failures)


def mint(purpose: str, owner_id: str, destination: str, now: datetime) -> tuple[str, CodeState]:
    """A fresh code, refused with TOO_MANY_ATTEMPTS when the destination has had its share; counted from now."""
    limits.consume(SEND_LIMIT, destination, now)
    code = random_digits(6)
    return code, CodeState(keyed_hash(purpose, f"{owner_id}:{code}"), now + CODE_LIFETIME, 0)


def check(purpose: str, owner_id: str, subject: str, state: CodeState, submitted: str, now: datetime) -> CodeState:
    """Returns the spent state on success; raises INVALID_CODE, CODE_EXPIRED or TOO_MANY_ATTEMPTS."""
    limits.enforce(FAILURE_LIMIT, subject, now)
    if state.code_hash is None or state.expires_at is None or now >= state.expires_at:
        raise DomainError(Code.CODE_EXPIRED)
    if state.failures >= TRIES_PER_CODE:
        raise TooManyAttempts((state.expires_at - now).total_seconds())
    if same(keyed_hash(purpose, f"{owner_id}:{submitted}"), state.code_hash):
        return CodeState(None, None, state.failures)
    state.failures += 1
    raise WrongCode(state, count_failure(subject, state.failures, now))


def count_failure(subject: str, failures: int, now: datetime) -> int:
    """Counts a wrong code or answer against the rolling cap; answers the attempts left on both caps."""
    failures_today = limits.record(FAILURE_LIMIT, subject, now)
    return max(0, min(TRIES_PER_CODE - failures, FAILURE_LIMIT.events - failures_today))


class WrongCode(DomainError):
    """Carries the updated state so the caller can store the new try count before answering."""

    def __init__(self, state: CodeState, attempts_left: int, code: Code = Code.INVALID_CODE):
        super().__init__(code, attempts_left=attempts_left)
        self.state = state
