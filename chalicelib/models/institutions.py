"""Institutions that inquire records, their signing keys, used nonces, per-minute inquiry counts, and the access log.

Signing secrets are kept out of DynamoDB: they live in Secrets Manager (chalicelib/adapters/key_vault.py).
"""
from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model

from chalicelib.errors import ServiceUnavailable
from chalicelib.models.base import get_or_none, refused, saved, table, transaction


class Institution(Model):
    Meta = table("institutions")
    institution_id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    type = UnicodeAttribute()
    status = UnicodeAttribute()
    key_id = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()


class InstitutionKey(Model):
    """What a signed request names; carries the institution's name so an inquiry needs one read to know its caller."""

    Meta = table("institution_keys")
    key_id = UnicodeAttribute(hash_key=True)
    institution_id = UnicodeAttribute()
    institution_name = UnicodeAttribute()
    status = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()


class UsedNonce(Model):
    """Written create-only, so a nonce is accepted once per key; kept until no timestamp that carried it is in the window."""

    Meta = table("inquiry_nonces")
    key = UnicodeAttribute(hash_key=True)
    expires = TTLAttribute()


class InquiryCount(Model):
    """Inquiries of one institution in one clock minute, counted with an atomic add (no read, no lost update)."""

    Meta = table("inquiry_counts")
    key = UnicodeAttribute(hash_key=True)
    count = NumberAttribute(default=0)
    expires = TTLAttribute()


class AccessLogEntry(Model):
    """One inquiry against a person's codes; the range key starts with the instant, so newest-first is one query."""

    Meta = table("access_log")
    national_code = UnicodeAttribute(hash_key=True)
    entry_id = UnicodeAttribute(range_key=True)
    at = UTCDateTimeAttribute()
    institution_id = UnicodeAttribute()
    institution_name = UnicodeAttribute()
    tracking_number = UnicodeAttribute()
    outcome = UnicodeAttribute()


def count_inquiry(key: str, expires) -> int:
    """Adds one to the minute's counter and answers the new total."""
    counter = InquiryCount(key)
    counter.update(actions=[InquiryCount.count.add(1), InquiryCount.expires.set(expires)])
    return int(counter.count)


def active_institution(institution_id: str) -> Institution | None:
    institution = get_or_none(Institution, institution_id)
    return institution if institution is not None and institution.status == "active" else None


def use_nonce(key_id: str, nonce: str, expires) -> bool:
    """False when the key has used this nonce before (the create-only condition refused it)."""
    return saved(UsedNonce(f"{key_id}#{nonce}", expires=expires), UsedNonce.key.does_not_exist())


def log_access(entry: AccessLogEntry) -> None:
    entry.save(condition=AccessLogEntry.entry_id.does_not_exist())


def record_use(grant, entry: AccessLogEntry, now) -> bool:
    """Counts the use and writes its log entry in one transaction; False when the grant stopped being usable."""
    from chalicelib.models.disclosure import Grant

    try:
        with transaction() as writes:
            writes.update(grant, actions=[Grant.uses.add(1)], condition=(Grant.status == "active") & (Grant.inquirable_until > now))
            writes.save(entry, condition=AccessLogEntry.entry_id.does_not_exist())
    except TransactWriteError as error:
        if any(refused(error, 2)):
            return False
        raise ServiceUnavailable(1) from error
    return True
