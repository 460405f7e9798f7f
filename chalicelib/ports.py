"""What flows need from the outside world, as Protocols, and the Context that carries them into every flow.

A flow reads `verb(ids..., request, ctx: Context)`. chalicelib/wiring.py builds the real Context; tests may build one
from their own fakes (tests/fakes.py), since any object with these methods will do.
"""

from datetime import datetime, timedelta
from typing import Protocol

from chalicelib.config import Settings
from chalicelib.frozen import frozen


class Notifier(Protocol):
    def sms(self, to: str, body: str, now: datetime) -> None: ...

    def sms_after_commit(self, to: str, body: str, now: datetime) -> None:
        """For a change that already stands: a failed send is logged, never raised."""

    def email(self, to: str, subject: str, text: str, now: datetime) -> None: ...

    def email_after_commit(self, to: str, subject: str, text: str, now: datetime) -> None: ...

    def decoy(self, channel: str, text: str, now: datetime) -> None:
        """The same queue and dispatch work as a real notice, never delivered (flows that must not tell accounts apart)."""

    def deliver_due(self, now: datetime) -> int: ...

    def flush(self) -> None: ...


class CivilRegistry(Protocol):
    def lookup(self, national_code: str):
        """The person's CivilRecord (chalicelib.adapters.registries), or None."""


class MobileOperators(Protocol):
    def owner_of(self, mobile: str) -> str | None: ...


# How long a link to a letter's PDF works, for its owner and for an institution alike: long enough to open it, too
# short to be worth forwarding.
LETTER_LINK_LIFETIME = timedelta(minutes=5)


class LetterStore(Protocol):
    def put(self, key: str, pdf: bytes) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...

    def link(self, key: str, lifetime: timedelta) -> str: ...


class KeyVault(Protocol):
    def put(self, key_id: str, secret: str) -> None: ...

    def get(self, key_id: str) -> str: ...

    def retire(self, key_id: str) -> None: ...


class UploadStore(Protocol):
    def presigned_post(self, key: str, fields: dict, conditions: list, expires_in: int) -> dict: ...

    def head(self, key: str) -> dict | None: ...

    def link(self, key: str, lifetime: timedelta) -> str: ...


@frozen
class Context:
    """Everything a flow may touch besides its own tables: the clock, the person's language, settings, outside systems."""

    now: datetime
    language: str
    settings: Settings
    notifier: Notifier
    registry: CivilRegistry
    operators: MobileOperators
    letters: LetterStore
    vault: KeyVault
    uploads: UploadStore
    client: str | None = None  # the caller's address, for per-client caps (None in jobs)
