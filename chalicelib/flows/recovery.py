"""بازیابی گذرواژه: prove the mobile, the email or the security answers, then set a new password with a short-lived token.

Nothing here may tell whether a national code has a usable account. Unknown codes, inactive accounts and a missing
email take the same steps, with the same storage work and limits, against decoys derived from the national code,
and nothing is sent to them.
"""

from datetime import timedelta
from typing import NamedTuple

from chalicelib import normalize
from chalicelib.crypto import check_secret, keyed_hash, new_id, new_token, same
from chalicelib.errors import Code, DomainError, NotFound, TooManyAttempts
from chalicelib.flows import codes
from chalicelib.flows.auth import set_password
from chalicelib.flows.people import check_password, personal_words, read_answers, validated_national_code
from chalicelib.inputs import Fields
from chalicelib.logs import log
from chalicelib.masking import mask_email_local, mask_mobile_tail, mask_national_code
from chalicelib.models.accounts import Account, account_or_none
from chalicelib.models.recovery import (
    Recovery,
    record_challenge,
    recovery_or_none,
    spend_reset,
    store_reset,
    take_answer_try,
    take_code_try,
)
from chalicelib.ports import Context
from chalicelib.text import catalogue, message, when

METHODS = ("sms", "email", "questions")
# Long enough to fetch an email and answer questions; short enough that a leaked id is soon worthless.
LIFETIME = timedelta(minutes=30)
# The token only bridges the proof and the new password: minutes, once.
RESET_LIFETIME = timedelta(minutes=10)
# SMS normally arrives within seconds; a minute between sends per recovery and method stops double clicks,
# and codes.SEND_LIMIT bounds what restarting a recovery can add per destination.
RESEND_COOLDOWN = timedelta(seconds=60)
# Wrong answer sets per recovery, the same as wrong tries per code; codes.PERSON_TRIES caps both per person.
ANSWER_TRIES = codes.TRIES_PER_CODE
CODE_PURPOSE = "recovery"
RESET_PURPOSE = "recovery_reset"
ID_MAX = 64
# Masks show what a decoy can show just as well: the last four digits of a mobile, the first letter of an email
# (never its domain). Decoy first letters follow how often Latin spellings of Iranian names start with each.
DECOY_EMAIL_INITIALS = "aaaaaammmmmsssssffffzzzzhhhhrrrnnneeekkkbbbpppttgggjjddlliiooyyvvcuqwx"


class RecoveryStart(NamedTuple):
    national_code: str

    @classmethod
    def read(cls, body: dict) -> "RecoveryStart":
        fields = Fields(body)
        national_code = validated_national_code(fields, "national_code")
        fields.done()
        return cls(national_code)


class ChallengeRequest(NamedTuple):
    method: str

    @classmethod
    def read(cls, body: dict) -> "ChallengeRequest":
        fields = Fields(body)
        method = fields.choice("method", METHODS, "UNKNOWN_METHOD", max_length=20)
        fields.done()
        return cls(method)


def start(body: dict, ctx) -> dict:
    """Never looks at accounts, so known and unknown national codes cost exactly the same."""
    national_code = RecoveryStart.read(body).national_code
    recovery = Recovery(
        new_id(),
        national_code=national_code,
        created_at=ctx.now,
        expires_at=ctx.now + LIFETIME,
        expires=ctx.now + LIFETIME,
    )
    recovery.save()
    log("recovery_started", national_code=mask_national_code(national_code))
    return {"recovery_id": recovery.recovery_id, "methods": list(METHODS)}


