"""Institutions managed from the back office, and the panel where their officers redeem codes by hand."""

import json
import secrets

import pytest

from tests.conftest import new_national_code
from tests.flows.staffing import officer as new_officer
from tests.flows.staffing import staff_member
from tests.flows.test_inquiry import access_log, inquire
from tests.flows.test_permits import add_letter, issue


@pytest.fixture
def bank(api, clock):
    """An institution added by a manager, with a signing key and a signed-in officer."""
    manager = staff_member(api, clock, "institution_manager")
    added = manager.post("/staff/institutions", {"name": "بانک تجارت", "type": "bank"})
    assert added.status == 201 and set(added.json) == {"institution_id"}
    institution_id = added.json["institution_id"]
    key = manager.post(f"/staff/institutions/{institution_id}/keys")
    assert key.status == 201 and set(key.json) == {"key_id", "secret"}
    return {
        "manager": manager,
        "institution_id": institution_id,
        "key_id": key.json["key_id"],
        "secret": key.json["secret"],
        "officer": new_officer(api, clock, manager, institution_id),
    }


@pytest.fixture
def permit(api, member):
    tracking_number = add_letter(member)
    reply = issue(api, member, tracking_number, "day")
    assert reply.status == 201, reply
    return {
        "tracking_number": tracking_number,
        "code": reply.json["access_code"],
        "national_code": member["person"]["national_code"],
    }


def panel(bank, identifier, code):
    return bank["officer"].post("/institution/inquiries", {"identifier": identifier, "access_code": code})


def test_the_panel_answers_exactly_what_the_signed_endpoint_answers(api, member, bank, permit, clock):
    signed = inquire(api, bank, permit["national_code"], permit["code"], at=clock.now)
    clock.advance(seconds=1)
    by_hand = panel(bank, permit["national_code"], permit["code"])
    assert signed.status == by_hand.status == 200

    def strip(answer):
        return {k: v for k, v in answer.items() if k != "letter_url"}

    assert strip(signed.json) == strip(by_hand.json) and by_hand.json["letter_url"].startswith("http")
    latest, earlier = access_log(api, member)[:2]
    assert (latest["institution_name"], latest["channel"], latest["outcome"]) == ("بانک تجارت", "panel", "success")
    assert (earlier["channel"], earlier["institution_id"]) == ("api", bank["institution_id"])
    own = bank["officer"].get("/institution/inquiries").json
    assert own["items"][0]["officer_username"] == bank["officer"].username and own["items"][0]["channel"] == "panel"
    assert (
        own["items"][0]["national_code_masked"] == permit["national_code"][:3] + "****" + permit["national_code"][-3:]
    )
    assert own["items"][1]["officer_username"] is None and own["next_cursor"] is None


@pytest.mark.parametrize(
    "case",
    [
        "wrong_identifier",
        "malformed_identifier",
        "unknown_code",
        "cancelled",
        "deleted",
        "expired",
        "other_institution",
    ],
)
def test_the_panel_refuses_under_the_same_404_rules(api, member, bank, permit, clock, case):
    identifier, code = permit["national_code"], permit["code"]
    if case == "wrong_identifier":
        identifier = new_national_code()
    elif case == "malformed_identifier":
        identifier = "12345"
    elif case == "unknown_code":
        code = f"{secrets.randbelow(10**12):012d}"
    elif case == "cancelled":
        assert api.delete(f"/me/mailbox/{permit['tracking_number']}/permit", token=member["token"]).status == 204
    elif case == "deleted":
        assert api.delete(f"/me/mailbox/{permit['tracking_number']}", token=member["token"]).status == 204
    elif case == "expired":
        clock.advance(days=1, seconds=1)
        bank["officer"].login()
    elif case == "other_institution":
        bound = issue(
            api,
            member,
            add_letter(member),
            "day",
            institution_id=bank["manager"]
            .post("/staff/institutions", {"name": "سفارت", "type": "embassy"})
            .json["institution_id"],
        )
        code = bound.json["access_code"]
    signed = inquire(api, bank, identifier, code, at=clock.now)
    by_hand = panel(bank, identifier, code)
    assert signed.status == by_hand.status == 404
    assert signed.json == by_hand.json


