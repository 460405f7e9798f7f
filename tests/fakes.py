"""Small fakes for the outside systems the flows reach through chalicelib/ports.py, and a Context built from them.

Flow tests call a flow with `fake_context()` and assert on what the fakes hold (`notifier.sent`, `letters.objects`)
rather than scraping /dev/outbox. Storage stays the emulated DynamoDB: these fakes stand in only for what is not ours.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

from chalicelib.adapters.registries import CivilRecord
from chalicelib.ports import Context


@dataclass(frozen=True)
class Sent:
    channel: str
    to: str
    subject: str | None
    body: str
    at: datetime


class FakeNotifier:
    def __init__(self):
        self.sent: list[Sent] = []

    def sms(self, to: str, body: str, now: datetime, valid_for=None) -> None:
        self.sent.append(Sent("sms", to, None, body, now))

    def sms_after_commit(self, to: str, body: str, now: datetime, valid_for=None) -> None:
        self.sms(to, body, now)

    def email(self, to: str, subject: str, text: str, now: datetime, valid_for=None) -> None:
        self.sent.append(Sent("email", to, subject, text, now))

    def email_after_commit(self, to: str, subject: str, text: str, now: datetime) -> None:
        self.email(to, subject, text, now)

    def decoy(self, channel: str, text: str, now: datetime, valid_for=None) -> None:
        """Never delivered, as the real notifier's decoys are not."""

    def deliver_due(self, now: datetime) -> int:
        return 0

    def flush(self) -> None:
        return None

    def to(self, address: str) -> list[str]:
        return [message.body for message in self.sent if message.to == address]


class FakeRegistry:
    """The civil registry and the mobile operators together: people by national code, owners by mobile."""

    def __init__(self, *records: CivilRecord, mobiles: dict[str, str] | None = None):
        self.records = {record.national_code: record for record in records}
        self.mobiles = dict(mobiles or {})

    def lookup(self, national_code: str) -> CivilRecord | None:
        return self.records.get(national_code)

    def owner_of(self, mobile: str) -> str | None:
        return self.mobiles.get(mobile)


class FakeLetterStore:
    def __init__(self):
        self.objects: dict[str, bytes] = {}

    def put(self, key: str, pdf: bytes) -> None:
        self.objects[key] = pdf

    def get(self, key: str) -> bytes:
        return self.objects[key]

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)

    def link(self, key: str, lifetime: timedelta) -> str:
        return f"https://letters.test/{key}?expires_in={int(lifetime.total_seconds())}"


class FakeKeyVault:
    def __init__(self):
        self.secrets: dict[str, str] = {}

    def put(self, key_id: str, secret: str) -> None:
        self.secrets[key_id] = secret

    def get(self, key_id: str) -> str:
        return self.secrets[key_id]

    def retire(self, key_id: str) -> None:
        self.secrets.pop(key_id, None)


class FakeUploadStore:
    def __init__(self):
        self.heads: dict[str, dict] = {}

    def presigned_post(self, key: str, fields: dict, conditions: list, expires_in: int) -> dict:
        return {"url": "https://uploads.test/", "fields": {"key": key, **fields}}

    def head(self, key: str) -> dict | None:
        return self.heads.get(key)

    def link(self, key: str, lifetime: timedelta) -> str:
        return f"https://uploads.test/{key}?expires={int(lifetime.total_seconds())}"


@dataclass
class Fakes:
    notifier: FakeNotifier = field(default_factory=FakeNotifier)
    registry: FakeRegistry = field(default_factory=FakeRegistry)
    letters: FakeLetterStore = field(default_factory=FakeLetterStore)
    vault: FakeKeyVault = field(default_factory=FakeKeyVault)
    uploads: FakeUploadStore = field(default_factory=FakeUploadStore)

    def context(self, now: datetime | None = None, language: str = "fa") -> Context:
        from chalicelib.config import settings

        return Context(
            now or datetime.now(timezone.utc),
            language,
            settings(),
            self.notifier,
            self.registry,
            self.registry,
            self.letters,
            self.vault,
            self.uploads,
        )

    def later(self, ctx: Context, **delta) -> Context:
        return replace(ctx, now=ctx.now + timedelta(**delta))
