"""The warning before the idle logout on the back office's and the panel's pages, as on the portal's: the pages count
the member's session (the API has no read of it that is not activity), so the tab's clock is moved instead of the
session's record. Staying is activity; letting the time run out signs the member out for real."""

import pytest

from tests.browser.office import (
    ROOT,
    api_of,
    check,
    enrol_over_http,
    institution_with_officers,
    sign_in,
    staff_enrolment,
    staff_token,
)
from web.sites import SESSION

IDLE, _ = SESSION


def a_member(api, realm: str) -> tuple[str, str]:
    """A signed-up auditor, or an officer of a new institution: username and enrolment id."""
    if realm == "staff":
        member = staff_enrolment(api, "auditor")
        return member["username"], member["enrolment_id"]
    manager = staff_enrolment(api, "institution_manager")
    token = staff_token(api, manager["username"], enrol_over_http(api, "staff", manager["enrolment_id"]))
    return next(iter(institution_with_officers(api, token)["officers"].items()))


@pytest.mark.parametrize("realm", ["staff", "officer"])
def test_idle_warning_two_minutes_before_the_members_logout(visit, stack, realm):
    api = api_of(stack)
    username, enrolment_id = a_member(api, realm)
    visit.page.clock.install()
    page = sign_in(visit, realm, username, enrol_over_http(api, realm, enrolment_id))
    me = f"{stack['site']}/api{ROOT[realm]}/me"
    dialog = page.locator("dialog#idle")
    assert dialog.is_hidden()
    page.clock.fast_forward((IDLE - 100) * 1000)  # 100 seconds left: the warning says two minutes
    dialog.wait_for(state="visible", timeout=10000)
    assert "۲" in dialog.inner_text()
    check(page, f"{'staff' if realm == 'staff' else 'institution'}-idle-warning")
    with page.expect_response(f"**/api{ROOT[realm]}/me"):
        page.click("[data-stay]")
    dialog.wait_for(state="hidden")
    assert page.request.get(me).status == 200

    page.clock.fast_forward((IDLE - 60) * 1000)
    dialog.wait_for(state="visible", timeout=10000)
    page.clock.fast_forward(90 * 1000)
    page.wait_for_url("**/index.html?ended=1")
    assert page.locator("#ended").is_visible()
    assert page.request.get(me).status == 401  # signed out at the API too, not only in the page
