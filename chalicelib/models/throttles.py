"""Rolling windows of events (failures, sends) per key, shared by every limit the service enforces."""
from pynamodb.attributes import ListAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute, VersionAttribute
from pynamodb.models import Model

from chalicelib.models.base import table


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
