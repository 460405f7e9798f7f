"""Staff enrolment, TOTP, sessions and roles, through the HTTP endpoints."""

import pyotp

from tests.flows.staffing import STAFF_PASSWORD, new_username, staff_member


def _created(api, **overrides):
    body = {"username": new_username(), "full_name": "مریم کاظمی", "roles": ["auditor"], **overrides}
    reply = api.post("/dev/staff", body)
    assert reply.status == 201, reply
    return body, reply.json


def test_enrolment_gives_a_totp_secret_once_and_the_id_works_once(api, clock):
    body, created = _created(api)
    eid = created["enrolment_id"]
    reply = api.post(f"/staff/enrolments/{eid}", {"password": STAFF_PASSWORD, "password_repeat": STAFF_PASSWORD})
    assert reply.status == 200
    secret = reply.json["totp_secret"]
    assert pyotp.parse_uri(reply.json["otpauth_uri"]).secret == secret
    again = api.post(f"/staff/enrolments/{eid}", {"password": STAFF_PASSWORD, "password_repeat": STAFF_PASSWORD})
    assert again.status == 404, "a second password step would hand a new secret to whoever holds the id"
    wrong = api.post(
        f"/staff/enrolments/{eid}/confirm",
        {"totp_code": "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"},
    )
    assert wrong.status == 400 and wrong.error["code"] == "INVALID_CODE" and wrong.error["attempts_left"] == 4
    assert api.post(f"/staff/enrolments/{eid}/confirm", {"totp_code": pyotp.TOTP(secret).at(clock.now)}).status == 204
    assert api.post(f"/staff/enrolments/{eid}/confirm", {"totp_code": pyotp.TOTP(secret).at(clock.now)}).status == 404


def test_staff_passwords_need_twelve_characters_and_the_policy(api):
    body, created = _created(api)
    short = api.post(
        f"/staff/enrolments/{created['enrolment_id']}", {"password": "Kavir#Sep20", "password_repeat": "Kavir#Sep20"}
    )
    assert short.status == 422 and short.error["code"] == "PASSWORD_POLICY" and short.error["violations"] == ["LENGTH"]
    named = body["username"].capitalize() + "#A1"
    personal = api.post(f"/staff/enrolments/{created['enrolment_id']}", {"password": named, "password_repeat": named})
    assert "CONTAINS_PERSONAL" in personal.error["violations"]


def test_an_enrolment_id_expires_after_72_hours(api, clock):
    _, created = _created(api)
    clock.advance(hours=72, seconds=1)
    reply = api.post(
        f"/staff/enrolments/{created['enrolment_id']}", {"password": STAFF_PASSWORD, "password_repeat": STAFF_PASSWORD}
    )
    assert reply.status == 404


def test_totp_window_and_replay(api, clock):
    member = staff_member(api, clock, "auditor", log_in=False)

    def attempt(code):
        return api.post(
            "/staff/auth/login", {"username": member.username, "password": STAFF_PASSWORD, "totp_code": code}
        )

    clock.advance(seconds=90)
    assert attempt(member.code(steps_back=2)).status == 401, "a code two steps old is refused"
    one_old = attempt(member.code(steps_back=1))
    assert one_old.status == 200, one_old
    assert attempt(member.code(steps_back=1)).status == 401, "the same code again is a replay"
    current = member.code()
    assert attempt(current).status == 200
    replay = attempt(current)
    assert replay.status == 401 and replay.error["code"] == "INVALID_CREDENTIALS", "replayed inside its window"
    wrong = attempt("000000" if member.code(-1) != "000000" else "111111")
    assert wrong.status == 401 and wrong.error["code"] == "INVALID_CREDENTIALS"
    clock.advance(seconds=30)
    bad_password = api.post(
        "/staff/auth/login", {"username": member.username, "password": STAFF_PASSWORD + "x", "totp_code": member.code()}
    )
    unknown = api.post(
        "/staff/auth/login", {"username": new_username(), "password": STAFF_PASSWORD, "totp_code": member.code()}
    )
    assert bad_password.json == unknown.json and bad_password.status == unknown.status == 401


def test_staff_login_is_throttled_like_the_public_login(api, clock):
    member = staff_member(api, clock, "auditor", log_in=False)
    for _ in range(5):
        assert (
            api.post(
                "/staff/auth/login",
                {"username": member.username, "password": "Wrong#Password99", "totp_code": "123456"},
            ).status
            == 401
        )
    clock.advance(seconds=30)
    throttled = api.post(
        "/staff/auth/login", {"username": member.username, "password": STAFF_PASSWORD, "totp_code": member.code()}
    )
    assert throttled.status == 429 and int(throttled.headers["retry-after"]) > 0


def test_sessions_idle_out_after_15_minutes_and_end_after_8_hours(api, clock):
    member = staff_member(api, clock, "auditor")
    clock.advance(minutes=14)
    assert member.get("/staff/audit").status == 200
    clock.advance(minutes=15, seconds=1)
    assert member.get("/staff/audit").status == 401
    member.login()
    for _ in range(34):
        clock.advance(minutes=14)
        assert member.get("/staff/audit").status == 200
    clock.advance(minutes=5)
    assert member.get("/staff/audit").status == 401, "no session outlives 8 hours, however active"


