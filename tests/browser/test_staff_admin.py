"""An admin adds a member (answering the enrolment link), changes their roles and disables them behind a
confirmation page; an auditor filters the trail by national code and Jalali days. A page outside a member's roles
shows only a refusal. The English pages meet WCAG too."""

from tests.browser.office import ROOT, api_of, arrive, check, enrol_over_http, new_username, sign_in, staff_enrolment


def test_an_admin_manages_members_and_an_auditor_reads_the_trail(visit, stack):
    api = api_of(stack)
    admin = staff_enrolment(api, "admin", "auditor")
    page = sign_in(visit, "staff", admin["username"], enrol_over_http(api, "staff", admin["enrolment_id"]))
    assert page.locator("[data-role=branch_officer]:visible").count() == 0
    page.click("[data-role=admin] a")
    arrive(page, "**/members.html")
    check(page, "staff-members")
    username = new_username("m")
    page.fill("#f-username", username)
    page.fill("#f-full_name", "سعید مرادی")
    page.click("#form button[type=submit]")
    page.locator("#error-summary").wait_for(state="visible")
    assert page.input_value("#f-username") == username
    page.check("#f-roles-branch_officer")
    page.fill("#f-branch_id", "۲۰۵۱")
    page.click("#form button[type=submit]")
    arrive(page, "**/enrolment.html")
    assert "/staff/enrol.html?id=" in page.locator("#link").inner_text()

    page.goto(stack["site"] + "/staff/members.html")
    page.wait_for_load_state("networkidle")
    page.click(f"a:text-is('{username}')")
    arrive(page, "**/member.html?id=*")
    assert page.is_checked("#f-roles-branch_officer")
    check(page, "staff-member")
    page.check("#f-roles-auditor")
    page.click("#form button[type=submit]")
    arrive(page, "**/members.html?done=roles")
    page.click(f"a:text-is('{username}')")
    arrive(page, "**/member.html?id=*")
    assert page.is_checked("#f-roles-auditor")
    page.click("#disable")
    arrive(page, "**/confirm.html")
    assert username in page.locator("#facts").inner_text()
    page.click("#form button[type=submit]")
    arrive(page, "**/members.html?done=disabled")

    page.goto(stack["site"] + "/staff/audit.html")
    page.wait_for_load_state("networkidle")
    page.locator("#list tbody tr").first.wait_for()
    check(page, "staff-audit")
    page.fill("#f-from", "۱")
    page.fill("#f-from-month", "۱")
    page.fill("#f-from-year", "۱۴۰۰")
    page.fill("#f-actor", page.locator("#list tbody tr bdi.hash").first.inner_text())
    page.click("#form button[type=submit]")
    page.wait_for_url("**/audit.html?*from_year=*")
    page.locator("#list tbody tr").first.wait_for()
    assert "افزودن کارمند" in page.locator("#list").inner_text()

    page.goto(stack["site"] + "/staff/objections.html")
    page.locator("[role=alert]").wait_for()
    assert page.locator("table").count() == 0


def test_english_pages_read_left_to_right_and_meet_wcag(visit, stack):
    for realm, name in (("staff", "staff-en-login"), ("officer", "institution-en-login")):
        page = visit.open(ROOT[realm] + "/en/")
        assert page.locator("html").get_attribute("dir") == "ltr"
        check(page, name)
    api = api_of(stack)
    member = staff_enrolment(api, "branch_officer", "records_officer", "institution_manager", "auditor", "admin")
    page = visit.open(f"/staff/en/enrol.html?id={member['enrolment_id']}")
    check(page, "staff-en-enrol")
    secret = enrol_over_http(api, "staff", member["enrolment_id"])
    page = sign_in(visit, "staff", member["username"], secret)
    for path in (
        "home.html",
        "person.html",
        "dependents.html",
        "objections.html",
        "institutions.html",
        "audit.html",
        "members.html",
    ):
        page = visit.open("/staff/en/" + path)
        page.wait_for_load_state("networkidle")
        assert "Signing" not in page.title()
        check(page, "staff-en-" + path.removesuffix(".html"))
