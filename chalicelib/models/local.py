"""Tables that exist only in the local stage: the emulated outside registries and the outbox."""

from pynamodb.attributes import BooleanAttribute, ListAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from chalicelib.models.base import table


class RegistryPerson(Model):
    Meta = table("local_civil_registry")
    national_code = UnicodeAttribute(hash_key=True)
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    father_name = UnicodeAttribute()
    birth_date = UnicodeAttribute()
    gender = UnicodeAttribute()
    alive = BooleanAttribute(default=True)
    marital_status = UnicodeAttribute(null=True)
    employed = BooleanAttribute(default=False)
    pension = BooleanAttribute(default=False)
    first_name_en = UnicodeAttribute(null=True)
    last_name_en = UnicodeAttribute(null=True)
    spouse_national_codes = ListAttribute(of=UnicodeAttribute, default=list)
    children_national_codes = ListAttribute(of=UnicodeAttribute, default=list)
    father_national_code = UnicodeAttribute(null=True)
    mother_national_code = UnicodeAttribute(null=True)


class MobileOwner(Model):
    Meta = table("local_mobile_owners")
    mobile = UnicodeAttribute(hash_key=True)
    national_code = UnicodeAttribute()


class OutboxMessage(Model):
    """What the local stage sent; moto keeps messages without times or a way to filter by recipient."""

    Meta = table("local_outbox")
    to = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute(range_key=True)
    channel = UnicodeAttribute()
    subject = UnicodeAttribute(null=True)
    body = UnicodeAttribute()
    sent_at = UTCDateTimeAttribute()
