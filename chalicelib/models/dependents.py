"""Dependents (افراد تبعی) and who covers each of them."""
from pynamodb.attributes import BooleanAttribute, ListAttribute, UnicodeAttribute, UnicodeSetAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.models.base import index, table


class DependentsByStatus(GlobalSecondaryIndex):
    """The branches' queue: one status, oldest first."""

    Meta = index("by_status", AllProjection())
    status = UnicodeAttribute(hash_key=True)
    created_at = UTCDateTimeAttribute(range_key=True)


class DependentsById(GlobalSecondaryIndex):
    Meta = index("by_id")
    dependent_id = UnicodeAttribute(hash_key=True)


class Dependent(Model):
    """Keyed by (insured, dependent national code), so a create-only write refuses the same person twice."""

    Meta = table("dependents")
    insured_national_code = UnicodeAttribute(hash_key=True)
    dependent_national_code = UnicodeAttribute(range_key=True)
    dependent_id = UnicodeAttribute()
    relation = UnicodeAttribute()
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    father_name = UnicodeAttribute()
    birth_date = UnicodeAttribute()
    student = BooleanAttribute(default=False)
    disabled = BooleanAttribute(default=False)
    supported = BooleanAttribute(default=False)
    status = UnicodeAttribute()
    documents_required = ListAttribute(of=UnicodeAttribute, default=list)
    documents_received = ListAttribute(of=UnicodeAttribute, default=list)
    created_at = UTCDateTimeAttribute()
    decision_reason = UnicodeAttribute(null=True)
    decided_at = UTCDateTimeAttribute(null=True)
    by_status = DependentsByStatus()
    by_id = DependentsById()


class Coverage(Model):
    """Every insured person covering one dependent; written in the same transaction as the Dependent.

    `holders` is absent when nobody covers the person (DynamoDB drops an emptied set), which is
    what the first insured person's write is conditioned on.
    """

    Meta = table("dependent_coverage")
    dependent_national_code = UnicodeAttribute(hash_key=True)
    holders = UnicodeSetAttribute(null=True)
