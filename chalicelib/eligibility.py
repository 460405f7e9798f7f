"""Which family members an insured person may cover: Article 58 of the Social Security Law.

RULES below is the whole of the article as this service applies it; each entry
is one way in, and a dependent is eligible when any entry admits them.
"""

from collections.abc import Callable
from dataclasses import dataclass

import jdatetime

from chalicelib import jalali

MALE, FEMALE = "male", "female"
SPOUSE, CHILD, FATHER, MOTHER = "spouse", "child", "father", "mother"
APPROVED, PENDING_DOCUMENTS = "approved", "pending_documents"
STUDENT_CERTIFICATE, DISABILITY_CERTIFICATE = "student_certificate", "disability_certificate"

_GENDERS = (MALE, FEMALE)
_RELATIONS = (SPOUSE, CHILD, FATHER, MOTHER)


@dataclass(frozen=True)
class Assessment:
    eligible: bool
    status: str | None
    reason: str | None
    documents: tuple[str, ...]


@dataclass(frozen=True)
class _Facts:
    age: int
    married: bool
    employed: bool
    pension: bool
    student: bool
    disabled: bool
    supported: bool


@dataclass(frozen=True)
class Requirement:
    """A condition of a rule and the reason code given when it alone keeps the dependent out.

    reason is None for declarations that only open an alternative way in
    (studying, disability): a refusal names the condition of the main way instead.
    """

    holds: Callable[[_Facts], bool]
    reason: str | None


@dataclass(frozen=True)
class Rule:
    clause: str
    relation: str
    insured_gender: str | None
    dependent_gender: str | None
    requires: tuple[Requirement, ...] = ()
    documents: tuple[str, ...] = ()


def _from_birthday(years: int, reason: str) -> Requirement:
    return Requirement(lambda f: f.age >= years, reason)


def _before_birthday(years: int) -> Requirement:
    return Requirement(lambda f: f.age < years, "CHILD_OVER_AGE")


_HUSBAND_SUPPORTED = Requirement(lambda f: f.supported, "HUSBAND_NOT_SUPPORTED")
_PARENT_SUPPORTED = Requirement(lambda f: f.supported, "PARENT_NOT_SUPPORTED")
_NO_PENSION = Requirement(lambda f: not f.pension, "PARENT_HAS_PENSION")
_UNMARRIED = Requirement(lambda f: not f.married, "DAUGHTER_MARRIED")
_NOT_EMPLOYED = Requirement(lambda f: not f.employed, "DAUGHTER_EMPLOYED")
_STUDENT = Requirement(lambda f: f.student, None)
_DISABLED = Requirement(lambda f: f.disabled, None)

RULES = (
    # 58(1): the wife of an insured man.
    Rule("58(1)", SPOUSE, MALE, FEMALE),
    # 58(2): the husband of an insured woman who supports him, from his 60th birthday...
    Rule("58(2)", SPOUSE, FEMALE, MALE, (_HUSBAND_SUPPORTED, _from_birthday(60, "HUSBAND_UNDER_AGE"))),
    # ...or at any age when the Article 91 medical commission finds him disabled.
    Rule("58(2)", SPOUSE, FEMALE, MALE, (_HUSBAND_SUPPORTED, _DISABLED), (DISABILITY_CERTIFICATE,)),
    # 58(3)(a): children until their 18th birthday...
    Rule("58(3)(a)", CHILD, None, None, (_before_birthday(18),)),
    # ...sons until their 20th birthday while studying...
    Rule("58(3)(a)", CHILD, None, MALE, (_before_birthday(20), _STUDENT), (STUDENT_CERTIFICATE,)),
    # ...daughters at any age while unmarried and not employed.
    Rule("58(3)(a)", CHILD, None, FEMALE, (_UNMARRIED, _NOT_EMPLOYED)),
    # 58(3)(b): children of any age unable to work through illness or disability.
    Rule("58(3)(b)", CHILD, None, None, (_DISABLED,), (DISABILITY_CERTIFICATE,)),
    # 58(4): a supported father without a pension from the organisation, from his 60th birthday...
    Rule("58(4)", FATHER, None, MALE, (_NO_PENSION, _PARENT_SUPPORTED, _from_birthday(60, "PARENT_UNDER_AGE"))),
    # ...or at any age when disabled.
    Rule("58(4)", FATHER, None, MALE, (_NO_PENSION, _PARENT_SUPPORTED, _DISABLED), (DISABILITY_CERTIFICATE,)),
    # 58(4): a supported mother without a pension from the organisation, from her 55th birthday...
    Rule("58(4)", MOTHER, None, FEMALE, (_NO_PENSION, _PARENT_SUPPORTED, _from_birthday(55, "PARENT_UNDER_AGE"))),
    # ...or at any age when disabled.
    Rule("58(4)", MOTHER, None, FEMALE, (_NO_PENSION, _PARENT_SUPPORTED, _DISABLED), (DISABILITY_CERTIFICATE,)),
)

# When no rule admits a dependent, the first of these that applies is the reason given.
REFUSAL_ORDER = (
    "PARENT_HAS_PENSION",
    "HUSBAND_NOT_SUPPORTED",
    "PARENT_NOT_SUPPORTED",
    "DAUGHTER_MARRIED",
    "DAUGHTER_EMPLOYED",
    "CHILD_OVER_AGE",
    "HUSBAND_UNDER_AGE",
    "PARENT_UNDER_AGE",
)


def _refuse(reason: str) -> Assessment:
    return Assessment(eligible=False, status=None, reason=reason, documents=())


def assess(
    *,
    relation: str,
    insured_gender: str,
    dependent_gender: str,
    dependent_birth: jdatetime.date,
    dependent_married: bool,
    dependent_employed: bool,
    dependent_pension: bool,
    dependent_alive: bool,
    student: bool,
    disabled: bool,
    supported: bool,
    today: jdatetime.date,
) -> Assessment:
    """Where several rules admit the dependent, the one needing no documents wins.

    Raises ValueError for an unknown relation or gender, or a birth after today.
    """
    if relation not in _RELATIONS or insured_gender not in _GENDERS or dependent_gender not in _GENDERS:
        raise ValueError("unknown relation or gender")
    facts = _Facts(
        age=jalali.full_years(dependent_birth, today),
        married=dependent_married,
        employed=dependent_employed,
        pension=dependent_pension,
        student=student,
        disabled=disabled,
        supported=supported,
    )
    if not dependent_alive:
        return _refuse("DECEASED")
    candidates = [
        rule
        for rule in RULES
        if rule.relation == relation
        and rule.insured_gender in (None, insured_gender)
        and rule.dependent_gender in (None, dependent_gender)
    ]
    if not candidates:
        return _refuse("SPOUSE_SAME_GENDER" if relation == SPOUSE else "GENDER_MISMATCH")
    admitting = [rule for rule in candidates if all(r.holds(facts) for r in rule.requires)]
    if admitting:
        rule = min(admitting, key=lambda r: len(r.documents))
        return Assessment(
            eligible=True,
            status=PENDING_DOCUMENTS if rule.documents else APPROVED,
            reason=None,
            documents=rule.documents,
        )
    failed = {r.reason for rule in candidates for r in rule.requires if not r.holds(facts)}
    return _refuse(next(reason for reason in REFUSAL_ORDER if reason in failed))
