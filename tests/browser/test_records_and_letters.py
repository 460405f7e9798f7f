"""Logged in: 40 years of records, an objection, a letter issued and opened, a permit bound to an institution that
redeems it through the signed API, the access log showing it, and the permit cancelled."""

import re

from tests.browser import people
from tests.browser.conftest import axe, http
from tests.browser.test_registration import PASSWORD
from tools import inquiry_client

LATIN = re.compile("[0-9]")


def test_login_shows_the_dashboard_and_a_throttled_login_says_how_long_to_wait(visit, stack):
    person = people.register(stack)
    page = visit.open("/login.html")
    for _ in range(5):
        page.fill("#f-national_code", person["national_code"])
        page.fill("#f-password", "Wrong#Pass99")
        page.click("#form button[type=submit]")
        page.locator("#error-summary").wait_for(state="visible")
        assert "کد ملی یا گذرواژه نادرست است" in page.locator("#error-summary").inner_text()
    page.fill("#f-password", PASSWORD)
    page.click("#form button[type=submit]")
    page.locator("#error-summary p", has_text="دقیقه").wait_for()
    assert "۱ دقیقهٔ دیگر" in page.locator("#error-summary").inner_text()
    assert page.input_value("#f-national_code") == person["national_code"]

    other = people.register(stack)
    page.fill("#f-national_code", other["national_code"])
    page.fill("#f-password", PASSWORD)
    page.click("#form button[type=submit]")
    page.wait_for_url("**/dashboard.html")
    page.locator("[data-show=name]", has_text=other["first_name"]).wait_for()
    assert "***" in page.locator("[data-show=mobile_masked]").inner_text()
    cookies = visit.context.cookies()
    session = next(c for c in cookies if c["name"] == "tamin_session")
    assert session["httpOnly"] and session["sameSite"] == "Strict"
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("JSON.stringify(Object.assign({}, sessionStorage, localStorage))").find(session["value"]) == -1


