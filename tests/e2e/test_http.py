"""End to end over real HTTP: `chalice local` serving the app against the emulator started for this run."""

import json
import os
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from infra import local_stack
from tests.conftest import PASSWORD, new_person

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server():
    with local_stack.serving(os.environ.copy()) as base:
        yield base


def http(base, method, path, body=None, token=None, content_type="application/json", raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": content_type})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        return error.code, json.loads(text) if text else None


def test_register_verify_submit_login_me(server):
    person = new_person(first_name="رضا", last_name="کاظمی", gender="male", first_name_en="Reza", last_name_en="Kazemi")
    code, mobile = person["national_code"], person["mobiles"][0]
    assert http(server, "POST", "/dev/people", person)[0] == 201
    status, started = http(server, "POST", "/registrations", {"national_code": code, "mobile": mobile})
    assert status == 201 and started["status"] == "mobile_verification_required"
    rid = started["registration_id"]
    sms = http(server, "GET", f"/dev/outbox?to={mobile}")[1]["items"][0]["body"]
    otp = re.search(r"\d{6}", sms).group(0)
    assert http(server, "POST", f"/registrations/{rid}/mobile-verification", {"code": otp}) == (
        200,
        {"status": "identity_required"},
    )
    identity = {k: person[k] for k in ("first_name", "last_name", "father_name", "birth_date", "gender")}
    assert http(server, "PUT", f"/registrations/{rid}/identity", identity) == (200, {"status": "credentials_required"})
    answers = [{"question_id": q, "answer": "پاسخ من"} for q in ("q1", "q3", "q5")]
    credentials = {"password": PASSWORD, "password_repeat": PASSWORD, "security_answers": answers}
    assert http(server, "PUT", f"/registrations/{rid}/credentials", credentials) == (200, {"status": "ready_to_submit"})
    status, submitted = http(server, "POST", f"/registrations/{rid}/submit", {"accept_terms": True})
    assert status == 202 and submitted["status"] == "active"
    status, session = http(server, "POST", "/auth/login", {"national_code": code, "password": PASSWORD})
    assert status == 200
    status, me = http(server, "GET", "/me", token=session["access_token"])
    assert status == 200 and me["last_name"] == "کاظمی" and me["mobile_masked"].endswith(mobile[-4:])


def test_non_json_bodies_get_the_contract_error_whatever_the_content_type(server):
    for content_type in ("text/plain", "application/xml", "application/json"):
        status, body = http(server, "POST", "/auth/login", raw=b"<not json>", content_type=content_type)
        assert status == 400 and body["error"]["code"] == "MALFORMED_REQUEST"


def test_openapi_and_health_over_http(server):
    assert http(server, "GET", "/health") == (200, {"status": "ok"})
    status, document = http(server, "GET", "/openapi.json")
    assert status == 200 and "/registrations" in document["paths"]


def test_letter_permit_and_signed_inquiry_with_the_reference_client(server):
    from tools.inquiry_client import inquire

    person = new_person(first_name="نسرین", last_name="فرهادی", first_name_en="Nasrin", last_name_en="Farhadi")
    code, mobile = person["national_code"], person["mobiles"][0]
    http(server, "POST", "/dev/people", person)
    http(
        server,
        "POST",
        "/dev/contributions",
        {
            "national_code": code,
            "workshop_code": "445566",
            "workshop_name": "داروخانه شفا",
            "employer_name": "دکتر نادری",
            "months": [{"month": "1401/01", "days": 31, "wage": 90_000_000, "job_title": "تکنسین"}],
        },
    )
    rid = http(server, "POST", "/registrations", {"national_code": code, "mobile": mobile})[1]["registration_id"]
    otp = re.search(r"\d{6}", http(server, "GET", f"/dev/outbox?to={mobile}")[1]["items"][0]["body"]).group(0)
    http(server, "POST", f"/registrations/{rid}/mobile-verification", {"code": otp})
    http(
        server,
        "PUT",
        f"/registrations/{rid}/identity",
        {k: person[k] for k in ("first_name", "last_name", "father_name", "birth_date", "gender")},
    )
    answers = [{"question_id": q, "answer": "پاسخ من"} for q in ("q1", "q3", "q5")]
    http(
        server,
        "PUT",
        f"/registrations/{rid}/credentials",
        {"password": PASSWORD, "password_repeat": PASSWORD, "security_answers": answers},
    )
    http(server, "POST", f"/registrations/{rid}/submit", {"accept_terms": True})
    token = http(server, "POST", "/auth/login", {"national_code": code, "password": PASSWORD})[1]["access_token"]

    status, issued = http(
        server, "POST", "/me/disclosures", {"type": "combined", "accept_agreement": True}, token=token
    )
    assert status == 201
    status, permit = http(
        server, "POST", f"/me/mailbox/{issued['tracking_number']}/permit", {"validity": "day"}, token=token
    )
    assert status == 201 and re.fullmatch(r"\d{4}-\d{4}-\d{4}", permit["access_code"])
    status, institution = http(server, "POST", "/dev/institutions", {"name": "سفارت نمونه"})
    assert status == 201

    status, answer = inquire(server, institution["key_id"], institution["secret"], code, permit["access_code"])
    assert status == 200 and answer["tracking_number"] == issued["tracking_number"]
    assert answer["records"]["summary"]["total_days"] == 31
    with urllib.request.urlopen(answer["letter_url"], timeout=30) as letter:
        assert letter.read().startswith(b"%PDF")
    assert inquire(server, institution["key_id"], "wrong-secret", code, permit["access_code"])[0] == 401
    log = http(server, "GET", "/me/access-log", token=token)[1]["items"]
    assert log[0]["institution_name"] == "سفارت نمونه" and log[0]["outcome"] == "success"
