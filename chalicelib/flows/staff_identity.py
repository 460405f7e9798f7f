"""Staff and institution officers: enrolment by a one-time id, login with password and TOTP, short sessions.

The same rules serve two realms that never share a token: the organisation's staff (back office) and
institutions' officers (panel). A realm names its member table, its session table and the hash purpose
of its tokens, so a token of one realm is simply not found in the other, nor among the people's sessions.

A TOTP code (RFC 6238: 6 digits, 30 s, SHA-1) is accepted within one step of the clock, and each code once:
the member keeps the last step used, moved forward only by a conditional write, so a replayed code (or an
older one) is refused even inside its window and two racing logins with one code cannot both pass.
"""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import NamedTuple

from chalicelib import limits, normalize
from chalicelib.crypto import check_secret, hash_secret, keyed_hash, new_id, new_token, same
from chalicelib.errors import Code, DomainError, NotFound
from chalicelib.flows import auth
from chalicelib.frozen import frozen
from chalicelib.inputs import Fields
from chalicelib.instants import stamped
from chalicelib.logs import log
from chalicelib.models import staff as storage
from chalicelib.models.staff import (
    ROLES,
    Enrolment,
    InstitutionOfficer,
    OfficerSession,
    StaffMember,
    StaffSession,
    UsernameClaim,
    claim_totp_step,
    find,
    touch,
)
from chalicelib.validators import password_violations

ENROLMENT_LIFETIME = timedelta(hours=72)
IDLE_TIMEOUT = timedelta(minutes=15)
ABSOLUTE_LIFETIME = timedelta(hours=8)
TOUCH_EVERY = timedelta(seconds=60)
PASSWORD_MIN = 12
TOTP_STEP, TOTP_DIGITS = 30, 6
# Wrong codes while confirming an enrolment; past this the enrolment is void and an admin issues a new one.
ENROLMENT_TRIES = 5
_USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,39}")
_BRANCH = re.compile(r"[0-9]{1,10}")
ISSUER = "Tamin"


@frozen
class Realm:
    name: str
    member: type
    session: type

    def token_hash(self, token: str) -> str:
        return keyed_hash(f"{self.name}_session", token)

    def claim_key(self, username: str) -> str:
        return f"{self.name}#{username}"


STAFF = Realm("staff", StaffMember, StaffSession)
OFFICERS = Realm("officer", InstitutionOfficer, OfficerSession)


@frozen
class Operator:
    """The signed-in member as read at the start of this request (strongly consistent)."""

    member: StaffMember
    session_hash: str


class MemberRequest(NamedTuple):
    """username, full_name and, for staff, roles and the branch of a branch officer."""

    username: str
    full_name: str
    roles: list[str]
    branch_id: str | None

    @classmethod
    def read(cls, body: dict, with_roles: bool) -> "MemberRequest":
        fields = Fields(body)
        username = (fields.text("username", max_length=40) or "").strip().lower()
        if username and not _USERNAME.fullmatch(username):
            fields.reject("username", "INVALID_USERNAME")
        full_name = fields.text("full_name", max_length=120)
        roles, branch_id = read_roles(fields) if with_roles else ([], None)
        fields.done()
        return cls(username, normalize.persian_text(full_name), roles, branch_id)


class PasswordChoice(NamedTuple):
    password: str
    repeat: str

    @classmethod
    def read(cls, body: dict) -> "PasswordChoice":
        fields = Fields(body)
        password, repeat = fields.secret("password"), fields.secret("password_repeat")
        fields.done()
        return cls(password, repeat)


class TotpConfirmation(NamedTuple):
    code: str

    @classmethod
    def read(cls, body: dict) -> "TotpConfirmation":
        fields = Fields(body)
        code = fields.code("totp_code")
        fields.done()
        return cls(normalize.code(code))


class MemberLogin(NamedTuple):
    username: str
    password: str
    code: str

    @classmethod
    def read(cls, body: dict) -> "MemberLogin":
        fields = Fields(body)
        username = (fields.text("username", max_length=40) or "").strip().lower()
        password = fields.secret("password")
        code = normalize.code(fields.code("totp_code") or "")
        fields.done()
        return cls(username, password, code)