def test_records_objection_letter_permit_inquiry_and_cancel(visit, stack):
    person = people.register(stack)
    people.forty_years(stack, person)
    bank = people.institution(stack, "بانک سپه شعبهٔ مرکزی")
    people.log_in(visit, person)

    page = visit.open("/records.html")
    page.locator("#years details").first.wait_for()
    assert page.locator("#years details").count() == 40
    summary = page.locator("#summary").inner_text()
    assert "۱۴٬۶۰۸" in summary or "۱۴٬۶۱۰" in summary or "روز" in summary
    assert not LATIN.search(page.locator("main").inner_text())
    first_year = page.locator("#years details").first
    assert "۱۴۰۳" in first_year.locator("summary").inner_text()
    assert first_year.locator("tbody tr").count() == 12
    assert not axe(page)

    page = visit.open("/objections/missing.html")
    page.fill("#f-workshop_code", "۱۰۰۰۰۰۲")
    page.fill("#f-workshop_name", "شرکت ساختمانی البرز")
    page.fill("#f-from_month", "۱")
    page.fill("#f-from_month-year", "۱۳۶۰")
    page.fill("#f-to_month", "۳")
    page.fill("#f-to_month-year", "۱۳۶۰")
    page.fill("#f-days", "۹۰")
    page.fill("#f-description", "سه ماه کار در کارگاه که در سوابق نیامده است.")
    page.click("#form button[type=submit]")
    page.locator("#done").wait_for(state="visible")
    tracking = page.locator("#done [data-show=tracking_code]").inner_text()
    page = visit.open("/objections/")
    page.locator("#list td", has_text=tracking).wait_for()

    page = visit.open("/disclosure.html")
    page.locator("#f-type").wait_for()
    page.check("#f-type")
    page.click("#form button[type=submit]")
    page.locator("#error-summary").wait_for(state="visible")
    assert "تعهدنامه" in page.locator("#error-summary").inner_text()
    page.check("#f-accept_agreement")
    page.click("#form button[type=submit]")
    page.wait_for_url("**/mailbox/letter.html?tn=*")
    tracking_number = page.url.split("tn=")[1]
    page.locator("[data-show=subject]", has_text="گواهی").wait_for()

    with page.expect_response("**/letter") as letter, page.expect_popup() as popup:
        page.click("#open")
    popup.value.close()
    headers = letter.value.all_headers()
    assert (
        letter.value.status == 200
        and headers["content-type"] == "application/pdf"
        and int(headers["content-length"]) > 1000
    )
    assert page.get_attribute("#pdf", "href").startswith("blob:")

    page.click("a[href*='mailbox/permit.html']")
    page.wait_for_url("**/mailbox/permit.html?tn=*")
    page.fill("#f-query", "سپه")
    page.click("#search button[type=submit]")
    page.locator(f"#f-institution_id-{bank['institution_id']}").check()
    page.check("#f-validity-week")
    page.click("#form button[type=submit]")
    page.wait_for_url("**/mailbox/code.html?tn=*")
    page.locator("#access-code", has_text="-").wait_for()
    shown = page.locator("#access-code").inner_text()
    assert re.fullmatch("[۰-۹]{4}-[۰-۹]{4}-[۰-۹]{4}", shown)
    assert "بانک سپه" in page.locator("[data-show=institution]").inner_text()
    assert not LATIN.search(page.locator("[data-show=until]").inner_text())
    page.click("#copy")
    code = page.evaluate("navigator.clipboard.readText()")
    assert code.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")) == shown.translate(
        str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
    )
    assert not axe(page)

    status, answer = inquiry_client.inquire(stack["api"], bank["key_id"], bank["secret"], person["national_code"], code)
    assert status == 200, answer
    assert answer["tracking_number"] == tracking_number and len(answer["records"]["workshops"]) == 3

    page = visit.open("/access-log.html")
    row = page.locator("#list tbody tr").first
    row.wait_for()
    assert "بانک سپه" in row.inner_text() and "موفق" in row.inner_text()

    page = visit.open(f"/mailbox/letter.html?tn={tracking_number}")
    page.click("a[href*='mailbox/cancel.html']")
    page.wait_for_url("**/mailbox/cancel.html?tn=*")
    page.wait_for_load_state("networkidle")  # a click before the page's module runs would submit the form natively
    page.click("#form button[type=submit]")
    page.wait_for_url("**/mailbox/letter.html?tn=*")
    page.locator("[data-show=permit]", has_text="لغو شده").wait_for()
    status, _ = inquiry_client.inquire(stack["api"], bank["key_id"], bank["secret"], person["national_code"], code)
    assert status == 404
    page = visit.open("/mailbox/")
    page.locator("#list li", has_text="لغو شده").wait_for()

    page.click(f"a[href*='{tracking_number}']")
    page.click("a[href*='mailbox/delete.html']")
    page.wait_for_url("**/mailbox/delete.html?tn=*")
    page.wait_for_load_state("networkidle")
    page.click("#form button[type=submit]")
    page.wait_for_url("**/mailbox/index.html")
    page.locator("#list", has_text="موردی نیست").wait_for()
    assert not visit.outside


def test_letter_check_page_compares_a_dropped_pdf(visit, stack):
    person = people.register(stack)
    access = people.token(stack, person)
    tracking_number = people.letter(stack, access)
    _, mailbox = http(stack, "GET", "/me/mailbox", headers=people.bearer(access))
    item = next(i for i in mailbox["items"] if i["tracking_number"] == tracking_number)
    import urllib.request

    request = urllib.request.Request(
        stack["api"] + f"/me/mailbox/{tracking_number}/letter",
        headers={**people.bearer(access), "Accept": "application/pdf"},
    )
    pdf = urllib.request.urlopen(request).read()
    page = visit.open("/check.html")
    page.fill("#f-verification_code", item["verification_code"])
    page.click("#form button[type=submit]")
    page.locator("#result").wait_for(state="visible")
    page.set_input_files("#f-pdf", files=[{"name": "letter.pdf", "mimeType": "application/pdf", "buffer": pdf}])
    page.locator("#match", has_text="یکی است").wait_for()
    page.set_input_files("#f-pdf", files=[{"name": "other.pdf", "mimeType": "application/pdf", "buffer": pdf + b"\n"}])
    page.locator("#match", has_text="یکی نیست").wait_for()
    assert not axe(page)
