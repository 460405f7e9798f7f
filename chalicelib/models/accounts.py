"""Accounts, registrations in progress, and sessions."""
from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute, TTLAttribute, UTCDateTimeAttribute, VersionAttribute
from pynamodb.indexes import GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.models.base import index, table


class Account(Model):
    Meta = table("accounts")
    national_code = UnicodeAttribute(hash_key=True)
    mobile = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    father_name = UnicodeAttribute()
    birth_date = UnicodeAttribute()
    gender = UnicodeAttribute()
    first_name_en = UnicodeAttribute(null=True)
    last_name_en = UnicodeAttribute(null=True)
    password_hash = UnicodeAttribute()
    question_ids = ListAttribute(of=UnicodeAttribute)
    answer_hashes = ListAttribute(of=UnicodeAttribute)
    status = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    # Sessions carry the generation they were made in; moving it on ends them all at once (read strongly).
    session_generation = NumberAttribute(default=0)
    version = VersionAttribute()


class PendingRegistrations(GlobalSecondaryIndex):
    """Sparse: only submissions whose verification an outage deferred carry `pending`."""

    Meta = index("pending")
    pending = UnicodeAttribute(hash_key=True)


class Registration(Model):
    Meta = table("registrations")
    registration_id = UnicodeAttribute(hash_key=True)
    tracking_code = UnicodeAttribute()
    national_code = UnicodeAttribute()
    mobile = UnicodeAttribute()
    status = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    code_hash = UnicodeAttribute(null=True)
    code_expires_at = UTCDateTimeAttribute(null=True)
    code_failures = NumberAttribute(default=0)
    first_name = UnicodeAttribute(null=True)
    last_name = UnicodeAttribute(null=True)
    father_name = UnicodeAttribute(null=True)
    birth_date = UnicodeAttribute(null=True)
    gender = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    password_hash = UnicodeAttribute(null=True)
    question_ids = ListAttribute(of=UnicodeAttribute, null=True)
    answer_hashes = ListAttribute(of=UnicodeAttribute, null=True)
    pending = UnicodeAttribute(null=True)
    pending_index = PendingRegistrations()
    expires = TTLAttribute(null=True)
    version = VersionAttribute()


class RegistrationHead(Model):
    """The one current registration of a national code: restarting replaces it, tracking looks it up."""

    Meta = table("registration_heads")
    national_code = UnicodeAttribute(hash_key=True)
    registration_id = UnicodeAttribute()


class SessionsByPerson(GlobalSecondaryIndex):
    Meta = index("by_person")
    national_code = UnicodeAttribute(hash_key=True)


class Session(Model):
    Meta = table("sessions")
    token_hash = UnicodeAttribute(hash_key=True)
    national_code = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    last_seen_at = UTCDateTimeAttribute()
    expires = TTLAttribute()
    generation = NumberAttribute(default=0)
    by_person = SessionsByPerson()
