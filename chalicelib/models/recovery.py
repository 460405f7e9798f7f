"""Password recoveries in progress: the one-time code, the wrong tries and the reset token, all stored hashed."""
from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute, VersionAttribute
from pynamodb.models import Model

from chalicelib.models.base import OneTimeCode, table


class Recovery(Model):
    """Holds no fact about whether the national code has an account, so unknown codes store the same item."""

    Meta = table("recoveries")
    recovery_id = UnicodeAttribute(hash_key=True)
    national_code = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    expires_at = UTCDateTimeAttribute()
    code = OneTimeCode(null=True)
    sms_sent_at = UTCDateTimeAttribute(null=True)
    email_sent_at = UTCDateTimeAttribute(null=True)
    answer_failures = NumberAttribute(default=0)
    reset_hash = UnicodeAttribute(null=True)
    reset_expires_at = UTCDateTimeAttribute(null=True)
    expires = TTLAttribute()
    version = VersionAttribute()
