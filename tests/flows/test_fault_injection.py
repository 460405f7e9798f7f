"""Faults at the AWS boundary (botocore event hooks, tests/faults.py) for every flow that writes.

Each fault gets the documented answer (503 with Retry-After for storage and S3, a queued notice for SNS/SES)
and leaves no half state: the retry after the fault works, and nothing was spent or created by the failed try.
"""

import pytest

from tests.conftest import ANSWERS, PASSWORD, add_person, last_code, login, register
from tests.faults import fault
from tests.flows.test_objections import objection
from tests.flows.test_permits import add_letter

NEW_PASSWORD = "Gilan#Baran2024"


def _unavailable(reply):
    assert (
        reply.status == 503 and reply.error["code"] == "SERVICE_UNAVAILABLE" and int(reply.headers["retry-after"]) > 0
    ), reply
    assert "Exception" not in reply.raw.decode() and "Traceback" not in reply.raw.decode()


@pytest.mark.parametrize("kind", ["throttle", "timeout"])
def test_registration_start_with_storage_down_is_503_and_a_retry_works(api, kind):
    person = add_person(api)
    body = {"national_code": person["national_code"], "mobile": person["mobiles"][0]}
    with fault("dynamodb", "TransactWriteItems", kind):
        _unavailable(api.post("/registrations", body))
    assert api.post("/registrations", body).status == 201


def test_a_code_check_that_cannot_be_counted_is_503_and_the_code_still_works(api):
    person = add_person(api)
    mobile = person["mobiles"][0]
    rid = api.post("/registrations", {"national_code": person["national_code"], "mobile": mobile}).json[
        "registration_id"
    ]
    code = last_code(api, mobile)
    with fault("dynamodb", "UpdateItem", "timeout", table="registrations"):
        _unavailable(api.post(f"/registrations/{rid}/mobile-verification", {"code": code}))
    assert api.post(f"/registrations/{rid}/mobile-verification", {"code": code}).status == 200


def test_login_with_the_session_write_throttled_is_503_and_leaves_no_session(api, member):
    from chalicelib.models.accounts import Session

    before = sum(1 for _ in Session.by_person.query(member["person"]["national_code"]))
    with fault("dynamodb", "TransactWriteItems", "throttle", table="sessions"):
        _unavailable(
            api.post("/auth/login", {"national_code": member["person"]["national_code"], "password": PASSWORD})
        )
    assert sum(1 for _ in Session.by_person.query(member["person"]["national_code"])) == before
    login(api, member["person"]["national_code"])


def test_a_letter_whose_pdf_cannot_be_stored_is_503_and_no_mailbox_item_exists(api, member):
    with fault("s3", "PutObject", "throttle"):
        _unavailable(api.post("/me/disclosures", {"type": "full", "accept_agreement": True}, token=member["token"]))
    mailbox = api.get("/me/mailbox", token=member["token"]).json
    assert mailbox["items"] == [] and mailbox["quota"]["used_bytes"] == 0


def test_a_letter_whose_records_cannot_be_written_leaves_no_pdf_counted(api, member):
    with fault("dynamodb", "TransactWriteItems", "throttle"):
        _unavailable(api.post("/me/disclosures", {"type": "full", "accept_agreement": True}, token=member["token"]))
    assert api.get("/me/mailbox", token=member["token"]).json["quota"]["used_bytes"] == 0
    assert api.post("/me/disclosures", {"type": "full", "accept_agreement": True}, token=member["token"]).status == 201


@pytest.mark.parametrize("kind", ["throttle", "conditional"])
def test_a_permit_whose_transaction_fails_leaves_no_grant_and_no_code(api, member, kind):
    tracking_number = add_letter(member)
    with fault("dynamodb", "TransactWriteItems", kind):
        reply = api.post(f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}, token=member["token"])
    assert reply.status == 503 and reply.headers["retry-after"]
    row = next(
        i
        for i in api.get("/me/mailbox", token=member["token"]).json["items"]
        if i["tracking_number"] == tracking_number
    )
    assert row["permit_status"] == "none" and row["access_code"] is None
    assert api.post(f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}, token=member["token"]).status == 201


