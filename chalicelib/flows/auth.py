"""Login, sessions and the password change: throttled per account and per client, tokens stored hashed."""

from datetime import timedelta
from typing import NamedTuple

from chalicelib import limits, normalize
from chalicelib.crypto import check_secret, hash_secret, keyed_hash, new_token, same
from chalicelib.errors import Code, DomainError, NotFound
from chalicelib.flows.people import check_password, personal_words, read_new_password
from chalicelib.inputs import Fields
from chalicelib.instants import stamped
from chalicelib.limits import Backoff, Limit
from chalicelib.logs import log
from chalicelib.masking import mask_email, mask_mobile, mask_national_code
from chalicelib.models.accounts import Account, Session, account_or_none, session_id, sessions_of, start_session
from chalicelib.models.activity import activity_entry
from chalicelib.models.base import get_or_none, transaction
from chalicelib.ports import Context
from chalicelib.text import message
from chalicelib.validators import is_valid_national_code

ABSOLUTE_LIFETIME = timedelta(hours=12)
IDLE_TIMEOUT = timedelta(minutes=30)
TOUCH_EVERY = timedelta(seconds=60)
# The public and staff logins and every current-password check reserve the attempt before bcrypt (reserve_attempt):
# per account 5 free a day, then waits from a minute doubling to 4 hours; per client 300 attempts in 15 minutes,
# whoever they target (mobile carriers put many people behind one address, so a neighbourhood is not locked out).
ACCOUNT_ATTEMPTS = Backoff("login_attempts", free=5, first_wait=60, longest_wait=4 * 3600, window=86400)
CLIENT_ATTEMPTS = Limit("login_attempts_client", 300, 900)


class LoginRequest(NamedTuple):
    national_code: str
    password: str

    @classmethod
    def read(cls, body: dict) -> "LoginRequest":
        fields = Fields(body)
        national_code = normalize.code(fields.code("national_code") or "")
        password = fields.secret("password")
        fields.done()
        return cls(national_code, password)


class PasswordChange(NamedTuple):
    current: str
    new: str
    repeat: str

    @classmethod
    def read(cls, body: dict) -> "PasswordChange":
        fields = Fields(body)
        current = fields.secret("current_password")
        new, repeat = read_new_password(fields)
        fields.done()
        return cls(current, new, repeat)


def login(body: dict, client: str, ctx: Context, client_kind: str = "api") -> dict:
    """`client_kind` is "web" for a browser's cookie session, "api" for a bearer token; the sessions list shows it."""
    request = LoginRequest.read(body)
    national_code, password = request.national_code, request.password
    account = verify_password(national_code, password, client, ctx)
    if account.status == "frozen":
        raise DomainError(Code.ACCOUNT_FROZEN)
    if account.status != "active":
        raise DomainError(Code.ACCOUNT_NOT_ACTIVE)
    token = new_token()
    session = Session(
        keyed_hash("session", token),
        national_code=national_code,
        created_at=ctx.now,
        last_seen_at=ctx.now,
        expires=ctx.now + ABSOLUTE_LIFETIME,
        client=client_kind,
        generation=account.session_generation or 0,
    )
    start_session(session, activity_entry(national_code, ctx.now, "login", "self", detail=session.client))
    log("login", national_code=mask_national_code(national_code))
    return {"access_token": token, "token_type": "Bearer", "expires_in": int(ABSOLUTE_LIFETIME.total_seconds())}


def verify_password(
    national_code: str, password: str, client: str | None, ctx: Context, refusal: Code = Code.INVALID_CREDENTIALS
) -> Account:
    """The one race-proof password check: the attempt is reserved per client and per account before bcrypt runs,
    so parallel guesses get no more tries than sequential ones; unknown accounts spend the same bcrypt time."""
    reserve_attempt(national_code, client, ctx.now)
    account = account_or_none(national_code, consistent_read=True) if is_valid_national_code(national_code) else None
    if not check_secret(password, account.password_hash if account else None):
        log("login_failed", national_code=mask_national_code(national_code))
        raise DomainError(refusal)
    limits.clear(ACCOUNT_ATTEMPTS, national_code)
    return account


def reserve_attempt(subject: str, client: str | None, now) -> None:
    """Counts a login attempt per client and per account (or staff username) before any secret is compared."""
    if client is not None:
        limits.reserve(CLIENT_ATTEMPTS, client, now)
    limits.reserve_backoff(ACCOUNT_ATTEMPTS, subject, now)


def authenticate(token: str, now, touch: bool = True) -> tuple[str, str]:
    """The person behind a session token, checking idle and absolute expiry and revocation on every read; `touch=False`
    is a read that is not the person's activity (a page asking how long is left)."""
    token_hash = keyed_hash("session", token)
    session = _live_session(token_hash, now)
    if touch and now >= session.last_seen_at + TOUCH_EVERY:
        session.update(actions=[Session.last_seen_at.set(now)], condition=Session.token_hash.exists())
    return session.national_code, token_hash


