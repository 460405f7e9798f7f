"""Rules on a person's data shared by registration, the account and dependents."""

from typing import NamedTuple

from chalicelib import normalize
from chalicelib.errors import Code, DomainError
from chalicelib.inputs import Fields, has_format_controls
from chalicelib.text import catalogue
from chalicelib.transliterate import to_latin
from chalicelib.validators import is_valid_mobile, is_valid_national_code, password_violations

EMAIL_MAX = 254
ANSWER_MIN, ANSWER_MAX = 2, 64


def validated_national_code(fields: Fields, name: str) -> str | None:
    raw = fields.code(name)
    if raw is None:
        return None
    code = normalize.code(raw)
    if not is_valid_national_code(code):
        fields.reject(name, "INVALID_NATIONAL_CODE")
    return code


def validated_mobile(fields: Fields, name: str = "mobile") -> str | None:
    """A mobile in any of the three scripts and the +98 / 0098 forms, read as 09…; anything else is INVALID_MOBILE."""
    raw = fields.code(name)
    if raw is None:
        return None
    mobile = normalize.mobile(raw)
    if not is_valid_mobile(mobile):
        fields.reject(name, "INVALID_MOBILE")
    return mobile


def valid_jalali_day(fields: Fields, name: str) -> str | None:
    from chalicelib.jalali import format_day, parse_day

    raw = fields.code(name)
    if raw is None:
        return None
    try:
        return format_day(parse_day(normalize.digits(raw).strip()))
    except ValueError:
        fields.reject(name, "INVALID_DATE")
        return None


def check_identity_fields(fields: Fields) -> dict:
    identity = {name: fields.text(name, max_length=60) for name in ("first_name", "last_name", "father_name")}
    for name, value in identity.items():
        if value and has_format_controls(value):
            fields.reject(name, "INVALID_CHARACTERS")
    identity = {name: normalize.persian_text(value) if value else value for name, value in identity.items()}
    identity["birth_date"] = valid_jalali_day(fields, "birth_date")
    identity["gender"] = fields.choice("gender", ("male", "female"), "INVALID_GENDER", max_length=10)
    fields.done()
    return identity


def personal_words(person, record=None) -> tuple[str, ...]:
    """What a password must not contain: codes, mobile and names, Latin spellings included."""
    names = [person.first_name, person.last_name]
    words = [person.national_code, person.mobile, *names, *(to_latin(name) for name in names if name)]
    if record is not None:
        words += [record.first_name_en, record.last_name_en]
    return tuple(word.replace(" ", "") for word in words if word)


class Credentials(NamedTuple):
    email: str | None
    password: str
    question_ids: tuple[str, ...]
    answers: tuple[str, ...]

    @classmethod
    def read(cls, body: dict, personal: tuple[str, ...]) -> "Credentials":
        """Every field error at once; only then the password policy, which needs a well-formed password."""
        fields = Fields(body)
        email = read_email(fields, "email")
        password = fields.secret("password")
        repeat = fields.secret("password_repeat")
        question_ids, answers = read_answers(fields, "security_answers")
        fields.done()
        check_password(password, repeat, personal)
        return cls(email or None, password, question_ids, answers)


def check_password(password: str, repeat: str | None, personal: tuple[str, ...]) -> None:
    violations = password_violations(password, repeat, personal)
    if violations:
        raise DomainError(Code.PASSWORD_POLICY, violations=violations)


def read_new_password(fields: Fields) -> tuple[str | None, str | None]:
    """The new password and its repeat, as a change or a reset sends them."""
    return fields.secret("new_password"), fields.secret("new_password_repeat")


def read_email(fields: Fields, name: str, required: bool = False) -> str | None:
    email = fields.text(name, required=required, max_length=EMAIL_MAX)
    if not email:
        return None
    email = email.strip()
    local, at, domain = email.partition("@")
    if not (local and at and "." in domain and " " not in email):
        fields.reject(name, "INVALID_EMAIL")
    return email


def read_answers(fields: Fields, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Exactly three distinct known questions, each answer 2 to 64 characters after normalisation."""
    items = fields.items(name)
    if items is None:
        return (), ()
    if len(items) != 3:
        fields.reject(name, "EXACTLY_THREE")
        return (), ()
    known = catalogue("fa").SECURITY_QUESTIONS
    ids, answers = [], []
    for position, item in enumerate(items):
        entry = Fields(item) if isinstance(item, dict) else None
        if entry is None:
            fields.reject(name, "EXACTLY_THREE")
            return (), ()
        question = entry.text("question_id", max_length=20)
        answer = entry.text("answer", max_length=200)
        if question not in known:
            fields.reject(f"{name}[{position}].question_id", "UNKNOWN_QUESTION")
        folded = normalize.answer(answer or "")
        if not ANSWER_MIN <= len(folded) <= ANSWER_MAX:
            fields.reject(f"{name}[{position}].answer", "LENGTH")
        ids.append(question)
        answers.append(folded)
    if len(set(ids)) != 3:
        fields.reject(name, "DUPLICATE_QUESTION")
    return tuple(ids), tuple(answers)
