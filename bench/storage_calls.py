"""DynamoDB round trips per flow, counted at botocore against the local emulator; any Scan is flagged.

Run: python -m bench.storage_calls
"""
import json
import os
import re
import secrets
import time
from collections import Counter
from contextlib import contextmanager

from infra import local_stack


class _Counter:
    def __init__(self):
        self.calls = Counter()

    @contextmanager
    def counting(self):
        from botocore.client import BaseClient

        original = BaseClient._make_api_call
        calls = self.calls

        def counted(client, operation, params):
            if client.meta.service_model.service_name == "dynamodb":
                calls[operation] += 1
            return original(client, operation, params)

        BaseClient._make_api_call = counted
        try:
            yield
        finally:
            BaseClient._make_api_call = original


def main() -> None:
    port = local_stack.free_port()
    os.environ.update(local_stack.environment(port, bcrypt_cost=4))
    emulator = local_stack.start_emulator(port)
    try:
        local_stack.create_resources()
        _run()
    finally:
        emulator.terminate()


def _run() -> None:
    from chalice.test import Client

    from app import app
    from infra import demo
    from tools.inquiry_client import sign

    demo.load()
    counter = _Counter()
    rows = []

    with Client(app, stage_name="local") as client:
        def call(name, method, path, body=None, token=None, headers=None):
            sent = {"Content-Type": "application/json", **(headers or {})}
            if token:
                sent["Authorization"] = f"Bearer {token}"
            counter.calls.clear()
            raw = json.dumps(body) if body is not None else ""
            started = time.perf_counter()
            with counter.counting():
                response = getattr(client.http, method)(path, headers=sent, body=raw)
            if name:
                rows.append((name, response.status_code, dict(counter.calls), time.perf_counter() - started))
            return json.loads(response.body) if response.body and response.headers.get("Content-Type", "").startswith("application/json") else None

        person = dict(demo.PEOPLE[2])
        code, mobile = person["national_code"], person["mobiles"][0]
        started = call("registration.start", "post", "/registrations", {"national_code": code, "mobile": mobile})
        rid = started["registration_id"]
        otp = re.search(r"\d{6}", call(None, "get", f"/dev/outbox?to={mobile}")["items"][0]["body"]).group(0)
        call("registration.verify_mobile", "post", f"/registrations/{rid}/mobile-verification", {"code": otp})
        call("registration.identity", "put", f"/registrations/{rid}/identity", {k: person[k] for k in ("first_name", "last_name", "father_name", "birth_date", "gender")})
        answers = [{"question_id": q, "answer": "پاسخ آزمایشی"} for q in ("q1", "q2", "q3")]
        call("registration.credentials", "put", f"/registrations/{rid}/credentials", {"password": "Kooh#Damavand77", "password_repeat": "Kooh#Damavand77", "security_answers": answers})
        call("registration.submit", "post", f"/registrations/{rid}/submit", {"accept_terms": True})

        ali = demo.PEOPLE[0]["national_code"]
        token = call("auth.login", "post", "/auth/login", {"national_code": ali, "password": demo.DEMO_PASSWORD})["access_token"]
        call("auth.me", "get", "/me", token=token)
        records = call("records.view (40 years)", "get", "/me/records", token=token)
        issued = call("disclosure.issue (40 years)", "post", "/me/disclosures", {"type": "combined", "accept_agreement": True}, token=token)
        call("disclosure.issue again (warm)", "post", "/me/disclosures", {"type": "combined", "accept_agreement": True}, token=token)
        call("disclosure.mailbox", "get", "/me/mailbox", token=token)
        permit = call("permits.issue", "post", f"/me/mailbox/{issued['tracking_number']}/permit", {"validity": "week"}, token=token)
        institution = call(None, "post", "/dev/institutions", {"name": "بانک ملی"})
        body = json.dumps({"identifier": ali, "access_code": permit["access_code"]}).encode()
        headers = {"X-Tamin-Key": institution["key_id"], **sign(institution["secret"], "POST", "/inquiries", "", body, str(int(time.time())), secrets.token_hex(12))}
        counter.calls.clear()
        started = time.perf_counter()
        with counter.counting():
            response = client.http.post("/inquiries", headers={"Content-Type": "application/json", **headers}, body=body)
        rows.append(("inquiry.redeem", response.status_code, dict(counter.calls), time.perf_counter() - started))
        call("inquiry.access_log", "get", "/me/access-log", token=token)
        call("jobs.expire_permits (1 due)", "post", "/dev/jobs/expire_permits", {"now": "2099-01-01T00:00:00Z"})

    months = sum(len(w["months"]) for w in records["workshops"])
    print(f"storage_calls   (40-year history: {months} monthly rows; ms are in-process against the emulator, bcrypt cost 4)")
    for name, status, calls, seconds in rows:
        total = sum(calls.values())
        detail = ",".join(f"{op}x{n}" for op, n in sorted(calls.items()))
        flag = "SCAN!" if "Scan" in calls else "ok"
        print(f"  {name:<30} status={status}  dynamodb_calls={total:<3} ms={seconds * 1000:<6.0f} {detail}  {flag}")


if __name__ == "__main__":
    main()
