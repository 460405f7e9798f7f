"""ثبت نام: prove the phone, match the civil registry, choose credentials, then verify ownership and open the account."""

from datetime import timedelta
from typing import NamedTuple

from chalicelib import limits, normalize
from chalicelib.crypto import hash_secret, new_id, random_digits, same
from chalicelib.errors import Code, DomainError, NotFound, ServiceUnavailable, TooManyAttempts, ValidationFailed
from chalicelib.flows import codes
from chalicelib.flows.people import (
    Credentials,
    check_identity_fields,
    personal_words,
    validated_mobile,
    validated_national_code,
)
from chalicelib.inputs import Fields
from chalicelib.limits import Limit
from chalicelib.logs import log
from chalicelib.masking import mask_national_code
from chalicelib.models.accounts import (
    Account,
    Registration,
    account_or_none,
    account_status,
    activate_at_branch,
    current_registration,
    finish_at_branch,
    open_account,
    pending_registrations,
    registration_or_none,
    replace_registration,
    spend_registration_code,
    take_registration_try,
)
from chalicelib.models.base import storage_faults
from chalicelib.ports import Context
from chalicelib.schemas import REGISTRATION_REVIEW_FIELDS
from chalicelib.text import message, when

LIFETIME = timedelta(hours=24)
# Identity mismatches per national code over a rolling day, across restarts: the 5th closes the door.
MISMATCH_LIMIT = Limit("identity_mismatch", 5, 86400)
UNFINISHED = ("mobile_verification_required", "identity_required", "credentials_required", "ready_to_submit")
CODE_PURPOSE = "registration"
PENDING = "verification"
# Tracking-code guesses per national code: a person checks a few times, a guesser gets 10 an hour.
TRACKING_LIMIT = Limit("tracking_guesses", 10, 3600)
# A finished registration answers its tracking code this long; one waiting for a branch (still holding the
# credentials it would install) until the branch could reasonably have seen the person.
KEPT_WHEN_DONE = timedelta(days=30)
KEPT_FOR_BRANCH = timedelta(days=90)
OPEN_ACCOUNT = ("active", "frozen")


class StartRequest(NamedTuple):
    national_code: str
    mobile: str

    @classmethod
    def read(cls, body: dict) -> "StartRequest":
        fields = Fields(body)
        national_code = validated_national_code(fields, "national_code")
        mobile = validated_mobile(fields)
        fields.done()
        return cls(national_code, mobile)


class Identity(NamedTuple):
    """What the person types to be matched against the civil registry."""

    first_name: str
    last_name: str
    father_name: str
    birth_date: str
    gender: str

    @classmethod
    def read(cls, body: dict) -> "Identity":
        return cls(**check_identity_fields(Fields(body)))


class TermsAccepted(NamedTuple):
    """A submission is read only with `accept_terms: true`; anything else is MUST_ACCEPT."""

    accepted: bool

    @classmethod
    def read(cls, body: dict) -> "TermsAccepted":
        fields = Fields(body)
        accepted = fields.flag("accept_terms")
        if accepted is not True:
            fields.reject("accept_terms", "MUST_ACCEPT")
        fields.done()
        return cls(accepted)


def start(body: dict, ctx: Context) -> dict:
    request = StartRequest.read(body)
    national_code, mobile = request.national_code, request.mobile
    if account_status(national_code) in OPEN_ACCOUNT:
        raise DomainError(Code.ALREADY_REGISTERED)
    closed_for = limits.retry_after(MISMATCH_LIMIT, national_code, ctx.now)
    if closed_for is not None:
        raise TooManyAttempts(closed_for)
    registration = Registration(
        new_id(),
        tracking_code=random_digits(10),
        national_code=national_code,
        mobile=mobile,
        status=UNFINISHED[0],
        created_at=ctx.now,
        expires=ctx.now + LIFETIME,
    )
    code, state = codes.mint(CODE_PURPOSE, registration.registration_id, mobile, ctx.now, ctx.client)
    registration.code = codes.stored(state)
    replace_registration(registration, (*UNFINISHED, "closed"))
    ctx.notifier.sms(
        mobile,
        message(ctx.language, "registration_code", code=code, **when(ctx.language, state.expires_at)),
        ctx.now,
        valid_for=codes.CODE_LIFETIME,
    )
    log("registration_started", national_code=mask_national_code(national_code))
    return {
        "registration_id": registration.registration_id,
        "tracking_code": registration.tracking_code,
        "status": registration.status,
    }