def read_roles(fields: Fields) -> tuple[list[str], str | None]:
    roles = fields.items("roles")
    raw_branch = fields.code("branch_id", required=False)
    branch_id = normalize.code(raw_branch) if raw_branch else None
    if roles is not None:
        if not roles or any(not isinstance(role, str) or role not in ROLES for role in roles):
            fields.reject("roles", "INVALID_ROLES")
        roles = sorted(set(r for r in roles if isinstance(r, str)))
        if "branch_officer" in roles and not branch_id:
            fields.reject("branch_id", "REQUIRED")
        if branch_id and "branch_officer" not in roles:
            fields.reject("branch_id", "ONLY_FOR_BRANCH_OFFICER")
    if branch_id and not _BRANCH.fullmatch(branch_id):
        fields.reject("branch_id", "INVALID_BRANCH")
    return roles or [], branch_id


def create_member(
    realm: Realm, details: MemberRequest, directory: str, now, record: Callable | None = None, **extra
) -> dict:
    """The member, the claim on its username and its enrolment, written together (with `record(member)`'s audit
    entries, when given); answers the member id and the one-time enrolment id."""
    member = realm.member(
        f"{realm.name[:3]}_{new_id()}",
        directory=directory,
        status="enrolling",
        created_at=now,
        epoch=0,
        **details._asdict(),
        **extra,
    )
    enrolment_id = new_id()
    enrolment = Enrolment(
        keyed_hash("enrolment", enrolment_id),
        realm=realm.name,
        member_id=member.member_id,
        state="password",
        expires_at=now + ENROLMENT_LIFETIME,
        expires=now + ENROLMENT_LIFETIME,
    )
    claim = UsernameClaim(realm.claim_key(member.username), member_id=member.member_id)
    storage.create_member(member, claim, enrolment, record(member) if record else [])
    log("member_created", realm=realm.name, member_id=member.member_id)
    return {"member_id": member.member_id, "enrolment_id": enrolment_id}


def choose_password(realm: Realm, enrolment_id: str, body: dict, ctx) -> dict:
    """The enrolment's first step: the password (policy, at least 12 characters) and a new TOTP secret, shown once."""
    import pyotp

    choice = PasswordChoice.read(body)
    password, repeat = choice.password, choice.repeat
    enrolment, member = _enrolment(realm, enrolment_id, "password", ctx.now)
    personal = (member.username, *member.full_name.split())
    violations = password_violations(password, repeat, personal, min_length=PASSWORD_MIN)
    if violations:
        raise DomainError(Code.PASSWORD_POLICY, violations=violations)
    secret = pyotp.random_base32()
    storage.set_credentials(enrolment, member, hash_secret(password), secret)
    uri = pyotp.TOTP(secret, digits=TOTP_DIGITS, interval=TOTP_STEP).provisioning_uri(
        name=member.username, issuer_name=ISSUER
    )
    return {"totp_secret": secret, "otpauth_uri": uri}


def confirm(realm: Realm, enrolment_id: str, body: dict, ctx) -> None:
    """Proves the authenticator holds the secret; the member becomes active and the enrolment id is spent."""
    code = TotpConfirmation.read(body).code
    enrolment, member = _enrolment(realm, enrolment_id, "totp", ctx.now)
    step = matching_step(member.totp_secret, code, ctx.now)
    if step is None:
        failures = storage.count_enrolment_failure(enrolment, ENROLMENT_TRIES)
        raise DomainError(Code.INVALID_CODE, attempts_left=ENROLMENT_TRIES - failures)
    storage.complete_enrolment(enrolment, member, step)
    log("member_enrolled", realm=realm.name, member_id=member.member_id)


