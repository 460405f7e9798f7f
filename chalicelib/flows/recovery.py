"""بازیابی گذرواژه: prove the mobile, the email or the security answers, then set a new password with a short-lived token.

Nothing here may tell whether a national code has a usable account. Unknown codes, inactive accounts and a missing
email take the same steps, with the same storage work and limits, against decoys derived from the national code,
and nothing is sent to them.
"""
from dataclasses import dataclass
from datetime import timedelta

from chalicelib import limits, normalize
from chalicelib.crypto import check_secret, keyed_hash, new_id, new_token, same
from chalicelib.errors import Code, DomainError, NotFound, TooManyAttempts
from chalicelib.flows import codes
from chalicelib.flows.auth import set_password
from chalicelib.flows.people import (
    check_password,
    personal_words,
    read_answers,
    read_new_password,
    validated_national_code,
)
from chalicelib.inputs import Fields
from chalicelib.logs import log
from chalicelib.masking import mask_email, mask_mobile, mask_national_code
from chalicelib.models.accounts import Account, account_or_none
from chalicelib.models.base import get_or_none, saved, updated
from chalicelib.models.recovery import Recovery
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
# Wrong answer sets per recovery, the same as wrong tries per code; codes.FAILURE_LIMIT caps both per person.
ANSWER_TRIES = codes.TRIES_PER_CODE
CODE_PURPOSE = "recovery"
RESET_PURPOSE = "recovery_reset"
ID_MAX = 64
DECOY_MOBILE_PREFIXES = ("0901", "0902", "0910", "0912", "0913", "0914", "0915", "0916", "0917", "0918",
                         "0919", "0921", "0935", "0936", "0937", "0938", "0939", "0990", "0991", "0993")
DECOY_EMAIL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "chmail.ir")


def start(body: dict, ctx: Context) -> dict:
    """Never looks at accounts, so known and unknown national codes cost exactly the same."""
    fields = Fields(body)
    national_code = validated_national_code(fields, "national_code")
    fields.done()
    recovery = Recovery(new_id(), national_code=national_code, created_at=ctx.now, expires_at=ctx.now + LIFETIME,
                        expires=ctx.now + LIFETIME)
    recovery.save()
    log("recovery_started", national_code=mask_national_code(national_code))
    return {"recovery_id": recovery.recovery_id, "methods": list(METHODS)}


def challenge(recovery_id: str, body: dict, ctx: Context) -> dict:
    recovery = _load(recovery_id, ctx)
    fields = Fields(body)
    method = fields.text("method", max_length=20)
    if method and method not in METHODS:
        fields.reject("method", "UNKNOWN_METHOD")
    fields.done()
    account = _usable_account(recovery.national_code)
    if method == "questions":
        texts = catalogue(ctx.language).SECURITY_QUESTIONS
        # In id order for everyone: the order a person chose them in would set real accounts apart from decoys.
        ids = sorted(account.question_ids) if account else _decoy_questions(recovery.national_code)
        return {"method": method, "questions": [{"id": question, "text": texts[question]} for question in ids]}
    address, deliverable = _destination(method, account, recovery.national_code)
    _enforce_cooldown(recovery, method, ctx.now)
    counted_as = address if deliverable else f"decoy:{method}:{recovery.national_code}"
    code, state = codes.mint(CODE_PURPOSE, recovery.recovery_id, counted_as, ctx.now)
    recovery.code = codes.stored(state)
    setattr(recovery, f"{method}_sent_at", ctx.now)
    if not saved(recovery, None):  # its version moved: a concurrent challenge got there first
        raise TooManyAttempts(RESEND_COOLDOWN.total_seconds())
    if deliverable:
        _send(method, address, code, state.expires_at, ctx)
    log("recovery_challenge", national_code=mask_national_code(recovery.national_code), method=method)
    return {"method": method, "sent_to": mask_mobile(address) if method == "sms" else mask_email(address)}


@dataclass(frozen=True)
class Proof:
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


@dataclass(frozen=True)
class PasswordReset:
    token: str
    password: str
    repeat: str

    @classmethod
    def read(cls, body: dict) -> "PasswordReset":
        fields = Fields(body)
        token = fields.text("reset_token", max_length=100)
        password, repeat = read_new_password(fields)
        fields.done()
        return cls(token, password, repeat)


def verify(recovery_id: str, body: dict, ctx: Context) -> dict:
    recovery = _load(recovery_id, ctx)
    proof = Proof.read(body)
    if proof.code is None:
        _check_answers(recovery, proof.question_ids, proof.answers, ctx)
        token = _issue_token(recovery, Recovery.answer_failures < ANSWER_TRIES, [],
                             TooManyAttempts((recovery.expires_at - ctx.now).total_seconds()), ctx)
    else:
        _check_code(recovery, proof.code, ctx)
        token = _issue_token(recovery, (Recovery.code.code_hash == recovery.code.code_hash) & (Recovery.code.failures < codes.TRIES_PER_CODE),
                             [Recovery.code.code_hash.remove(), Recovery.code.expires_at.remove()], DomainError(Code.CODE_EXPIRED), ctx)
    log("recovery_verified", national_code=mask_national_code(recovery.national_code))
    return {"reset_token": token}