def verify_mobile(registration_id: str, body: dict, ctx) -> dict:
    registration = _load(registration_id, ctx)
    code = codes.EnteredCode.read(body).code
    _require(registration, (UNFINISHED[0],))
    state = codes.state_of(registration.code)
    codes.check(
        CODE_PURPOSE,
        registration_id,
        state,
        code,
        ctx.now,
        lambda: _take_try(registration, registration.national_code, ctx),
    )
    spend_registration_code(registration, state.code_hash, UNFINISHED[0], "identity_required")
    return {"status": registration.status}


def _take_try(registration: Registration, national_code: str, ctx) -> int:
    """Counts the try on the code's own item first (atomic, capped), then against the client and the person."""
    used = take_registration_try(
        registration, codes.TRIES_PER_CODE, (registration.code.expires_at - ctx.now).total_seconds()
    )
    codes.reserve_try(national_code, ctx.client, ctx.now)
    return used


def submit_identity(registration_id: str, body: dict, ctx) -> dict:
    """Each submission is counted before the registry is asked, so parallel requests cannot mine it."""
    registration = _load(registration_id, ctx)
    _require(registration, UNFINISHED[1:])
    identity = Identity.read(body)._asdict()
    try:
        count = limits.reserve(MISMATCH_LIMIT, registration.national_code, ctx.now)
    except TooManyAttempts:
        _close(registration)
    record = ctx.registry.lookup(registration.national_code)
    mismatched = _mismatches(identity, record)
    if mismatched:
        log("identity_mismatch", national_code=mask_national_code(registration.national_code), count=count)
        if count >= MISMATCH_LIMIT.events:
            _close(registration)
        raise ValidationFailed(mismatched, code=Code.IDENTITY_MISMATCH, attempts_left=MISMATCH_LIMIT.events - count)
    for name, value in identity.items():
        setattr(registration, name, value)
    registration.password_hash = registration.answer_hashes = registration.question_ids = registration.email = None
    registration.status = "credentials_required"
    registration.save()
    return {"status": registration.status}


def submit_credentials(registration_id: str, body: dict, ctx) -> dict:
    registration = _load(registration_id, ctx)
    _require(registration, UNFINISHED[2:])
    record = ctx.registry.lookup(registration.national_code)
    credentials = Credentials.read(body, personal_words(registration, record))
    registration.email = credentials.email
    registration.password_hash = hash_secret(credentials.password)
    registration.question_ids = list(credentials.question_ids)
    registration.answer_hashes = [hash_secret(answer) for answer in credentials.answers]
    registration.status = "ready_to_submit"
    registration.save()
    return {"status": registration.status}


def review(registration_id: str, ctx) -> dict:
    registration = _load(registration_id, ctx)
    view = {name: getattr(registration, name) for name in REGISTRATION_REVIEW_FIELDS}
    return {**view, "question_ids": registration.question_ids, "status": _public_status(registration)}


def submit(registration_id: str, body: dict, ctx) -> dict:
    registration = _load(registration_id, ctx)
    TermsAccepted.read(body)
    _require(registration, ("ready_to_submit",))
    registration.status = "submitted"
    registration.expires = None
    registration.pending = PENDING
    registration.save()
    installed = False
    try:
        installed = verify_submission(registration, ctx)
    except (ServiceUnavailable, *storage_faults()):
        log("registration_verification_deferred", national_code=mask_national_code(registration.national_code))
        registration.refresh(consistent_read=True)
    # An account this submission has just made has the registration's status: no need to read it back.
    status = registration.status if installed else _public_status(registration)
    return {"tracking_code": registration.tracking_code, "status": status}


