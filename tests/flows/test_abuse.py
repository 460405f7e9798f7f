"""OWASP API Security Top 10 (2023), the items that apply, tried as an attacker would."""

import json

import pytest

from chalicelib.web import OPERATIONS
from tests.conftest import PASSWORD, add_person, login, register
from tests.flows.test_permits import add_letter


@pytest.fixture
def two_people(api):
    owner, stranger = register(api), register(api)
    owner["token"], stranger["token"] = (
        login(api, owner["person"]["national_code"]),
        login(api, stranger["person"]["national_code"]),
    )
    return owner, stranger


# API1 Broken object level authorisation: every path that takes an id answers 404 to anyone but its owner.


def test_every_id_path_of_another_person_is_not_found_and_changes_nothing(api, two_people):
    owner, stranger = two_people
    tracking_number = add_letter(owner)
    permit = api.post(f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}, token=owner["token"]).json
    mother = add_person(api, gender="female")
    token = login(api, register(api, person=mother)["person"]["national_code"])
    child = add_person(api, birth_date="1396/01/01", mother_national_code=mother["national_code"], student=True)
    dependent = api.post(
        "/me/dependents",
        {"national_code": child["national_code"], "birth_date": "1396/01/01", "relation": "child"},
        token=token,
    ).json["dependent_id"]
    attempts = [
        ("GET", f"/me/mailbox/{tracking_number}/letter", None),
        ("POST", f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}),
        ("DELETE", f"/me/mailbox/{tracking_number}/permit", None),
        ("DELETE", f"/me/mailbox/{tracking_number}", None),
        ("DELETE", f"/me/dependents/{dependent}", None),
        (
            "POST",
            f"/me/dependents/{dependent}/documents",
            {"kind": "x", "filename": "a.pdf", "content_type": "application/pdf"},
        ),
    ]
    for method, path, body in attempts:
        reply = api.call(method, path, body, token=stranger["token"])
        assert reply.status == 404, (method, path, reply)
    row = next(
        i for i in api.get("/me/mailbox", token=owner["token"]).json["items"] if i["tracking_number"] == tracking_number
    )
    assert row["permit_status"] == "active" and row["access_code"] == permit["access_code"]
    assert [d["dependent_id"] for d in api.get("/me/dependents", token=token).json["items"]] == [dependent]


def test_ids_handed_to_unauthenticated_clients_are_unguessable(api):
    person = add_person(api)
    started = api.post(
        "/registrations", {"national_code": person["national_code"], "mobile": person["mobiles"][0]}
    ).json
    recovery = api.post("/password-recovery", {"national_code": person["national_code"]}).json
    for value in (started["registration_id"], recovery["recovery_id"]):
        assert len(value) >= 22  # 128 bits in URL-safe base64


# API2 Broken authentication


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer ", "Basic abc", "Bearer not-a-token", "bearer " + "x" * 5000])
def test_every_malformed_or_unknown_token_is_401(api, header):
    reply = api.get("/me", headers={"Authorization": header} if header else {})
    assert reply.status == 401 and reply.error["code"] == "UNAUTHENTICATED"


def test_a_token_stops_at_logout_and_at_a_password_change_everywhere(api, member):
    second = login(api, member["person"]["national_code"])
    assert api.post("/auth/logout", token=second).status == 204
    assert api.get("/me", token=second).status == 401
    third = login(api, member["person"]["national_code"])
    new = "Alborz#Peak2025"
    assert (
        api.put(
            "/me/password",
            {"current_password": PASSWORD, "new_password": new, "new_password_repeat": new},
            token=member["token"],
        ).status
        == 204
    )
    assert api.get("/me", token=third).status == 401


# API3 Broken object property level authorisation: no secret in any read, no property set by the client.


def test_reads_never_carry_hashes_and_extra_properties_are_ignored(api):
    person = add_person(api)
    done = register(api, person=person)
    review = api.get(f"/registrations/{done['registration_id']}").raw.decode()
    assert "hash" not in review and PASSWORD not in review
    token = login(api, person["national_code"])
    me = api.get("/me", token=token).json
    assert set(me) == {"national_code", "first_name", "last_name", "mobile_masked", "email_masked", "status"}
    forged = api.post(
        "/me/objections",
        {
            "kind": "missing_period",
            "workshop_code": "1234567",
            "workshop_name": "کارگاه",
            "from_month": "1400/01",
            "to_month": "1400/01",
            "days": 10,
            "description": "شرح",
            "status": "accepted",
            "national_code": "0012345679",
        },
        token=token,
    )
    assert forged.status == 201 and forged.json["status"] == "submitted"
    assert api.get("/me/objections", token=token).json["items"][0]["status"] == "submitted"


# API4 Unrestricted resource consumption: sizes, depth, long strings, many requests.


def test_sizes_depth_and_long_strings_are_refused_cheaply(api, member):
    assert api.post("/registrations", raw="{" + '"a":' * 0 + "[" * 40 + "]" * 40 + "}").status == 400
    assert api.post("/registrations", raw=json.dumps({"national_code": "1" * 70000})).status == 413
    long_name = api.post(
        "/dev/people",
        {
            "national_code": "0012345679",
            "first_name": "ا" * 500,
            "last_name": "ب",
            "father_name": "پ",
            "birth_date": "1360/01/01",
            "gender": "male",
        },
    )
    assert long_name.status == 422 and long_name.error["fields"]["first_name"] == "TOO_LONG"
    assert api.post("/auth/login", {"national_code": "9" * 500, "password": "x"}).status == 422
    assert (
        api.post("/me/objections", {"kind": "wrong_record", "description": "x" * 5000}, token=member["token"]).status
        == 422
    )


def test_many_code_requests_to_one_phone_are_throttled(api):
    person = add_person(api)
    replies = [
        api.post("/registrations", {"national_code": person["national_code"], "mobile": person["mobiles"][0]}).status
        for _ in range(7)
    ]
    assert replies[:5] == [201] * 5 and replies[5] == 429


# API5 Broken function level authorisation: every authenticated operation refuses anonymous callers.


def test_every_authenticated_operation_refuses_a_caller_without_a_token(api):
    checked = 0
    for operation in OPERATIONS:
        if operation.auth != "bearer":
            continue
        path = operation.path.replace("{tracking_number}", "140301011234567").replace("{dependent_id}", "x")
        reply = api.call(operation.method, path, {} if operation.method in ("POST", "PUT") else None)
        assert reply.status == 401, (operation.method, operation.path, reply)
        checked += 1
    assert checked >= 12


# API8 Security misconfiguration: no internals in any error.


def test_errors_carry_no_internals(api):
    for reply in (
        api.post("/auth/login", raw="[" * 100),
        api.get("/nope"),
        api.call("PATCH", "/me"),
        api.get("/me/mailbox/x/letter", headers={"Authorization": "Bearer x"}),
    ):
        text = reply.raw.decode()
        assert "Traceback" not in text and "pynamodb" not in text.lower() and "botocore" not in text.lower()
