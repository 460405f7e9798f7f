"""Account self-service: new mobile and email, security answers, sessions, freeze and revoking every permit."""

from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import ANSWERS, PASSWORD, add_person, last_code, login, new_mobile, register
from tests.flows.test_inquiry import inquire, institution
from tests.flows.test_permits import add_letter, issue, mailbox_row


def outbox(api, to) -> list[str]:
    return [item["body"] for item in api.get(f"/dev/outbox?to={to}").json["items"]]


@pytest.fixture
def owner(api):
    """An active member whose national code the operator registry also lists a second mobile under."""
    spare = new_mobile()
    person = add_person(api)
    api.post("/dev/people", {**person, "mobiles": [person["mobiles"][0], spare]})
    done = register(api, person=person)
    done["token"] = login(api, person["national_code"])
    done["spare"] = spare
    return done


def activity_kinds(api, member) -> list[str]:
    reply = api.get("/me/activity", token=member["token"])
    assert reply.status == 200, reply
    return [item["kind"] for item in reply.json["items"]]


def test_a_new_mobile_of_ones_own_is_confirmed_by_a_code_sent_to_it(api, owner):
    reply = api.put("/me/mobile", {"mobile": owner["spare"], "current_password": PASSWORD}, token=owner["token"])
    assert reply.status == 202, reply
    assert reply.json["sent_to"] == owner["spare"][:4] + "***" + owner["spare"][-4:]
    code = last_code(api, owner["spare"])
    assert "به وقت تهران" in outbox(api, owner["spare"])[0]
    assert api.get("/me", token=owner["token"]).json["mobile_masked"].endswith(owner["mobile"][-4:])
    done = api.post(f"/me/mobile/{reply.json['change_id']}/verify", {"code": code}, token=owner["token"])
    assert done.status == 204, done
    assert api.get("/me", token=owner["token"]).json["mobile_masked"].endswith(owner["spare"][-4:])
    assert "تغییر کرد" in outbox(api, owner["mobile"])[0]
    assert activity_kinds(api, owner)[0] == "mobile_changed"
    again = api.post(f"/me/mobile/{reply.json['change_id']}/verify", {"code": code}, token=owner["token"])
    assert again.status == 404


