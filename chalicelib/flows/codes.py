"""One-time codes sent by SMS or email: minting, send limits, and checking with per-code and rolling caps.

Every cap here is one an outsider cannot turn into a day-long lockout of the owner: sends are capped per
destination with waits of at most an hour and per requesting client; tries are capped per code, per client,
and per national code with growing waits (NIST SP 800-63B 5.2.2) rather than a day's refusal.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from chalicelib import limits, normalize
from chalicelib.crypto import keyed_hash, random_digits, same
from chalicelib.errors import Code, DomainError, TooManyAttempts
from chalicelib.inputs import Fields
from chalicelib.limits import Backoff, Limit
from chalicelib.models.base import OneTimeCode

CODE_LIFETIME = timedelta(minutes=5)
TRIES_PER_CODE = 5
# A destination gets at most 5 codes in 15 minutes and 10 in an hour: enough for a slow network and a few
# restarts, useless for flooding a phone, and whoever spends it makes the owner wait an hour at most.
SEND_LIMIT = Limit("code_sends", 10, 3600, burst=(5, 900))
# One client (address) asks for at most 30 codes an hour, whatever national codes and numbers it names.
CLIENT_SEND_LIMIT = Limit("code_sends_client", 30, 3600)
# Tries (codes and answer sets) per national code: 10 within a day free, then 1, 2, 4 ... minutes, at most an
# hour apart, so at most about 40 a day; a new code does not reset it, a success does not refund its try.
PERSON_TRIES = Backoff("code_tries", free=10, first_wait=60, longest_wait=3600, window=86400)
# Tries per client address: 30 an hour, so one attacker spends their own budget long before a person's.
CLIENT_TRIES = Limit("code_tries_client", 30, 3600)


class EnteredCode(NamedTuple):
    """A `{code}` body: the digits a person typed from an SMS or email, in any script."""

    code: str

    @classmethod
    def read(cls, body: dict) -> "EnteredCode":
        fields = Fields(body)
        submitted = fields.code("code")
        fields.done()
        return cls(normalize.code(submitted))


@dataclass
class CodeState:
    """The stored side of a code: its keyed hash, expiry and tries so far (each counted before it is checked)."""

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


def mint(
    purpose: str, owner_id: str, destination: str, now: datetime, client: str | None = None
) -> tuple[str, CodeState]:
    """A fresh code, refused with TOO_MANY_ATTEMPTS when the client or the destination has had its share."""
    if client is not None:
        limits.reserve(CLIENT_SEND_LIMIT, client, now)
    limits.reserve(SEND_LIMIT, destination, now)
    code = random_digits(6)
    return code, CodeState(keyed_hash(purpose, f"{owner_id}:{code}"), now + CODE_LIFETIME, 0)


def reserve_try(subject: str, client: str | None, now: datetime) -> None:
    """Counts a try (code or answers) against the client and the national code before anything is compared."""
    if client is not None:
        limits.reserve(CLIENT_TRIES, client, now)
    limits.reserve_backoff(PERSON_TRIES, subject, now)


def check(purpose: str, owner_id: str, state: CodeState, submitted: str, now: datetime, take_try) -> None:
    """Raises CODE_EXPIRED, TOO_MANY_ATTEMPTS or INVALID_CODE, or returns when the code is right.

    `take_try()` reserves this try on the code's own item (an atomic add conditioned on the cap and on the
    code still being the current one) and answers the tries used; it runs before the code is compared.
    """
    if state.code_hash is None or state.expires_at is None or now >= state.expires_at:
        raise DomainError(Code.CODE_EXPIRED)
    if state.failures >= TRIES_PER_CODE:
        raise TooManyAttempts((state.expires_at - now).total_seconds())
    used = take_try()
    if same(keyed_hash(purpose, f"{owner_id}:{submitted}"), state.code_hash):
        return
    raise DomainError(Code.INVALID_CODE, attempts_left=max(0, TRIES_PER_CODE - used))
