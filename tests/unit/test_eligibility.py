import itertools
from datetime import timedelta

import pytest

from chalicelib import eligibility, jalali
from chalicelib.eligibility import Assessment, assess
from chalicelib.text import en, fa

TODAY = jalali.parse_day("1403/08/30")
DISABILITY = ("disability_certificate",)
STUDENT = ("student_certificate",)


def born(years_ago: int, days_later: int = 0) -> str:
    """The birth date of someone turning years_ago in days_later days (0: today is the birthday)."""
    birth = jalali.parse_day(f"{TODAY.year - years_ago}/{TODAY.month}/{TODAY.day}")
    return jalali.format_day(birth + timedelta(days=days_later))


def case(relation, insured, dependent, birth, **declared):
    facts = {
        "dependent_married": False,
        "dependent_employed": False,
        "dependent_pension": False,
        "dependent_alive": True,
        "student": False,
        "disabled": False,
        "supported": False,
    }
    facts.update(declared)
    return {
        "relation": relation,
        "insured_gender": insured,
        "dependent_gender": dependent,
        "dependent_birth": jalali.parse_day(birth),
        **facts,
    }


def approved(documents=()):
    return Assessment(
        eligible=True, status="approved" if not documents else "pending_documents", reason=None, documents=documents
    )


def refused(reason):
    return Assessment(eligible=False, status=None, reason=reason, documents=())


M, F = "male", "female"
DAY_BEFORE = 1  # born one day later: the birthday is tomorrow

CASES = [
    # 58(1) wife of an insured man
    ("wife of an insured man", case("spouse", M, F, born(30)), approved()),
    ("wife needs no support declaration", case("spouse", M, F, born(70), dependent_employed=True), approved()),
    ("same-gender spouse (two women)", case("spouse", F, F, born(30), supported=True), refused("SPOUSE_SAME_GENDER")),
    ("same-gender spouse (two men)", case("spouse", M, M, born(65), supported=True), refused("SPOUSE_SAME_GENDER")),
    # 58(2) husband of an insured woman
    (
        "supported husband the day before 60",
        case("spouse", F, M, born(60, DAY_BEFORE), supported=True),
        refused("HUSBAND_UNDER_AGE"),
    ),
    ("supported husband on his 60th birthday", case("spouse", F, M, born(60), supported=True), approved()),
    (
        "supported husband under 60, disabled",
        case("spouse", F, M, born(45), supported=True, disabled=True),
        approved(DISABILITY),
    ),
    (
        "supported husband over 60 and disabled needs no certificate",
        case("spouse", F, M, born(61), supported=True, disabled=True),
        approved(),
    ),
    ("husband under 60 not disabled", case("spouse", F, M, born(45), supported=True), refused("HUSBAND_UNDER_AGE")),
    ("husband over 60 not supported", case("spouse", F, M, born(70)), refused("HUSBAND_NOT_SUPPORTED")),
    ("disabled husband not supported", case("spouse", F, M, born(40), disabled=True), refused("HUSBAND_NOT_SUPPORTED")),
    # 58(3)(a) children
    ("son the day before his 18th birthday", case("child", M, M, born(18, DAY_BEFORE)), approved()),
    ("son on his 18th birthday", case("child", M, M, born(18)), refused("CHILD_OVER_AGE")),
    ("studying son on his 18th birthday", case("child", M, M, born(18), student=True), approved(STUDENT)),
    (
        "studying son the day before his 20th birthday",
        case("child", F, M, born(20, DAY_BEFORE), student=True),
        approved(STUDENT),
    ),
    ("studying son on his 20th birthday", case("child", F, M, born(20), student=True), refused("CHILD_OVER_AGE")),
    ("student under 18 needs no certificate", case("child", M, M, born(12), student=True), approved()),
    ("unmarried unemployed adult daughter", case("child", M, F, born(35)), approved()),
    ("employed daughter", case("child", M, F, born(25), dependent_employed=True), refused("DAUGHTER_EMPLOYED")),
    ("married daughter", case("child", F, F, born(25), dependent_married=True), refused("DAUGHTER_MARRIED")),
    (
        "married and employed daughter",
        case("child", F, F, born(25), dependent_married=True, dependent_employed=True),
        refused("DAUGHTER_MARRIED"),
    ),
    ("daughter under 18", case("child", M, F, born(17), dependent_employed=True), approved()),
    # 58(3)(b) disabled children
    ("disabled son of 30", case("child", M, M, born(30), disabled=True), approved(DISABILITY)),
    (
        "disabled married daughter",
        case("child", M, F, born(30), disabled=True, dependent_married=True),
        approved(DISABILITY),
    ),
    (
        "disabled studying son of 19: both ways need a document, the table's first wins",
        case("child", M, M, born(19), disabled=True, student=True),
        approved(STUDENT),
    ),
    # 58(4) parents
    (
        "father the day before 60",
        case("father", M, M, born(60, DAY_BEFORE), supported=True),
        refused("PARENT_UNDER_AGE"),
    ),
    ("father on his 60th birthday", case("father", F, M, born(60), supported=True), approved()),
    (
        "mother the day before 55",
        case("mother", M, F, born(55, DAY_BEFORE), supported=True),
        refused("PARENT_UNDER_AGE"),
    ),
    ("mother on her 55th birthday", case("mother", F, F, born(55), supported=True), approved()),
    ("disabled father under 60", case("father", M, M, born(50), supported=True, disabled=True), approved(DISABILITY)),
    ("disabled mother under 55", case("mother", M, F, born(50), supported=True, disabled=True), approved(DISABILITY)),
    (
        "father with a pension",
        case("father", M, M, born(70), supported=True, dependent_pension=True),
        refused("PARENT_HAS_PENSION"),
    ),
    (
        "disabled mother with a pension",
        case("mother", M, F, born(40), supported=True, disabled=True, dependent_pension=True),
        refused("PARENT_HAS_PENSION"),
    ),
    ("unsupported mother", case("mother", M, F, born(70)), refused("PARENT_NOT_SUPPORTED")),
    ("unsupported disabled father", case("father", M, M, born(40), disabled=True), refused("PARENT_NOT_SUPPORTED")),
    ("father recorded as female", case("father", M, F, born(70), supported=True), refused("GENDER_MISMATCH")),
    # any relation
    ("deceased son under 18", case("child", M, M, born(5), dependent_alive=False), refused("DECEASED")),
    ("deceased wife", case("spouse", M, F, born(40), dependent_alive=False), refused("DECEASED")),
]


