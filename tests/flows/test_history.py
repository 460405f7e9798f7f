"""The person's own history (تامین اجتماعی من): requests, activity, and paging with cursors bound to list and caller."""

from datetime import datetime

import pytest

from tests.conftest import PASSWORD, login, register
from tests.flows.test_dependents import add, child_of, insured, request
from tests.flows.test_inquiry import inquire, institution
from tests.flows.test_objections import submit
from tests.flows.test_permits import add_letter, issue


def page(api, member, path, **query):
    text = "&".join(f"{name}={value}" for name, value in query.items())
    reply = api.get(f"{path}?{text}" if text else path, token=member["token"])
    assert reply.status == 200, reply
    return reply.json


def test_activity_lists_logins_changes_permits_and_inquiries_newest_first(api, member):
    national_code = member["person"]["national_code"]
    tracking_number = add_letter(member)
    code = issue(api, member, tracking_number).json["access_code"]
    bank = institution(api, "بانک تجارت")
    assert inquire(api, bank, national_code, code).status == 200
    assert api.delete(f"/me/mailbox/{tracking_number}/permit", token=member["token"]).status == 204
    new_password = "Golestan#Bahar71"
    assert (
        api.put(
            "/me/password",
            {"current_password": PASSWORD, "new_password": new_password, "new_password_repeat": new_password},
            token=member["token"],
        ).status
        == 204
    )
    items = page(api, member, "/me/activity")["items"]
    assert [item["kind"] for item in items] == [
        "password_changed",
        "permit_cancelled",
        "inquiry",
        "permit_issued",
        "login",
    ]
    inquiry = items[2]
    assert inquiry["actor"] == "institution" and inquiry["actor_label"] == "بانک تجارت"
    assert tracking_number in inquiry["detail"] and "success" in inquiry["detail"]
    assert {item["actor"] for item in items if item is not inquiry} == {"self"}
    assert all(item["at"].endswith("Z") and item["at_jalali"] for item in items)


def test_a_refused_inquiry_on_a_real_code_is_in_the_activity_too(api, member):
    code = issue(api, member, add_letter(member)).json["access_code"]
    assert (
        inquire(
            api,
            institution(api),
            "0000000000" if member["person"]["national_code"] != "0000000000" else "1111111111",
            code,
        ).status
        == 404
    )
    assert inquire(api, institution(api), member["person"]["national_code"], code).status == 200
    wrong_identifier = register(api)["person"]["national_code"]
    assert inquire(api, institution(api), wrong_identifier, code).status == 404
    details = [item["detail"] for item in page(api, member, "/me/activity")["items"] if item["kind"] == "inquiry"]
    assert [detail.split()[-1] for detail in details] == ["wrong_identifier", "success"]


@pytest.mark.parametrize(
    "instant, day", [("2027-03-20T20:29:59+00:00", "1405/12/29"), ("2027-03-20T20:30:00+00:00", "1406/01/01")]
)
def test_activity_days_are_tehran_days(api, member, clock, instant, day):
    """Nowruz 1406 begins at midnight in Tehran, 20:30 UTC the evening before."""
    clock.now = datetime.fromisoformat(instant)
    token = login(api, member["person"]["national_code"])
    latest = page(api, {"token": token}, "/me/activity", limit=1)["items"][0]
    assert latest["kind"] == "login" and latest["at"] == instant.replace("+00:00", "Z") and latest["at_jalali"] == day


def test_activity_pages_follow_the_cursor_and_cover_everything_once(api, member):
    for _ in range(4):
        login(api, member["person"]["national_code"])
    first = page(api, member, "/me/activity", limit=2)
    second = page(api, member, "/me/activity", limit=2, cursor=first["next_cursor"])
    third = page(api, member, "/me/activity", limit=2, cursor=second["next_cursor"])
    whole = page(api, member, "/me/activity", limit=100)
    assert len(first["items"]) == len(second["items"]) == 2 and len(third["items"]) == 1
    assert first["items"] + second["items"] + third["items"] == whole["items"]
    assert whole["next_cursor"] is None and len(whole["items"]) == 5
    assert third["next_cursor"] is None or page(api, member, "/me/activity", cursor=third["next_cursor"])["items"] == []


