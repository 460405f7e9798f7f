"""A branch officer enrols and signs in with TOTP, finds a person who must visit a branch, activates their account by
tracking code and ID card serial, changes a mobile in person, reviews a dependent's document; the person then logs in."""

import requests

from tests.browser.office import api_of, check, enrol_in_browser, enrol_over_http, settle, sign_in, staff_enrolment
from tests.conftest import PASSWORD, add_person, new_mobile, register
from tests.flows.test_dependents import add, child_of, insured, items, request, years_ago

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201"
    "a5f2dd5c0000000049454e44ae426082"
)


def a_dependent_with_a_document(api) -> str:
    mother = insured(api)
    son = child_of(api, mother, birth_date=years_ago(19))
    dependent_id = add(api, mother, request(son, "child", student=True)).json["dependent_id"]
    upload = api.post(
        f"/me/dependents/{dependent_id}/documents",
        {"kind": "student_certificate", "filename": "گواهی.png", "content_type": "image/png"},
        token=mother["token"],
    )
    assert upload.status == 201, upload
    sent = requests.post(
        upload.json["upload_url"], data=upload.json["fields"], files={"file": ("c.png", PNG, "image/png")}, timeout=10
    )
    assert sent.status_code in (200, 201, 204), sent.text
    assert items(api, mother)[0]["status"] == "submitted"
    return dependent_id


def test_a_branch_officer_activates_an_account_the_person_then_logs_into(visit, stack, browser):
    api = api_of(stack)
    officer = staff_enrolment(api, "branch_officer")
    secret = enrol_in_browser(visit, "staff", officer["enrolment_id"], shots="staff")
    page = sign_in(visit, "staff", officer["username"], secret, shots="staff")
    assert page.locator("[data-role=branch_officer]:visible").count() == 2
    assert page.locator("[data-role=admin]:visible").count() == 0
    check(page, "staff-home")

    waiting = register(api, add_person(api), mobile=new_mobile())
    assert waiting["status"] == "branch_visit_required"
    code = waiting["person"]["national_code"]
    page.click("text=" + page.locator("[data-role=branch_officer] a").first.inner_text())
    settle(page, "**/person.html")
    page.fill("#f-national_code", code)
    page.click("#form button[type=submit]")
    page.locator("#found").wait_for(state="visible")
    assert "نیازمند مراجعه به شعبه" in page.locator("#found").inner_text()
    check(page, "staff-person")
    page.click("[data-action=activate] a")
    settle(page, "**/activate.html?nc=*")
    check(page, "staff-activate")
    page.fill("#f-tracking_code", "0000000000")
    page.fill("#f-id_card_serial", "1A23456789")
    page.click("#form button[type=submit]")
    page.locator("#error-summary").wait_for(state="visible")
    assert page.input_value("#f-id_card_serial") == "1A23456789"
    page.fill("#f-tracking_code", waiting["tracking_code"])
    page.click("#form button[type=submit]")
    settle(page, "**/person.html?nc=*")
    assert page.locator("[role=status]").count() == 1

    page.goto(f"{stack['site']}/staff/mobile.html?nc={code}")
    page.wait_for_load_state("networkidle")
    check(page, "staff-mobile")
    page.goto(f"{stack['site']}/staff/unfreeze.html?nc={code}")
    page.wait_for_load_state("networkidle")
    check(page, "staff-unfreeze")

    dependent_id = a_dependent_with_a_document(api)
    page.goto(f"{stack['site']}/staff/dependents.html")
    page.wait_for_load_state("networkidle")
    check(page, "staff-dependents")
    page.goto(f"{stack['site']}/staff/dependent.html?id={dependent_id}")
    page.wait_for_load_state("networkidle")
    assert page.locator("#documents a").count() == 1
    page.locator("#documents img").wait_for(state="visible")
    check(page, "staff-dependent")
    page.check("#f-outcome-rejected")
    page.click("#form button[type=submit]")
    assert page.locator("#e-reason").is_visible()
    page.fill("#f-reason", "گواهی خوانا نیست")
    page.click("#form button[type=submit]")
    settle(page, "**/confirm.html")
    check(page, "staff-confirm")
    page.click("#form button[type=submit]")
    settle(page, "**/dependents.html?done=decision")

    person = browser.new_context(locale="fa-IR", timezone_id="Asia/Tehran")
    try:
        tab = person.new_page()
        tab.goto(stack["site"] + "/login.html")
        tab.fill("#f-national_code", code)
        tab.fill("#f-password", PASSWORD)
        tab.click("button[type=submit]")
        tab.wait_for_url("**/dashboard.html")
    finally:
        person.close()


def test_a_dependent_is_approved_only_once_the_officer_confirms(visit, stack):
    api = api_of(stack)
    officer = staff_enrolment(api, "branch_officer")
    page = sign_in(visit, "staff", officer["username"], enrol_over_http(api, "staff", officer["enrolment_id"]))
    dependent_id = a_dependent_with_a_document(api)
    read = f"{stack['site']}/api/staff/dependents/{dependent_id}"
    page.goto(f"{stack['site']}/staff/dependent.html?id={dependent_id}")
    page.wait_for_load_state("networkidle")
    page.check("#f-outcome")
    page.click("#form button[type=submit]")
    settle(page, "**/confirm.html")
    assert page.request.get(read).json()["status"] == "submitted"
    assert "رضا" in page.locator("#facts").inner_text()
    page.click("a[data-back] >> nth=-1")
    settle(page, "**/dependent.html?id=*")
    assert page.request.get(read).json()["status"] == "submitted"
    page.check("#f-outcome")
    page.click("#form button[type=submit]")
    settle(page, "**/confirm.html")
    page.click("#form button[type=submit]")
    settle(page, "**/dependents.html?done=decision")
    assert page.request.get(read).json()["status"] == "approved"