def reset(recovery_id: str, body: dict, ctx: Context) -> None:
    recovery = _load(recovery_id, ctx)
    request = PasswordReset.read(body)
    password = request.password
    token_hash = _token_hash(recovery_id, request.token)
    if (recovery.reset_hash is None or recovery.reset_expires_at is None or ctx.now >= recovery.reset_expires_at
            or not same(token_hash, recovery.reset_hash)):
        raise DomainError(Code.INVALID_RESET_TOKEN)
    account = _usable_account(recovery.national_code)
    if account is None:
        raise DomainError(Code.INVALID_RESET_TOKEN)
    check_password(password, request.repeat, personal_words(account, ctx.registry.lookup(account.national_code)))
    if not updated(recovery, [Recovery.reset_hash.remove(), Recovery.reset_expires_at.remove()],
                   Recovery.reset_hash == token_hash, add_version_condition=False):
        raise DomainError(Code.INVALID_RESET_TOKEN)
    set_password(account, password, ctx)
    log("password_recovered", national_code=mask_national_code(account.national_code))


def _issue_token(recovery: Recovery, proof_still_holds, spend: list, lost: DomainError, ctx: Context) -> str:
    """Written only if the proof still holds in storage, so two concurrent verifies cannot both spend one code;
    the recovery is kept alive at least as long as the token, so a token issued late still reaches its own expiry.
    """
    token = new_token()
    reset_expires = ctx.now + RESET_LIFETIME
    alive_until = max(recovery.expires_at, reset_expires)
    if not updated(recovery, [*spend, Recovery.reset_hash.set(_token_hash(recovery.recovery_id, token)),
                              Recovery.reset_expires_at.set(reset_expires), Recovery.expires_at.set(alive_until),
                              Recovery.expires.set(alive_until)], proof_still_holds, add_version_condition=False):
        raise lost
    return token


def _check_code(recovery: Recovery, submitted: str, ctx: Context) -> None:
    state = codes.state_of(recovery.code)
    try:
        codes.check(CODE_PURPOSE, recovery.recovery_id, recovery.national_code, state, submitted, ctx.now)
    except codes.WrongCode:
        _count_try(recovery, Recovery.code.failures, Recovery.code.code_hash == recovery.code.code_hash)
        raise


def _check_answers(recovery: Recovery, ids: tuple, answers: tuple, ctx: Context) -> None:
    """Always three bcrypt checks (decoys for a missing account or question), so timing tells nothing."""
    limits.enforce(codes.FAILURE_LIMIT, recovery.national_code, ctx.now)
    if recovery.answer_failures >= ANSWER_TRIES:
        raise TooManyAttempts((recovery.expires_at - ctx.now).total_seconds())
    account = _usable_account(recovery.national_code)
    expected = dict(zip(account.question_ids, account.answer_hashes)) if account else {}
    matches = [check_secret(answer, expected.get(question)) for question, answer in zip(ids, answers)]
    if all(matches):
        return
    attempts_left = codes.count_failure(recovery.national_code, recovery.answer_failures + 1, ctx.now)
    _count_try(recovery, Recovery.answer_failures)
    raise DomainError(Code.INVALID_ANSWERS, attempts_left=attempts_left)


def _count_try(recovery: Recovery, counter, condition=None) -> None:
    """An atomic add, so concurrent wrong tries are all counted; a try on a replaced code counts for nothing."""
    updated(recovery, [counter.add(1)], condition, add_version_condition=False)


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


def _send(method: str, address: str, code: str, expires_at, ctx: Context) -> None:
    text = message(ctx.language, "recovery_code", code=code, **when(ctx.language, expires_at))
    if method == "sms":
        ctx.notifier.sms(address, text, ctx.now)
    else:
        ctx.notifier.email(address, message(ctx.language, "recovery_email_subject"), text, ctx.now)


def _decoy_number(national_code: str, purpose: str) -> int:
    return int(keyed_hash(f"recovery_decoy_{purpose}", national_code), 16)


def _decoy_mobile(national_code: str) -> str:
    number = _decoy_number(national_code, "mobile")
    prefix = DECOY_MOBILE_PREFIXES[number % len(DECOY_MOBILE_PREFIXES)]
    return prefix + f"{number // len(DECOY_MOBILE_PREFIXES) % 10 ** 7:07d}"


def _decoy_email(national_code: str) -> str:
    number = _decoy_number(national_code, "email")
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[number % len(letters)] + "@" + DECOY_EMAIL_DOMAINS[number // len(letters) % len(DECOY_EMAIL_DOMAINS)]


def _decoy_questions(national_code: str) -> list[str]:
    """Three of the catalogue's questions, the same ones every time for this national code."""
    shuffled = sorted(catalogue("fa").SECURITY_QUESTIONS, key=lambda question: keyed_hash("recovery_decoy_questions", f"{national_code}:{question}"))
    return sorted(shuffled[:3])


def _usable_account(national_code: str) -> Account | None:
    """Only an active account can recover; any other answers like an unknown national code."""
    account = account_or_none(national_code)
    return account if account is not None and account.status == "active" else None


def _token_hash(recovery_id: str, token: str) -> str:
    return keyed_hash(RESET_PURPOSE, f"{recovery_id}:{token}")


def _load(recovery_id: str, ctx: Context) -> Recovery:
    if len(recovery_id) > ID_MAX:
        raise NotFound()
    recovery = get_or_none(Recovery, recovery_id, consistent_read=True)
    if recovery is None or ctx.now >= recovery.expires_at:
        raise NotFound()
    return recovery
