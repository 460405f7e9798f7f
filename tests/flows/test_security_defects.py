"""Issue 11: each defect an attacker review found, reproduced through the API, and shown closed."""

import json
import time

import pytest

from tests.conftest import PASSWORD, add_person, last_code, login, new_mobile, register
from tests.flows.test_permits import add_letter

OTHER_PASSWORD = "Zagros#Peak2024"


def _foreign_registration(api, person, password):
    """Every step with a mobile that the operator registry does not give to this person."""
    mobile = new_mobile()
    return register(api, person=person, mobile=mobile, password=password)


# 1. Account takeover through re-registration


def test_a_second_registration_with_a_foreign_mobile_never_replaces_the_inactive_account(api):
    person = add_person(api)
    first = _foreign_registration(api, person, PASSWORD)
    assert first["status"] == "branch_visit_required"
    second = _foreign_registration(api, person, OTHER_PASSWORD)
    assert second["status"] == "branch_visit_required"
    assert api.post(f"/dev/accounts/{person['national_code']}/activate").status == 204
    assert api.post("/auth/login", {"national_code": person["national_code"], "password": OTHER_PASSWORD}).status == 401
    token = login(api, person["national_code"], PASSWORD)
    assert api.get("/me", token=token).json["mobile_masked"].endswith(first["mobile"][-4:])


def test_the_branch_activates_the_registration_whose_tracking_code_the_person_brings(api):
    person = add_person(api)
    _foreign_registration(api, person, PASSWORD)
    second = _foreign_registration(api, person, OTHER_PASSWORD)
    reply = api.post(f"/dev/accounts/{person['national_code']}/activate", {"tracking_code": second["tracking_code"]})
    assert reply.status == 204, reply
    assert api.post("/auth/login", {"national_code": person["national_code"], "password": PASSWORD}).status == 401
    token = login(api, person["national_code"], OTHER_PASSWORD)
    assert api.get("/me", token=token).json["mobile_masked"].endswith(second["mobile"][-4:])


def test_an_owned_mobile_replaces_the_inactive_account_and_the_old_mobile_is_told(api):
    person = add_person(api)
    first = _foreign_registration(api, person, PASSWORD)
    before = len(api.get(f"/dev/outbox?to={first['mobile']}").json["items"])
    owned = register(api, person=person, password=OTHER_PASSWORD)
    assert owned["status"] == "active"
    login(api, person["national_code"], OTHER_PASSWORD)
    assert api.post("/auth/login", {"national_code": person["national_code"], "password": PASSWORD}).status == 401
    assert len(api.get(f"/dev/outbox?to={first['mobile']}").json["items"]) == before + 1


# 3. Idempotency keys are scoped by the concrete path


def test_the_same_idempotency_key_on_another_letter_creates_that_letters_permit(api, member):
    first, second = add_letter(member), add_letter(member)
    headers = {"Idempotency-Key": "same-key-two-letters"}
    a = api.post(f"/me/mailbox/{first}/permit", {"validity": "day"}, token=member["token"], headers=headers)
    b = api.post(f"/me/mailbox/{second}/permit", {"validity": "day"}, token=member["token"], headers=headers)
    assert a.status == b.status == 201 and a.json["access_code"] != b.json["access_code"]
    rows = {item["tracking_number"]: item for item in api.get("/me/mailbox", token=member["token"]).json["items"]}
    assert rows[second]["permit_status"] == "active" and rows[second]["access_code"] == b.json["access_code"]


# 11. Deep, large and empty input


@pytest.mark.parametrize("path", ["/registrations", "/auth/login", "/password-recovery"])
def test_deep_json_is_400_not_500(api, path):
    reply = api.post(path, raw="[" * 5000)
    assert reply.status == 400 and reply.error["code"] == "MALFORMED_REQUEST"
    nested = {"national_code": "0012345679"}
    for _ in range(40):
        nested = {"n": nested}
    assert api.post(path, nested).status == 400


def test_33_levels_are_refused_and_32_are_read(api):
    def nest(levels):
        text = '{"national_code": "0012345679", "x": ' + "[" * (levels - 1) + "]" * (levels - 1) + "}"
        return text

    assert api.post("/password-recovery", raw=nest(33)).status == 400
    assert api.post("/password-recovery", raw=nest(32)).status == 202


def test_a_body_over_64_kib_is_413(api):
    reply = api.post("/auth/login", {"national_code": "0012345679", "password": "x" * (65 * 1024)})
    assert reply.status == 413 and reply.error["code"] == "PAYLOAD_TOO_LARGE"


