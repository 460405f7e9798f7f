"""The account: password, mobile, email and security answers changed; sessions ended; permits revoked; the activity
trail; freezing; the warning two minutes before the idle logout and the page that says the session ended; and the
registration wizard done with the keyboard alone."""

from datetime import timedelta

from tests.browser import people
from tests.browser.conftest import axe, http, sms_code
from tests.browser.test_registration import PASSWORD, new_person
from tests.conftest import new_mobile

NEW_PASSWORD = "Golestan#Bahar71"


def submit(page):
    page.click("#form button[type=submit]")


def test_password_change_names_a_wrong_current_password_and_ends_other_sessions(visit, stack):
    person = people.register(stack)
    other = people.token(stack, person)
    people.log_in(visit, person)
    page = visit.open("/account/password.html")
    page.fill("#f-current_password", "Wrong#Pass99")
    page.fill("#f-new_password", NEW_PASSWORD)
    page.fill("#f-new_password_repeat", NEW_PASSWORD)
    submit(page)
    page.locator("#e-current_password").wait_for(state="visible")
    assert "گذرواژهٔ فعلی نادرست است" in page.locator("#error-summary").inner_text()
    assert page.input_value("#f-new_password") == NEW_PASSWORD  # nothing typed is lost
    page.fill("#f-current_password", PASSWORD)
    submit(page)
    page.locator("#done").wait_for(state="visible")
    assert http(stack, "GET", "/me", headers=people.bearer(other))[0] == 401
    status, _ = http(stack, "POST", "/auth/login", {"national_code": person["national_code"], "password": NEW_PASSWORD})
    assert status == 200


def test_mobile_email_and_answers_change_with_codes_sent_to_the_new_contacts(visit, stack):
    person = people.register(stack)
    new = new_mobile()
    assert http(
        stack,
        "POST",
        "/dev/people",
        {
            **{
                k: person[k]
                for k in ("national_code", "first_name", "last_name", "father_name", "birth_date", "gender")
            },
            "mobiles": [person["mobile"], new],
        },
    )[0] in (201, 409)
    people.log_in(visit, person)
    page = visit.open("/account/mobile.html")
    page.fill("#f-mobile", new)
    page.fill("#f-current_password", PASSWORD)
    submit(page)
    page.wait_for_url("**/account/mobile-verify.html")
    page.fill("#f-code", sms_code(stack, new))
    submit(page)
    page.locator("#done").wait_for(state="visible")
    me = visit.context.request.get(stack["site"] + "/api/me").json()
    assert me["mobile_masked"].endswith(new[-4:])

    page = visit.open("/account/email.html")
    page.fill("#f-email", "new.address@example.com")
    page.fill("#f-current_password", PASSWORD)
    submit(page)
    page.wait_for_url("**/account/email-verify.html")
    page.fill("#f-code", sms_code(stack, "new.address@example.com"))
    submit(page)
    page.locator("#done").wait_for(state="visible")

    page = visit.open("/account/questions.html")
    for n, question in enumerate(("q3", "q5", "q6"), start=1):
        page.select_option(f"#f-question_{n}", question)
        page.fill(f"#f-answer_{n}", f"پاسخ {n}")
    page.fill("#f-current_password", PASSWORD)
    submit(page)
    page.locator("#done").wait_for(state="visible")

    page = visit.open("/account/activity.html")
    page.locator("#list li").first.wait_for()
    assert not axe(page)