def test_logout_ends_the_session(api, clock):
    member = staff_member(api, clock, "auditor")
    assert member.post("/staff/auth/logout").status == 204
    assert member.get("/staff/audit").status == 401


def test_disabling_a_member_ends_their_sessions_at_once(api, clock):
    admin = staff_member(api, clock, "admin")
    officer = staff_member(api, clock, "auditor")
    assert officer.get("/staff/audit").status == 200
    assert admin.delete(f"/staff/members/{officer.member_id}").status == 204
    assert officer.get("/staff/audit").status == 401
    clock.advance(seconds=30)
    again = api.post(
        "/staff/auth/login", {"username": officer.username, "password": STAFF_PASSWORD, "totp_code": officer.code()}
    )
    assert again.status == 401


def test_a_role_change_ends_sessions_and_applies_at_the_next_login(api, clock):
    admin = staff_member(api, clock, "admin")
    member = staff_member(api, clock, "auditor")
    reply = admin.put(f"/staff/members/{member.member_id}", {"roles": ["records_officer"]})
    assert reply.status == 204, reply
    assert member.get("/staff/audit").status == 401
    member.login()
    assert member.get("/staff/audit").status == 403
    assert member.get("/staff/objections").status == 200
    listed = admin.get("/staff/members?limit=100")
    assert listed.status == 200 and "next_cursor" in listed.json
    assert admin.delete(f"/staff/members/{admin.member_id}").status == 403, "an admin cannot lock themselves out"
    assert admin.put(f"/staff/members/{admin.member_id}", {"roles": ["auditor"]}).status == 403


def test_admins_add_members_who_enrol_and_usernames_are_unique(api, clock):
    admin = staff_member(api, clock, "admin")
    username = new_username()
    created = admin.post(
        "/staff/members",
        {"username": username, "full_name": "حسین نادری", "roles": ["branch_officer"], "branch_id": "۱۲۳۴"},
    )
    assert created.status == 201 and set(created.json) == {"staff_id", "enrolment_id"}
    twice = admin.post("/staff/members", {"username": username, "full_name": "دیگری", "roles": ["auditor"]})
    assert twice.status == 409 and twice.error["code"] == "USERNAME_TAKEN"
    no_branch = admin.post(
        "/staff/members", {"username": new_username(), "full_name": "بی‌شعبه", "roles": ["branch_officer"]}
    )
    assert no_branch.status == 422 and no_branch.error["fields"]["branch_id"] == "REQUIRED"
    unknown_role = admin.post("/staff/members", {"username": new_username(), "full_name": "ناشناس", "roles": ["root"]})
    assert unknown_role.status == 422 and unknown_role.error["fields"]["roles"] == "INVALID_ROLES"


def test_staff_and_public_tokens_never_cross(api, clock, member):
    staff = staff_member(api, clock, "branch_officer")
    assert api.get("/me", token=staff.token).status == 401
    assert api.get("/me/records", token=staff.token).status == 401
    assert api.get(f"/staff/people/{member['person']['national_code']}", token=member["token"]).status == 401
    assert api.post("/staff/auth/logout", token=member["token"]).status == 401
    assert api.get("/institution/inquiries", token=staff.token).status == 401
    assert api.get("/staff/people/0012345679").status == 401


def test_staff_routes_answer_404_to_every_method_in_public_stages(chalice_app):
    from chalice.test import Client

    with Client(chalice_app, stage_name="prod") as client:
        for path in (
            "/staff/auth/login",
            "/staff/members",
            "/staff/members/stf_x",
            "/staff/people/0012345679",
            "/staff/audit",
            "/staff/enrolments/abc",
            "/dev/staff",
        ):
            for method in ("get", "post", "put", "patch", "delete"):
                response = getattr(client.http, method)(path, body="{}", headers={"Content-Type": "application/json"})
                assert response.status_code == 404, (method, path, response.body)


def test_the_staff_stage_serves_the_back_office(chalice_app):
    from chalice.test import Client

    with Client(chalice_app, stage_name="staff") as client:
        response = client.http.post("/staff/auth/login", body="{}", headers={"Content-Type": "application/json"})
        assert response.status_code == 422
        assert (
            client.http.post("/dev/staff", body="{}", headers={"Content-Type": "application/json"}).status_code == 404
        )


def test_the_first_admin_tool_prints_an_enrolment_id_and_refuses_a_second_admin(own_tables, capsys, api):
    """Against a fresh set of tables, as on a new deployment: no account exists until the tool makes one."""
    from tools import first_admin

    assert first_admin.main([new_username(), "مدیر نخست"]) == 0
    enrolment_id = capsys.readouterr().out.split("enrolment_id: ")[1].strip()
    assert (
        api.post(
            f"/staff/enrolments/{enrolment_id}", {"password": STAFF_PASSWORD, "password_repeat": STAFF_PASSWORD}
        ).status
        == 200
    )
    assert first_admin.main([new_username(), "مدیر دوم"]) == 1
    assert "admin already exists" in capsys.readouterr().err


def test_openapi_lists_the_back_office_only_where_it_is_served(chalice_app):
    from chalice.test import Client

    for stage, expected in (("prod", False), ("staff", True), ("local", True)):
        with Client(chalice_app, stage_name=stage) as client:
            paths = client.http.get("/openapi.json").json_body["paths"]
            assert ("/staff/auth/login" in paths) is expected, stage
            assert "/institution/inquiries" in paths and "/me" in paths