def test_empty_and_malformed_keys_are_4xx_never_503(api, member):
    assert api.post("/auth/login", {"national_code": "", "password": PASSWORD}).status in (401, 422)
    assert api.post("/auth/login", {"national_code": "-", "password": PASSWORD}).status in (401, 422)
    assert api.get("/registrations/status").status == 404
    assert api.get("/registrations/status?national_code=-&tracking_code=").status == 404
    for path in ("/me/mailbox/-/letter", "/me/mailbox/" + "9" * 3000 + "/letter"):
        assert api.get(path, token=member["token"]).status == 404
    assert api.delete("/me/dependents/" + "x" * 3000, token=member["token"]).status == 404
    assert api.get("/registrations/" + "r" * 3000).status == 404
    assert api.get("/dev/outbox?to=-").status in (200, 422)
    assert api.post("/password-recovery/" + "z" * 3000 + "/challenge", {"method": "sms"}).status == 404


# 10. Local-only paths outside the local stage


def test_every_method_of_a_local_only_path_is_404_in_prod_and_openapi_lists_only_prod_routes(chalice_app):
    from chalice.test import Client

    with Client(chalice_app, stage_name="prod") as client:
        for method in ("get", "put", "delete", "patch", "post"):
            for path in ("/dev/people", "/dev/outbox", "/dev/jobs/expire_permits", "/dev/accounts/0012345679/activate"):
                response = getattr(client.http, method)(path, body="{}", headers={"Content-Type": "application/json"})
                assert response.status_code == 404, (method, path, response.status_code)
        document = json.loads(client.http.get("/openapi.json").body)
    assert document["paths"] and not [path for path in document["paths"] if path.startswith("/dev/")]


# 6. Security questions


def test_no_security_question_is_answered_on_the_persons_own_letters(api):
    questions = api.get("/security-questions").json
    assert len(questions) >= 6
    texts = " ".join(q["text"] for q in questions)
    assert "کارفرما" not in texts and "کارگاه" not in texts
    en = api.call("GET", "/security-questions", headers={"Accept-Language": "en"}).json
    assert not [q for q in en if "employer" in q["text"].lower() or "workshop" in q["text"].lower()]


# 14. The smaller ones


def test_names_with_bidi_controls_are_refused(api):
    person = add_person(api)
    mobile = person["mobiles"][0]
    rid = api.post("/registrations", {"national_code": person["national_code"], "mobile": mobile}).json[
        "registration_id"
    ]
    api.post(f"/registrations/{rid}/mobile-verification", {"code": last_code(api, mobile)})
    identity = {k: person[k] for k in ("first_name", "last_name", "father_name", "birth_date", "gender")}
    identity["last_name"] = person["last_name"] + "\u202e"
    reply = api.put(f"/registrations/{rid}/identity", identity)
    assert reply.status == 422 and reply.error["fields"]["last_name"] == "INVALID_CHARACTERS"


def test_a_request_id_is_logged_only_when_it_is_short_and_plain(api, capsys):
    capsys.readouterr()
    api.get(
        "/registrations/status?national_code=0012345679&tracking_code=1",
        headers={"X-Request-Id": "x" * 500 + '\n{"forged":1}'},
    )
    api.get("/registrations/status?national_code=0012345679&tracking_code=1", headers={"X-Request-Id": "req-abc_123"})
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    ids = [line["request_id"] for line in lines]
    assert "req-abc_123" in ids and all(len(i) <= 64 and "forged" not in i for i in ids)


def test_guessing_tracking_codes_is_capped(api):
    done = register(api)
    code = done["person"]["national_code"]
    replies = [api.get(f"/registrations/status?national_code={code}&tracking_code={n:010d}").status for n in range(25)]
    assert 429 in replies
    assert api.get(f"/registrations/status?national_code={code}&tracking_code={done['tracking_code']}").status == 429


def test_a_pending_idempotency_claim_lapses_after_the_function_timeout(api, member, clock, monkeypatch):
    from chalicelib.flows import permits
    from chalicelib.models.throttles import IdempotentResult

    tracking_number = add_letter(member)
    headers = {"Idempotency-Key": "stuck-claim"}
    path = f"/me/mailbox/{tracking_number}/permit"
    real_issue = permits.issue
    # A Lambda killed at its timeout: the handler never returns and nothing cleans up the claim.
    monkeypatch.setattr(IdempotentResult, "delete", lambda self, *a, **k: None)
    monkeypatch.setattr(permits, "issue", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("timed out")))
    assert api.post(path, {"validity": "day"}, token=member["token"], headers=headers).status == 500
    monkeypatch.setattr(permits, "issue", real_issue)
    assert api.post(path, {"validity": "day"}, token=member["token"], headers=headers).status == 409
    clock.advance(seconds=31)
    assert api.post(path, {"validity": "day"}, token=member["token"], headers=headers).status == 201


# 12. No usable access code at rest


def _raw_items(table: str) -> list[dict]:
    import boto3

    from chalicelib.config import settings

    client = boto3.client("dynamodb")
    return client.scan(TableName=settings().table_prefix + table)["Items"]


