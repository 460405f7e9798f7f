"""Institutions that inquire records, their signing keys, used nonces, per-minute inquiry counts, and the access log.

Signing secrets are kept out of DynamoDB: they live in Secrets Manager (chalicelib/adapters/key_vault.py).
"""

from pynamodb.attributes import (
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import TransactWriteError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.errors import Code, ServiceUnavailable
from chalicelib.models.base import get_or_none, index, refused, saved, table, transaction

STATUSES = ("active", "disabled")


class InstitutionsByStatus(GlobalSecondaryIndex):
    """Institutions of one status in name order: the public search and the staff list are one Query each."""

    Meta = index("by_status", AllProjection())
    status = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute(range_key=True)


class Institution(Model):
    """`status` is "active" or "disabled"; `key_ids` names every signing key it holds, so disabling can stop them
    all in one transaction."""

    Meta = table("institutions")
    institution_id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    type = UnicodeAttribute()
    status = UnicodeAttribute()
    key_ids = UnicodeSetAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    by_status = InstitutionsByStatus()

    @property
    def active(self) -> bool:
        return self.status == "active"


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
    channel = UnicodeAttribute(null=True)


class InstitutionInquiry(Model):
    """An institution's own record of its inquiries (signed or through the panel), newest first in one query."""

    Meta = table("institution_inquiries")
    institution_id = UnicodeAttribute(hash_key=True)
    entry_id = UnicodeAttribute(range_key=True)
    at = UTCDateTimeAttribute()
    channel = UnicodeAttribute()
    officer_username = UnicodeAttribute(null=True)
    tracking_number = UnicodeAttribute(null=True)
    national_code_masked = UnicodeAttribute()
    outcome = UnicodeAttribute()
    expires = TTLAttribute()


def count_inquiry(key: str, expires) -> int:
    """Adds one to the minute's counter and answers the new total."""
    counter = InquiryCount(key)
    counter.update(actions=[InquiryCount.count.add(1), InquiryCount.expires.set(expires)])
    return int(counter.count)


def active_institution(institution_id: str) -> Institution | None:
    """Strongly consistent: a disabled institution is refused from the moment it is disabled."""
    institution = get_or_none(Institution, institution_id, consistent_read=True)
    return institution if institution is not None and institution.active else None


def institutions_of_status(status: str, page, list_name: str, caller: str, name_contains: str | None = None):
    """One page of institutions of a status in name order, optionally those whose name contains a text."""
    from chalicelib.paging import query_page

    extra = {"filter_condition": Institution.name.contains(name_contains)} if name_contains else {}
    return query_page(Institution.by_status, status, page, list_name, caller, **extra)


def new_institution(name: str, kind: str, now) -> Institution:
    import secrets

    return Institution(f"ins_{secrets.token_hex(8)}", name=name, type=kind, status="active", created_at=now)


def new_key(institution: Institution, now) -> InstitutionKey:
    """Carries the institution's name, so a signed inquiry needs one read to know its caller."""
    import secrets

    return InstitutionKey(
        f"key_{secrets.token_hex(10)}",
        institution_id=institution.institution_id,
        institution_name=institution.name,
        status="active",
        created_at=now,
    )


def institution_or_none(institution_id: str) -> Institution | None:
    return get_or_none(Institution, institution_id, consistent_read=True)


def note_inquiry(own: "InstitutionInquiry") -> None:
    """The institution's own record of an attempt that touched no code of anyone's."""
    own.save()


def use_nonce(key_id: str, nonce: str, expires) -> bool:
    """False when the key has used this nonce before (the create-only condition refused it)."""
    return saved(UsedNonce(f"{key_id}#{nonce}", expires=expires), UsedNonce.key.does_not_exist())


def log_access(entry: AccessLogEntry, *also) -> None:
    """The attempt and `also` (its activity entry for the person, the institution's own record) land together."""
    with transaction() as writes:
        writes.save(entry, condition=AccessLogEntry.entry_id.does_not_exist())
        for item in also:
            writes.save(item)


def record_use(grant, entry: AccessLogEntry, now, *also) -> bool:
    """Counts the use and writes its log entry (and `also`) in one transaction; False when the grant stopped being usable."""
    from chalicelib.models.disclosure import Grant

    try:
        with transaction() as writes:
            writes.update(
                grant,
                actions=[Grant.uses.add(1)],
                condition=(Grant.status == "active") & (Grant.inquirable_until > now),
            )
            writes.save(entry, condition=AccessLogEntry.entry_id.does_not_exist())
            for item in also:
                writes.save(item)
    except TransactWriteError as error:
        if any(refused(error, 2 + len(also))):
            return False
        raise ServiceUnavailable(1) from error
    return True


def active_institutions():
    """Every active institution, in name order."""
    return Institution.by_status.query("active")


def add_institution(institution: Institution, puts: list) -> None:
    from chalicelib.models.staff import write_together

    write_together([(institution, Institution.institution_id.does_not_exist()), *puts])


def add_key(institution: Institution, key: InstitutionKey, puts: list) -> None:
    """The key and its place in the institution's set together; INSTITUTION_DISABLED once it is disabled."""
    from chalicelib.models.staff import write_together

    write_together(
        [(key, InstitutionKey.key_id.does_not_exist()), *puts],
        updates=[(institution, [Institution.key_ids.add({key.key_id})], Institution.status == "active")],
        conflict=Code.INSTITUTION_DISABLED,
    )


def revoke_key(institution: Institution, key_id: str, puts: list) -> None:
    from chalicelib.models.staff import write_together

    write_together(
        list(puts),
        updates=[
            (
                InstitutionKey(key_id),
                [InstitutionKey.status.set("disabled")],
                InstitutionKey.institution_id == institution.institution_id,
            ),
            (institution, [Institution.key_ids.delete({key_id})], None),
        ],
    )


def disable_institution(institution: Institution, puts: list) -> list[str]:
    """The status and every key in one transaction, conditioned on the key set read, so a key issued meanwhile
    cannot slip through (CONFLICT, and a retry reads it). Answers the keys stopped."""
    from chalicelib.models.staff import write_together

    keys = sorted(institution.key_ids or ())
    held = Institution.key_ids.does_not_exist() if not keys else Institution.key_ids == set(keys)
    write_together(
        list(puts),
        updates=[
            (institution, [Institution.status.set("disabled")], held),
            *[(InstitutionKey(key_id), [InstitutionKey.status.set("disabled")], None) for key_id in keys],
        ],
    )
    return keys


def inquiries_page(institution_id: str, page, list_name: str, caller: str):
    """The institution's own inquiries, newest first."""
    from chalicelib.paging import query_page

    return query_page(InstitutionInquiry, institution_id, page, list_name, caller, scan_index_forward=False)
