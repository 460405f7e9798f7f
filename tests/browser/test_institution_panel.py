"""An institution manager adds an institution, issues and revokes a key and adds an officer; the officer enrols with
TOTP and, keyboard only, redeems a code the person issued in the portal; the person's access log names the panel."""

import re

import requests

from tests.browser import people
from tests.browser.conftest import http
from tests.browser.office import (
    Visit_of,
    api_of,
    arrive,
    check,
    enrol_in_browser,
    enrol_over_http,
    sign_in,
    staff_enrolment,
)

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def test_an_officer_redeems_a_portal_code_in_the_panel_and_the_access_log_names_the_panel(visit, stack, browser):
    api = api_of(stack)
    manager = staff_enrolment(api, "institution_manager")
    page = sign_in(visit, "staff", manager["username"], enrol_over_http(api, "staff", manager["enrolment_id"]))
    page.click("[data-role=institution_manager] a")
    arrive(page, "**/institutions.html")
    name = f"بانک آزمون {re.sub(r'[^0-9]', '', manager['username'])[-6:]}".translate(PERSIAN)
    page.fill("#f-name", name)
    page.select_option("#f-type", "bank")
    page.click("#form button[type=submit]")
    arrive(page, "**/institution.html?id=*")
    institution_id = page.url.split("id=")[1].split("&")[0]
    check(page, "staff-institution")

    page.click("#issue button[type=submit]")
    arrive(page, "**/key.html")
    secret = page.locator("#secret").inner_text()
    assert len(secret) >= 40
    page.click("#copy")
    assert page.evaluate("navigator.clipboard.readText()") == secret
    check(page, "staff-key")
    page.reload()
    page.wait_for_url("**/institutions.html")
    page.wait_for_load_state("networkidle")
    check(page, "staff-institutions")

    page.goto(f"{stack['site']}/staff/institution.html?id={institution_id}")
    page.wait_for_load_state("networkidle")
    page.click("#keys button")
    arrive(page, "**/confirm.html")
    page.click("#form button[type=submit]")
    arrive(page, "**/institution.html?id=*&done=revoked")
    page.fill("#f-username", "o" + manager["username"][1:])
    page.fill("#f-full_name", "رضا توکلی")
    page.click("#form button[type=submit]")
    arrive(page, "**/enrolment.html")
    link = page.locator("#link").inner_text()
    assert "/institution/enrol.html?id=" in link
    check(page, "staff-enrolment")

    panel = Visit_of(browser, stack)
    secret = enrol_in_browser(panel, "officer", link.split("id=")[1], shots="institution")
    inquiry = sign_in(panel, "officer", "o" + manager["username"][1:], secret, shots="institution")
    check(inquiry, "institution-inquiry")

    person = people.register(stack)
    months = [{"month": f"1402/{m:02d}", "days": 29, "wage": 150_000_000, "job_title": "حسابدار"} for m in range(1, 13)]
    status, loaded = http(
        stack,
        "POST",
        "/dev/contributions",
        {
            "national_code": person["national_code"],
            "workshop_code": "2000001",
            "workshop_name": "شرکت پخش البرز",
            "employer_name": "شرکت البرز",
            "months": months,
        },
    )
    assert status == 201, loaded
    access = people.token(stack, person)
    tracking_number = people.letter(stack, access)
    portal = Visit_of(browser, stack)
    people.log_in(portal, person)
    permit = portal.open(f"/mailbox/permit.html?tn={tracking_number}")
    permit.fill("#f-query", "آزمون")
    permit.click("#search button[type=submit]")
    permit.locator(f"#f-institution_id-{institution_id}").check()
    permit.check("#f-validity-week")
    permit.click("#form button[type=submit]")
    permit.wait_for_url("**/mailbox/code.html?tn=*")
    permit.locator("#access-code", has_text="-").wait_for()
    code = permit.locator("#access-code").inner_text()

    keys = inquiry.keyboard
    for _ in range(20):
        if inquiry.evaluate("document.activeElement.id") == "f-identifier":
            break
        keys.press("Tab")
    assert inquiry.evaluate("document.activeElement.id") == "f-identifier"
    keys.type(person["national_code"].translate(PERSIAN))
    keys.press("Tab")
    assert inquiry.evaluate("document.activeElement.id") == "f-access_code"
    keys.type(code)
    keys.press("Enter")
    inquiry.locator("#answer").wait_for(state="visible")
    assert inquiry.evaluate("document.activeElement.id") == "answer"
    answer = inquiry.locator("#answer").inner_text()
    assert person["first_name"] in answer and tracking_number.translate(PERSIAN) in answer
    assert inquiry.locator("#records table tbody tr").count() == 12
    keys.press("Tab")
    assert inquiry.evaluate("document.activeElement.id") == "letter"
    pdf = requests.get(inquiry.get_attribute("#letter", "href"), timeout=30)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    check(inquiry, "institution-answer")

    recent = panel.open("/institution/recent.html")
    recent.locator("#list tbody tr").first.wait_for()
    assert tracking_number.translate(PERSIAN) in recent.locator("#list").inner_text()
    check(recent, "institution-recent")

    log = portal.open("/access-log.html")
    row = log.locator("#list tbody tr").first
    row.wait_for()
    assert name in row.inner_text() and "پنل دستگاه‌ها" in row.inner_text()

    page.goto(f"{stack['site']}/staff/institution.html?id={institution_id}")
    page.wait_for_load_state("networkidle")
    page.click("#disable")
    arrive(page, "**/confirm.html")
    page.click("#form button[type=submit]")
    arrive(page, "**/institution.html?id=*&done=disabled")
    stopped = panel.open("/institution/inquiry.html")
    stopped.wait_for_url("**/index.html?ended=1")
    for tab in (panel, portal):
        tab.context.close()
