"""Account self-service: a new mobile or email, new security answers, and freezing electronic access.

Every change here needs the current password in the same request (a wrong one counts like a failed login), is
written with its activity entry in one transaction, and is reported to the mobile of record. A new mobile must be
the person's own at the operator registry, and a new mobile or email is proven by a one-time code sent to it,
with the same rules as recovery codes (chalicelib/flows/codes.py).
"""

from datetime import timedelta
from typing import NamedTuple

from chalicelib.crypto import hash_secret, new_id, same
from chalicelib.errors import Code, DomainError, NotFound, ValidationFailed
from chalicelib.flows import codes, permits
from chalicelib.flows.auth import confirm_password, end_sessions
from chalicelib.flows.people import read_answers, read_email, validated_mobile
from chalicelib.inputs import Fields
from chalicelib.logs import log
from chalicelib.masking import mask_email, mask_mobile, mask_national_code
from chalicelib.models.accounts import (
    Account,
    ContactChange,
    account_or_none,
    drop_change,
    pending_change,
    replace_change,
    set_answers,
    set_email,
    set_mobile,
    take_change_try,
)
from chalicelib.models.accounts import freeze as freeze_account
from chalicelib.models.activity import activity_entry
from chalicelib.ports import Context
from chalicelib.text import message, number, when

CODE_PURPOSE = "contact_change"
ID_MAX = 64
# A pending change outlives its code by a day, so a late verify answers CODE_EXPIRED rather than NOT_FOUND.
KEPT_AFTER_EXPIRY = timedelta(days=1)


class MobileChange(NamedTuple):
    mobile: str
    password: str

    @classmethod
    def read(cls, body: dict) -> "MobileChange":
        fields = Fields(body)
        mobile = validated_mobile(fields)
        password = fields.secret("current_password")
        fields.done()
        return cls(mobile, password)


class EmailChange(NamedTuple):
    """A new address, or None: `{email: null}` asks for the address to go."""

    email: str | None
    password: str

    @classmethod
    def read(cls, body: dict) -> "EmailChange":
        fields = Fields(body)
        removing = "email" in body and body["email"] is None
        email = None if removing else read_email(fields, "email", required=True)
        password = fields.secret("current_password")
        fields.done()
        return cls(email, password)


class AnswersChange(NamedTuple):
    password: str
    question_ids: tuple[str, ...]
    answers: tuple[str, ...]

    @classmethod
    def read(cls, body: dict) -> "AnswersChange":
        fields = Fields(body)
        password = fields.secret("current_password")
        ids, answers = read_answers(fields, "security_answers")
        fields.done()
        return cls(password, ids, answers)


class PasswordConfirmation(NamedTuple):
    password: str

    @classmethod
    def read(cls, body: dict) -> "PasswordConfirmation":
        fields = Fields(body)
        password = fields.secret("current_password")
        fields.done()
        return cls(password)


def change_mobile(national_code: str, body: dict, client: str, ctx: Context) -> dict:
    request = MobileChange.read(body)
    mobile = request.mobile
    account = confirm_password(national_code, request.password, client, ctx)
    if mobile == account.mobile:
        raise ValidationFailed({"mobile": "SAME_AS_CURRENT"})
    if ctx.operators.owner_of(mobile) != national_code:
        raise DomainError(Code.MOBILE_NOT_OWNED)
    change, code = _start(national_code, "mobile", mobile, ctx)
    ctx.notifier.sms(
        mobile,
        message(ctx.language, "mobile_change_code", code=code, **when(ctx.language, change.code.expires_at)),
        ctx.now,
    )
    log("mobile_change_started", national_code=mask_national_code(national_code))
    return {"change_id": change.change_id, "sent_to": mask_mobile(mobile)}


def verify_mobile(national_code: str, change_id: str, body: dict, ctx: Context) -> None:
    change = _checked(national_code, "mobile", change_id, body, ctx)
    old = _account(national_code).mobile
    set_mobile(
        change, activity_entry(national_code, ctx.now, "mobile_changed", "self", detail=mask_mobile(change.value))
    )
    ctx.notifier.sms_after_commit(
        old, message(ctx.language, "mobile_changed", mobile=mask_mobile(change.value)), ctx.now
    )
    log("mobile_changed", national_code=mask_national_code(national_code))