def test_notices_about_a_letter_reach_the_mobile_the_person_has_now(own_tables, api, owner):
    """The letter keeps the mobile it was issued to; the permit, inquiry and expiry notices follow the account."""
    tracking_number = add_letter(owner)
    started = api.put("/me/mobile", {"mobile": owner["spare"], "current_password": PASSWORD}, token=owner["token"])
    code = last_code(api, owner["spare"])
    assert (
        api.post(f"/me/mobile/{started.json['change_id']}/verify", {"code": code}, token=owner["token"]).status == 204
    )
    permit = issue(api, owner, tracking_number, "day")
    assert permit.status == 201, permit
    bank = institution(api, "بانک ملت")
    assert inquire(api, bank, owner["person"]["national_code"], permit.json["access_code"]).status == 200
    later = (datetime.now(timezone.utc) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert api.post("/dev/jobs/expire_permits", {"now": later}).json["processed"] == 1
    about_letter = [body for body in outbox(api, owner["spare"]) if tracking_number in body]
    assert [("صادر شد" in body, "بانک ملت" in body, "پایان" in body) for body in reversed(about_letter)] == [
        (True, False, False),
        (False, True, False),
        (False, False, True),
    ]
    assert not [body for body in outbox(api, owner["mobile"]) if tracking_number in body]
    assert mailbox_row(api, owner, tracking_number)["mobile"] == owner["mobile"]


def test_a_mobile_owned_by_someone_else_is_refused_and_points_to_a_branch(api, owner):
    stranger = add_person(api)
    reply = api.put(
        "/me/mobile", {"mobile": stranger["mobiles"][0], "current_password": PASSWORD}, token=owner["token"]
    )
    assert reply.status == 422 and reply.error["code"] == "MOBILE_NOT_OWNED"
    assert "شعب" in reply.error["message"]
    assert outbox(api, stranger["mobiles"][0]) == []
    english = api.call(
        "PUT",
        "/me/mobile",
        {"mobile": new_mobile(), "current_password": PASSWORD},
        token=owner["token"],
        headers={"Accept-Language": "en"},
    )
    assert english.error["code"] == "MOBILE_NOT_OWNED" and "branch" in english.error["message"]


def test_a_wrong_current_password_counts_like_a_failed_login(api, owner):
    for _ in range(5):
        reply = api.put(
            "/me/mobile", {"mobile": owner["spare"], "current_password": "Wrong#Pass99"}, token=owner["token"]
        )
        assert reply.status == 400 and reply.error["code"] == "INVALID_CURRENT_PASSWORD"
    assert outbox(api, owner["spare"]) == []
    locked = api.post("/auth/login", {"national_code": owner["person"]["national_code"], "password": PASSWORD})
    assert locked.status == 429


@pytest.mark.parametrize(
    "body, field, code",
    [
        ({"mobile": "0912", "current_password": PASSWORD}, "mobile", "INVALID_MOBILE"),
        ({"current_password": PASSWORD}, "mobile", "REQUIRED"),
        ({"mobile": "09120000000"}, "current_password", "REQUIRED"),
    ],
)
def test_a_mobile_request_missing_or_malformed_is_422(api, owner, body, field, code):
    reply = api.put("/me/mobile", body, token=owner["token"])
    assert reply.status == 422 and reply.error["fields"][field] == code


def test_the_current_mobile_is_not_a_change(api, owner):
    reply = api.put("/me/mobile", {"mobile": owner["mobile"], "current_password": PASSWORD}, token=owner["token"])
    assert reply.status == 422 and reply.error["fields"] == {"mobile": "SAME_AS_CURRENT"}


def test_mobile_codes_follow_the_recovery_code_rules(api, owner, clock):
    started = api.put("/me/mobile", {"mobile": owner["spare"], "current_password": PASSWORD}, token=owner["token"]).json
    path = f"/me/mobile/{started['change_id']}/verify"
    wrong = api.post(
        path, {"code": "000000" if last_code(api, owner["spare"]) != "000000" else "111111"}, token=owner["token"]
    )
    assert wrong.status == 400 and wrong.error["code"] == "INVALID_CODE" and wrong.error["attempts_left"] == 4
    clock.advance(minutes=5, seconds=1)
    expired = api.post(path, {"code": last_code(api, owner["spare"])}, token=owner["token"])
    assert expired.status == 410 and expired.error["code"] == "CODE_EXPIRED"


def test_a_change_id_of_someone_else_is_not_found(api, owner, member):
    started = api.put("/me/mobile", {"mobile": owner["spare"], "current_password": PASSWORD}, token=owner["token"]).json
    code = last_code(api, owner["spare"])
    reply = api.post(f"/me/mobile/{started['change_id']}/verify", {"code": code}, token=member["token"])
    assert reply.status == 404
    assert api.post(f"/me/mobile/{'x' * 500}/verify", {"code": code}, token=owner["token"]).status == 404


def test_a_new_request_replaces_the_pending_one(api, owner):
    first = api.put("/me/mobile", {"mobile": owner["spare"], "current_password": PASSWORD}, token=owner["token"]).json
    first_code = last_code(api, owner["spare"])
    second = api.put("/me/mobile", {"mobile": owner["spare"], "current_password": PASSWORD}, token=owner["token"]).json
    assert api.post(f"/me/mobile/{first['change_id']}/verify", {"code": first_code}, token=owner["token"]).status == 404
    assert (
        api.post(
            f"/me/mobile/{second['change_id']}/verify", {"code": last_code(api, owner["spare"])}, token=owner["token"]
        ).status
        == 204
    )


def test_a_new_email_is_confirmed_by_a_code_and_removal_is_at_once(api, member):
    address = f"sara.{member['person']['national_code']}@example.ir"
    started = api.put("/me/email", {"email": address, "current_password": PASSWORD}, token=member["token"])
    assert started.status == 202, started
    assert started.json["sent_to"] == "s***@example.ir"
    done = api.post(
        f"/me/email/{started.json['change_id']}/verify", {"code": last_code(api, address)}, token=member["token"]
    )
    assert done.status == 204, done
    assert api.get("/me", token=member["token"]).json["email_masked"] == "s***@example.ir"
    assert "رایانامه" in outbox(api, member["mobile"])[0]
    removed = api.put("/me/email", {"email": None, "current_password": PASSWORD}, token=member["token"])
    assert removed.status == 204 and not removed.raw
    assert api.get("/me", token=member["token"]).json["email_masked"] is None
    assert activity_kinds(api, member)[:2] == ["email_removed", "email_changed"]


@pytest.mark.parametrize(
    "body, fields",
    [
        ({"email": "not-an-address", "current_password": PASSWORD}, {"email": "INVALID_EMAIL"}),
        ({"current_password": PASSWORD}, {"email": "REQUIRED"}),
    ],
)
def test_a_bad_email_request_is_422(api, member, body, fields):
    reply = api.put("/me/email", body, token=member["token"])
    assert reply.status == 422 and reply.error["fields"] == fields


def test_email_removal_needs_the_password_too(api, member):
    reply = api.put("/me/email", {"email": None, "current_password": "Wrong#Pass99"}, token=member["token"])
    assert reply.status == 400 and reply.error["code"] == "INVALID_CURRENT_PASSWORD"


def test_new_security_answers_are_what_recovery_then_asks(api, member):
    answers = [
        {"question_id": "q3", "answer": "کارخانه"},
        {"question_id": "q5", "answer": "خیابان گلستان"},
        {"question_id": "q6", "answer": "پیکان"},
    ]
    reply = api.put(
        "/me/security-answers", {"current_password": PASSWORD, "security_answers": answers}, token=member["token"]
    )
    assert reply.status == 204, reply
    assert "پرسش‌ها" in outbox(api, member["mobile"])[0]
    recovery = api.post("/password-recovery", {"national_code": member["person"]["national_code"]}).json["recovery_id"]
    asked = api.post(f"/password-recovery/{recovery}/challenge", {"method": "questions"}).json
    assert [q["id"] for q in asked["questions"]] == ["q3", "q5", "q6"]
    verified = api.post(f"/password-recovery/{recovery}/verify", {"answers": answers})
    assert verified.status == 200, verified
    bad = api.put(
        "/me/security-answers", {"current_password": PASSWORD, "security_answers": ANSWERS[:2]}, token=member["token"]
    )
    assert bad.status == 422 and bad.error["fields"] == {"security_answers": "EXACTLY_THREE"}


def test_sessions_are_listed_without_tokens_and_can_be_ended(api, member):
    national_code = member["person"]["national_code"]
    other = login(api, national_code)
    third = login(api, national_code)
    listed = api.get("/me/sessions", token=member["token"])
    assert listed.status == 200, listed
    items = listed.json["items"]
    assert len(items) == 3 and [item["current"] for item in items].count(True) == 1
    assert {item["client"] for item in items} == {"api"}
    assert all(item["created_at"].endswith("Z") and item["last_seen_at_jalali"] for item in items)
    from chalicelib.crypto import keyed_hash

    for token in (member["token"], other, third):
        assert token.encode() not in listed.raw and keyed_hash("session", token).encode() not in listed.raw
    mine = next(item for item in items if item["current"])
    foreign = api.get("/me/sessions", token=login(api, register(api)["person"]["national_code"])).json["items"][0]
    assert api.delete(f"/me/sessions/{foreign['session_id']}", token=member["token"]).status == 404
    target = next(item for item in items if not item["current"])
    assert api.delete(f"/me/sessions/{target['session_id']}", token=member["token"]).status == 204
    assert sorted(s.status for s in (api.get("/me", token=other), api.get("/me", token=third))) == [200, 401]
    assert api.delete("/me/sessions", token=member["token"]).status == 204
    assert api.get("/me", token=other).status == api.get("/me", token=third).status == 401
    left = api.get("/me/sessions", token=member["token"]).json["items"]
    assert [item["session_id"] for item in left] == [mine["session_id"]]


def test_revoking_every_permit_stops_every_code_at_once(api, member):
    letters = [add_letter(member) for _ in range(2)]
    codes = [issue(api, member, letter).json["access_code"] for letter in letters]
    bank = institution(api)
    assert api.delete("/me/permits", token=member["token"]).status == 204
    for code in codes:
        assert inquire(api, bank, member["person"]["national_code"], code).status == 404
    rows = api.get("/me/mailbox", token=member["token"]).json["items"]
    assert {row["permit_status"] for row in rows} == {"cancelled"}
    assert "لغو شد" in outbox(api, member["mobile"])[0]
    assert api.delete("/me/permits", token=member["token"]).status == 204


def test_freeze_ends_sessions_and_permits_at_once_and_blocks_login_and_recovery(api, member):
    national_code = member["person"]["national_code"]
    code = issue(api, member, add_letter(member)).json["access_code"]
    other = login(api, national_code)
    refused = api.post("/me/freeze", {"current_password": "Wrong#Pass99"}, token=member["token"])
    assert refused.status == 400 and refused.error["code"] == "INVALID_CURRENT_PASSWORD"
    assert api.post("/me/freeze", {"current_password": PASSWORD}, token=member["token"]).status == 204
    assert api.get("/me", token=member["token"]).status == api.get("/me", token=other).status == 401
    assert inquire(api, institution(api), national_code, code).status == 404
    wrong = api.post("/auth/login", {"national_code": national_code, "password": "Wrong#Pass99"})
    assert wrong.status == 401 and wrong.error["code"] == "INVALID_CREDENTIALS"
    frozen = api.post("/auth/login", {"national_code": national_code, "password": PASSWORD})
    assert frozen.status == 403 and frozen.error["code"] == "ACCOUNT_FROZEN"
    assert "شعب" in frozen.error["message"]
    sent_before = len(outbox(api, member["mobile"]))
    recovery = api.post("/password-recovery", {"national_code": national_code})
    assert recovery.status == 202
    challenge = api.post(f"/password-recovery/{recovery.json['recovery_id']}/challenge", {"method": "sms"})
    assert challenge.status == 202 and challenge.json["sent_to"] != member["mobile"][:4] + "***" + member["mobile"][-4:]
    assert len(outbox(api, member["mobile"])) == sent_before
    again = api.post("/registrations", {"national_code": national_code, "mobile": member["mobile"]})
    assert again.status == 409 and again.error["code"] == "ALREADY_REGISTERED"


def test_a_branch_unfreezes_through_the_storage_verb(api, member):
    from chalicelib.errors import DomainError
    from chalicelib.models.accounts import unfreeze

    national_code = member["person"]["national_code"]
    with pytest.raises(DomainError) as not_frozen:
        unfreeze(national_code)
    assert not_frozen.value.code == "NOT_FROZEN"
    api.post("/me/freeze", {"current_password": PASSWORD}, token=member["token"])
    unfreeze(national_code)
    assert api.post("/auth/login", {"national_code": national_code, "password": PASSWORD}).status == 200
