"""Dependents (افراد تبعی) and who covers each of them."""

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import TransactWriteError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.errors import Code, DomainError, NotFound
from chalicelib.models.base import index, refused, table, transaction, updated


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


def add_dependent(dependent: Dependent, first_holder: bool) -> bool:
    """Writes the dependent and its coverage together; DEPENDENT_EXISTS for the same person twice, and False
    when, as the first holder, someone else got there first."""
    coverage = Coverage(dependent.dependent_national_code)
    try:
        with transaction() as writes:
            writes.save(dependent, condition=Dependent.dependent_national_code.does_not_exist())
            writes.update(
                coverage,
                actions=[Coverage.holders.add({dependent.insured_national_code})],
                condition=Coverage.holders.does_not_exist() if first_holder else None,
            )
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
            writes.update(
                Coverage(dependent.dependent_national_code),
                actions=[Coverage.holders.delete({dependent.insured_national_code})],
            )
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


def dependents_of(insured: str) -> list[Dependent]:
    return list(Dependent.query(insured, consistent_read=True))


def dependents_page(status: str, page, list_name: str, caller: str):
    """The branches' queue of one status, oldest first."""
    from chalicelib.paging import query_page

    return query_page(Dependent.by_status, status, page, list_name, caller)


def dependent_by_id(dependent_id: str) -> Dependent | None:
    """The index finds the keys; the item itself is read strongly consistent."""
    from chalicelib.models.base import get_or_none

    key = next(iter(Dependent.by_id.query(dependent_id, limit=1)), None)
    found = (
        get_or_none(Dependent, key.insured_national_code, key.dependent_national_code, consistent_read=True)
        if key
        else None
    )
    return found if found is not None and found.dependent_id == dependent_id else None


def decide_dependent(dependent: Dependent, outcome: str, reason: str | None, now, waiting: tuple, puts: list) -> None:
    """A branch's decision with its audit entries; a rejected dependent's coverage by this insured person ends with it.
    NOT_AWAITING_DECISION when the dependent is no longer waiting (decided, or deleted meanwhile)."""
    from chalicelib.models.staff import write_together

    updates = [
        (
            dependent,
            [
                Dependent.status.set(outcome),
                Dependent.decided_at.set(now),
                Dependent.decision_reason.set(reason) if reason else Dependent.decision_reason.remove(),
            ],
            Dependent.status.is_in(*waiting) & (Dependent.dependent_id == dependent.dependent_id),
        )
    ]
    if outcome == "rejected":
        updates.append(
            (
                Coverage(dependent.dependent_national_code),
                [Coverage.holders.delete({dependent.insured_national_code})],
                None,
            )
        )
    write_together(puts, updates=updates, conflict=Code.NOT_AWAITING_DECISION)
