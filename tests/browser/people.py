"""People for the browser tests, set up through the API as registries and employers would (not through the pages
under test): an active member with 40 years of records, letters, permits and dependents."""

from tests.browser.conftest import http, sms_code
from tests.browser.test_registration import PASSWORD, new_person
from tests.conftest import ANSWERS

FIRST_YEAR = 1364


def register(stack, email=None, **person) -> dict:
    person = new_person(stack, **person)
    mobile = person["mobiles"][0]
    status, started = http(
        stack, "POST", "/registrations", {"national_code": person["national_code"], "mobile": mobile}
    )
    assert status == 201, started
    rid = started["registration_id"]
    assert http(stack, "POST", f"/registrations/{rid}/mobile-verification", {"code": sms_code(stack, mobile)})[0] == 200
    identity = {k: person[k] for k in ("first_name", "last_name", "father_name", "birth_date", "gender")}
    assert http(stack, "PUT", f"/registrations/{rid}/identity", identity)[0] == 200
    credentials = {
        "password": PASSWORD,
        "password_repeat": PASSWORD,
        "security_answers": ANSWERS,
        **({"email": email} if email else {}),
    }
    assert http(stack, "PUT", f"/registrations/{rid}/credentials", credentials)[0] == 200
    status, submitted = http(stack, "POST", f"/registrations/{rid}/submit", {"accept_terms": True})
    assert status == 202 and submitted["status"] == "active", submitted
    return {**person, "mobile": mobile, "email": email, "tracking_code": started["tracking_code"]}


def token(stack, person) -> str:
    status, answer = http(
        stack, "POST", "/auth/login", {"national_code": person["national_code"], "password": PASSWORD}
    )
    assert status == 200, answer
    return answer["access_token"]


def bearer(value: str) -> dict:
    return {"Authorization": f"Bearer {value}"}


def forty_years(stack, person) -> None:
    """480 months at three workshops, one after another, as monthly employer lists would load them."""
    spans = [
        ("1000001", "کارخانهٔ ریسندگی یزد", "شرکت ریسباف", FIRST_YEAR, 1378),
        ("1000002", "شرکت ساختمانی البرز", "محمد رضایی", 1378, 1392),
        ("1000003", "فروشگاه زنجیره‌ای کوروش", "شرکت کوروش", 1392, FIRST_YEAR + 40),
    ]
    for code, name, employer, start, end in spans:
        months = [
            {
                "month": f"{year}/{month:02d}",
                "days": 31 if month <= 6 else 30 if month < 12 else 29,
                "wage": 20_000_000 + (year - FIRST_YEAR) * 1_500_000,
                "job_title": "کارگر ماهر",
            }
            for year in range(start, end)
            for month in range(1, 13)
        ]
        status, answer = http(
            stack,
            "POST",
            "/dev/contributions",
            {
                "national_code": person["national_code"],
                "workshop_code": code,
                "workshop_name": name,
                "employer_name": employer,
                "months": months,
            },
        )
        assert status == 201, answer


def letter(stack, access: str, kind: str = "full") -> str:
    status, issued = http(
        stack, "POST", "/me/disclosures", {"type": kind, "accept_agreement": True, "language": "fa"}, bearer(access)
    )
    assert status == 201, issued
    return issued["tracking_number"]


def institution(stack, name: str) -> dict:
    status, made = http(stack, "POST", "/dev/institutions", {"name": name, "type": "bank"})
    assert status == 201, made
    return made


def log_in(visit, person) -> None:
    """A cookie session in the visit's browser, made through the site's own /api path."""
    answer = visit.context.request.post(
        visit.stack["site"] + "/api/auth/login",
        data={"national_code": person["national_code"], "password": PASSWORD, "cookie": True},
    )
    assert answer.status == 200, answer.text()
