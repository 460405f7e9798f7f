"""The signed institution inquiry (استعلام سند), the access log, and the limits that make guessing codes hopeless."""

import io
import json
import secrets
import urllib.request
from contextlib import redirect_stdout
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import login, new_national_code
from tests.flows.test_permits import PDF, STATEMENT_RECORDS, add_letter, issue, sms_to
from tools import institutions_cli
from tools.inquiry_client import sign

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def institution(api, name="بانک نمونه") -> dict:
    reply = api.post("/dev/institutions", {"name": name})
    assert reply.status == 201, reply
    return reply.json


def inquire(api, inst, identifier, code, at=None, nonce=None, secret=None, raw=None, drop=(), body_sent=None):
    """Signs the body as the reference client does; the keyword arguments spoil one part of it at a time."""
    body = (
        raw
        if raw is not None
        else json.dumps({"identifier": identifier, "access_code": code}, ensure_ascii=False).encode()
    )
    timestamp = str(int((at or datetime.now(timezone.utc)).timestamp()))
    headers = {
        "X-Tamin-Key": inst["key_id"],
        **sign(secret or inst["secret"], "POST", "/inquiries", "", body, timestamp, nonce or secrets.token_urlsafe(24)),
    }
    for name in drop:
        del headers[name]
    return api.call("POST", "/inquiries", raw=body_sent if body_sent is not None else body, headers=headers)


@pytest.fixture
def permit(api, member):
    tracking_number = add_letter(member)
    reply = issue(api, member, tracking_number)
    assert reply.status == 201, reply
    return {
        "tracking_number": tracking_number,
        "code": reply.json["access_code"],
        "national_code": member["person"]["national_code"],
    }


def access_log(api, member) -> list[dict]:
    reply = api.get("/me/access-log", token=member["token"])
    assert reply.status == 200, reply
    return reply.json["items"]


def test_a_valid_code_answers_the_letter_as_issued(api, member, permit):
    bank = institution(api, "بانک ملت")
    reply = inquire(api, bank, permit["national_code"], permit["code"])
    assert reply.status == 200, reply
    answer = reply.json
    assert answer["tracking_number"] == permit["tracking_number"] and answer["national_code"] == permit["national_code"]
    assert (answer["first_name"], answer["last_name"], answer["type"]) == (
        member["person"]["first_name"],
        member["person"]["last_name"],
        "full",
    )
    assert answer["records"] == STATEMENT_RECORDS
    assert answer["issued_at_jalali"] and answer["inquirable_until_jalali"] and answer["inquirable_until"].endswith("Z")
    expires = int(parse_qs(urlparse(answer["letter_url"]).query)["Expires"][0])
    assert 295 <= expires - datetime.now(timezone.utc).timestamp() <= 300
    with urllib.request.urlopen(answer["letter_url"], timeout=10) as letter:
        assert letter.read() == PDF
    assert any("بانک ملت" in body and permit["tracking_number"] in body for body in sms_to(api, member["mobile"]))
    [entry] = access_log(api, member)
    assert entry["institution_id"] == bank["institution_id"] and entry["institution_name"] == "بانک ملت"
    assert (
        entry["outcome"] == "success" and entry["tracking_number"] == permit["tracking_number"] and entry["at_jalali"]
    )


def test_digits_in_any_script_with_spaces_are_accepted(api, permit):
    bank = institution(api)
    code = permit["national_code"]
    identifier = f"{code[:3]} {code[3:9]} {code[9]}".translate(PERSIAN)
    access_code = permit["code"].replace("-", " ").translate(PERSIAN)
    assert inquire(api, bank, identifier, access_code).status == 200
    arabic_indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    assert inquire(api, bank, code.translate(arabic_indic), permit["code"].translate(arabic_indic)).status == 200


def test_wrong_identifier_and_wrong_code_answer_the_same_404(api, member, permit):
    bank = institution(api)
    other_person = new_national_code()
    answers = [
        inquire(api, bank, other_person, permit["code"]),
        inquire(api, bank, permit["national_code"], "1111-2222-3333"),
        inquire(api, bank, permit["national_code"], "12"),
        inquire(api, bank, "not a code", permit["code"]),
    ]
    assert {a.status for a in answers} == {404} and len({a.raw for a in answers}) == 1
    assert [e["outcome"] for e in access_log(api, member)] == ["wrong_identifier"]
    assert inquire(api, bank, permit["national_code"], permit["code"]).status == 200