def challenge(recovery_id: str, body: dict, ctx) -> dict:
    """Real and decoy challenges do the same work: the same limits, one queued notice, one dispatch."""
    recovery = _load(recovery_id, ctx)
    method = ChallengeRequest.read(body).method
    account = _usable_account(recovery.national_code)
    if method == "questions":
        texts = catalogue(ctx.language).SECURITY_QUESTIONS
        # In id order for everyone: the order a person chose them in would set real accounts apart from decoys.
        ids = sorted(account.question_ids) if account else _decoy_questions(recovery.national_code)
        return {"method": method, "questions": [{"id": question, "text": texts[question]} for question in ids]}
    address, deliverable = _destination(method, account, recovery.national_code)
    _enforce_cooldown(recovery, method, ctx.now)
    code, state = codes.mint(CODE_PURPOSE, recovery.recovery_id, address, ctx.now, ctx.client)
    recovery.code = codes.stored(state)
    setattr(recovery, f"{method}_sent_at", ctx.now)
    record_challenge(recovery, RESEND_COOLDOWN.total_seconds())
    _send(method, address, code, deliverable, state.expires_at, ctx)
    log("recovery_challenge", national_code=mask_national_code(recovery.national_code), method=method)
    return {"method": method, "sent_to": mask_mobile_tail(address) if method == "sms" else mask_email_local(address)}


class Proof(NamedTuple):
    """Either the code sent by SMS or email, or the three security answers."""

    code: str | None
    question_ids: tuple[str, ...]
    answers: tuple[str, ...]

    @classmethod
    def read(cls, body: dict) -> "Proof":
        fields = Fields(body)
        if body.get("answers") is not None:
            if body.get("code") is not None:
                fields.reject("code", "CODE_OR_ANSWERS")
            ids, answers = read_answers(fields, "answers")
            fields.done()
            return cls(None, ids, answers)
        submitted = fields.code("code")
        fields.done()
        return cls(normalize.code(submitted), (), ())


class PasswordReset(NamedTuple):
    token: str
    password: str
    repeat: str

    @classmethod
    def read(cls, body: dict) -> "PasswordReset":
        fields = Fields(body)
        token = fields.text("reset_token", max_length=100)
        password = fields.secret("new_password")
        repeat = fields.secret("new_password_repeat")
        fields.done()
        return cls(token, password, repeat)


def verify(recovery_id: str, body: dict, ctx) -> dict:
    recovery = _load(recovery_id, ctx)
    proof = Proof.read(body)
    if proof.code is None:
        _check_answers(recovery, proof.question_ids, proof.answers, ctx)
        token = _issue_token(recovery, None, ctx)
    else:
        state = codes.state_of(recovery.code)
        codes.check(
            CODE_PURPOSE,
            recovery.recovery_id,
            state,
            proof.code,
            ctx.now,
            lambda: _take_try(
                recovery,
                lambda retry_after: take_code_try(recovery, state.code_hash, codes.TRIES_PER_CODE, retry_after),
                ctx,
            ),
        )
        token = _issue_token(recovery, state.code_hash, ctx)
    log("recovery_verified", national_code=mask_national_code(recovery.national_code))
    return {"reset_token": token}


def reset(recovery_id: str, body: dict, ctx) -> None:
    recovery = _load(recovery_id, ctx)
    request = PasswordReset.read(body)
    password, repeat = request.password, request.repeat
    token_hash = _token_hash(recovery_id, request.token)
    if (
        recovery.reset_hash is None
        or recovery.reset_expires_at is None
        or ctx.now >= recovery.reset_expires_at
        or not same(token_hash, recovery.reset_hash)
    ):
        raise DomainError(Code.INVALID_RESET_TOKEN)
    account = _usable_account(recovery.national_code)
    if account is None:
        raise DomainError(Code.INVALID_RESET_TOKEN)
    check_password(password, repeat, personal_words(account, ctx.registry.lookup(account.national_code)))
    spend_reset(recovery, token_hash)
    set_password(account, password, ctx)
    log("password_recovered", national_code=mask_national_code(account.national_code))


def _issue_token(recovery: Recovery, spent_code_hash: str | None, ctx) -> str:
    """Written only if the proof still holds in storage, so two concurrent verifies cannot both spend one code;
    the recovery is kept alive at least as long as the token, so a token issued late still reaches its own expiry.
    """
    token = new_token()
    reset_expires = ctx.now + RESET_LIFETIME
    alive_until = max(recovery.expires_at, reset_expires)
    store_reset(recovery, _token_hash(recovery.recovery_id, token), reset_expires, alive_until, spent_code_hash)
    return token