def test_sessions_permits_and_freeze(visit, stack):
    person = people.register(stack)
    other = people.token(stack, person)
    access = people.token(stack, person)
    letter = people.letter(stack, access)
    status, permit = http(stack, "POST", f"/me/mailbox/{letter}/permit", {"validity": "day"}, people.bearer(access))
    assert status == 201
    people.log_in(visit, person)
    page = visit.open("/account/sessions.html")
    page.locator("#list tbody tr").nth(2).wait_for()
    assert "همین نشست" in page.locator("#list").inner_text()
    submit(page)
    page.locator("#done", has_text="پایان یافتند").wait_for()
    assert http(stack, "GET", "/me", headers=people.bearer(other))[0] == 401

    page = visit.open("/account/permits.html")
    submit(page)
    page.locator("#done").wait_for(state="visible")
    _, mailbox = http(stack, "GET", "/me/mailbox", headers=people.bearer(people.token(stack, person)))
    assert mailbox["items"][0]["permit_status"] == "cancelled"

    page = visit.open("/account/freeze.html")
    page.fill("#f-current_password", PASSWORD)
    submit(page)
    page.wait_for_url("**/account/frozen.html")
    page = visit.open("/login.html")
    page.fill("#f-national_code", person["national_code"])
    page.fill("#f-password", PASSWORD)
    submit(page)
    page.wait_for_url("**/account/frozen.html")


def test_idle_warning_two_minutes_before_logout_and_the_session_ended_page(visit, stack):
    from datetime import datetime, timezone

    from chalicelib.models.accounts import Session

    person = people.register(stack)
    people.log_in(visit, person)
    sessions = list(Session.by_person.query(person["national_code"]))
    assert len(sessions) == 1
    Session(sessions[0].token_hash).update(
        actions=[Session.last_seen_at.set(datetime.now(timezone.utc) - timedelta(minutes=28, seconds=30))]
    )
    page = visit.open("/account/")  # a page that reads nothing but the time left, which is not activity
    dialog = page.locator("dialog#idle")
    dialog.wait_for(state="visible", timeout=10000)
    assert "۲" in dialog.inner_text()
    assert not axe(page)
    with page.expect_response("**/api/me"):
        page.click("[data-stay]")
    dialog.wait_for(state="hidden")
    assert visit.context.request.get(stack["site"] + "/api/me/session").json()["idle_expires_in"] > 29 * 60

    Session(sessions[0].token_hash).update(
        actions=[Session.last_seen_at.set(datetime.now(timezone.utc) - timedelta(minutes=31))]
    )
    page = visit.open("/records.html")
    page.wait_for_url("**/session-ended.html")
    assert "نشست شما پایان یافت" in page.locator("h1").inner_text()


def test_registration_with_the_keyboard_alone(visit, stack):
    person = new_person(stack)
    page = visit.open("/register/")

    def tab_to(selector: str):
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    def type_into(selector: str, text: str):
        tab_to(selector)
        page.keyboard.type(text)

    def press_submit():
        tab_to("#form button[type=submit]")
        page.keyboard.press("Enter")

    type_into("#f-national_code", person["national_code"])
    type_into("#f-mobile", person["mobiles"][0])
    press_submit()
    page.wait_for_url("**/register/code.html")
    type_into("#f-code", sms_code(stack, person["mobiles"][0]))
    page.keyboard.press("Enter")
    page.wait_for_url("**/register/identity.html")
    type_into("#f-first_name", person["first_name"])
    type_into("#f-last_name", person["last_name"])
    type_into("#f-father_name", person["father_name"])
    year, month, day = person["birth_date"].split("/")
    type_into("#f-birth_date", day)
    type_into("#f-birth_date-month", month)
    type_into("#f-birth_date-year", year)
    tab_to("#f-gender")
    page.keyboard.press("Space")
    press_submit()
    page.wait_for_url("**/register/email.html")
    press_submit()
    page.wait_for_url("**/register/questions.html")
    page.locator("#f-question_3 option").nth(3).wait_for(state="attached")  # the questions arrive from the API
    for n in (1, 2, 3):
        tab_to(f"#f-question_{n}")
        for _ in range(n):
            page.keyboard.press("ArrowDown")
        type_into(f"#f-answer_{n}", f"پاسخ شماره {n}")
    press_submit()
    page.wait_for_url("**/register/password.html")
    type_into("#f-password", PASSWORD)
    type_into("#f-password_repeat", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/register/review.html")
    page.locator("[data-show=first_name]", has_text=person["first_name"]).wait_for()
    tab_to("main a.button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/register/terms.html")
    tab_to("#f-accept_terms")
    page.keyboard.press("Space")
    press_submit()
    page.wait_for_url("**/register/done.html")
    page.locator("#go-login").wait_for(state="visible")