def _enrolment(realm: Realm, enrolment_id: str, state: str, now) -> tuple[Enrolment, StaffMember]:
    """Unknown, expired, spent, void or of the other realm: all the same 404."""
    enrolment = (
        find(Enrolment, keyed_hash("enrolment", str(enrolment_id))) if 0 < len(str(enrolment_id)) <= 64 else None
    )
    if enrolment is None or enrolment.realm != realm.name or enrolment.state != state or now >= enrolment.expires_at:
        raise NotFound()
    member = find(realm.member, enrolment.member_id)
    if member is None or member.status != "enrolling":
        raise NotFound()
    return enrolment, member


def matching_step(secret: str | None, code: str, now) -> int | None:
    """The time step (within one of the clock) whose code this is, compared in constant time; None if none."""
    import pyotp

    if secret is None or len(code) != TOTP_DIGITS or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret, digits=TOTP_DIGITS, interval=TOTP_STEP)
    current = int(now.timestamp()) // TOTP_STEP
    found = None
    for step in (current - 1, current, current + 1):
        if same(totp.at(step * TOTP_STEP), code):
            found = step
    return found


def login(
    realm: Realm, body: dict, client: str, ctx, admit: Callable = lambda member: True, record: Callable | None = None
) -> dict:
    """Wrong username, password or code, a spent code, or a member not admitted: the same INVALID_CREDENTIALS,
    each attempt reserved against the username and the client before any secret is compared, exactly as the public
    login reserves its attempts, so parallel guesses get no more tries than sequential ones."""
    request = MemberLogin.read(body)
    username, password, code = request.username, request.password, request.code
    subject = realm.claim_key(username)
    auth.reserve_attempt(subject, client, ctx.now)
    claim = find(UsernameClaim, subject)
    member = find(realm.member, claim.member_id) if claim else None
    usable = member is not None and member.status == "active"
    password_ok = check_secret(password, member.password_hash if usable else None)
    step = matching_step(member.totp_secret, code, ctx.now) if password_ok else None
    if step is None or not admit(member) or not claim_totp_step(member, step):
        log("member_login_failed", realm=realm.name)
        raise DomainError(Code.INVALID_CREDENTIALS)
    limits.clear(auth.ACCOUNT_ATTEMPTS, subject)
    token = new_token()
    session = realm.session(
        realm.token_hash(token),
        member_id=member.member_id,
        epoch=member.epoch,
        created_at=ctx.now,
        last_seen_at=ctx.now,
        expires=ctx.now + ABSOLUTE_LIFETIME,
    )
    storage.open_session(session, record(member) if record else [])
    log("member_login", realm=realm.name, member_id=member.member_id)
    return {"access_token": token, "token_type": "Bearer", "expires_in": int(ABSOLUTE_LIFETIME.total_seconds())}


def authenticate(realm: Realm, token: str, now, admit: Callable = lambda member: True) -> Operator:
    """The session and its member, both read strongly consistent: a disabled member, or one whose roles changed
    since the login (the epoch moved), is refused on the very next request."""
    token_hash = realm.token_hash(token)
    session = find(realm.session, token_hash) if len(token) <= 100 else None
    if session is None:
        raise DomainError(Code.UNAUTHENTICATED)
    if now >= session.created_at + ABSOLUTE_LIFETIME or now >= session.last_seen_at + IDLE_TIMEOUT:
        storage.end_session(session)
        raise DomainError(Code.UNAUTHENTICATED)
    member = find(realm.member, session.member_id)
    if member is None or member.status != "active" or member.epoch != session.epoch or not admit(member):
        storage.end_session(session)
        raise DomainError(Code.UNAUTHENTICATED)
    if now >= session.last_seen_at + TOUCH_EVERY:
        touch(session, now)
    return Operator(member, token_hash)


def logout(realm: Realm, operator: Operator, puts: list = ()) -> None:
    storage.end_session(realm.session(operator.session_hash), puts)


def view(member: StaffMember) -> dict:
    return {
        "staff_id": member.member_id,
        "username": member.username,
        "full_name": member.full_name,
        "roles": list(member.roles),
        "branch_id": member.branch_id,
        "status": member.status,
        **stamped("created_at", member.created_at),
    }