def _check_answers(recovery: Recovery, ids: tuple, answers: tuple, ctx) -> None:
    """The try is reserved first; then always three bcrypt checks (decoys for a missing account), so timing tells nothing."""
    if recovery.answer_failures >= ANSWER_TRIES:
        raise TooManyAttempts((recovery.expires_at - ctx.now).total_seconds())
    used = _take_try(recovery, lambda retry_after: take_answer_try(recovery, ANSWER_TRIES, retry_after), ctx)
    account = _usable_account(recovery.national_code)
    expected = dict(zip(account.question_ids, account.answer_hashes)) if account else {}
    matches = [check_secret(answer, expected.get(question)) for question, answer in zip(ids, answers)]
    if all(matches):
        return
    raise DomainError(Code.INVALID_ANSWERS, attempts_left=max(0, ANSWER_TRIES - used))


def _take_try(recovery: Recovery, take, ctx) -> int:
    """`take` counts the try on the recovery first (atomic, capped) before anything is compared, then the try counts
    against the client and the national code; answers the tries used on this recovery."""
    used = take((recovery.expires_at - ctx.now).total_seconds())
    codes.reserve_try(recovery.national_code, ctx.client, ctx.now)
    return used


def _enforce_cooldown(recovery: Recovery, method: str, now) -> None:
    sent_at = getattr(recovery, f"{method}_sent_at")
    if sent_at is not None and now < sent_at + RESEND_COOLDOWN:
        raise TooManyAttempts((sent_at + RESEND_COOLDOWN - now).total_seconds())


def _destination(method: str, account: Account | None, national_code: str) -> tuple[str, bool]:
    """Where the code goes, and whether it really goes there; a decoy address otherwise."""
    if method == "sms":
        return (account.mobile, True) if account else (_decoy_mobile(national_code), False)
    if account and account.email:
        return account.email, True
    return _decoy_email(national_code), False


def _send(method: str, address: str, code: str, deliverable: bool, expires_at, ctx: Context) -> None:
    """Queued, never sent inline: the request neither waits on SNS or SES nor fails with them; decoys queue alike."""
    text = message(ctx.language, "recovery_code", code=code, **when(ctx.language, expires_at))
    if not deliverable:
        ctx.notifier.decoy(method, text, ctx.now, valid_for=codes.CODE_LIFETIME)
    elif method == "sms":
        ctx.notifier.sms(address, text, ctx.now, valid_for=codes.CODE_LIFETIME)
    else:
        ctx.notifier.email(
            address, message(ctx.language, "recovery_email_subject"), text, ctx.now, valid_for=codes.CODE_LIFETIME
        )


def _decoy_number(national_code: str, purpose: str) -> int:
    return int(keyed_hash(f"recovery_decoy_{purpose}", national_code), 16)


def _decoy_mobile(national_code: str) -> str:
    """Only its last four digits are ever shown, and those of real numbers are as uniform as these."""
    return "09" + f"{_decoy_number(national_code, 'mobile') % 10**9:09d}"


def _decoy_email(national_code: str) -> str:
    number = _decoy_number(national_code, "email")
    return DECOY_EMAIL_INITIALS[number % len(DECOY_EMAIL_INITIALS)] + "@decoy.invalid"


def _decoy_questions(national_code: str) -> list[str]:
    """Three of the catalogue's questions, the same ones every time for this national code."""
    shuffled = sorted(
        catalogue("fa").SECURITY_QUESTIONS,
        key=lambda question: keyed_hash("recovery_decoy_questions", f"{national_code}:{question}"),
    )
    return sorted(shuffled[:3])


def _usable_account(national_code: str) -> Account | None:
    """Only an active account can recover; any other answers like an unknown national code."""
    account = account_or_none(national_code)
    return account if account is not None and account.status == "active" else None


def _token_hash(recovery_id: str, token: str) -> str:
    return keyed_hash(RESET_PURPOSE, f"{recovery_id}:{token}")


def _load(recovery_id: str, ctx) -> Recovery:
    if len(recovery_id) > ID_MAX:
        raise NotFound()
    recovery = recovery_or_none(recovery_id)
    if recovery is None or ctx.now >= recovery.expires_at:
        raise NotFound()
    return recovery
