"""Institutions that inquire records, their signing keys, used nonces, per-minute inquiry counts, and the access log.

Signing secrets are kept out of DynamoDB: they live in Secrets Manager (chalicelib/adapters/key_vault.py).
"""
from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.models import Model

from chalicelib.models.base import table


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
    try:
        institution = Institution.get(institution_id)
    except DoesNotExist:
        return None
    return institution if institution.status == "active" else None