def change_email(national_code: str, body: dict, client: str, ctx: Context) -> dict | None:
    """`{email: null}` removes the address at once (None: nothing to confirm); otherwise a code goes to the new one."""
    request = EmailChange.read(body)
    email = request.email
    account = confirm_password(national_code, request.password, client, ctx)
    if email is None:
        drop_change(national_code, "email")
        set_email(national_code, activity_entry(national_code, ctx.now, "email_removed", "self"))
        ctx.notifier.sms_after_commit(account.mobile, message(ctx.language, "email_removed"), ctx.now)
        log("email_removed", national_code=mask_national_code(national_code))
        return None
    if account.email and email.casefold() == account.email.casefold():
        raise ValidationFailed({"email": "SAME_AS_CURRENT"})
    change, code = _start(national_code, "email", email, ctx)
    ctx.notifier.email(
        email,
        message(ctx.language, "email_change_subject"),
        message(ctx.language, "email_change_code", code=code, **when(ctx.language, change.code.expires_at)),
        ctx.now,
    )
    log("email_change_started", national_code=mask_national_code(national_code))
    return {"change_id": change.change_id, "sent_to": mask_email(email)}


def verify_email(national_code: str, change_id: str, body: dict, ctx: Context) -> None:
    change = _checked(national_code, "email", change_id, body, ctx)
    mobile = _account(national_code).mobile
    set_email(
        national_code,
        activity_entry(national_code, ctx.now, "email_changed", "self", detail=mask_email(change.value)),
        spend=change,
    )
    ctx.notifier.sms_after_commit(
        mobile, message(ctx.language, "email_changed", email=mask_email(change.value)), ctx.now
    )
    log("email_changed", national_code=mask_national_code(national_code))


def change_security_answers(national_code: str, body: dict, client: str, ctx: Context) -> None:
    request = AnswersChange.read(body)
    account = confirm_password(national_code, request.password, client, ctx)
    set_answers(
        national_code,
        request.question_ids,
        [hash_secret(answer) for answer in request.answers],
        activity_entry(national_code, ctx.now, "security_answers_changed", "self"),
    )
    ctx.notifier.sms_after_commit(account.mobile, message(ctx.language, "security_answers_changed"), ctx.now)
    log("security_answers_changed", national_code=mask_national_code(national_code))


def freeze(national_code: str, body: dict, client: str, ctx: Context) -> None:
    """Status first, so no new login can start; then every session and every active permit ends.

    Freezing a frozen account runs the same steps again, so a request cut short by a fault is finished by its retry.
    """
    account = confirm_password(national_code, PasswordConfirmation.read(body).password, client, ctx)
    freeze_account(national_code, activity_entry(national_code, ctx.now, "account_frozen", "self"))
    sessions = end_sessions(national_code)
    cancelled = permits.cancel_all(national_code, ctx)
    ctx.notifier.sms_after_commit(account.mobile, message(ctx.language, "account_frozen"), ctx.now)
    log("account_frozen", national_code=mask_national_code(national_code), sessions=sessions, permits=cancelled)


def revoke_permits(national_code: str, ctx: Context) -> None:
    """No password asked: stopping every code must be quick for someone whose letters were leaked."""
    cancelled = permits.cancel_all(national_code, ctx)
    if cancelled:
        ctx.notifier.sms_after_commit(
            _account(national_code).mobile,
            message(ctx.language, "permits_revoked", count=number(ctx.language, cancelled)),
            ctx.now,
        )
    log("permits_revoked", national_code=mask_national_code(national_code), count=cancelled)


def _start(national_code: str, channel: str, value: str, ctx: Context) -> tuple[ContactChange, str]:
    """A new pending change with a fresh code, replacing any earlier one on the same channel."""
    change_id = new_id()
    code, state = codes.mint(CODE_PURPOSE, change_id, value, ctx.now)
    change = ContactChange(
        national_code,
        channel,
        change_id=change_id,
        value=value,
        code=codes.stored(state),
        expires=state.expires_at + KEPT_AFTER_EXPIRY,
    )
    replace_change(change)
    return change, code


def _checked(national_code: str, channel: str, change_id: str, body: dict, ctx: Context) -> ContactChange:
    """The person's own pending change with this id, once its code is proven; another's id is simply not found."""
    submitted = codes.EnteredCode.read(body).code
    if not change_id or len(change_id) > ID_MAX:
        raise NotFound()
    change = pending_change(national_code, channel)
    if change is None or not same(change.change_id, change_id):
        raise NotFound()
    state = codes.state_of(change.code)
    codes.check(CODE_PURPOSE, change.change_id, state, submitted, ctx.now, lambda: _take_try(change, state, ctx))
    return change


def _take_try(change: ContactChange, state: codes.CodeState, ctx: Context) -> int:
    """Counts the try on the pending change first (atomic, capped), then against the client and the person."""
    used = take_change_try(change, codes.TRIES_PER_CODE, (state.expires_at - ctx.now).total_seconds())
    codes.reserve_try(change.national_code, ctx.client, ctx.now)
    return used


def _account(national_code: str) -> Account:
    account = account_or_none(national_code)
    if account is None:
        raise DomainError(Code.UNAUTHENTICATED)
    return account