def verify_submission(registration: Registration, ctx) -> bool:
    """Ownership check at the operator registry, then the account: active, or waiting for a branch visit. True when
    this registration's credentials made the account.

    A storage fault on the way leaves the submission pending for the job; only a refused condition changes the outcome.
    """
    record = ctx.registry.lookup(registration.national_code)
    identity = {
        name: getattr(registration, name) for name in ("first_name", "last_name", "father_name", "birth_date", "gender")
    }
    if record is None or not record.alive or _mismatches(identity, record):
        outcome, installed = "rejected", False
    else:
        owned = ctx.operators.owner_of(registration.mobile) == registration.national_code
        outcome, installed = _open_account(registration, record, owned, ctx)
    registration.status = outcome
    registration.pending = None
    if installed or outcome == "rejected":
        registration.password_hash = registration.answer_hashes = None
        registration.expires = ctx.now + KEPT_WHEN_DONE
    else:
        registration.expires = ctx.now + KEPT_FOR_BRANCH
    registration.save()
    key = {
        "active": "registration_active",
        "branch_visit_required": "registration_branch_visit",
        "rejected": "registration_rejected",
    }[outcome]
    ctx.notifier.sms_after_commit(
        registration.mobile, message(ctx.language, key, tracking_code=registration.tracking_code), ctx.now
    )
    log("registration_verified", national_code=mask_national_code(registration.national_code), outcome=outcome)
    return installed


def verify_pending(ctx) -> int:
    """Retries verifications that an outage of the registries or of storage deferred; one failure stops no other."""
    done = 0
    for registration_id in pending_registrations(PENDING):
        try:
            registration = registration_or_none(registration_id)
            if registration is not None and registration.status == "submitted":
                verify_submission(registration, ctx)
                done += 1
        except (ServiceUnavailable, *storage_faults()) as error:
            log("registration_verification_deferred", error=type(error).__name__)
    return done


def activate(national_code: str, tracking_code: str, ctx) -> None:
    """A branch has seen the person's ID card and the tracking code they brought: that registration's account opens.

    The registration waiting for a branch still holds its credentials unless they already made the inactive account.
    """
    registration = current_registration(national_code, consistent_read=True)
    if (
        registration is None
        or not same(normalize.code(tracking_code), registration.tracking_code)
        or registration.status != "branch_visit_required"
    ):
        raise DomainError(Code.NOT_AWAITING_BRANCH)
    if registration.password_hash:
        record = ctx.registry.lookup(national_code)
        if record is None:
            raise DomainError(Code.NOT_AWAITING_BRANCH)
        activate_at_branch(national_code, _account_from(registration, record, "active", ctx))
    else:
        activate_at_branch(national_code, None)
    finish_at_branch(registration, ctx.now + KEPT_WHEN_DONE)
    ctx.notifier.sms_after_commit(
        registration.mobile,
        message(ctx.language, "registration_active", tracking_code=registration.tracking_code),
        ctx.now,
    )
    log("registration_activated_by_branch", national_code=mask_national_code(national_code))


def tracking_status(query: dict, ctx) -> dict:
    """Every guess is counted before it is compared, per national code and per client."""
    national_code = normalize.code(str(query.get("national_code") or ""))[:16]
    tracking_code = normalize.code(str(query.get("tracking_code") or ""))[:16]
    if not (national_code.isdigit() and tracking_code.isdigit()):
        raise NotFound()
    limits.reserve(TRACKING_LIMIT, national_code, ctx.now)
    if ctx.client is not None:
        limits.reserve(codes.CLIENT_TRIES, ctx.client, ctx.now)
    registration = _live(current_registration(national_code, consistent_read=True), ctx)
    if not same(tracking_code, registration.tracking_code):
        raise NotFound()
    return {"status": _public_status(registration)}


