"""The personal mailbox (صندوق شخصی), issued letters kept for verification, and inquiry permits (grants)."""
from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute, TTLAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.exceptions import DoesNotExist
from pynamodb.models import Model

from chalicelib import normalize
from chalicelib.errors import NotFound

from chalicelib.models.base import index, table


class MailboxItem(Model):
    """One letter in a person's mailbox; the range key sorts by issue time, so newest-first is one query."""

    Meta = table("mailbox")
    national_code = UnicodeAttribute(hash_key=True)
    tracking_number = UnicodeAttribute(range_key=True)
    type = UnicodeAttribute()
    language = UnicodeAttribute()
    system = UnicodeAttribute()
    subject = UnicodeAttribute()
    mobile = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    sent_at = UTCDateTimeAttribute()
    viewed_at = UTCDateTimeAttribute(null=True)
    size_bytes = NumberAttribute()
    object_key = UnicodeAttribute()
    sha256 = UnicodeAttribute()
    verification_code = UnicodeAttribute()
    statement = UnicodeAttribute()
    permit_status = UnicodeAttribute(default="none")
    permit_hash = UnicodeAttribute(null=True)
    access_code = UnicodeAttribute(null=True)
    inquirable_until = UTCDateTimeAttribute(null=True)
    institution_id = UnicodeAttribute(null=True)

    def seal_access_code(self, access_code: str) -> str:
        """The owner's copy, shown again in the mailbox, is sealed to its letter: the table alone yields no code."""
        from chalicelib.sealing import seal_text

        return seal_text(access_code, self._sealing_context())

    def shown_access_code(self) -> str | None:
        from chalicelib.sealing import open_text

        return open_text(self.access_code, self._sealing_context()) if self.access_code else None

    def _sealing_context(self) -> str:
        return f"access_code\x00{self.national_code}\x00{self.tracking_number}"

    def permit_active(self, now) -> bool:
        """A stored "active" permit whose time has passed is expired, whether or not the expiry job has run."""
        return self.permit_status == "active" and self.inquirable_until is not None and self.inquirable_until > now


def owned_item(national_code: str, tracking_number: str) -> MailboxItem:
    """Reached through its owner only: another person's tracking number is simply not found (nor is a malformed one)."""
    key = normalize.code(tracking_number)
    if not (key.isdigit() and len(key) <= 32):
        raise NotFound()
    try:
        return MailboxItem.get(national_code, key, consistent_read=True)
    except DoesNotExist:
        raise NotFound()


class MailboxUsage(Model):
    """Bytes held per mailbox, changed in the same transaction as the items, so the quota cannot be raced."""

    Meta = table("mailbox_usage")
    national_code = UnicodeAttribute(hash_key=True)
    used_bytes = NumberAttribute(default=0)


class IssuedLetter(Model):
    """What /verify answers; it outlives the mailbox item, as a printed letter outlives its file."""

    Meta = table("issued_letters")
    verification_code = UnicodeAttribute(hash_key=True)
    tracking_number = UnicodeAttribute()
    type = UnicodeAttribute()
    language = UnicodeAttribute()
    issued_at = UTCDateTimeAttribute()
    national_code_masked = UnicodeAttribute()
    sha256 = UnicodeAttribute()


class DueGrants(GlobalSecondaryIndex):
    """Sparse: only active grants carry `due_shard`, so the expiry job reads what is due and nothing else."""

    Meta = index("due", AllProjection())
    due_shard = UnicodeAttribute(hash_key=True)
    inquirable_until = UTCDateTimeAttribute(range_key=True)


class Grant(Model):
    """An inquiry permit (مجوز استعلام), found by the keyed hash of its access code."""

    Meta = table("grants")
    code_hash = UnicodeAttribute(hash_key=True)
    national_code = UnicodeAttribute()
    tracking_number = UnicodeAttribute()
    institution_id = UnicodeAttribute(null=True)
    issued_at = UTCDateTimeAttribute()
    inquirable_until = UTCDateTimeAttribute()
    status = UnicodeAttribute()
    uses = NumberAttribute(default=0)
    due_shard = UnicodeAttribute(null=True)
    due = DueGrants()
    expires = TTLAttribute(null=True)
