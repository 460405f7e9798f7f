"""Browser sessions: the HttpOnly cookie, the CSRF rule, logout clearing it, the idle-time probe, and the
endpoints the portal needs (the letter link as JSON, the public institutions list)."""

import pytest

from tests.conftest import PASSWORD
from tests.flows.test_permits import add_letter

WEB = {"X-Tamin-Client": "web"}


def cookie_login(api, member) -> tuple[str, str]:
    """Logs in for a browser; answers the cookie's value and the whole Set-Cookie header."""
    reply = api.post(
        "/auth/login", {"national_code": member["person"]["national_code"], "password": PASSWORD, "cookie": True}
    )
    assert reply.status == 200, reply
    assert reply.json == {"token_type": "Cookie", "expires_in": 12 * 3600}
    header = reply.headers["set-cookie"]
    value = header.split(";")[0].split("=", 1)[1]
    return value, header


def with_cookie(value: str, **extra) -> dict:
    return {"Cookie": f"theme=dark; tamin_session={value}", **extra}


def test_cookie_login_sets_a_strict_http_only_cookie_and_no_token_in_the_body(api, member):
    value, header = cookie_login(api, member)
    flags = [part.strip() for part in header.split(";")]
    assert "HttpOnly" in flags and "SameSite=Strict" in flags and "Path=/" in flags
    assert "Secure" not in flags  # the local stage runs on plain http; every deployed stage adds it
    assert len(value) >= 32
    me = api.get("/me", headers=with_cookie(value))
    assert me.status == 200 and me.json["national_code"] == member["person"]["national_code"]


def test_deployed_stages_mark_the_cookie_secure(api, member, monkeypatch):
    from chalicelib import web
    from chalicelib.config import settings

    monkeypatch.setattr(type(settings()), "local", property(lambda self: False))
    assert "; Secure" in web._cookie(web.PERSON, "x", 60)


def test_login_cookie_flag_must_be_a_boolean(api, member):
    reply = api.post(
        "/auth/login", {"national_code": member["person"]["national_code"], "password": PASSWORD, "cookie": "yes"}
    )
    assert reply.status == 400 and reply.error["code"] == "MALFORMED_REQUEST"


def test_a_cookie_request_that_changes_state_needs_the_web_client_header(api, member):
    value, _ = cookie_login(api, member)
    tracking_number = add_letter(member)
    refused = api.post(f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}, headers=with_cookie(value))
    assert refused.status == 403 and refused.error["code"] == "CSRF_REJECTED"
    assert "صفحه" in refused.error["message"]
    mailbox = api.get("/me/mailbox", headers=with_cookie(value)).json["items"]
    assert mailbox[0]["permit_status"] == "none"
    issued = api.post(f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}, headers=with_cookie(value, **WEB))
    assert issued.status == 201


def test_bearer_requests_need_no_web_client_header(api, member):
    tracking_number = add_letter(member)
    assert api.post(f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}, token=member["token"]).status == 201


def test_logout_by_cookie_ends_the_session_and_clears_the_cookie(api, member):
    value, _ = cookie_login(api, member)
    assert api.post("/auth/logout", headers=with_cookie(value)).status == 403
    reply = api.post("/auth/logout", headers=with_cookie(value, **WEB))
    assert reply.status == 204
    cleared = reply.headers["set-cookie"]
    assert cleared.startswith("tamin_session=;") and "Max-Age=0" in cleared and "HttpOnly" in cleared
    assert api.get("/me", headers=with_cookie(value)).status == 401


def test_a_forged_or_missing_cookie_is_unauthenticated(api):
    assert api.get("/me", headers={"Cookie": "tamin_session=forged-value"}).status == 401
    assert api.get("/me", headers={"Cookie": "other=1"}).error["code"] == "UNAUTHENTICATED"


def test_session_info_counts_down_without_extending_the_idle_time(api, member, clock):
    value, _ = cookie_login(api, member)
    assert api.get("/me/session", headers=with_cookie(value)).json == {
        "expires_in": 12 * 3600,
        "idle_expires_in": 30 * 60,
    }
    clock.advance(minutes=10)
    info = api.get("/me/session", headers=with_cookie(value)).json
    assert info == {"expires_in": 12 * 3600 - 600, "idle_expires_in": 20 * 60}
    clock.advance(minutes=19)
    assert api.get("/me/session", headers=with_cookie(value)).json["idle_expires_in"] == 60
    clock.advance(minutes=2)
    assert api.get("/me", headers=with_cookie(value)).status == 401


def test_activity_resets_the_idle_time_the_probe_reports(api, member, clock):
    clock.advance(minutes=10)
    assert api.get("/me", token=member["token"]).status == 200
    assert api.get("/me/session", token=member["token"]).json["idle_expires_in"] == 30 * 60


def test_web_sessions_are_marked_as_web(api, member):
    from chalicelib.crypto import keyed_hash
    from chalicelib.models.accounts import Session

    value, _ = cookie_login(api, member)
    assert Session.get(keyed_hash("session", value)).client == "web"
    assert Session.get(keyed_hash("session", member["token"])).client == "api"


def test_letter_link_as_json_for_clients_that_cannot_follow_a_redirect(api, member):
    tracking_number = add_letter(member)
    reply = api.get(
        f"/me/mailbox/{tracking_number}/letter", token=member["token"], headers={"Accept": "application/json"}
    )
    assert reply.status == 200 and reply.json["expires_in"] == 300
    assert reply.json["url"].startswith("http") and tracking_number in reply.json["url"]
    assert api.get(f"/me/mailbox/{tracking_number}/letter", token=member["token"]).status == 302


@pytest.fixture
def bank(api):
    reply = api.post("/dev/institutions", {"name": "بانک ملت شعبهٔ ونک", "type": "bank"})
    assert reply.status == 201
    return reply.json


def test_institutions_list_is_public_and_filters_by_name(api, bank):
    found = api.get("/institutions?query=" + "ملت")
    assert found.status == 200
    names = [item["name"] for item in found.json["items"]]
    assert "بانک ملت شعبهٔ ونک" in names
    item = next(i for i in found.json["items"] if i["institution_id"] == bank["institution_id"])
    assert item == {"institution_id": bank["institution_id"], "name": "بانک ملت شعبهٔ ونک", "type": "bank"}
    arabic_spelling = api.get("/institutions?query=" + "بانك ملت")
    assert bank["institution_id"] in [i["institution_id"] for i in arabic_spelling.json["items"]]
    assert api.get("/institutions?query=" + "ناموجود‌ترین").json["items"] == []


def test_disabled_institutions_are_not_listed(api, bank):
    from chalicelib.models.institutions import Institution

    Institution(bank["institution_id"]).update(actions=[Institution.status.set("disabled")])
    ids = [i["institution_id"] for i in api.get("/institutions?query=").json["items"]]
    assert bank["institution_id"] not in ids
