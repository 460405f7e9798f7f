"""The organisation's staff and institutions' officers: members, enrolments, sessions, and the audit trail.

Staff and officers live in separate tables with separate session tables, so a token of one kind can never be
looked up as the other (and neither as a person's session, which is keyed under another hash purpose too).
"""

from pynamodb.attributes import ListAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import PynamoDBException, TransactWriteError, UpdateError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.errors import Code, DomainError
from chalicelib.models.base import condition_failed, get_or_none, index, refused, table, transaction

ROLES = ("admin", "branch_officer", "records_officer", "institution_manager", "auditor")
AUDIT_STREAM = "staff"


class MembersByDirectory(GlobalSecondaryIndex):
    """Staff share the directory "staff"; an institution's officers, its institution id: a paged list is one Query."""

    Meta = index("directory", AllProjection())
    directory = UnicodeAttribute(hash_key=True)
    username = UnicodeAttribute(range_key=True)


class StaffMember(Model):
    """`epoch` moves on whenever the roles change or the member is disabled; a session of an older epoch is dead."""

    Meta = table("staff_members")
    member_id = UnicodeAttribute(hash_key=True)
    directory = UnicodeAttribute()
    username = UnicodeAttribute()
    full_name = UnicodeAttribute()
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    branch_id = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    password_hash = UnicodeAttribute(null=True)
    totp_secret = UnicodeAttribute(null=True)
    totp_last_step = NumberAttribute(null=True)
    epoch = NumberAttribute(default=0)
    created_at = UTCDateTimeAttribute()
    by_directory = MembersByDirectory()


class InstitutionOfficer(StaffMember):
    """An institution's officer for the panel; `directory` is the institution id."""

    Meta = table("institution_officers")
    institution_id = UnicodeAttribute(null=True)
    institution_name = UnicodeAttribute(null=True)


class UsernameClaim(Model):
    """Holds "realm#username" for one member: written create-only beside the member, so usernames are unique."""

    Meta = table("staff_usernames")
    key = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute()


class Enrolment(Model):
    """Found by the keyed hash of its id. `state` goes password → totp → done; each step is a conditional write."""

    Meta = table("staff_enrolments")
    id_hash = UnicodeAttribute(hash_key=True)
    realm = UnicodeAttribute()
    member_id = UnicodeAttribute()
    state = UnicodeAttribute()
    failures = NumberAttribute(default=0)
    expires_at = UTCDateTimeAttribute()
    expires = TTLAttribute()


class StaffSession(Model):
    Meta = table("staff_sessions")
    token_hash = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute()
    epoch = NumberAttribute()
    created_at = UTCDateTimeAttribute()
    last_seen_at = UTCDateTimeAttribute()
    expires = TTLAttribute()


class OfficerSession(StaffSession):
    Meta = table("officer_sessions")


class AuditByActor(GlobalSecondaryIndex):
    Meta = index("by_actor", AllProjection())
    staff_id = UnicodeAttribute(hash_key=True)
    at_key = UnicodeAttribute(range_key=True)


class AuditByPerson(GlobalSecondaryIndex):
    """Sparse: only entries about a person carry `national_code`."""

    Meta = index("by_person", AllProjection())
    national_code = UnicodeAttribute(hash_key=True)
    at_key = UnicodeAttribute(range_key=True)


class AuditEntry(Model):
    """Append-only: entries are put create-only inside the transaction of the change they record, never updated
    or deleted (the IAM policy grants neither on this table). Staff actions are few enough for one stream partition."""

    Meta = table("audit")
    stream = UnicodeAttribute(hash_key=True)
    at_key = UnicodeAttribute(range_key=True)
    at = UTCDateTimeAttribute()
    staff_id = UnicodeAttribute()
    role = UnicodeAttribute()
    branch_id = UnicodeAttribute(null=True)
    action = UnicodeAttribute()
    national_code = UnicodeAttribute(null=True)
    target = UnicodeAttribute(null=True)
    outcome = UnicodeAttribute()
    detail = UnicodeAttribute(null=True)
    by_actor = AuditByActor()
    by_person = AuditByPerson()


