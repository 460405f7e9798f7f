"""Login, sessions and the password change."""

import pytest

from tests.conftest import PASSWORD, login, new_national_code, register

NEW_PASSWORD = "Golestan#Bahar71"


def test_login_gives_a_bearer_token(api, member):
    reply = api.post("/auth/login", {"national_code": member["person"]["national_code"], "password": PASSWORD})
    assert reply.status == 200
    assert reply.json["token_type"] == "Bearer" and reply.json["expires_in"] == 12 * 3600
    assert len(reply.json["access_token"]) >= 32


def test_me_shows_masked_contacts(api, member):
    me = api.get("/me", token=member["token"]).json
    mobile = member["mobile"]
    assert me["mobile_masked"] == mobile[:4] + "***" + mobile[-4:]
    assert me["national_code"] == member["person"]["national_code"] and me["status"] == "active"
    assert me["email_masked"] is None


def test_wrong_password_and_unknown_user_answer_the_same(api, member):
    wrong = api.post("/auth/login", {"national_code": member["person"]["national_code"], "password": "Wrong#Pass99"})
    unknown = api.post("/auth/login", {"national_code": new_national_code(), "password": "Wrong#Pass99"})
    assert wrong.status == unknown.status == 401
    assert wrong.json == unknown.json and wrong.error["code"] == "INVALID_CREDENTIALS"


def test_login_waits_after_repeated_failures_and_success_clears(api, member, clock):
    code = member["person"]["national_code"]
    for _ in range(5):
        assert api.post("/auth/login", {"national_code": code, "password": "Wrong#Pass99"}).status == 401
    locked = api.post("/auth/login", {"national_code": code, "password": PASSWORD})
    assert locked.status == 429 and locked.error["code"] == "TOO_MANY_ATTEMPTS"
    assert 0 < int(locked.headers["retry-after"]) <= 60
    clock.advance(seconds=61)
    assert api.post("/auth/login", {"national_code": code, "password": PASSWORD}).status == 200
    assert api.post("/auth/login", {"national_code": code, "password": "Wrong#Pass99"}).status == 401


def test_wait_doubles_with_more_failures(api, member, clock):
    code = member["person"]["national_code"]
    for _ in range(5):
        api.post("/auth/login", {"national_code": code, "password": "Wrong#Pass99"})
    clock.advance(seconds=61)
    api.post("/auth/login", {"national_code": code, "password": "Wrong#Pass99"})
    locked = api.post("/auth/login", {"national_code": code, "password": PASSWORD})
    assert locked.status == 429 and 60 < int(locked.headers["retry-after"]) <= 120


def test_client_is_throttled_across_accounts(api):
    from chalicelib.flows.auth import CLIENT_ATTEMPTS

    cap = CLIENT_ATTEMPTS.events
    statuses = [
        api.post("/auth/login", {"national_code": new_national_code(), "password": "Wrong#Pass99"}).status
        for _ in range(cap + 1)
    ]
    assert statuses[:cap] == [401] * cap and statuses[cap] == 429


def test_logout_ends_the_token_at_once(api, member):
    assert api.post("/auth/logout", token=member["token"]).status == 204
    reply = api.get("/me", token=member["token"])
    assert reply.status == 401 and reply.error["code"] == "UNAUTHENTICATED"


def test_missing_or_bad_token_is_401(api):
    assert api.get("/me").status == 401
    assert api.get("/me", token="not-a-token").status == 401


def test_idle_and_absolute_expiry(api, member, clock):
    clock.advance(minutes=29)
    assert api.get("/me", token=member["token"]).status == 200
    clock.advance(minutes=31)
    assert api.get("/me", token=member["token"]).status == 401
    token = login(api, member["person"]["national_code"])
    for _ in range(25):
        clock.advance(minutes=29)
        if api.get("/me", token=token).status != 200:
            break
    assert api.get("/me", token=token).status == 401
    assert 12 * 60 <= 25 * 29