def _live_session(token_hash: str, now) -> Session:
    """Both reads are strongly consistent: a logout, or a password change (which moves the account's session
    generation on), stops every replica from accepting the token at once."""
    session = get_or_none(Session, token_hash, consistent_read=True)
    if session is None:
        raise DomainError(Code.UNAUTHENTICATED)
    if not _alive(session, now):
        session.delete()
        raise DomainError(Code.UNAUTHENTICATED)
    holder = account_or_none(session.national_code, attributes_to_get=["session_generation"], consistent_read=True)
    if holder is None or (session.generation or 0) != (holder.session_generation or 0):
        raise DomainError(Code.UNAUTHENTICATED)
    return session


def session_info(session_hash: str, now) -> dict:
    """Seconds left before the absolute and the idle expiry, so a page can warn before logging the person out."""
    session = _live_session(session_hash, now)
    absolute = session.created_at + ABSOLUTE_LIFETIME - now
    idle = session.last_seen_at + IDLE_TIMEOUT - now
    return {"expires_in": int(absolute.total_seconds()), "idle_expires_in": int(min(idle, absolute).total_seconds())}


def logout(session_hash: str) -> None:
    Session(session_hash).delete()


def profile(national_code: str) -> dict:
    account = _get(national_code)
    return {
        "national_code": account.national_code,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "mobile_masked": mask_mobile(account.mobile),
        "email_masked": mask_email(account.email) if account.email else None,
        "status": account.status,
    }


def change_password(national_code: str, session_hash: str, body: dict, client: str, ctx: Context) -> None:
    change = PasswordChange.read(body)
    account = confirm_password(national_code, change.current, client, ctx)
    check_password(change.new, change.repeat, personal_words(account, ctx.registry.lookup(national_code)))
    set_password(account, change.new, ctx, keep_session=session_hash, kind="password_changed")


def confirm_password(national_code: str, password: str, client: str, ctx: Context) -> Account:
    """The signed-in person's account once the current password is proven; a wrong one counts like a failed login."""
    return verify_password(national_code, password, client, ctx, refusal=Code.INVALID_CURRENT_PASSWORD)


def set_password(
    account: Account, password: str, ctx, keep_session: str | None = None, kind: str = "password_reset"
) -> None:
    """Stores the new hash with its activity entry, ends every other session, and tells the person by SMS (and email)."""
    with transaction() as writes:
        writes.update(account, actions=[Account.password_hash.set(hash_secret(password))])
        writes.save(activity_entry(account.national_code, ctx.now, kind, "self"))
    end_sessions(account.national_code, keep=keep_session)
    limits.clear(ACCOUNT_ATTEMPTS, account.national_code)
    # Queued notices: a failed send after the change can no longer fail the request or be lost.
    ctx.notifier.sms_after_commit(account.mobile, message(ctx.language, "password_changed"), ctx.now)
    if account.email:
        ctx.notifier.email_after_commit(
            account.email,
            message(ctx.language, "password_changed_email_subject"),
            message(ctx.language, "password_changed"),
            ctx.now,
        )
    log("password_changed", national_code=mask_national_code(account.national_code))


def end_sessions(national_code: str, keep: str | None = None) -> int:
    """Every session but `keep` stops at once (the account's session generation moves on, read strongly on every
    request); the rows go too, found through the index, which may lag."""
    holder = Account(national_code, version=0)  # so the update adds to the version rather than resetting it
    holder.update(
        actions=[Account.session_generation.add(1)],
        condition=Account.national_code.exists(),
        add_version_condition=False,
    )
    if keep:
        Session(keep).update(
            actions=[Session.generation.set(holder.session_generation)], condition=Session.token_hash.exists()
        )
    ended = 0
    for session in Session.by_person.query(national_code):
        if session.token_hash != keep:
            Session(session.token_hash).delete()
            ended += 1
    return ended


def sessions(national_code: str, current: str, now) -> dict:
    """The person's live sessions, newest first, each named by an opaque id (never its token or the token's hash)."""
    live = sorted(
        (session for session in sessions_of(national_code) if _alive(session, now)),
        key=lambda session: session.created_at,
        reverse=True,
    )
    return {
        "items": [
            {
                "session_id": session_id(session.token_hash),
                **stamped("created_at", session.created_at),
                **stamped("last_seen_at", session.last_seen_at),
                "client": session.client,
                "current": session.token_hash == current,
            }
            for session in live
        ]
    }


def end_session(national_code: str, chosen_id: str, ctx: Context) -> None:
    """Ends one of the person's sessions by its id; another person's id, or an unknown one, is not found."""
    for session in Session.by_person.query(national_code):
        if same(session_id(session.token_hash), chosen_id):
            Session(session.token_hash).delete()
            activity_entry(national_code, ctx.now, "session_ended", "self").save()
            return
    raise NotFound()


def end_other_sessions(national_code: str, current: str, ctx: Context) -> None:
    ended = end_sessions(national_code, keep=current)
    if ended:
        activity_entry(national_code, ctx.now, "sessions_ended", "self", detail=str(ended)).save()


def _alive(session: Session, now) -> bool:
    return now < session.created_at + ABSOLUTE_LIFETIME and now < session.last_seen_at + IDLE_TIMEOUT


def _get(national_code: str) -> Account:
    account = account_or_none(national_code)
    if account is None:
        raise DomainError(Code.UNAUTHENTICATED)
    return account
