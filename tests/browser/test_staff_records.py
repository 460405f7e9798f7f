"""A records officer takes an objection into review and accepts it with corrected months entered in the Jalali grid;
the person's records page then shows those months."""

from tests.browser import people
from tests.browser.conftest import http
from tests.browser.office import api_of, arrive, check, enrol_over_http, sign_in, staff_enrolment

OBJECTION = {
    "kind": "missing_period",
    "workshop_code": "1020045127",
    "workshop_name": "کارگاه ساختمانی پارس سازه",
    "from_month": "1403/01",
    "to_month": "1403/02",
    "days": 62,
    "description": "دو ماه کار کرده‌ام و ثبت نشده است.",
}


def test_a_records_officer_accepts_an_objection_and_the_records_show_the_corrected_months(visit, stack, browser):
    person = people.register(stack)
    status, filed = http(stack, "POST", "/me/objections", OBJECTION, people.bearer(people.token(stack, person)))
    assert status == 201, filed
    tracking = filed["tracking_code"]

    api = api_of(stack)
    officer = staff_enrolment(api, "records_officer")
    page = sign_in(visit, "staff", officer["username"], enrol_over_http(api, "staff", officer["enrolment_id"]))
    page.click("[data-role=records_officer] a")
    arrive(page, "**/objections.html")
    check(page, "staff-objections")
    page.goto(f"{stack['site']}/staff/objection.html?tc={tracking}")
    page.wait_for_load_state("networkidle")
    assert page.locator("#form").is_hidden()
    page.click("#review button[type=submit]")
    arrive(page, "**/objection.html?tc=*&done=review")
    page.locator("#form").wait_for(state="visible")
    assert page.input_value("#f-year") == "۱۴۰۳"
    assert page.locator("#corrections tbody tr").count() == 12
    check(page, "staff-objection")
    page.check("#f-outcome")
    page.fill("#f-note", "فهرست کارفرما دیده شد.")
    page.fill("#f-employer_name", "شرکت پارس سازه")
    page.fill("#f-job_title", "کارگر ساده")
    page.fill("#f-days-1", "۳۱")
    page.fill("#f-wage-1", "۱۰۰۰۰۰۰۰۰")
    page.fill("#f-days-2", "99")
    page.click("#form button[type=submit]")
    page.locator("#error-summary").wait_for(state="visible")
    assert page.input_value("#f-days-1") == "۳۱"
    page.fill("#f-days-2", "31")
    page.fill("#f-wage-2", "100000000")
    page.click("#form button[type=submit]")
    arrive(page, "**/confirm.html")
    assert "۱۴۰۳/۰۲" in page.locator("#facts").inner_text()
    page.click("#form button[type=submit]")
    arrive(page, "**/objections.html?done=decision")

    people.log_in(visit, person)
    records = visit.open("/records.html")
    records.locator("#years details").first.wait_for()
    shown = records.locator("#years").inner_text()
    assert "۱۴۰۳/۰۱" in shown and "۱۴۰۳/۰۲" in shown and "کارگاه ساختمانی پارس سازه" in shown
