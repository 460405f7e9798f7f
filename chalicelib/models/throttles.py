"""Rolling windows of events (failures, sends) per key, shared by every limit the service enforces."""

from datetime import timedelta

from pynamodb.attributes import (
    ListAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.exceptions import PutError
from pynamodb.models import Model

from chalicelib.errors import Code, DomainError
from chalicelib.models.base import condition_failed, table

# A retried create is answered from its first result for a day.
IDEMPOTENCY_WINDOW = timedelta(hours=24)
# A claim older than the function's timeout (29 s) belongs to a Lambda that died: the retry may take it over.
CLAIM_LAPSES_AFTER = timedelta(seconds=30)


class EventWindow(Model):
    Meta = table("event_windows")
    key = UnicodeAttribute(hash_key=True)
    events = ListAttribute(of=NumberAttribute, default=list)
    expires = TTLAttribute(null=True)
    version = VersionAttribute()


class IdempotentResult(Model):
    """A create's first answer, sealed; `status` is absent while the first request is still running."""

    Meta = table("idempotency")
    key = UnicodeAttribute(hash_key=True)
    request_hash = UnicodeAttribute()
    claimed_at = UTCDateTimeAttribute(null=True)
    status = NumberAttribute(null=True)
    body = UnicodeAttribute(null=True)
    expires = TTLAttribute()


def claim(scope: str, request_hash: str, now) -> tuple[IdempotentResult, IdempotentResult | None]:
    """Claims the key for this request: (the claim, None) to go ahead, or (_, the stored result) to replay it.

    IDEMPOTENCY_KEY_REUSED for the key sent with another body; CONFLICT while a twin is still running.
    """
    claimed = IdempotentResult(scope, request_hash=request_hash, claimed_at=now, expires=now + IDEMPOTENCY_WINDOW)
    try:
        claimed.save(condition=IdempotentResult.key.does_not_exist())
    except PutError as error:
        if not condition_failed(error):
            raise
        stored = IdempotentResult.get(scope, consistent_read=True)
        if stored.request_hash != request_hash:
            raise DomainError(Code.IDEMPOTENCY_KEY_REUSED) from error
        if stored.status is not None:
            return claimed, stored
        if stored.claimed_at is not None and now < stored.claimed_at + CLAIM_LAPSES_AFTER:
            raise DomainError(Code.CONFLICT) from error
        _take_over(claimed, stored)
    return claimed, None


def _take_over(claimed: IdempotentResult, stored: IdempotentResult) -> None:
    """A claim left by a Lambda killed at its timeout lapses; only one retry may take it over."""
    condition = IdempotentResult.status.does_not_exist()
    if stored.claimed_at is not None:
        condition &= IdempotentResult.claimed_at == stored.claimed_at
    try:
        claimed.save(condition=condition)
    except PutError as error:
        if not condition_failed(error):
            raise
        raise DomainError(Code.CONFLICT) from error


def complete(claimed: IdempotentResult, status: int, body: str) -> None:
    claimed.status, claimed.body = status, body
    claimed.save()


def release(claimed: IdempotentResult) -> None:
    """The request failed: a retry runs it afresh."""
    claimed.delete(add_version_condition=False)
