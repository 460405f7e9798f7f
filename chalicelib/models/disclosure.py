"""The personal mailbox (صندوق شخصی), issued letters kept for verification, and inquiry permits (grants)."""

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import TransactWriteError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib import normalize
from chalicelib.errors import Code, DomainError, NotFound, ServiceUnavailable
from chalicelib.models.base import get_or_none, index, table, transaction, updated


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
    item = get_or_none(MailboxItem, national_code, key, consistent_read=True)
    if item is None:
        raise NotFound()
    return item


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


def used_bytes(national_code: str) -> int:
    usage = get_or_none(MailboxUsage, national_code, consistent_read=True)
    return int(usage.used_bytes) if usage else 0


def issued_letter(verification_code: str) -> IssuedLetter | None:
    return get_or_none(IssuedLetter, verification_code)


def file_letter(item: MailboxItem, letter: IssuedLetter, quota: int) -> None:
    """The item, its verification record and the mailbox's bytes land together; MAILBOX_FULL when the quota lost."""
    size = item.size_bytes
    try:
        with transaction() as writes:
            writes.update(
                MailboxUsage(item.national_code),
                actions=[MailboxUsage.used_bytes.add(size)],
                condition=MailboxUsage.used_bytes.does_not_exist() | (MailboxUsage.used_bytes <= quota - size),
            )
            writes.save(item, condition=MailboxItem.tracking_number.does_not_exist())
            writes.save(letter, condition=IssuedLetter.verification_code.does_not_exist())
    except TransactWriteError as error:
        if used_bytes(item.national_code) + size > quota:
            raise DomainError(Code.MAILBOX_FULL) from error
        raise


def mark_viewed(item: MailboxItem, now) -> None:
    """The first view is kept; a later one changes nothing."""
    if item.viewed_at is None:
        updated(item, [MailboxItem.viewed_at.set(now)], MailboxItem.viewed_at.does_not_exist())


def _end_grant(writes, permit_hash: str, condition) -> None:
    """The one teardown of a grant: cancelled, and out of the expiry index."""
    writes.update(
        Grant(permit_hash), actions=[Grant.status.set("cancelled"), Grant.due_shard.remove()], condition=condition
    )


def _permit_cleared(status: str) -> list:
    return [MailboxItem.permit_status.set(status), MailboxItem.permit_hash.remove(), MailboxItem.access_code.remove()]


def delete_item(item: MailboxItem) -> None:
    """The item goes, its bytes leave the quota, and any permit on it is cancelled, in one transaction."""
    with transaction() as writes:
        writes.delete(item, condition=MailboxItem.tracking_number.exists())
        writes.update(MailboxUsage(item.national_code), actions=[MailboxUsage.used_bytes.add(-item.size_bytes)])
        if item.permit_hash:
            _end_grant(writes, item.permit_hash, Grant.code_hash.exists())


def commit_permit(item: MailboxItem, grant: Grant, access_code: str, now, *also) -> None:
    """The item's condition keeps a letter to one active permit: PERMIT_ALREADY_ACTIVE when another won.
    `also` (the activity entry) is put in the same transaction."""
    bound = (
        MailboxItem.institution_id.set(grant.institution_id)
        if grant.institution_id
        else MailboxItem.institution_id.remove()
    )
    try:
        with transaction() as writes:
            writes.update(
                item,
                actions=[
                    MailboxItem.permit_status.set("active"),
                    MailboxItem.permit_hash.set(grant.code_hash),
                    MailboxItem.access_code.set(item.seal_access_code(access_code)),
                    MailboxItem.inquirable_until.set(grant.inquirable_until),
                    bound,
                ],
                condition=MailboxItem.tracking_number.exists()
                & ((MailboxItem.permit_status != "active") | (MailboxItem.inquirable_until <= now)),
            )
            writes.save(grant, condition=Grant.code_hash.does_not_exist())
            for entry in also:
                writes.save(entry)
    except TransactWriteError as error:
        if owned_item(item.national_code, item.tracking_number).permit_active(now):
            raise DomainError(Code.PERMIT_ALREADY_ACTIVE) from error
        raise ServiceUnavailable(1) from error  # a conflicting write, not a permit: the client may simply retry


def active_permits(national_code: str, now) -> list[MailboxItem]:
    """The person's letters with a permit still running, read without their statements (only what cancelling needs)."""
    return list(
        MailboxItem.query(
            national_code,
            filter_condition=(MailboxItem.permit_status == "active") & (MailboxItem.inquirable_until > now),
            attributes_to_get=["national_code", "tracking_number", "permit_status", "permit_hash", "inquirable_until"],
            consistent_read=True,
        )
    )


def cancel_permit(item: MailboxItem, now, *also) -> None:
    """NO_ACTIVE_PERMIT when the permit ended meanwhile; `also` (the activity entry) lands in the same transaction."""
    try:
        with transaction() as writes:
            writes.update(
                item,
                actions=_permit_cleared("cancelled"),
                condition=(MailboxItem.permit_hash == item.permit_hash) & (MailboxItem.permit_status == "active"),
            )
            _end_grant(writes, item.permit_hash, Grant.status == "active")
            for entry in also:
                writes.save(entry)
    except TransactWriteError as error:
        if not owned_item(item.national_code, item.tracking_number).permit_active(now):
            raise DomainError(Code.NO_ACTIVE_PERMIT) from error
        raise ServiceUnavailable(1) from error


def expire_grant(grant: Grant, now) -> bool:
    """True when this call expired the grant; False when it was no longer active and due."""
    return updated(
        grant,
        [Grant.status.set("expired"), Grant.due_shard.remove()],
        (Grant.status == "active") & (Grant.inquirable_until <= now),
    )


def clear_expired_permit(grant: Grant) -> MailboxItem | None:
    """The letter that carried the grant, now without it; None when it has since moved on or is gone."""
    item = MailboxItem(grant.national_code, grant.tracking_number)
    if updated(
        item,
        _permit_cleared("expired"),
        (MailboxItem.permit_hash == grant.code_hash) & (MailboxItem.permit_status == "active"),
    ):
        return item
    return None