def test_missing_fields_and_wrong_types_are_refused_cleanly(api, permit):
    bank = institution(api)
    missing = inquire(api, bank, None, None, raw=json.dumps({"identifier": permit["national_code"]}).encode())
    assert missing.status == 422 and missing.error["fields"] == {"access_code": "REQUIRED"}
    assert inquire(api, bank, None, None, raw=b'{"identifier": {}, "access_code": "1"}').status == 400
    assert inquire(api, bank, None, None, raw=b"identifier=1&access_code=2").error["code"] == "MALFORMED_REQUEST"
    assert inquire(api, bank, None, None, raw='["۱"]'.encode()).status == 400


def test_a_cancelled_code_stops_answering_at_once(api, member, permit):
    bank = institution(api)
    assert inquire(api, bank, permit["national_code"], permit["code"]).status == 200
    assert api.delete(f"/me/mailbox/{permit['tracking_number']}/permit", token=member["token"]).status == 204
    assert inquire(api, bank, permit["national_code"], permit["code"]).status == 404
    assert [e["outcome"] for e in access_log(api, member)] == ["cancelled", "success"]


def test_a_deleted_letter_takes_its_code_with_it(api, member, permit):
    bank = institution(api)
    assert api.delete(f"/me/mailbox/{permit['tracking_number']}", token=member["token"]).status == 204
    assert inquire(api, bank, permit["national_code"], permit["code"]).status == 404


def test_a_bound_code_answers_only_its_institution(api, member):
    embassy, bank = institution(api, "سفارت"), institution(api, "بانک")
    tracking_number = add_letter(member)
    bound = issue(api, member, tracking_number, "month", institution_id=embassy["institution_id"])
    assert bound.status == 201 and bound.json["institution_id"] == embassy["institution_id"]
    code = member["person"]["national_code"]
    assert inquire(api, bank, code, bound.json["access_code"]).status == 404
    assert inquire(api, embassy, code, bound.json["access_code"]).status == 200
    assert [(e["institution_name"], e["outcome"]) for e in access_log(api, member)] == [
        ("سفارت", "success"),
        ("بانک", "other_institution"),
    ]


def test_a_code_past_its_time_answers_404_before_any_job_runs(api, member, clock):
    bank = institution(api)
    tracking_number = add_letter(member)
    first = issue(api, member, tracking_number, "day").json["access_code"]
    code = member["person"]["national_code"]
    clock.advance(days=1, seconds=1)
    assert inquire(api, bank, code, first, at=clock.now).status == 404
    clock.advance(seconds=1)
    member["token"] = login(api, code)
    second = issue(api, member, tracking_number, "day")
    assert second.status == 201
    assert inquire(api, bank, code, second.json["access_code"], at=clock.now).status == 200
    assert [e["outcome"] for e in access_log(api, member)] == ["success", "expired"]