def test_no_usable_access_code_is_stored_in_the_mailbox_or_the_idempotency_table(api, member):
    tracking_number = add_letter(member)
    issued = api.post(
        f"/me/mailbox/{tracking_number}/permit",
        {"validity": "day"},
        token=member["token"],
        headers={"Idempotency-Key": "sealed-permit"},
    )
    code = issued.json["access_code"]
    for table in ("mailbox", "idempotency"):
        stored = json.dumps(_raw_items(table))
        assert code not in stored and code.replace("-", "") not in stored, table
    row = next(
        i
        for i in api.get("/me/mailbox", token=member["token"]).json["items"]
        if i["tracking_number"] == tracking_number
    )
    assert row["access_code"] == code
    replay = api.post(
        f"/me/mailbox/{tracking_number}/permit",
        {"validity": "day"},
        token=member["token"],
        headers={"Idempotency-Key": "sealed-permit"},
    )
    assert replay.status == 201 and replay.json == issued.json


# 13. Revocation reads strongly


def test_sessions_and_institution_keys_are_read_strongly(api, member, monkeypatch):
    from tests.faults import dynamodb_calls

    with dynamodb_calls() as calls:
        assert api.get("/me", token=member["token"]).status == 200
    revocation = [
        c
        for c in calls
        if c["operation"] == "GetItem"
        and (
            c["table"].endswith("sessions")
            or "session_generation" in c["params"].get("ExpressionAttributeNames", {}).values()
        )
    ]
    reads = revocation
    assert reads and all(c["params"].get("ConsistentRead") for c in reads)
    from chalicelib import wiring
    from chalicelib.errors import DomainError
    from chalicelib.flows import inquiry

    institution = api.post("/dev/institutions", {"name": "بانک نمونه"}).json
    with dynamodb_calls() as calls:
        signed = inquiry.SignedRequest(
            "POST",
            "",
            {
                "x-tamin-key": institution["key_id"],
                "x-tamin-timestamp": str(int(time.time())),
                "x-tamin-nonce": "n" * 16,
                "x-tamin-signature": "0" * 64,
            },
            b"{}",
        )
        with pytest.raises(DomainError) as refused:
            inquiry.authenticate(signed, wiring.context())
    assert refused.value.code == "BAD_SIGNATURE"
    key_reads = [c for c in calls if c["operation"] == "GetItem" and c["table"].endswith("institution_keys")]
    assert key_reads and all(c["params"].get("ConsistentRead") for c in key_reads)


def test_a_password_change_ends_a_session_the_person_index_has_not_seen_yet(api, member, monkeypatch):
    from chalicelib.models.accounts import Session

    other = login(api, member["person"]["national_code"])
    monkeypatch.setattr(Session.by_person, "query", lambda *a, **k: iter(()))  # the index lags behind the table
    changed = api.put(
        "/me/password",
        {"current_password": PASSWORD, "new_password": OTHER_PASSWORD, "new_password_repeat": OTHER_PASSWORD},
        token=member["token"],
    )
    assert changed.status == 204
    assert api.get("/me", token=other).status == 401
    assert api.get("/me", token=member["token"]).status == 200


# 7. Dependents: a right birth date costs what a wrong one does


def test_dependents_registry_calls_do_not_depend_on_the_birth_date(api, monkeypatch):
    from chalicelib.adapters.registries import LocalCivilRegistry

    mother = add_person(api, gender="female")
    token = login(api, register(api, person=mother)["person"]["national_code"])
    child = add_person(api, birth_date="1398/01/01", mother_national_code=mother["national_code"])
    calls = []
    real = LocalCivilRegistry.lookup
    monkeypatch.setattr(LocalCivilRegistry, "lookup", lambda self, code: calls.append(code) or real(self, code))
    body = {
        "national_code": child["national_code"],
        "relation": "spouse",
        "student": False,
        "disabled": False,
        "supported": False,
    }
    for birth_date in ("1398/01/01", "1397/05/05"):
        calls.clear()
        assert api.post("/me/dependents", {**body, "birth_date": birth_date}, token=token).status == 422
        assert calls == [child["national_code"], mother["national_code"]], birth_date


# 14. Deleted letters do not stay in the versioned bucket forever; packaging refuses the local stage


def test_the_letters_bucket_expires_old_versions():
    from infra import cloud_template

    rules = cloud_template.template()["Resources"]["LettersBucket"]["Properties"]["LifecycleConfiguration"]["Rules"]
    assert any(rule.get("NoncurrentVersionExpiration", {}).get("NoncurrentDays") for rule in rules)
    assert any(rule.get("ExpiredObjectDeleteMarker") or rule.get("AbortIncompleteMultipartUpload") for rule in rules)


def test_packaging_refuses_the_local_stage():
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        ["make", "-s", "package", "STAGE=local"], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0 and "local stage" in (done.stdout + done.stderr)