@pytest.mark.parametrize(("facts", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_article_58(facts, expected):
    assert assess(**facts, today=TODAY) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [("1421/12/29", approved()), ("1422/01/01", refused("CHILD_OVER_AGE"))],
)
def test_son_born_on_esfand_30_turns_18_on_1_farvardin_of_a_common_year(today, expected):
    assert jalali.parse_day("1403/12/30").isleap()
    assert not jalali.parse_day("1421/01/01").isleap()
    assert assess(**case("child", M, M, "1403/12/30"), today=jalali.parse_day(today)) == expected


@pytest.mark.parametrize("field", ["relation", "insured_gender", "dependent_gender"])
def test_unknown_values_are_programming_errors(field):
    facts = case("child", M, M, born(5)) | {field: "other"}
    with pytest.raises(ValueError):
        assess(**facts, today=TODAY)


def test_every_rule_names_its_clause():
    assert all(rule.clause.startswith("58(") for rule in eligibility.RULES)


def test_every_combination_gets_a_coherent_answer():
    """No combination of facts falls through the table or mixes up the fields, and every refusal has a text."""
    reasons = {"DECEASED"}
    flags = ["dependent_married", "dependent_employed", "dependent_pension", "student", "disabled", "supported"]
    for relation, insured, dependent in itertools.product(["spouse", "child", "father", "mother"], [M, F], [M, F]):
        for age in (0, 17, 18, 19, 20, 54, 55, 59, 60, 80):
            for values in itertools.product([False, True], repeat=len(flags)):
                facts = case(relation, insured, dependent, born(age), **dict(zip(flags, values)))
                result = assess(**facts, today=TODAY)
                if result.eligible:
                    assert result.reason is None
                    assert result.status == ("pending_documents" if result.documents else "approved")
                else:
                    assert (result.status, result.documents) == (None, ())
                    reasons.add(result.reason)
    assert reasons == set(fa.ELIGIBILITY_REASONS) == set(en.ELIGIBILITY_REASONS)