def test_a_cancel_that_cannot_be_written_keeps_the_permit_whole(api, member):
    tracking_number = add_letter(member)
    issued = api.post(f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}, token=member["token"]).json
    with fault("dynamodb", "TransactWriteItems", "timeout"):
        _unavailable(api.delete(f"/me/mailbox/{tracking_number}/permit", token=member["token"]))
    row = next(
        i
        for i in api.get("/me/mailbox", token=member["token"]).json["items"]
        if i["tracking_number"] == tracking_number
    )
    assert row["permit_status"] == "active" and row["access_code"] == issued["access_code"]


def test_an_objection_that_cannot_be_written_is_503_and_none_is_open(api, member):
    with fault("dynamodb", "*", "throttle", table="objections"):
        _unavailable(api.post("/me/objections", objection(), token=member["token"]))
    assert api.get("/me/objections", token=member["token"]).json["items"] == []
    assert api.post("/me/objections", objection(), token=member["token"]).status == 201


def test_a_dependent_that_cannot_be_written_is_503_and_a_retry_adds_it(api):
    mother = add_person(api, gender="female")
    token = login(api, register(api, person=mother)["person"]["national_code"])
    child = add_person(api, birth_date="1398/01/01", mother_national_code=mother["national_code"])
    body = {
        "national_code": child["national_code"],
        "birth_date": "1398/01/01",
        "relation": "child",
        "student": False,
        "disabled": False,
        "supported": False,
    }
    with fault("dynamodb", "TransactWriteItems", "throttle"):
        _unavailable(api.post("/me/dependents", body, token=token))
    assert api.get("/me/dependents", token=token).json["items"] == []
    assert api.post("/me/dependents", body, token=token).status == 201


def test_recovery_codes_during_an_sns_and_ses_rejection_are_queued_not_refused(api):
    done = register(api, email="someone@example.com")
    rid = api.post("/password-recovery", {"national_code": done["person"]["national_code"]}).json["recovery_id"]
    with fault("sns", "Publish", "reject"), fault("ses", "SendEmail", "reject"):
        assert api.post(f"/password-recovery/{rid}/challenge", {"method": "sms"}).status == 202
        assert api.post(f"/password-recovery/{rid}/challenge", {"method": "email"}).status == 202


def test_a_reset_that_cannot_spend_its_token_is_503_and_the_token_still_works(api):
    done = register(api)
    rid = api.post("/password-recovery", {"national_code": done["person"]["national_code"]}).json["recovery_id"]
    api.post(f"/password-recovery/{rid}/challenge", {"method": "sms"})
    token = api.post(f"/password-recovery/{rid}/verify", {"code": last_code(api, done["mobile"])}).json["reset_token"]
    body = {"reset_token": token, "new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD}
    with fault("dynamodb", "UpdateItem", "throttle", table="recoveries"):
        _unavailable(api.post(f"/password-recovery/{rid}/reset", body))
    login(api, done["person"]["national_code"], PASSWORD)
    assert api.post(f"/password-recovery/{rid}/reset", body).status == 204
    login(api, done["person"]["national_code"], NEW_PASSWORD)


def test_a_password_change_that_cannot_be_written_keeps_the_old_password(api, member):
    body = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD}
    with fault("dynamodb", "TransactWriteItems", "timeout", table="accounts"):
        _unavailable(api.put("/me/password", body, token=member["token"]))
    login(api, member["person"]["national_code"], PASSWORD)


def test_an_answers_check_that_cannot_be_counted_evaluates_nothing(api):
    done = register(api)
    rid = api.post("/password-recovery", {"national_code": done["person"]["national_code"]}).json["recovery_id"]
    with fault("dynamodb", "UpdateItem", "throttle", table="recoveries"):
        _unavailable(api.post(f"/password-recovery/{rid}/verify", {"answers": ANSWERS}))
    assert api.post(f"/password-recovery/{rid}/verify", {"answers": ANSWERS}).status == 200
