"""Cookie sessions for the back office's and the institution panel's pages: each realm its own HttpOnly cookie,
the same CSRF rule as the portal, logout clearing it, and no cookie ever crossing from one realm to another."""

import pytest

from tests.flows.staffing import STAFF_PASSWORD, staff_member
from tests.flows.staffing import officer as new_officer

WEB = {"X-Tamin-Client": "web"}
REALMS = {
    "staff": ("/staff/auth/login", "tamin_staff_session"),
    "officer": ("/institution/auth/login", "tamin_officer_session"),
}


def cookie_login(member) -> tuple[str, str]:
    """Logs the member in for a browser; answers the cookie's value and the whole Set-Cookie header."""
    path, name = REALMS[member.realm]
    member.clock.advance(seconds=30)
    reply = member.api.post(
        path, {"username": member.username, "password": STAFF_PASSWORD, "totp_code": member.code(), "cookie": True}
    )
    assert reply.status == 200, reply
    assert reply.json == {"token_type": "Cookie", "expires_in": 8 * 3600}
    header = reply.headers["set-cookie"]
    assert header.startswith(name + "=")
    return header.split(";")[0].split("=", 1)[1], header


def jar(name: str, value: str, **extra) -> dict:
    return {"Cookie": f"theme=dark; {name}={value}", **extra}


@pytest.fixture
def manager(api, clock):
    return staff_member(api, clock, "institution_manager", log_in=False)


@pytest.fixture
def officer(api, clock):
    manager = staff_member(api, clock, "institution_manager")
    institution_id = manager.post("/staff/institutions", {"name": "دفتر اسناد رسمی تهران", "type": "government"}).json[
        "institution_id"
    ]
    return new_officer(api, clock, manager, institution_id, log_in=False)


@pytest.mark.parametrize("who", ["manager", "officer"])
def test_a_cookie_login_sets_a_strict_http_only_cookie_and_no_token_in_the_body(request, who):
    member = request.getfixturevalue(who)
    _, header = cookie_login(member)
    flags = [part.strip() for part in header.split(";")]
    assert "HttpOnly" in flags and "SameSite=Strict" in flags and "Path=/" in flags and "Max-Age=28800" in flags


def test_staff_pages_read_with_the_cookie_and_change_state_only_with_the_web_client_header(api, manager):
    value, _ = cookie_login(manager)
    cookie = jar("tamin_staff_session", value)
    assert api.get("/staff/institutions", headers=cookie).status == 200
    name = f"بانک ملت شعبهٔ {manager.username}"
    refused = api.post("/staff/institutions", {"name": name, "type": "bank"}, headers=cookie)
    assert refused.status == 403 and refused.error["code"] == "CSRF_REJECTED"
    assert api.get(f"/institutions?query={manager.username}").json["items"] == []
    added = api.post(
        "/staff/institutions", {"name": name, "type": "bank"}, headers=jar("tamin_staff_session", value, **WEB)
    )
    assert added.status == 201
    assert [i["institution_id"] for i in api.get(f"/institutions?query={manager.username}").json["items"]] == [
        added.json["institution_id"]
    ]


def test_the_panel_redeems_with_its_cookie_and_the_web_client_header(api, officer):
    value, _ = cookie_login(officer)
    body = {"identifier": "0499370899", "access_code": "123412341234"}
    refused = api.post("/institution/inquiries", body, headers=jar("tamin_officer_session", value))
    assert refused.status == 403 and refused.error["code"] == "CSRF_REJECTED"
    assert api.post("/institution/inquiries", body, headers=jar("tamin_officer_session", value, **WEB)).status == 404
    assert api.get("/institution/inquiries", headers=jar("tamin_officer_session", value)).status == 200


@pytest.mark.parametrize("who", ["manager", "officer"])
def test_logout_ends_the_session_and_clears_the_cookie(api, request, who):
    member = request.getfixturevalue(who)
    path, name = REALMS[member.realm]
    probe = "/staff/institutions" if member.realm == "staff" else "/institution/inquiries"
    logout = path.replace("/login", "/logout")
    value, _ = cookie_login(member)
    assert api.post(logout, headers=jar(name, value)).status == 403
    reply = api.post(logout, headers=jar(name, value, **WEB))
    assert reply.status == 204
    cleared = reply.headers["set-cookie"]
    assert cleared.startswith(name + "=;") and "Max-Age=0" in cleared and "HttpOnly" in cleared
    assert api.get(probe, headers=jar(name, value)).status == 401


def test_a_cookie_never_crosses_realms(api, manager, officer):
    staff_value, _ = cookie_login(manager)
    officer_value, _ = cookie_login(officer)
    assert api.get("/institution/inquiries", headers=jar("tamin_officer_session", staff_value)).status == 401
    assert api.get("/staff/institutions", headers=jar("tamin_staff_session", officer_value)).status == 401
    assert api.get("/me", headers=jar("tamin_session", staff_value)).status == 401
    assert api.get("/staff/institutions", headers=jar("tamin_session", staff_value)).status == 401


def test_the_cookie_flag_must_be_a_boolean(api, manager):
    manager.clock.advance(seconds=30)
    reply = api.post(
        "/staff/auth/login",
        {"username": manager.username, "password": STAFF_PASSWORD, "totp_code": manager.code(), "cookie": "yes"},
    )
    assert reply.status == 400 and reply.error["code"] == "MALFORMED_REQUEST"


def test_a_page_learns_who_is_signed_in_and_nothing_more(api, manager, officer):
    staff_value, _ = cookie_login(manager)
    me = api.get("/staff/me", headers=jar("tamin_staff_session", staff_value))
    assert me.status == 200
    assert me.json["username"] == manager.username and me.json["roles"] == ["institution_manager"]
    assert "password_hash" not in me.json and "totp_secret" not in me.json
    officer_value, _ = cookie_login(officer)
    panel = api.get("/institution/me", headers=jar("tamin_officer_session", officer_value))
    assert panel.status == 200 and panel.json["username"] == officer.username
    assert panel.json["institution_name"] == "دفتر اسناد رسمی تهران"
    assert set(panel.json) == {"officer_id", "username", "full_name", "roles", "institution_id", "institution_name"}
    assert api.get("/staff/me").status == 401 and api.get("/institution/me").status == 401