def test_the_rate_limit_and_the_caps_are_shared_with_the_signed_endpoint(api, member, bank, permit, clock):
    for _ in range(10):
        assert (
            inquire(api, bank, permit["national_code"], f"{secrets.randbelow(10**12):012d}", at=clock.now).status == 404
        )
    assert panel(bank, permit["national_code"], permit["code"]).status == 404, (
        "the capped national code answers 404 by hand too"
    )
    clock.advance(minutes=1)
    clock.now = clock.now.replace(second=1, microsecond=0)
    statuses = [
        (inquire(api, bank, "123", "1", at=clock.now) if n % 2 else panel(bank, "123", "1")).status for n in range(120)
    ]
    assert statuses == [404] * 120
    limited = panel(bank, "123", "1")
    assert (
        limited.status == 429
        and limited.error["code"] == "TOO_MANY_ATTEMPTS"
        and int(limited.headers["retry-after"]) > 0
    )


def test_keys_are_issued_shown_once_and_revoked_at_once(api, member, bank, permit, clock):
    manager, institution_id = bank["manager"], bank["institution_id"]
    second = manager.post(f"/staff/institutions/{institution_id}/keys").json
    second.update(institution_id=institution_id)
    assert inquire(api, second, permit["national_code"], permit["code"], at=clock.now).status == 200
    listed = manager.get("/staff/institutions?limit=100").json
    pages = [listed]
    while pages[-1]["next_cursor"]:
        pages.append(manager.get(f"/staff/institutions?limit=100&cursor={pages[-1]['next_cursor']}").json)
    [shown] = [i for page in pages for i in page["items"] if i["institution_id"] == institution_id]
    assert set(shown["key_ids"]) == {bank["key_id"], second["key_id"]} and bank["secret"] not in json.dumps(pages)
    assert manager.delete(f"/staff/institutions/{institution_id}/keys/{bank['key_id']}").status == 204
    assert inquire(api, bank, permit["national_code"], permit["code"], at=clock.now).error["code"] == "BAD_SIGNATURE"
    assert inquire(api, second, permit["national_code"], permit["code"], at=clock.now).status == 200
    assert manager.delete(f"/staff/institutions/{institution_id}/keys/{bank['key_id']}").status == 404


def test_disabling_an_institution_stops_every_key_and_officer_at_once(api, member, bank, permit, clock):
    manager, institution_id, officer = bank["manager"], bank["institution_id"], bank["officer"]
    second = {**manager.post(f"/staff/institutions/{institution_id}/keys").json, "institution_id": institution_id}
    assert officer.get("/institution/inquiries").status == 200
    assert manager.post(f"/staff/institutions/{institution_id}/disable").status == 204
    for key in (bank, second):
        assert inquire(api, key, permit["national_code"], permit["code"], at=clock.now).error["code"] == "BAD_SIGNATURE"
    assert officer.get("/institution/inquiries").status == 401
    assert panel(bank, permit["national_code"], permit["code"]).status == 401
    clock.advance(seconds=30)
    relogin = api.post(
        "/institution/auth/login",
        {"username": officer.username, "password": "Kavir#Sepehr2024", "totp_code": officer.code()},
    )
    assert relogin.status == 401
    assert manager.post(f"/staff/institutions/{institution_id}/keys").error["code"] == "INSTITUTION_DISABLED"
    assert (
        manager.post(
            f"/staff/institutions/{institution_id}/officers", {"username": "late_officer", "full_name": "دیر"}
        ).status
        == 409
    )
    disabled = manager.get("/staff/institutions?status=disabled&limit=100").json["items"]
    assert (
        institution_id in [i["institution_id"] for i in disabled]
        or manager.get("/staff/institutions?status=disabled").json["next_cursor"]
    )
    refused = issue(api, member, add_letter(member), institution_id=institution_id)
    assert refused.status == 422 and refused.error["fields"] == {"institution_id": "UNKNOWN_INSTITUTION"}


def test_officer_tokens_stay_in_the_panel(api, clock, bank, member):
    officer = bank["officer"]
    assert api.get("/staff/audit", token=officer.token).status == 401
    assert api.get("/me", token=officer.token).status == 401
    assert api.get("/institution/inquiries", token=member["token"]).status == 401
    assert api.get("/institution/inquiries", token=bank["manager"].token).status == 401
    assert officer.post("/institution/auth/logout").status == 204
    assert officer.get("/institution/inquiries").status == 401
