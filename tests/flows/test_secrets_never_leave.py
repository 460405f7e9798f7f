"""Secrets never leave: the end-to-end flows run with every log line captured, and no password, answer, OTP,
access code, token, pepper, key or institution secret appears in a log line or in a response that did not mint it."""

import json
import re

from chalicelib.config import settings
from tests.conftest import ANSWERS, PASSWORD, add_person, last_code, login
from tests.flows.test_inquiry import inquire

NEW_PASSWORD = "Gilan#Baran2024"


class Recorder:
    """Every response body the flows received, and which secrets each one minted."""

    def __init__(self, api):
        self.api, self.replies = api, []

    def __call__(self, method, path, body=None, **kw):
        reply = self.api.call(method, path, body, **kw)
        self.replies.append((method, path, reply.raw.decode(errors="replace")))
        return reply


def test_no_secret_in_any_log_line_or_foreign_response(api, capsys):
    capsys.readouterr()
    call = Recorder(api)
    person = add_person(api)
    mobile, email = person["mobiles"][0], "secret.holder@example.com"
    national_code = person["national_code"]
    rid = call("POST", "/registrations", {"national_code": national_code, "mobile": mobile}).json["registration_id"]
    otp1 = last_code(api, mobile)
    call("POST", f"/registrations/{rid}/mobile-verification", {"code": otp1})
    call(
        "PUT",
        f"/registrations/{rid}/identity",
        {k: person[k] for k in ("first_name", "last_name", "father_name", "birth_date", "gender")},
    )
    call(
        "PUT",
        f"/registrations/{rid}/credentials",
        {"email": email, "password": PASSWORD, "password_repeat": PASSWORD, "security_answers": ANSWERS},
    )
    call("POST", f"/registrations/{rid}/submit", {"accept_terms": True})
    call("POST", "/auth/login", {"national_code": national_code, "password": "Wrong#Guess01"})
    token = call("POST", "/auth/login", {"national_code": national_code, "password": PASSWORD}).json["access_token"]
    call("GET", "/me", token=token)
    letter = call("POST", "/me/disclosures", {"type": "full", "accept_agreement": True}, token=token).json
    permit = call(
        "POST",
        f"/me/mailbox/{letter['tracking_number']}/permit",
        {"validity": "day"},
        token=token,
        headers={"Idempotency-Key": "leak-check"},
    ).json
    call("GET", "/me/mailbox", token=token)
    institution = call("POST", "/dev/institutions", {"name": "بانک نمونه"}).json
    answered = inquire(api, institution, national_code, permit["access_code"])
    assert answered.status == 200, answered
    call.replies.append(("POST", "/inquiries", answered.raw.decode(errors="replace")))
    recovery = call("POST", "/password-recovery", {"national_code": national_code}).json["recovery_id"]
    call("POST", f"/password-recovery/{recovery}/challenge", {"method": "sms"})
    otp2 = last_code(api, mobile)
    call("POST", f"/password-recovery/{recovery}/verify", {"code": "000000" if otp2 != "000000" else "111111"})
    reset_token = call("POST", f"/password-recovery/{recovery}/verify", {"code": otp2}).json["reset_token"]
    call(
        "POST",
        f"/password-recovery/{recovery}/reset",
        {"reset_token": reset_token, "new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD},
    )
    token2 = login(api, national_code, NEW_PASSWORD)
    call("POST", "/auth/logout", token=token2)
    logs = capsys.readouterr().out
    assert logs.count("\n") > 20

    config = settings()
    secrets = {
        "password": PASSWORD,
        "new password": NEW_PASSWORD,
        "wrong guess": "Wrong#Guess01",
        "otp": otp1,
        "recovery otp": otp2,
        "session token": token,
        "second token": token2,
        "reset token": reset_token,
        "access code": permit["access_code"],
        "bare access code": permit["access_code"].replace("-", ""),
        "institution secret": institution["secret"],
        "pepper": config.password_pepper.decode(),
        "hash key": config.hash_key.decode(),
        "sealing key": config.sealing_key.decode(),
        "email": email,
        "national code": national_code,
        "mobile": mobile,
    }
    secrets.update({f"answer {a['question_id']}": a["answer"] for a in ANSWERS})
    for name, value in secrets.items():
        assert value not in logs, f"{name} in the logs"
    minted_by = {
        "session token": "/auth/login",
        "access code": "/permit",
        "bare access code": None,
        "reset token": "/verify",
        "institution secret": "/dev/institutions",
    }
    for name in (
        "password",
        "new password",
        "wrong guess",
        "otp",
        "recovery otp",
        "session token",
        "reset token",
        "access code",
        "institution secret",
        "pepper",
        "hash key",
        "sealing key",
        "answer q1",
        "answer q2",
        "answer q4",
    ):
        value = secrets[name]
        for method, path, text in call.replies:
            if value in text:
                assert (
                    minted_by.get(name)
                    and path.endswith(minted_by[name])
                    or (name == "access code" and path == "/me/mailbox")
                ), f"{name} in the answer to {method} {path}"
    for line in logs.splitlines():
        if line.startswith("{"):
            assert re.fullmatch(r"[A-Za-z0-9._:-]{1,64}|-", json.loads(line)["request_id"])