def find(model, key: str, range_key: str | None = None):
    """A strongly consistent read: a change of roles or a disable is seen by the very next request."""
    return get_or_none(model, key, range_key, consistent_read=True)


def write_together(puts: list, updates: list = (), deletes: list = (), conflict: Code = Code.CONFLICT) -> None:
    """Puts (create-only where they carry a condition), updates and deletes in one transaction; any refused
    condition is the domain error `conflict`. Items are (model, condition) pairs; updates (model, actions, condition).
    A lone put (the audit entry of a read) is a plain conditional put: the same guarantee at half a transaction's cost."""
    if len(puts) == 1 and not updates and not deletes:
        item, condition = puts[0]
        try:
            item.save(condition=condition)
        except PynamoDBException as error:
            if condition_failed(error):
                raise DomainError(conflict) from None
            raise
        return
    try:
        with transaction() as writes:
            for item, condition in puts:
                writes.save(item, condition=condition)
            for item, actions, condition in updates:
                writes.update(item, actions=actions, condition=condition)
            for item, condition in deletes:
                writes.delete(item, condition=condition)
    except TransactWriteError as error:
        if any(refused(error, len(puts) + len(updates) + len(deletes))):
            raise DomainError(conflict) from None
        raise


# Members, enrolments and sessions.


def create_member(member: StaffMember, claim: UsernameClaim, enrolment: Enrolment, puts: list) -> None:
    """The member, the claim on its username and its enrolment together; USERNAME_TAKEN when the claim is held."""
    write_together(
        [
            (claim, UsernameClaim.key.does_not_exist()),
            (member, type(member).member_id.does_not_exist()),
            (enrolment, Enrolment.id_hash.does_not_exist()),
            *puts,
        ],
        conflict=Code.USERNAME_TAKEN,
    )


def set_credentials(enrolment: Enrolment, member: StaffMember, password_hash: str, totp_secret: str) -> None:
    """The enrolment's first step, once: NOT_FOUND when it was taken meanwhile."""
    model = type(member)
    write_together(
        [],
        updates=[
            (enrolment, [Enrolment.state.set("totp")], Enrolment.state == "password"),
            (
                member,
                [model.password_hash.set(password_hash), model.totp_secret.set(totp_secret)],
                model.status == "enrolling",
            ),
        ],
        conflict=Code.NOT_FOUND,
    )


def count_enrolment_failure(enrolment: Enrolment, tries: int) -> int:
    """One more wrong code; the enrolment is void at `tries`. Answers the failures now counted."""
    failures = enrolment.failures + 1
    write_together(
        [],
        updates=[
            (
                enrolment,
                [Enrolment.failures.set(failures), Enrolment.state.set("void" if failures >= tries else "totp")],
                (Enrolment.state == "totp") & (Enrolment.failures == enrolment.failures),
            )
        ],
    )
    return failures


def complete_enrolment(enrolment: Enrolment, member: StaffMember, step: int) -> None:
    """The member becomes active and the TOTP step that proved it is spent."""
    model = type(member)
    write_together(
        [],
        updates=[
            (enrolment, [Enrolment.state.set("done")], Enrolment.state == "totp"),
            (member, [model.status.set("active"), model.totp_last_step.set(step)], model.status == "enrolling"),
        ],
        conflict=Code.NOT_FOUND,
    )


def claim_totp_step(member: StaffMember, step: int) -> bool:
    """Records `step` as the member's last used TOTP step unless one as late was used already: each code once."""
    model = type(member)
    condition = model.totp_last_step.does_not_exist() | (model.totp_last_step < step)
    try:
        member.update(actions=[model.totp_last_step.set(step)], condition=condition & (model.status == "active"))
    except UpdateError as error:
        if condition_failed(error):
            return False
        raise
    return True


def open_session(session: StaffSession, puts: list) -> None:
    write_together([(session, type(session).token_hash.does_not_exist()), *puts])


def end_session(session: StaffSession, puts: list = ()) -> None:
    if puts:
        write_together(list(puts), deletes=[(session, None)])
    else:
        session.delete()


def touch(session: StaffSession, now) -> None:
    try:
        session.update(actions=[type(session).last_seen_at.set(now)], condition=type(session).token_hash.exists())
    except PynamoDBException as error:
        if not condition_failed(error):
            raise


