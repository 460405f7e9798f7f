"""Identifier, password and text rules the contract fixes, checked without any storage."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib import normalize
from chalicelib.text import en, fa
from chalicelib.validators import complete_national_code, is_valid_mobile, is_valid_national_code, password_violations

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    "code,valid",
    [
        ("0012345679", True),
        ("0499370899", True),
        ("0012345678", False),
        ("1111111111", False),
        ("0000000000", False),
        ("123456789", False),
        ("12345678901", False),
        ("00123a5679", False),
    ],
)
def test_national_code_check_digit(code, valid):
    assert is_valid_national_code(code) is valid


@given(st.text("0123456789", min_size=9, max_size=9))
def test_completed_codes_are_valid_and_any_other_last_digit_is_not(first_nine):
    code = complete_national_code(first_nine)
    assert is_valid_national_code(code) is (len(set(code)) > 1)
    for digit in "0123456789":
        if digit != code[-1]:
            assert not is_valid_national_code(first_nine + digit)


@given(st.text("0123456789", min_size=1, max_size=20))
def test_digits_in_any_script_normalise_to_ascii(digits):
    assert normalize.code(digits.translate(PERSIAN)) == digits
    assert normalize.code(digits.translate(ARABIC)) == digits
    spaced = "-".join(digits[i : i + 3] for i in range(0, len(digits), 3))
    assert normalize.code(" " + spaced.translate(PERSIAN) + " ") == digits


@pytest.mark.parametrize("raw", ["09121234567", "+989121234567", "00989121234567", "۰۹۱۲ ۱۲۳ ۴۵۶۷", "0912-123-4567"])
def test_mobile_forms(raw):
    assert normalize.mobile(raw) == "09121234567" and is_valid_mobile(normalize.mobile(raw))


@pytest.mark.parametrize("raw", ["9121234567", "0812123456", "091212345678", "+1 555 1234"])
def test_invalid_mobiles(raw):
    assert not is_valid_mobile(normalize.mobile(raw))


def test_persian_text_normalisation():
    assert normalize.persian_text("  علي   كريمي ") == "علی کریمی"
    assert normalize.persian_text("می\u200c\u200cخواهم") == "می\u200cخواهم"
    assert normalize.comparable("محمد\u200cرضا") == normalize.comparable("محمد رضا") == normalize.comparable("محمدرضا")
    assert normalize.answer(" تهران ") == normalize.answer("تهران") and normalize.answer("Ali") == normalize.answer(
        "ALI"
    )


@pytest.mark.parametrize(
    "password,expected",
    [
        ("Sepehr#Kavir92", []),
        ("short1A", ["LENGTH"]),
        ("a" * 65 + "A1", ["LENGTH"]),
        ("1Abcdefgh", ["FIRST_CHAR"]),
        ("Abc defg1", ["CHARSET"]),
        ("Abcdefg۱", ["CHARSET", "DIGIT"]),
        ("abcdefgz7", ["UPPER"]),
        ("ABCDEFGZ7", ["LOWER"]),
        ("Abcdefgh", ["DIGIT"]),
        ("Password1", ["COMMON"]),
    ],
)
def test_password_policy(password, expected):
    assert password_violations(password, password) == expected


def test_password_personal_data_and_repeat():
    assert password_violations("Xy0012345679", "Xy0012345679", ("0012345679",)) == ["CONTAINS_PERSONAL"]
    assert password_violations("RezaeiPass#1", "RezaeiPass#1", ("Rezaei",)) == ["CONTAINS_PERSONAL"]
    assert password_violations("Sepehr#Kavir92", "Sepehr#Kavir93") == ["MISMATCH"]


def test_common_list_is_large():
    from chalicelib.validators import _common_passwords

    assert len(_common_passwords()) >= 1000


def test_catalogues_have_the_same_keys_and_every_error_code_a_text():
    from chalicelib.errors import Code

    for name in ("ERRORS", "MESSAGES", "SECURITY_QUESTIONS", "ELIGIBILITY_REASONS", "DISCLOSURE_TYPES", "VERIFY_PAGE"):
        assert set(getattr(fa, name)) == set(getattr(en, name)), name
    assert {code.name for code in Code} == set(fa.ERRORS), "every declared code has a text, every text a code"
    assert len(fa.SECURITY_QUESTIONS) >= 6


def test_every_error_code_has_a_status_a_reason_and_both_texts():
    from chalicelib.errors import Code, DomainError
    from chalicelib.web import error_response

    for code in Code:
        assert 400 <= code.status <= 599 and code.reason.strip(), code
        assert fa.ERRORS[code.name].strip() and en.ERRORS[code.name].strip(), code
        assert error_response(DomainError(code), "en").status_code == code.status


def test_an_undeclared_code_cannot_be_raised():
    from chalicelib.errors import DomainError

    with pytest.raises(TypeError):
        DomainError("SOMETHING_NEW")


def test_transliteration_spells_common_names_as_passports_do():
    from chalicelib.transliterate import to_latin

    assert to_latin("محمدرضا رضایی") == "Mohammadreza Rezaei"
    assert to_latin("زهرا\u200cسادات").startswith("Zahra ")
    unknown = to_latin("نگار پورمند")
    assert unknown.isascii() and len(unknown.split()) == 2 and unknown[0].isupper()


def test_a_choice_reports_its_own_error_next_to_the_others():
    from chalicelib.errors import ValidationFailed
    from chalicelib.inputs import Fields

    fields = Fields({"outcome": "maybe", "method": "x" * 30, "kind": "accepted"})
    assert fields.choice("outcome", ("accepted", "rejected"), "INVALID_OUTCOME", max_length=20) == "maybe"
    fields.choice("method", ("sms",), "UNKNOWN_METHOD", max_length=20)
    fields.choice("gender", ("male",), "INVALID_GENDER", max_length=10)
    assert fields.choice("kind", {"accepted": 1}, "INVALID_KIND", max_length=20) == "accepted"
    with pytest.raises(ValidationFailed) as refused:
        fields.done()
    assert refused.value.fields == {"outcome": "INVALID_OUTCOME", "method": "TOO_LONG", "gender": "REQUIRED"}