def test_a_code_expired_by_the_job_answers_404(own_tables, api, member, permit):
    bank = institution(api)
    later = (datetime.now(timezone.utc) + timedelta(days=8)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert api.post("/dev/jobs/expire_permits", {"now": later}).json["processed"] == 1
    assert inquire(api, bank, permit["national_code"], permit["code"]).status == 404


@pytest.fixture(scope="module")
def signer():
    """One institution for the signature tests, added through the flow the dev endpoint calls."""
    from chalicelib import wiring
    from chalicelib.flows import institutions

    return institutions.add_with_key({"name": "بانک آزمون"}, wiring.context())


@pytest.mark.parametrize(
    "spoil",
    [
        "missing_key",
        "missing_timestamp",
        "missing_nonce",
        "missing_signature",
        "wrong_secret",
        "stale",
        "future",
        "body_swapped",
        "short_nonce",
        "nonce_charset",
        "unknown_key",
    ],
)
def test_every_signature_failure_is_the_same_401(api, signer, spoil):
    """Correctly signed, this request is a 404 (no such code); each spoiled part turns it into the same 401."""
    args = (new_national_code(), "1234-5678-9012")
    assert inquire(api, signer, *args).status == 404
    now = datetime.now(timezone.utc)
    spoiled = {
        "missing_key": {"drop": ["X-Tamin-Key"]},
        "missing_timestamp": {"drop": ["X-Tamin-Timestamp"]},
        "missing_nonce": {"drop": ["X-Tamin-Nonce"]},
        "missing_signature": {"drop": ["X-Tamin-Signature"]},
        "wrong_secret": {"secret": signer["secret"][:-1] + ("A" if signer["secret"][-1] != "A" else "B")},
        "stale": {"at": now - timedelta(seconds=310)},
        "future": {"at": now + timedelta(seconds=310)},
        "body_swapped": {"body_sent": json.dumps({"identifier": new_national_code(), "access_code": args[1]}).encode()},
        "short_nonce": {"nonce": "a" * 15},
        "nonce_charset": {"nonce": "abcdefghijklmnop!"},
    }.get(spoil, {})
    key = dict(signer, key_id="key_" + "0" * 20) if spoil == "unknown_key" else signer
    reply = inquire(api, key, *args, **spoiled)
    assert reply.status == 401 and reply.error["code"] == "BAD_SIGNATURE", reply
    assert set(reply.json["error"]) == {"code", "message"}


def test_a_nonce_is_accepted_once(api, permit):
    bank = institution(api)
    nonce = secrets.token_urlsafe(16)
    assert inquire(api, bank, permit["national_code"], permit["code"], nonce=nonce).status == 200
    replay = inquire(api, bank, permit["national_code"], permit["code"], nonce=nonce)
    assert replay.status == 401 and replay.error["code"] == "BAD_SIGNATURE"


def test_the_window_is_300_seconds_either_way(api, permit):
    bank = institution(api)
    now = datetime.now(timezone.utc)
    for offset in (-290, 290):
        assert (
            inquire(api, bank, permit["national_code"], permit["code"], at=now + timedelta(seconds=offset)).status
            == 200
        )


def cli(*argv) -> dict:
    out = io.StringIO()
    with redirect_stdout(out):
        assert institutions_cli.main(list(argv)) == 0
    return dict(line.split(": ", 1) for line in out.getvalue().splitlines())


def test_rotation_disables_the_old_key_and_disabling_stops_the_institution(api, member, permit):
    added = cli("add", "دادگستری تهران", "--type", "court")
    assert added["type"] == "court" and len(added["secret"]) >= 43
    assert inquire(api, added, permit["national_code"], permit["code"]).status == 200
    rotated = cli("rotate", added["institution_id"])
    assert rotated["key_id"] != added["key_id"]
    assert inquire(api, added, permit["national_code"], permit["code"]).error["code"] == "BAD_SIGNATURE"
    assert inquire(api, rotated, permit["national_code"], permit["code"]).status == 200
    cli("disable", added["institution_id"])
    assert inquire(api, rotated, permit["national_code"], permit["code"]).error["code"] == "BAD_SIGNATURE"
    refused = issue(api, member, add_letter(member), institution_id=added["institution_id"])
    assert refused.status == 422 and refused.error["fields"] == {"institution_id": "UNKNOWN_INSTITUTION"}


def test_failed_codes_close_the_national_code_for_an_hour_and_tell_the_person_once(api, member, permit, clock):
    bank = institution(api)
    code = permit["national_code"]
    for _ in range(10):
        assert inquire(api, bank, code, f"{secrets.randbelow(10**12):012d}", at=clock.now).status == 404
    capped = inquire(api, bank, code, permit["code"], at=clock.now)
    assert capped.status == 404 and capped.error["code"] == "NOT_FOUND"
    assert inquire(api, institution(api, "بانک دیگر"), code, permit["code"], at=clock.now).status == 404
    capped_sms = [body for body in sms_to(api, member["mobile"]) if "یک ساعت" in body]
    assert len(capped_sms) == 1
    clock.advance(minutes=61)
    assert inquire(api, bank, code, permit["code"], at=clock.now).status == 200


def test_an_institution_is_rate_limited(api, clock):
    bank = institution(api)
    clock.now = clock.now.replace(second=1, microsecond=0)
    statuses = [inquire(api, bank, "123", "1", at=clock.now).status for _ in range(121)]
    assert statuses[:120] == [404] * 120 and statuses[120] == 429
    limited = inquire(api, bank, "123", "1", at=clock.now)
    assert limited.error["code"] == "TOO_MANY_ATTEMPTS" and 0 < int(limited.headers["retry-after"]) <= 60
    clock.advance(seconds=60)
    assert inquire(api, bank, "123", "1", at=clock.now).status == 404


def test_the_access_log_is_the_persons_own_and_needs_a_session(api, member, permit):
    assert api.get("/me/access-log").status == 401
    assert access_log(api, member) == []
    inquire(api, institution(api), permit["national_code"], permit["code"])
    assert len(access_log(api, member)) == 1


def test_an_unsigned_request_learns_nothing_about_its_body(api):
    reply = api.call("POST", "/inquiries", raw="this is not json")
    assert reply.status == 401 and reply.error["code"] == "BAD_SIGNATURE"
