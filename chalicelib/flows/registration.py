"""ثبت نام: prove the phone, match the civil registry, choose credentials, then verify ownership and open the account."""
from dataclasses import dataclass
from datetime import timedelta

from chalicelib import limits, normalize
from chalicelib.crypto import hash_secret, new_id, random_digits, same
from chalicelib.errors import Code, DomainError, NotFound, ServiceUnavailable, TooManyAttempts, ValidationFailed
from chalicelib.flows import codes
from chalicelib.flows.people import check_identity_fields, personal_words, read_credentials, validated_national_code
from chalicelib.inputs import Fields
from chalicelib.limits import Limit
from chalicelib.logs import log
from chalicelib.masking import mask_national_code
from chalicelib.models.accounts import (
    Account,
    Registration,
    account_status,
    current_registration,
    open_account,
    replace_registration,
)
from chalicelib.models.base import get_or_none
from chalicelib.ports import Context
from chalicelib.text import message, when
from chalicelib.validators import is_valid_mobile

LIFETIME = timedelta(hours=24)
# Identity mismatches per national code over a rolling day, across restarts: the 5th closes the door.
MISMATCH_LIMIT = Limit("identity_mismatch", 5, 86400)
UNFINISHED = ("mobile_verification_required", "identity_required", "credentials_required", "ready_to_submit")
CODE_PURPOSE = "registration"
PENDING = "verification"


@dataclass(frozen=True)
class StartRequest:
    national_code: str
    mobile: str

    @classmethod
    def read(cls, body: dict) -> "StartRequest":
        fields = Fields(body)
        national_code = validated_national_code(fields, "national_code")
        mobile_text = fields.code("mobile")
        mobile = normalize.mobile(mobile_text) if mobile_text else None
        if mobile_text and not is_valid_mobile(mobile):
            fields.reject("mobile", "INVALID_MOBILE")
        fields.done()
        return cls(national_code, mobile)


def start(body: dict, ctx: Context) -> dict:
    request = StartRequest.read(body)
    national_code, mobile = request.national_code, request.mobile
    if account_status(national_code) in ("active", "frozen"):
        raise DomainError(Code.ALREADY_REGISTERED)
    closed_for = limits.retry_after(MISMATCH_LIMIT, national_code, ctx.now)
    if closed_for is not None:
        raise TooManyAttempts(closed_for)
    registration = Registration(new_id(), tracking_code=random_digits(10), national_code=national_code, mobile=mobile,
                                status=UNFINISHED[0], created_at=ctx.now, expires=ctx.now + LIFETIME)
    code, state = codes.mint(CODE_PURPOSE, registration.registration_id, mobile, ctx.now)
    registration.code = codes.stored(state)
    replace_registration(registration, (*UNFINISHED, "closed"))
    ctx.notifier.sms(mobile, message(ctx.language, "registration_code", code=code, **when(ctx.language, state.expires_at)), ctx.now)
    log("registration_started", national_code=mask_national_code(national_code))
    return {"registration_id": registration.registration_id, "tracking_code": registration.tracking_code, "status": registration.status}


def verify_mobile(registration_id: str, body: dict, ctx: Context) -> dict:
    registration = _load(registration_id, ctx)
    fields = Fields(body)
    code = fields.code("code")
    fields.done()
    _require(registration, (UNFINISHED[0],))
    state = codes.state_of(registration.code)
    try:
        spent = codes.check(CODE_PURPOSE, registration_id, registration.national_code, state, normalize.code(code), ctx.now)
    except codes.WrongCode as wrong:
        registration.code = codes.stored(wrong.state)
        registration.save()
        raise
    registration.code = codes.stored(spent)
    registration.status = "identity_required"
    registration.save()
    return {"status": registration.status}


def submit_identity(registration_id: str, body: dict, ctx: Context) -> dict:
    registration = _load(registration_id, ctx)
    _require(registration, UNFINISHED[1:])
    identity = check_identity_fields(Fields(body))
    if limits.retry_after(MISMATCH_LIMIT, registration.national_code, ctx.now) is not None:
        _close(registration)
    record = ctx.registry.lookup(registration.national_code)
    mismatched = _mismatches(identity, record)
    if mismatched:
        count = limits.record(MISMATCH_LIMIT, registration.national_code, ctx.now)
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


def submit_credentials(registration_id: str, body: dict, ctx: Context) -> dict:
    registration = _load(registration_id, ctx)
    _require(registration, UNFINISHED[2:])
    record = ctx.registry.lookup(registration.national_code)
    credentials = read_credentials(Fields(body), personal_words(registration, record))
    registration.email = credentials.email
    registration.password_hash = hash_secret(credentials.password)
    registration.question_ids = list(credentials.question_ids)
    registration.answer_hashes = [hash_secret(answer) for answer in credentials.answers]
    registration.status = "ready_to_submit"
    registration.save()
    return {"status": registration.status}


