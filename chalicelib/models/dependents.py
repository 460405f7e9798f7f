"""Dependents (افراد تبعی) and who covers each of them."""
from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model

from chalicelib.errors import Code, DomainError, NotFound
from chalicelib.models.base import refused, table, transaction, updated


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


class Coverage(Model):
    """Every insured person covering one dependent; written in the same transaction as the Dependent.

    `holders` is absent when nobody covers the person (DynamoDB drops an emptied set), which is
    what the first insured person's write is conditioned on.
    """

    Meta = table("dependent_coverage")
    dependent_national_code = UnicodeAttribute(hash_key=True)
    holders = UnicodeSetAttribute(null=True)


def add_dependent(dependent: Dependent, first_holder: bool) -> bool:
    """Writes the dependent and its coverage together; DEPENDENT_EXISTS for the same person twice, and False
    when, as the first holder, someone else got there first."""
    coverage = Coverage(dependent.dependent_national_code)
    try:
        with transaction() as writes:
            writes.save(dependent, condition=Dependent.dependent_national_code.does_not_exist())
            writes.update(coverage, actions=[Coverage.holders.add({dependent.insured_national_code})],
                          condition=Coverage.holders.does_not_exist() if first_holder else None)
    except TransactWriteError as error:
        exists, covered = refused(error, 2)
        if exists:
            raise DomainError(Code.DEPENDENT_EXISTS) from error
        if first_holder and covered:
            return False
        raise
    return True


def remove_dependent(dependent: Dependent) -> None:
    """The insured person's coverage goes with the dependent; NOT_FOUND when it went meanwhile."""
    try:
        with transaction() as writes:
            writes.delete(dependent, condition=Dependent.dependent_id == dependent.dependent_id)
            writes.update(Coverage(dependent.dependent_national_code), actions=[Coverage.holders.delete({dependent.insured_national_code})])
    except TransactWriteError as error:
        if refused(error, 2)[0]:
            raise NotFound() from error
        raise


def record_documents(dependent: Dependent, received: list[str], status: str | None) -> bool:
    """Stores the certificates received (and the new status, if any); False when the dependent was deleted meanwhile."""
    actions = [Dependent.documents_received.set(received)]
    if status is not None:
        actions.append(Dependent.status.set(status))
    return updated(dependent, actions, Dependent.dependent_id == dependent.dependent_id)
