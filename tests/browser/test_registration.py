"""A new person registers through the wizard, one question per page, reading the SMS code from the outbox."""

import re

from tests.browser.conftest import axe, http, sms_code
from tests.conftest import new_mobile, new_national_code

PASSWORD = "Sepehr#Kavir92"
PERSIAN = re.compile("[۰-۹]")


def new_person(stack, **overrides) -> dict:
    person = {
        "national_code": new_national_code(),
        "first_name": "مریم",
        "last_name": "کاظمی",
        "father_name": "رضا",
        "birth_date": "1362/07/15",
        "gender": "female",
        "mobiles": [new_mobile()],
    }
    person.update(overrides)
    assert http(stack, "POST", "/dev/people", person)[0] == 201
    return person


def persian_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_a_new_person_registers_through_the_wizard(visit, stack):
    person = new_person(stack)
    page = visit.open("/register/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#f-national_code", persian_digits(person["national_code"]))
    page.fill("#f-mobile", person["mobiles"][0])
    page.click("button[type=submit]")
    page.wait_for_url("**/register/code.html")
    assert persian_digits(person["mobiles"][0]) in page.locator("main").inner_text()

    page.fill("#f-code", "000000" if sms_code(stack, person["mobiles"][0]) != "000000" else "111111")
    page.click("button[type=submit]")
    summary = page.locator("#error-summary")
    summary.wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert "کد واردشده نادرست است" in summary.inner_text()
    assert summary.locator("a[href='#f-code']").count() == 1
    assert not axe(page)

    page.fill("#f-code", sms_code(stack, person["mobiles"][0]))
    page.click("button[type=submit]")
    page.wait_for_url("**/register/identity.html")
    page.fill("#f-first_name", person["first_name"])
    page.fill("#f-last_name", "غلط")
    page.fill("#f-father_name", person["father_name"])
    page.fill("#f-birth_date", "۱۵")
    page.fill("#f-birth_date-month", "۷")
    page.fill("#f-birth_date-year", "۱۳۶۲")
    page.check("#f-gender")
    page.click("button[type=submit]")
    page.locator("#error-summary").wait_for(state="visible")
    assert "مطابقت ندارد" in page.locator("#error-summary").inner_text()
    assert page.input_value("#f-first_name") == person["first_name"]  # nothing typed is lost
    page.fill("#f-last_name", person["last_name"])
    page.click("button[type=submit]")
    page.wait_for_url("**/register/email.html")

    page.click("a.back")
    page.wait_for_url("**/register/identity.html")
    assert page.input_value("#f-last_name") == person["last_name"]  # Back keeps the answers
    page.click("button[type=submit]")
    page.wait_for_url("**/register/email.html")
    page.click("button[type=submit]")
    page.wait_for_url("**/register/questions.html")
    for n, (question, answer) in enumerate((("q1", "آقای بهرامی"), ("q2", "شیراز"), ("q4", "کامران")), start=1):
        page.select_option(f"#f-question_{n}", question)
        page.fill(f"#f-answer_{n}", answer)
    page.click("button[type=submit]")
    page.wait_for_url("**/register/password.html")
    assert page.locator("#rules li").count() == 8  # the rules are shown before typing

    page.fill("#f-password", "sepehr")
    page.fill("#f-password_repeat", "sepehr")
    page.click("button[type=submit]")
    page.locator("#error-summary").wait_for(state="visible")
    broken = page.locator("#rules li.broken")
    assert {broken.nth(i).get_attribute("data-rule") for i in range(broken.count())} >= {"LENGTH", "UPPER", "DIGIT"}
    assert "حرف بزرگ لاتین ندارد" in page.locator("#error-summary").inner_text()
    page.fill("#f-password", PASSWORD)
    page.fill("#f-password_repeat", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/register/review.html")
    page.locator("[data-show=first_name]").filter(has_text=person["first_name"]).wait_for()
    main = page.locator("main").inner_text()
    assert persian_digits(person["national_code"]) in main and person["national_code"] not in main
    assert page.locator(".summary__action a").count() == 10
    page.click("main a.button")
    page.wait_for_url("**/register/terms.html")
    page.click("button[type=submit]")
    page.locator("#error-summary").wait_for(state="visible")
    page.check("#f-accept_terms")
    page.click("button[type=submit]")
    page.wait_for_url("**/register/done.html")
    page.locator("#go-login").wait_for(state="visible")
    assert "فعال" in page.locator("#status-text").inner_text()
    assert PERSIAN.search(page.locator("[data-show=tracking_code]").inner_text())
    assert not visit.outside