def review(registration_id: str, ctx: Context) -> dict:
    registration = _load(registration_id, ctx)
    view = {name: getattr(registration, name) for name in
            ("national_code", "mobile", "first_name", "last_name", "father_name", "birth_date", "gender", "email", "question_ids", "status")}
    view["status"] = _public_status(registration)
    return view


def submit(registration_id: str, body: dict, ctx: Context) -> dict:
    registration = _load(registration_id, ctx)
    fields = Fields(body)
    if fields.flag("accept_terms") is not True:
        fields.reject("accept_terms", "MUST_ACCEPT")
    fields.done()
    _require(registration, ("ready_to_submit",))
    registration.status = "submitted"
    registration.expires = None
    registration.pending = PENDING
    registration.save()
    try:
        verify_submission(registration, ctx)
    except ServiceUnavailable:
        log("registration_verification_deferred", national_code=mask_national_code(registration.national_code))
    return {"tracking_code": registration.tracking_code, "status": registration.status}


def verify_submission(registration: Registration, ctx: Context) -> None:
    """Ownership check at the operator registry, then the account: active, or waiting for a branch visit."""
    record = ctx.registry.lookup(registration.national_code)
    identity = {name: getattr(registration, name) for name in ("first_name", "last_name", "father_name", "birth_date", "gender")}
    if record is None or not record.alive or _mismatches(identity, record):
        outcome = "rejected"
    else:
        owned = ctx.operators.owner_of(registration.mobile) == registration.national_code
        outcome = "active" if owned else "branch_visit_required"
        if not _open_account(registration, record, outcome, ctx):
            outcome = "rejected"
    registration.status = outcome
    registration.pending = None
    registration.save()
    key = {"active": "registration_active", "branch_visit_required": "registration_branch_visit", "rejected": "registration_rejected"}[outcome]
    ctx.notifier.sms(registration.mobile, message(ctx.language, key, tracking_code=registration.tracking_code), ctx.now)
    log("registration_verified", national_code=mask_national_code(registration.national_code), outcome=outcome)


def verify_pending(ctx: Context) -> int:
    """Retries verifications that an outage of the registries deferred."""
    done = 0
    for key in Registration.pending_index.query(PENDING):
        registration = Registration.get(key.registration_id)
        if registration.status == "submitted":
            verify_submission(registration, ctx)
            done += 1
    return done


def tracking_status(query: dict, ctx: Context) -> dict:
    national_code = normalize.code(query.get("national_code") or "")
    tracking_code = normalize.code(query.get("tracking_code") or "")
    registration = current_registration(national_code, consistent_read=True)
    if registration is None or _expired(registration, ctx):
        raise NotFound()
    if not tracking_code or not same(tracking_code, registration.tracking_code):
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


def _open_account(registration: Registration, record, status: str, ctx: Context) -> bool:
    """Creates or replaces an inactive account; never overwrites an active or frozen one (condition-checked)."""
    account = Account(registration.national_code, mobile=registration.mobile, email=registration.email,
                      first_name=record.first_name, last_name=record.last_name, father_name=record.father_name,
                      birth_date=record.birth_date, gender=record.gender, first_name_en=record.first_name_en,
                      last_name_en=record.last_name_en, password_hash=registration.password_hash,
                      question_ids=registration.question_ids, answer_hashes=registration.answer_hashes,
                      status=status, created_at=ctx.now)
    return open_account(account)


def _mismatches(identity: dict, record) -> dict:
    if record is None or not record.alive:
        return {name: "MISMATCH" for name in identity}
    return {name: "MISMATCH" for name, value in identity.items()
            if normalize.comparable(str(getattr(record, name))) != normalize.comparable(str(value))}


def _load(registration_id: str, ctx: Context) -> Registration:
    registration = get_or_none(Registration, registration_id, consistent_read=True)
    if registration is None or _expired(registration, ctx):
        raise NotFound()
    return registration


def _expired(registration: Registration, ctx: Context) -> bool:
    return registration.status in UNFINISHED and ctx.now >= registration.created_at + LIFETIME


def _require(registration: Registration, allowed: tuple) -> None:
    if registration.status == "closed":
        raise DomainError(Code.REGISTRATION_CLOSED)
    if registration.status not in allowed:
        raise DomainError(Code.STEP_OUT_OF_ORDER)


def _close(registration: Registration) -> None:
    registration.status = "closed"
    registration.save()
    raise DomainError(Code.REGISTRATION_CLOSED)

