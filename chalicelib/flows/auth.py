"""Login, sessions and the password change: throttled per account and per client, tokens stored hashed."""
from datetime import timedelta

from pynamodb.exceptions import DoesNotExist

from chalicelib import limits, normalize
from chalicelib.crypto import check_secret, hash_secret, keyed_hash, new_token
from chalicelib.errors import Code, DomainError
from chalicelib.flows.people import check_password, personal_words
from chalicelib.inputs import Fields
from chalicelib.limits import Backoff, Limit
from chalicelib.logs import log
from chalicelib.masking import mask_email, mask_mobile, mask_national_code
from chalicelib.models.accounts import Account, Session
from chalicelib.text import message
from chalicelib.validators import is_valid_national_code

ABSOLUTE_LIFETIME = timedelta(hours=12)
IDLE_TIMEOUT = timedelta(minutes=30)
TOUCH_EVERY = timedelta(seconds=60)
# Login attempts per account over a day, each counted before bcrypt runs: the first 5 are free; then each waits
# twice as long as the one before, from a minute up to 4 hours (the login step only, never recovery).
ACCOUNT_ATTEMPTS = Backoff("login_account", free=5, first_wait=60, longest_wait=4 * 3600, window=86400)
# Attempts per client address: 300 in 15 minutes, whoever they target. Mobile carriers put many people behind
# one address (CGNAT), so this stops spraying across accounts without locking out a neighbourhood.
CLIENT_ATTEMPTS = Limit("login_client", 300, 900)


def login(body: dict, client: str, ctx) -> dict:
    fields = Fields(body)
    national_code = normalize.code(fields.code("national_code") or "")
    password = fields.secret("password")
    fields.done()
    account = verify_password(national_code, password, client, ctx)
    if account.status != "active":
        raise DomainError(Code.ACCOUNT_NOT_ACTIVE)
    token = new_token()
    Session(keyed_hash("session", token), national_code=national_code, created_at=ctx.now, last_seen_at=ctx.now,
            expires=ctx.now + ABSOLUTE_LIFETIME, generation=account.session_generation or 0).save()
    log("login", national_code=mask_national_code(national_code))
    return {"access_token": token, "token_type": "Bearer", "expires_in": int(ABSOLUTE_LIFETIME.total_seconds())}


def verify_password(national_code: str, password: str, client: str | None, ctx, refusal: Code = Code.INVALID_CREDENTIALS) -> Account:
    """The one password check behind every login and current-password step (staff and self-service call it too).

    The attempt is reserved per client and per account before bcrypt runs, so parallel guesses get no more
    tries than sequential ones; unknown accounts spend the same bcrypt time; success clears the account's waits.
    """
    if client is not None:
        limits.reserve(CLIENT_ATTEMPTS, client, ctx.now)
    limits.reserve_backoff(ACCOUNT_ATTEMPTS, national_code, ctx.now)
    account = _find(national_code) if is_valid_national_code(national_code) else None
    if not check_secret(password, account.password_hash if account else None):
        log("login_failed", national_code=mask_national_code(national_code))
        raise DomainError(refusal)
    limits.clear(ACCOUNT_ATTEMPTS, national_code)
    return account


def authenticate(token: str, now) -> tuple[str, str]:
    """The person behind a bearer token, checking idle and absolute expiry and revocation on every read.

    Both reads are strongly consistent: a logout, or a password change (which moves the account's session
    generation on), stops every replica from accepting the token at once.
    """
    token_hash = keyed_hash("session", token)
    try:
        session = Session.get(token_hash, consistent_read=True)
    except DoesNotExist:
        raise DomainError(Code.UNAUTHENTICATED)
    if now >= session.created_at + ABSOLUTE_LIFETIME or now >= session.last_seen_at + IDLE_TIMEOUT:
        session.delete()
        raise DomainError(Code.UNAUTHENTICATED)
    if (session.generation or 0) != _generation(session.national_code):
        raise DomainError(Code.UNAUTHENTICATED)
    if now >= session.last_seen_at + TOUCH_EVERY:
        session.update(actions=[Session.last_seen_at.set(now)], condition=Session.token_hash.exists())
    return session.national_code, token_hash


def _generation(national_code: str) -> int | None:
    try:
        return Account.get(national_code, attributes_to_get=["session_generation"], consistent_read=True).session_generation or 0
    except DoesNotExist:
        return None


def logout(session_hash: str) -> None:
    Session(session_hash).delete()


def profile(national_code: str) -> dict:
    account = _get(national_code)
    return {"national_code": account.national_code, "first_name": account.first_name, "last_name": account.last_name,
            "mobile_masked": mask_mobile(account.mobile), "email_masked": mask_email(account.email) if account.email else None,
            "status": account.status}


def change_password(national_code: str, session_hash: str, body: dict, client: str, ctx) -> None:
    fields = Fields(body)
    current = fields.secret("current_password")
    new = fields.secret("new_password")
    repeat = fields.secret("new_password_repeat")
    fields.done()
    account = verify_password(national_code, current, client, ctx, refusal=Code.INVALID_CURRENT_PASSWORD)
    check_password(new, repeat, personal_words(account, ctx.registry.lookup(national_code)))
    set_password(account, new, ctx, keep_session=session_hash)


def set_password(account: Account, password: str, ctx, keep_session: str | None = None) -> None:
    """Stores the new hash and moves the session generation on in one write (every other session ends at once),
    then queues the SMS (and email if on record): a notice can no longer fail the request after the change."""
    account.update(actions=[Account.password_hash.set(hash_secret(password)), Account.session_generation.add(1)],
                   add_version_condition=False)
    _restamp(keep_session, account.session_generation)
    _delete_sessions(account.national_code, keep=keep_session)
    limits.clear(ACCOUNT_ATTEMPTS, account.national_code)
    ctx.notifier.sms_after_commit(account.mobile, message(ctx.language, "password_changed"), ctx.now)
    if account.email:
        ctx.notifier.email_after_commit(account.email, message(ctx.language, "password_changed_email_subject"),
                                        message(ctx.language, "password_changed"), ctx.now)
    log("password_changed", national_code=mask_national_code(account.national_code))


def end_sessions(national_code: str, keep: str | None = None) -> int:
    """Every session of the person but `keep` stops at once (the generation moves on); their rows go too."""
    account = Account(national_code, version=0)  # so the update adds to the version rather than resetting it
    account.update(actions=[Account.session_generation.add(1)], condition=Account.national_code.exists(), add_version_condition=False)
    _restamp(keep, account.session_generation)
    return _delete_sessions(national_code, keep)


def _restamp(session_hash: str | None, generation: int) -> None:
    if session_hash:
        Session(session_hash).update(actions=[Session.generation.set(generation)], condition=Session.token_hash.exists())


def _delete_sessions(national_code: str, keep: str | None) -> int:
    """Tidying only: the index is eventually consistent, the generation is what ends the sessions."""
    ended = 0
    for session in Session.by_person.query(national_code):
        if session.token_hash != keep:
            Session(session.token_hash).delete()
            ended += 1
    return ended


def _find(national_code: str) -> Account | None:
    try:
        return Account.get(national_code, consistent_read=True)
    except DoesNotExist:
        return None


def _get(national_code: str) -> Account:
    account = _find(national_code)
    if account is None:
        raise DomainError(Code.UNAUTHENTICATED)
    return account
