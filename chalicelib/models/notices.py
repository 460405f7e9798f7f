"""The durable queue of notices (SMS and email): written before any send, removed from the queue once delivered."""

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.models.base import index, table


class QueuedNotices(GlobalSecondaryIndex):
    """Sparse: only notices still to deliver carry `queue`, so the retry job reads what is due and nothing else."""

    Meta = index("queued", KeysOnlyProjection())
    queue = UnicodeAttribute(hash_key=True)
    next_attempt_at = UTCDateTimeAttribute(range_key=True)


class Notice(Model):
    """One message to one person. Its address and text are sealed: a copy of the table reveals no code or number."""

    Meta = table("notices")
    notice_id = UnicodeAttribute(hash_key=True)
    channel = UnicodeAttribute()
    sealed = UnicodeAttribute()
    status = UnicodeAttribute()
    deliver = NumberAttribute(default=1)
    attempts = NumberAttribute(default=0)
    created_at = UTCDateTimeAttribute()
    deliver_until = UTCDateTimeAttribute()
    claimed_until = UTCDateTimeAttribute(null=True)
    queue = UnicodeAttribute(null=True)
    next_attempt_at = UTCDateTimeAttribute(null=True)
    queued = QueuedNotices()
    expires = TTLAttribute()
