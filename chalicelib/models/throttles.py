"""Rolling windows of events (failures, sends) per key, shared by every limit the service enforces."""
from datetime import timedelta

from pynamodb.attributes import ListAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.exceptions import PutError
from pynamodb.models import Model

from chalicelib.errors import Code, DomainError
from chalicelib.models.base import condition_failed, table

# A retried create is answered from its first result for a day.
IDEMPOTENCY_WINDOW = timedelta(hours=24)


class EventWindow(Model):
    Meta = table("event_windows")
    key = UnicodeAttribute(hash_key=True)
    events = ListAttribute(of=NumberAttribute, default=list)
    expires = TTLAttribute(null=True)
    version = VersionAttribute()


class IdempotentResult(Model):
    Meta = table("idempotency")
    key = UnicodeAttribute(hash_key=True)
    request_hash = UnicodeAttribute()
    status = NumberAttribute(null=True)
    body = UnicodeAttribute(null=True)
    expires = TTLAttribute()


def claim(scope: str, request_hash: str, now) -> tuple[IdempotentResult, IdempotentResult | None]:
    """Claims the key for this request: (the claim, None) to go ahead, or (_, the stored result) to replay it.

    IDEMPOTENCY_KEY_REUSED for the key sent with another body; CONFLICT while a twin is still running.
    """
    claimed = IdempotentResult(scope, request_hash=request_hash, expires=now + IDEMPOTENCY_WINDOW)
    try:
        claimed.save(condition=IdempotentResult.key.does_not_exist())
    except PutError as error:
        if not condition_failed(error):
            raise
        stored = IdempotentResult.get(scope, consistent_read=True)
        if stored.request_hash != request_hash:
            raise DomainError(Code.IDEMPOTENCY_KEY_REUSED) from error
        if stored.status is None:
            raise DomainError(Code.CONFLICT) from error
        return claimed, stored
    return claimed, None


def complete(claimed: IdempotentResult, status: int, body: str) -> None:
    claimed.status, claimed.body = status, body
    claimed.save()


def release(claimed: IdempotentResult) -> None:
    """The request failed: a retry runs it afresh."""
    claimed.delete()
