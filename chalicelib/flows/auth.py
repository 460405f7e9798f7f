"""Login, sessions and the password change: throttled per account and per client, tokens stored hashed."""
from datetime import timedelta

from pynamodb.exceptions import DoesNotExist

from chalicelib import limits, normalize
from chalicelib.crypto import check_secret, hash_secret, keyed_hash, new_token
from chalicelib.errors import DomainError, TooManyAttempts
from chalicelib.flows.people import check_password, personal_words
from chalicelib.inputs import Fields
from chalicelib.limits import Limit
from chalicelib.logs import log
from chalicelib.masking import mask_email, mask_mobile, mask_national_code
from chalicelib.models.accounts import Account, Session
from chalicelib.text import message

ABSOLUTE_LIFETIME = timedelta(hours=12)
IDLE_TIMEOUT = timedelta(minutes=30)
TOUCH_EVERY = timedelta(seconds=60)
# Failed logins per account over a day. The first 5 are free; then each waits twice as long, up to 4 hours.
ACCOUNT_FAILURES = Limit("login_account", 5, 86400)
FREE_FAILURES, FIRST_WAIT, LONGEST_WAIT = 5, 60, 4 * 3600
# Failed logins per client address: 100 in 15 minutes, whoever they target. Mobile carriers put many people
# behind one address (CGNAT), so this stops spraying across accounts without locking out a neighbourhood.
CLIENT_FAILURES = Limit("login_client", 100, 900)


def login(body: dict, client: str, ctx) -> dict:
    fields = Fields(body)
    national_code = normalize.code(fields.code("national_code") or "")
    password = fields.secret("password")
    fields.done()
    limits.enforce(CLIENT_FAILURES, client, ctx.now)
    failures = login_wait(national_code, ctx)
    account = _find(national_code)
    if not check_secret(password, account.password_hash if account else None):
        count_login_failure(national_code, client, ctx)
        raise DomainError("INVALID_CREDENTIALS")
    if account.status != "active":
        raise DomainError("ACCOUNT_NOT_ACTIVE")
    if failures:
        limits.clear(ACCOUNT_FAILURES, national_code)
    token = new_token()
    Session(keyed_hash("session", token), national_code=national_code, created_at=ctx.now, last_seen_at=ctx.now,
            expires=ctx.now + ABSOLUTE_LIFETIME).save()
    log("login", national_code=mask_national_code(national_code))
    return {"access_token": token, "token_type": "Bearer", "expires_in": int(ABSOLUTE_LIFETIME.total_seconds())}


def authenticate(token: str, now) -> tuple[str, str]:
    """The person behind a bearer token, checking idle and absolute expiry on every read."""
    token_hash = keyed_hash("session", token)
    try:
        session = Session.get(token_hash)
    except DoesNotExist:
        raise DomainError("UNAUTHENTICATED")
    if now >= session.created_at + ABSOLUTE_LIFETIME or now >= session.last_seen_at + IDLE_TIMEOUT:
        session.delete()
        raise DomainError("UNAUTHENTICATED")
    if now >= session.last_seen_at + TOUCH_EVERY:
        session.update(actions=[Session.last_seen_at.set(now)], condition=Session.token_hash.exists())
    return session.national_code, token_hash


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
    login_wait(national_code, ctx)
    account = _get(national_code)
    if not check_secret(current, account.password_hash):
        count_login_failure(national_code, client, ctx)
        raise DomainError("INVALID_CURRENT_PASSWORD")
    check_password(new, repeat, personal_words(account, ctx.registry.lookup(national_code)))
    set_password(account, new, ctx, keep_session=session_hash)


def set_password(account: Account, password: str, ctx, keep_session: str | None = None) -> None:
    """Stores the new hash, ends every other session, and tells the person by SMS (and email if on record)."""
    account.update(actions=[Account.password_hash.set(hash_secret(password))])
    end_sessions(account.national_code, keep=keep_session)
    limits.clear(ACCOUNT_FAILURES, account.national_code)
    ctx.notifier.sms(account.mobile, message(ctx.language, "password_changed"), ctx.now)
    if account.email:
        ctx.notifier.email(account.email, message(ctx.language, "password_changed_email_subject"), message(ctx.language, "password_changed"), ctx.now)
    log("password_changed", national_code=mask_national_code(account.national_code))


def end_sessions(national_code: str, keep: str | None = None) -> int:
    ended = 0
    for session in Session.by_person.query(national_code):
        if session.token_hash != keep:
            Session(session.token_hash).delete()
            ended += 1
    return ended


def login_wait(national_code: str, ctx) -> int:
    """Raises while the account's login step must wait; otherwise answers how many failures it has on record."""
    failures = sorted(limits.recent(ACCOUNT_FAILURES, national_code, ctx.now))
    if len(failures) < FREE_FAILURES:
        return len(failures)
    wait = min(FIRST_WAIT * 2 ** (len(failures) - FREE_FAILURES), LONGEST_WAIT)
    remaining = failures[-1] + wait - ctx.now.timestamp()
    if remaining > 0:
        raise TooManyAttempts(remaining)
    return len(failures)


def count_login_failure(national_code: str, client: str, ctx) -> None:
    limits.record(ACCOUNT_FAILURES, national_code, ctx.now)
    limits.record(CLIENT_FAILURES, client, ctx.now)
    log("login_failed", national_code=mask_national_code(national_code))


def _find(national_code: str) -> Account | None:
    try:
        return Account.get(national_code)
    except DoesNotExist:
        return None


def _get(national_code: str) -> Account:
    account = _find(national_code)
    if account is None:
        raise DomainError("UNAUTHENTICATED")
    return account