def test_a_cursor_is_refused_for_another_person_and_another_list(api, member):
    login(api, member["person"]["national_code"])
    cursor = page(api, member, "/me/activity", limit=1)["next_cursor"]
    assert cursor
    other = {"token": login(api, register(api)["person"]["national_code"])}
    refused = api.get(f"/me/activity?cursor={cursor}", token=other["token"])
    assert refused.status == 400 and refused.error["code"] == "INVALID_CURSOR"
    assert api.get(f"/me/mailbox?cursor={cursor}", token=member["token"]).error["code"] == "INVALID_CURSOR"
    forged = cursor[:-4] + ("AAAA" if not cursor.endswith("AAAA") else "BBBB")
    assert api.get(f"/me/activity?cursor={forged}", token=member["token"]).status == 400


@pytest.mark.parametrize("limit", ["0", "101", "abc"])
def test_limits_outside_one_to_a_hundred_are_refused(api, member, limit):
    reply = api.get(f"/me/activity?limit={limit}", token=member["token"])
    assert reply.status == 422 and reply.error["fields"] == {"limit": "INVALID_LIMIT"}


def test_mailbox_pages_keep_the_quota(api, member):
    letters = {add_letter(member) for _ in range(3)}
    first = page(api, member, "/me/mailbox", limit=2)
    rest = page(api, member, "/me/mailbox", limit=2, cursor=first["next_cursor"])
    assert {item["tracking_number"] for item in first["items"] + rest["items"]} == letters
    assert first["quota"] == rest["quota"] and set(first["quota"]) == {"used_bytes", "limit_bytes"}
    assert rest["next_cursor"] is None


def test_objections_access_log_and_dependents_are_paged(api, member):
    assert submit(api, member).status == 201
    assert submit(api, member, kind="wrong_record").status == 201
    first = page(api, member, "/me/objections", limit=1)
    rest = page(api, member, "/me/objections", limit=1, cursor=first["next_cursor"])
    assert [first["items"][0]["kind"], rest["items"][0]["kind"]] == ["wrong_record", "missing_period"]
    code = issue(api, member, add_letter(member)).json["access_code"]
    bank = institution(api)
    for _ in range(2):
        inquire(api, bank, member["person"]["national_code"], code)
    log = page(api, member, "/me/access-log", limit=1)
    assert len(log["items"]) == 1 and page(api, member, "/me/access-log", limit=1, cursor=log["next_cursor"])["items"]

    parent = insured(api)
    for name in ("رضا", "مریم"):
        assert add(api, parent, request(child_of(api, parent, first_name=name), "child")).status == 201
    dependents = page(api, parent, "/me/dependents", limit=1)
    more = page(api, parent, "/me/dependents", limit=1, cursor=dependents["next_cursor"])
    assert {dependents["items"][0]["first_name"], more["items"][0]["first_name"]} == {"رضا", "مریم"}


def test_requests_gather_registration_objections_letters_and_dependents(api):
    parent = insured(api)
    assert submit(api, parent).status == 201
    tracking_number = add_letter({**parent, "mobile": parent["person"]["mobiles"][0]})
    dependent = add(api, parent, request(child_of(api, parent), "child")).json
    reply = api.get("/me/requests", token=parent["token"])
    assert reply.status == 200, reply
    by_kind = {item["kind"]: item for item in reply.json["items"]}
    assert set(by_kind) == {"registration", "objection", "disclosure", "dependent"}
    assert by_kind["registration"]["status"] == "active"
    assert by_kind["objection"]["status"] == "submitted"
    assert by_kind["disclosure"]["tracking_code"] == tracking_number
    assert (
        by_kind["dependent"]["tracking_code"] == dependent["dependent_id"]
        and by_kind["dependent"]["status"] == "approved"
    )
    stamps = [item["submitted_at"] for item in reply.json["items"]]
    assert stamps == sorted(stamps, reverse=True)
    assert all(item["submitted_at_jalali"] and item["updated_at"] for item in reply.json["items"])


def test_history_is_private_and_needs_a_session(api, member):
    assert api.get("/me/activity").status == 401 and api.get("/me/requests").status == 401
    other = login(api, register(api)["person"]["national_code"])
    kinds = [item["kind"] for item in api.get("/me/activity", token=other).json["items"]]
    assert kinds == ["login"]
    assert [item["kind"] for item in api.get("/me/requests", token=other).json["items"]] == ["registration"]


def test_the_person_cannot_delete_their_activity(api, member):
    reply = api.delete("/me/activity", token=member["token"])
    assert reply.status == 405 and reply.error["code"] == "METHOD_NOT_ALLOWED"
