"""Accounts, registrations in progress, and sessions."""
from pynamodb.attributes import (
    ListAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.models.base import OneTimeCode, get_or_none, index, saved, table, transaction


class Account(Model):
    Meta = table("accounts")
    national_code = UnicodeAttribute(hash_key=True)
    mobile = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    father_name = UnicodeAttribute()
    birth_date = UnicodeAttribute()
    gender = UnicodeAttribute()
    first_name_en = UnicodeAttribute(null=True)
    last_name_en = UnicodeAttribute(null=True)
    password_hash = UnicodeAttribute()
    question_ids = ListAttribute(of=UnicodeAttribute)
    answer_hashes = ListAttribute(of=UnicodeAttribute)
    status = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    # Sessions carry the generation they were made in; moving it on ends them all at once (read strongly).
    session_generation = NumberAttribute(default=0)
    version = VersionAttribute()


class PendingRegistrations(GlobalSecondaryIndex):
    """Sparse: only submissions whose verification an outage deferred carry `pending`."""

    Meta = index("pending")
    pending = UnicodeAttribute(hash_key=True)


class Registration(Model):
    Meta = table("registrations")
    registration_id = UnicodeAttribute(hash_key=True)
    tracking_code = UnicodeAttribute()
    national_code = UnicodeAttribute()
    mobile = UnicodeAttribute()
    status = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    code = OneTimeCode(null=True)
    first_name = UnicodeAttribute(null=True)
    last_name = UnicodeAttribute(null=True)
    father_name = UnicodeAttribute(null=True)
    birth_date = UnicodeAttribute(null=True)
    gender = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    password_hash = UnicodeAttribute(null=True)
    question_ids = ListAttribute(of=UnicodeAttribute, null=True)
    answer_hashes = ListAttribute(of=UnicodeAttribute, null=True)
    pending = UnicodeAttribute(null=True)
    pending_index = PendingRegistrations()
    expires = TTLAttribute(null=True)
    version = VersionAttribute()


class RegistrationHead(Model):
    """The one current registration of a national code: restarting replaces it, tracking looks it up."""

    Meta = table("registration_heads")
    national_code = UnicodeAttribute(hash_key=True)
    registration_id = UnicodeAttribute()


class SessionsByPerson(GlobalSecondaryIndex):
    Meta = index("by_person")
    national_code = UnicodeAttribute(hash_key=True)


class Session(Model):
    Meta = table("sessions")
    token_hash = UnicodeAttribute(hash_key=True)
    national_code = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    last_seen_at = UTCDateTimeAttribute()
    expires = TTLAttribute()
    generation = NumberAttribute(default=0)
    by_person = SessionsByPerson()


def account_or_none(national_code: str, **kwargs) -> Account | None:
    return get_or_none(Account, national_code, **kwargs)


def courtesy_mobile(national_code: str) -> str | None:
    """The mobile for a courtesy message after a change that already stands: None when storage cannot say right now,
    so an outage costs the message and never the answer."""
    from pynamodb.exceptions import PynamoDBException

    try:
        return Account.get(national_code).mobile
    except PynamoDBException:
        return None


def account_status(national_code: str) -> str | None:
    account = get_or_none(Account, national_code, attributes_to_get=["status"])
    return account.status if account else None


def open_account(account: Account) -> bool:
    """Creates or replaces an inactive account; False when an active one is there (never overwritten)."""
    return saved(account, Account.national_code.does_not_exist() | (Account.status != "active"), add_version_condition=False)


def current_registration(national_code: str, **kwargs) -> Registration | None:
    """The registration the national code's head points to, if any."""
    head = get_or_none(RegistrationHead, national_code, **kwargs)
    return get_or_none(Registration, head.registration_id, **kwargs) if head else None


def replace_registration(registration: Registration, replaceable: tuple[str, ...]) -> None:
    """The new registration and its head are written together; a predecessor in a `replaceable` status goes with it."""
    previous = current_registration(registration.national_code, consistent_read=True)
    with transaction() as writes:
        writes.save(registration)
        writes.save(RegistrationHead(registration.national_code, registration_id=registration.registration_id))
        if previous is not None and previous.status in replaceable:
            writes.delete(previous)
