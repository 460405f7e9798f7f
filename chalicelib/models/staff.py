"""The organisation's staff and institutions' officers: members, enrolments, sessions, and the audit trail.

Staff and officers live in separate tables with separate session tables, so a token of one kind can never be
looked up as the other (and neither as a person's session, which is keyed under another hash purpose too).
"""
from pynamodb.attributes import ListAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist, PynamoDBException, TransactWriteError, UpdateError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.errors import DomainError
from chalicelib.models.base import condition_failed, index, refused, table, transaction

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


def find(model, key: str):
    """A strongly consistent read: a change of roles or a disable is seen by the very next request."""
    try:
        return model.get(key, consistent_read=True)
    except DoesNotExist:
        return None


def write_together(puts: list, updates: list = (), deletes: list = (), conflict: str = "CONFLICT") -> None:
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


def claim_totp_step(member: StaffMember, step: int) -> bool:
    """Records `step` as the member's last used TOTP step unless one as late was used already: each code once."""
    condition = StaffMember.totp_last_step.does_not_exist() | (StaffMember.totp_last_step < step)
    try:
        member.update(actions=[StaffMember.totp_last_step.set(step)], condition=condition & (StaffMember.status == "active"))
    except UpdateError as error:
        if condition_failed(error):
            return False
        raise
    return True


def touch(session: StaffSession, now) -> None:
    try:
        session.update(actions=[type(session).last_seen_at.set(now)], condition=type(session).token_hash.exists())
    except PynamoDBException as error:
        if not condition_failed(error):
            raise