def change_roles(member: StaffMember, roles: list[str], branch_id: str | None, puts: list) -> None:
    """New roles and a new epoch (every session of the member ends); CONFLICT for a disabled member."""
    branch = StaffMember.branch_id.set(branch_id) if branch_id else StaffMember.branch_id.remove()
    write_together(
        puts,
        updates=[
            (member, [StaffMember.roles.set(roles), branch, StaffMember.epoch.add(1)], StaffMember.status != "disabled")
        ],
    )


def disable_member(member: StaffMember, puts: list) -> None:
    write_together(puts, updates=[(member, [StaffMember.status.set("disabled"), StaffMember.epoch.add(1)], None)])


def members_page(model, directory: str, page, list_name: str, caller: str):
    from chalicelib.paging import query_page

    return query_page(model.by_directory, directory, page, list_name, caller)


def active_admins() -> list[StaffMember]:
    """For the first-admin tool only: a Query of the staff directory, not a request path."""
    return [m for m in StaffMember.by_directory.query("staff") if m.status != "disabled" and "admin" in m.roles]


# The audit trail and the person's activity.


def audit_entry(
    at,
    staff_id: str,
    role: str,
    branch_id: str | None,
    action: str,
    national_code: str | None,
    target: str | None,
    outcome: str,
    detail: str | None,
) -> AuditEntry:
    """A new entry, not yet written: its puts go into the transaction of the change it records."""
    import secrets

    return AuditEntry(
        AUDIT_STREAM,
        f"{at.isoformat()}#{secrets.token_hex(4)}",
        at=at,
        staff_id=staff_id,
        role=role,
        branch_id=branch_id,
        action=action,
        national_code=national_code,
        target=target,
        outcome=outcome,
        detail=detail,
    )


def audit_puts(entry: AuditEntry, activity=None) -> list:
    """Create-only puts of an audit entry (and the person's activity entry) for the transaction of the change."""
    from chalicelib.models.activity import ActivityEntry

    return [(entry, AuditEntry.at_key.does_not_exist())] + (
        [(activity, ActivityEntry.at_key.does_not_exist())] if activity else []
    )


def audit_page(actor: str | None, national_code: str | None, lower: str, upper: str, page, list_name: str, caller: str):
    """Newest first within [lower, upper]: by person (and actor), by actor, or the whole stream."""
    from chalicelib.paging import query_page

    condition = AuditEntry.at_key.between(lower, upper)
    if national_code:
        source, key = AuditEntry.by_person, national_code
        extra = {"filter_condition": AuditEntry.staff_id == actor} if actor else {}
    elif actor:
        source, key, extra = AuditEntry.by_actor, actor, {}
    else:
        source, key, extra = AuditEntry, AUDIT_STREAM, {}
    return query_page(
        source, key, page, list_name, caller, range_key_condition=condition, scan_index_forward=False, **extra
    )


# What a branch officer changes of a person's account, each with its audit entries in the same transaction.


def activate_account(account, registration, puts: list) -> None:
    """The registration the person brought becomes the account's credentials and mobile; both become active.
    NOT_AWAITING_BRANCH when either stopped waiting meanwhile."""
    from chalicelib.models.accounts import Account, Registration

    awaiting = "branch_visit_required"
    email = Account.email.set(registration.email) if registration.email else Account.email.remove()
    # A registration whose credentials already made the waiting account no longer holds them (flows/registration.py).
    credentials = (
        [
            Account.password_hash.set(registration.password_hash),
            Account.question_ids.set(registration.question_ids),
            Account.answer_hashes.set(registration.answer_hashes),
        ]
        if registration.password_hash
        else []
    )
    write_together(
        puts,
        updates=[
            (
                account,
                [Account.status.set("active"), Account.mobile.set(registration.mobile), email, *credentials],
                Account.status == awaiting,
            ),
            (
                registration,
                [
                    Registration.status.set("active"),
                    Registration.password_hash.remove(),
                    Registration.answer_hashes.remove(),
                ],
                Registration.status == awaiting,
            ),
        ],
        conflict=Code.NOT_AWAITING_BRANCH,
    )
