"""Accounts, registrations in progress, sessions, and pending contact changes."""

from pynamodb.attributes import (
    ListAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.exceptions import TransactWriteError
from pynamodb.indexes import GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.errors import Code, DomainError, NotFound
from chalicelib.models.base import (
    OneTimeCode,
    condition_failed,
    get_or_none,
    index,
    refused,
    saved,
    table,
    take_try,
    transaction,
)


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
    client = UnicodeAttribute(default="api")
    expires = TTLAttribute()
    generation = NumberAttribute(default=0)
    by_person = SessionsByPerson()


class ContactChange(Model):
    """A mobile or email change waiting for its code; one per person and channel, so a new request replaces the old."""

    Meta = table("contact_changes")
    national_code = UnicodeAttribute(hash_key=True)
    channel = UnicodeAttribute(range_key=True)
    change_id = UnicodeAttribute()
    value = UnicodeAttribute()
    code = OneTimeCode(null=True)
    expires = TTLAttribute()


def account_or_none(national_code: str, **kwargs) -> Account | None:
    return get_or_none(Account, national_code, **kwargs)


def courtesy_mobile(national_code: str) -> str | None:
    """The mobile for a courtesy message after a change that already stands: None when storage cannot say right now,
    so an outage costs the message and never the answer."""
    from pynamodb.exceptions import PynamoDBException

    try:
        return Account.get(national_code, attributes_to_get=["mobile"]).mobile
    except PynamoDBException:
        return None


def account_status(national_code: str) -> str | None:
    account = get_or_none(Account, national_code, attributes_to_get=["status"])
    return account.status if account else None


def open_account(account: Account, replacing: Account | None) -> bool:
    """Creates the account, or replaces `replacing` only while it is unchanged; False when a concurrent write won."""
    condition = (
        Account.national_code.does_not_exist()
        if replacing is None
        else (Account.status == replacing.status) & (Account.password_hash == replacing.password_hash)
    )
    return saved(account, condition, add_version_condition=False)


def activate_at_branch(national_code: str, account: Account | None) -> None:
    """The account waiting for a branch opens: `account` (built from the waiting registration) takes its place, or,
    without one, the inactive account there becomes active; NOT_AWAITING_BRANCH when none is waiting any more."""
    from pynamodb.exceptions import PutError, UpdateError

    waiting = Account.status == "branch_visit_required"
    try:
        if account is not None:
            account.save(condition=Account.national_code.does_not_exist() | waiting, add_version_condition=False)
        else:
            Account(national_code).update(
                actions=[Account.status.set("active")], condition=waiting, add_version_condition=False
            )
    except (PutError, UpdateError) as error:
        if not condition_failed(error):
            raise
        raise DomainError(Code.NOT_AWAITING_BRANCH) from error


def registration_or_none(registration_id: str) -> Registration | None:
    return get_or_none(Registration, registration_id, consistent_read=True)


def pending_registrations(pending: str) -> list[str]:
    """The ids of registrations waiting for a deferred verification."""
    return [key.registration_id for key in Registration.pending_index.query(pending)]


def take_registration_try(registration: Registration, cap: int, retry_after: float) -> int:
    """Counts a try on the registration while it still holds this code; answers the tries used on it."""
    take_try(
        registration,
        Registration.code.failures,
        cap,
        Registration.code.code_hash == registration.code.code_hash,
        retry_after,
    )
    return int(registration.code.failures)


def spend_registration_code(registration: Registration, code_hash: str, status: str, next_status: str) -> None:
    """The proven code is spent and the registration moves on, once: CODE_EXPIRED for a concurrent request that lost."""
    from pynamodb.exceptions import UpdateError

    try:
        registration.update(
            actions=[Registration.code.remove(), Registration.status.set(next_status)],
            condition=(Registration.code.code_hash == code_hash) & (Registration.status == status),
            add_version_condition=False,
        )
    except UpdateError as error:
        if not condition_failed(error):
            raise
        raise DomainError(Code.CODE_EXPIRED) from error


def finish_at_branch(registration: Registration, expires) -> None:
    """The registration is done and drops the credentials it held for the branch."""
    registration.update(
        actions=[
            Registration.status.set("active"),
            Registration.password_hash.remove(),
            Registration.answer_hashes.remove(),
            Registration.expires.set(expires),
        ],
        add_version_condition=False,
    )


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


def start_session(session: Session, *also: Model) -> None:
    """The session and what records it (the login's activity entry) land together."""
    with transaction() as writes:
        writes.save(session)
        for item in also:
            writes.save(item)


def sessions_of(national_code: str) -> list[Session]:
    """Every stored session of the person: the index holds only keys, so one batch read fetches the rest."""
    keys = [session.token_hash for session in Session.by_person.query(national_code)]
    return [session for session in Session.batch_get(keys) if session.national_code == national_code]


def session_id(token_hash: str) -> str:
    """The id a person sees for a session: derived from the stored hash, so neither the token nor the hash leaves."""
    from chalicelib.crypto import keyed_hash

    return keyed_hash("session_id", token_hash)[:32]


def pending_change(national_code: str, channel: str) -> ContactChange | None:
    return get_or_none(ContactChange, national_code, channel, consistent_read=True)


def replace_change(change: ContactChange) -> None:
    """A new pending change takes the place of any earlier one on the same channel (its code stops counting)."""
    change.save()


def drop_change(national_code: str, channel: str) -> None:
    ContactChange(national_code, channel).delete()


def take_change_try(change: ContactChange, cap: int, retry_after: float) -> int:
    """Counts a try on the pending change while it still holds this code; answers the tries used on it."""
    take_try(
        change,
        ContactChange.code.failures,
        cap,
        (ContactChange.change_id == change.change_id) & (ContactChange.code.code_hash == change.code.code_hash),
        retry_after,
    )
    return int(change.code.failures)


def set_mobile(change: ContactChange, *also: Model) -> None:
    """The proven new mobile becomes the account's, spending its pending change, with `also` in the same transaction."""
    change_account(change.national_code, [Account.mobile.set(change.value)], *also, spend=change)


def set_email(national_code: str, *also: Model, spend: ContactChange | None = None) -> None:
    """The proven new address of `spend` becomes the account's; without one, the address is removed."""
    action = Account.email.set(spend.value) if spend is not None else Account.email.remove()
    change_account(national_code, [action], *also, spend=spend)


def set_answers(national_code: str, question_ids: tuple[str, ...], answer_hashes: list[str], *also: Model) -> None:
    change_account(
        national_code, [Account.question_ids.set(list(question_ids)), Account.answer_hashes.set(answer_hashes)], *also
    )


def change_account(
    national_code: str, actions: list, *also: Model, condition=None, spend: ContactChange | None = None
) -> None:
    """Updates an active account (or one `condition` allows) and puts `also` (activity, audit entries) in the same
    transaction. With `spend`, the pending contact change is consumed in it too, only while it still holds the same
    unspent code, so two concurrent verifies cannot both apply it (CODE_EXPIRED for the loser); CONFLICT when the
    account is not in a state the change allows."""
    holds = Account.national_code.exists() & (condition if condition is not None else Account.status == "active")
    try:
        with transaction() as writes:
            if spend is not None:
                writes.delete(
                    spend,
                    condition=(ContactChange.change_id == spend.change_id)
                    & (ContactChange.code.code_hash == spend.code.code_hash),
                )
            for item in also:
                writes.save(item)
            writes.update(Account(national_code), actions=actions, condition=holds, add_version_condition=False)
    except TransactWriteError as error:
        flags = refused(error, (spend is not None) + len(also) + 1)  # deletes, then puts, then the update
        if spend is not None and flags[0]:
            raise DomainError(Code.CODE_EXPIRED) from error
        if flags[-1]:
            raise DomainError(Code.CONFLICT) from error
        raise


def freeze(national_code: str, *also: Model) -> None:
    """Electronic access stops (status "frozen"); freezing a frozen account again changes nothing but is allowed."""
    change_account(
        national_code, [Account.status.set("frozen")], *also, condition=Account.status.is_in("active", "frozen")
    )


def unfreeze(national_code: str, *also: Model) -> None:
    """What a branch does after seeing the person's ID card; `also` carries its audit and activity entries.

    NOT_FROZEN (409) when the account is not frozen, NOT_FOUND when there is none.
    """
    try:
        change_account(national_code, [Account.status.set("active")], *also, condition=Account.status == "frozen")
    except DomainError as error:
        if error.code != Code.CONFLICT.name:
            raise
        if account_status(national_code) is None:
            raise NotFound() from error
        raise DomainError(Code.NOT_FROZEN) from error