def test_password_change_ends_other_sessions_and_tells_by_sms(api, member):
    code = member["person"]["national_code"]
    other = login(api, code)
    reply = api.put(
        "/me/password",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD},
        token=member["token"],
    )
    assert reply.status == 204, reply
    assert api.get("/me", token=other).status == 401
    assert api.get("/me", token=member["token"]).status == 200
    assert api.post("/auth/login", {"national_code": code, "password": PASSWORD}).status == 401
    assert api.post("/auth/login", {"national_code": code, "password": NEW_PASSWORD}).status == 200
    sms = api.get(f"/dev/outbox?to={member['mobile']}").json["items"][0]["body"]
    assert "گذرواژه" in sms and NEW_PASSWORD not in sms


def test_password_change_errors(api, member):
    wrong = api.put(
        "/me/password",
        {"current_password": "Nope#1234x", "new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD},
        token=member["token"],
    )
    assert wrong.status == 400 and wrong.error["code"] == "INVALID_CURRENT_PASSWORD"
    weak = api.put(
        "/me/password",
        {"current_password": PASSWORD, "new_password": "Abc۱۲۳۴۵۶۷", "new_password_repeat": "Abc۱۲۳۴۵۶۷"},
        token=member["token"],
    )
    assert weak.status == 422 and "CHARSET" in weak.error["violations"]


def test_wrong_current_password_counts_like_failed_login(api, member):
    for _ in range(5):
        api.put(
            "/me/password",
            {"current_password": "Nope#1234x", "new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD},
            token=member["token"],
        )
    assert (
        api.post("/auth/login", {"national_code": member["person"]["national_code"], "password": PASSWORD}).status
        == 429
    )


def test_no_response_or_log_line_carries_secrets(api, caplog):
    import json

    caplog.set_level("INFO", logger="tamin")
    done = register(api, email="secret.keeper@example.com")
    code = done["person"]["national_code"]
    reply = api.post("/auth/login", {"national_code": code, "password": PASSWORD})
    token = reply.json["access_token"]
    replies = [reply.raw.decode()]
    replies.append(api.get("/me", token=token).raw.decode())
    api.post("/auth/login", {"national_code": code, "password": "Wrong#Pass99"})
    api.put(
        "/me/password",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD},
        token=token,
    )
    logs = "\n".join(r.getMessage() + json.dumps(getattr(r, "fields", {}), ensure_ascii=False) for r in caplog.records)
    assert len(caplog.records) > 5
    for secret in (PASSWORD, NEW_PASSWORD, "Wrong#Pass99", token, "شیراز", code):
        assert secret not in logs
    for secret in (PASSWORD, "شیراز", "secret.keeper@"):
        assert all(secret not in text for text in replies)


def test_dev_endpoints_answer_404_in_prod(chalice_app):
    from chalice.test import Client

    with Client(chalice_app, stage_name="prod") as client:
        for method, path in (
            ("post", "/dev/people"),
            ("get", "/dev/outbox?to=09120000000"),
            ("post", "/dev/accounts/0012345679/activate"),
            ("post", "/dev/jobs/expire_permits"),
        ):
            response = getattr(client.http, method)(path, body="{}", headers={"Content-Type": "application/json"})
            assert response.status_code == 404, (path, response.body)


def test_openapi_describes_every_route(api, chalice_app):
    document = api.get("/openapi.json").json
    assert document["openapi"].startswith("3.")
    for path, methods in chalice_app.routes.items():
        for method, entry in methods.items():
            if entry.view_name.startswith("refuse_"):
                continue
            assert method.lower() in document["paths"].get(path, {}), f"{method} {path} missing from openapi.json"


def test_a_method_a_path_lacks_gets_the_contract_error(api):
    reply = api.call("DELETE", "/auth/login")
    assert reply.status == 405 and reply.error["code"] == "METHOD_NOT_ALLOWED" and reply.error["message"]


def test_health_needs_no_storage(api, monkeypatch):
    from pynamodb.connection import Connection

    monkeypatch.setattr(Connection, "get_item", lambda *a, **k: pytest.fail("health touched storage"))
    assert api.get("/health").json == {"status": "ok"}