def current_request(national_code: str) -> tuple[Registration, str] | None:
    """The person's current registration and its status as tracking shows it, for the list of their requests."""
    registration = current_registration(national_code, consistent_read=True)
    return (registration, _public_status(registration)) if registration else None


def _public_status(registration: Registration) -> str:
    if registration.status == "closed":
        return "rejected"
    if registration.status in ("active", "branch_visit_required"):
        status = account_status(registration.national_code) or registration.status
        return "active" if status == "frozen" else status  # the registration succeeded; freezing came later
    return registration.status


def _open_account(registration: Registration, record, owned: bool, ctx) -> tuple[str, bool]:
    """The outcome and whether this registration's credentials made the account.

    A new account opens active (owned mobile) or waiting for a branch. An inactive account is replaced only by a
    registration whose mobile passed the ownership check, and its old mobile is told; otherwise it keeps its
    credentials and this registration waits for a branch with its own. An open account is never touched.
    """
    status = "active" if owned else "branch_visit_required"
    existing = _find_account(registration.national_code)
    if existing is not None and existing.status in OPEN_ACCOUNT:
        return "rejected", False
    if existing is not None and not owned:
        return "branch_visit_required", False
    if not open_account(_account_from(registration, record, status, ctx), existing):
        raced = _find_account(registration.national_code)
        return ("rejected" if raced is None or raced.status in OPEN_ACCOUNT else "branch_visit_required"), False
    if existing is not None and existing.mobile != registration.mobile:
        ctx.notifier.sms_after_commit(
            existing.mobile,
            message(ctx.language, "registration_replaced", tracking_code=registration.tracking_code),
            ctx.now,
        )
    return status, True


def _account_from(registration: Registration, record, status: str, ctx) -> Account:
    return Account(
        registration.national_code,
        mobile=registration.mobile,
        email=registration.email,
        first_name=record.first_name,
        last_name=record.last_name,
        father_name=record.father_name,
        birth_date=record.birth_date,
        gender=record.gender,
        first_name_en=record.first_name_en,
        last_name_en=record.last_name_en,
        password_hash=registration.password_hash,
        question_ids=registration.question_ids,
        answer_hashes=registration.answer_hashes,
        status=status,
        created_at=ctx.now,
    )


def _find_account(national_code: str) -> Account | None:
    return account_or_none(national_code, consistent_read=True)


def _mismatches(identity: dict, record) -> dict:
    if record is None or not record.alive:
        return {name: "MISMATCH" for name in identity}
    return {
        name: "MISMATCH"
        for name, value in identity.items()
        if normalize.comparable(str(getattr(record, name))) != normalize.comparable(str(value))
    }


def _load(registration_id: str, ctx) -> Registration:
    return _live(registration_or_none(registration_id), ctx)


def _live(registration: Registration | None, ctx) -> Registration:
    """The registration while it still answers; NOT_FOUND for none, an unfinished one past its time, or a finished one past its TTL."""
    if registration is None:
        raise NotFound()
    if registration.status in UNFINISHED and ctx.now >= registration.created_at + LIFETIME:
        raise NotFound()
    if registration.expires is not None and ctx.now >= registration.expires:
        raise NotFound()  # TTL deletion lags by days: a finished registration past its time is gone already
    return registration


def _require(registration: Registration, allowed: tuple) -> None:
    if registration.status == "closed":
        raise DomainError(Code.REGISTRATION_CLOSED)
    if registration.status not in allowed:
        raise DomainError(Code.STEP_OUT_OF_ORDER)


def _close(registration: Registration) -> None:
    registration.status = "closed"
    registration.save()
    raise DomainError(Code.REGISTRATION_CLOSED)
