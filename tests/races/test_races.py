"""Races over real HTTP: `chalice local` (threaded) against an emulator that answers one request at a time.

The emulator's serial service stands for DynamoDB's per-item atomicity, so what these tests find are the
service's own interleavings: check-then-act, lost updates, double spends.
"""

import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Barrier

import pytest
import requests

from infra import local_stack
from tests.conftest import ANSWERS, PASSWORD, new_mobile, new_national_code

ROOT = Path(__file__).resolve().parents[2]
THREADS = 30


@pytest.fixture(scope="module")
def base():
    emulator_port = local_stack.free_port()
    emulator = local_stack.start_emulator(emulator_port, serial=True)
    env = {**os.environ, "AWS_ENDPOINT_URL": f"http://127.0.0.1:{emulator_port}", "TABLE_PREFIX": "tamin-race-"}
    try:
        subprocess.run(
            [sys.executable, "-c", "from infra.local_stack import create_resources; create_resources()"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=120,
        )
        with local_stack.serving(env) as url:
            yield url
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)


class Client:
    """One caller: its own address (the local stage reads X-Forwarded-For) and, once logged in, its token."""

    def __init__(self, base, ip=None, token=None):
        self.base, self.token = base, token
        self.ip = ip or f"10.9.{os.getpid() % 250}.{id(self) % 250 + 1}"

    def call(self, method, path, body=None, headers=None):
        sent = {"X-Forwarded-For": self.ip, **(headers or {})}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        for attempt in range(10):
            try:
                reply = requests.request(
                    method, self.base + path, json=body, headers=sent, timeout=60, allow_redirects=False
                )
                break
            except requests.ConnectionError:
                # `chalice local` listens with a backlog of 5: a connection reset before it was accepted never ran.
                time.sleep(0.05 * (attempt + 1))
        else:
            raise AssertionError(f"{method} {path}: the server never accepted the connection")
        return reply.status_code, (
            reply.json()
            if reply.content and reply.headers.get("content-type", "").startswith("application/json")
            else None
        )


def _code(client, to):
    body = client.call("GET", f"/dev/outbox?to={to}")[1]["items"][0]["body"]
    return re.search(r"\b(\d{6})\b", body).group(1)


def _person(client):
    person = {
        "national_code": new_national_code(),
        "first_name": "مریم",
        "last_name": "رضایی",
        "father_name": "حسن",
        "birth_date": "1360/06/15",
        "gender": "female",
        "mobiles": [new_mobile()],
    }
    assert client.call("POST", "/dev/people", person)[0] == 201
    return person


def _started(client, person):
    status, started = client.call(
        "POST", "/registrations", {"national_code": person["national_code"], "mobile": person["mobiles"][0]}
    )
    assert status == 201, started
    return started["registration_id"]


def _ready(client, person):
    rid = _started(client, person)
    assert (
        client.call("POST", f"/registrations/{rid}/mobile-verification", {"code": _code(client, person["mobiles"][0])})[
            0
        ]
        == 200
    )
    identity = {k: person[k] for k in ("first_name", "last_name", "father_name", "birth_date", "gender")}
    assert client.call("PUT", f"/registrations/{rid}/identity", identity)[0] == 200
    credentials = {"password": PASSWORD, "password_repeat": PASSWORD, "security_answers": ANSWERS}
    assert client.call("PUT", f"/registrations/{rid}/credentials", credentials)[0] == 200
    return rid


def _member(base):
    client = Client(base, ip="10.200.0.1")
    person = _person(client)
    rid = _ready(client, person)
    assert client.call("POST", f"/registrations/{rid}/submit", {"accept_terms": True})[1]["status"] == "active"
    status, session = client.call(
        "POST", "/auth/login", {"national_code": person["national_code"], "password": PASSWORD}
    )
    assert status == 200
    return person, Client(base, ip="10.200.0.2", token=session["access_token"])


def _together(count, attempt):
    """Runs `attempt(i)` on `count` threads released at the same instant; answers the statuses in order."""
    barrier = Barrier(count)

    def run(i):
        barrier.wait()
        return attempt(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def _wrong(code: str, i: int) -> str:
    return f"{(int(code) + 1 + i) % 10**6:06d}"


def test_thirty_parallel_guesses_at_a_registration_code_get_five_tries_and_the_right_code_then_loses(base):
    client = Client(base)
    person = _person(client)
    rid = _started(client, person)
    code = _code(client, person["mobiles"][0])
    replies = _together(
        THREADS,
        lambda i: Client(base, ip=f"10.1.{i}.1").call(
            "POST", f"/registrations/{rid}/mobile-verification", {"code": _wrong(code, i)}
        ),
    )
    evaluated = [r for r in replies if r[0] == 400]
    assert len(evaluated) <= 5 and all(r[0] in (400, 429) for r in replies), replies
    assert client.call("POST", f"/registrations/{rid}/mobile-verification", {"code": code})[0] == 429


def test_thirty_parallel_guesses_at_a_recovery_code_get_five_tries(base):
    person, _ = _member(base)
    client = Client(base, ip="10.2.0.1")
    rid = client.call("POST", "/password-recovery", {"national_code": person["national_code"]})[1]["recovery_id"]
    assert client.call("POST", f"/password-recovery/{rid}/challenge", {"method": "sms"})[0] == 202
    code = _code(client, person["mobiles"][0])
    replies = _together(
        THREADS,
        lambda i: Client(base, ip=f"10.2.{i}.2").call(
            "POST", f"/password-recovery/{rid}/verify", {"code": _wrong(code, i)}
        ),
    )
    assert len([r for r in replies if r[0] == 400]) <= 5 and all(r[0] in (400, 429) for r in replies), replies
    assert client.call("POST", f"/password-recovery/{rid}/verify", {"code": code})[0] == 429


def test_thirty_parallel_password_guesses_get_the_free_five_and_the_right_password_then_waits(base):
    person, _ = _member(base)
    replies = _together(
        THREADS,
        lambda i: Client(base, ip=f"10.3.{i}.1").call(
            "POST", "/auth/login", {"national_code": person["national_code"], "password": f"Wrong#Guess{i:03d}"}
        ),
    )
    assert len([r for r in replies if r[0] == 401]) <= 5 and all(r[0] in (401, 429) for r in replies), replies
    assert (
        Client(base, ip="10.3.250.1").call(
            "POST", "/auth/login", {"national_code": person["national_code"], "password": PASSWORD}
        )[0]
        == 429
    )


def test_one_recovery_code_used_ten_times_at_once_gives_one_reset_token(base):
    person, _ = _member(base)
    client = Client(base, ip="10.4.0.1")
    rid = client.call("POST", "/password-recovery", {"national_code": person["national_code"]})[1]["recovery_id"]
    client.call("POST", f"/password-recovery/{rid}/challenge", {"method": "sms"})
    code = _code(client, person["mobiles"][0])
    replies = _together(
        5, lambda i: Client(base, ip=f"10.4.{i}.2").call("POST", f"/password-recovery/{rid}/verify", {"code": code})
    )
    assert [r[0] for r in replies].count(200) == 1, replies
    assert all(r[0] in (200, 410, 429) for r in replies), replies


def test_ten_parallel_permits_on_one_letter_leave_exactly_one_active(base):
    person, me = _member(base)
    status, issued = me.call("POST", "/me/disclosures", {"type": "full", "accept_agreement": True})
    assert status == 201, issued
    tracking_number = issued["tracking_number"]
    replies = _together(10, lambda i: me.call("POST", f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}))
    assert [r[0] for r in replies].count(201) == 1 and all(r[0] in (201, 409, 503) for r in replies), replies
    row = next(i for i in me.call("GET", "/me/mailbox")[1]["items"] if i["tracking_number"] == tracking_number)
    winner = next(r[1] for r in replies if r[0] == 201)
    assert row["permit_status"] == "active" and row["access_code"] == winner["access_code"]


def test_one_registration_submitted_ten_times_at_once_opens_one_account(base):
    client = Client(base, ip="10.5.0.1")
    person = _person(client)
    rid = _ready(client, person)
    replies = _together(
        10,
        lambda i: Client(base, ip=f"10.5.{i}.2").call("POST", f"/registrations/{rid}/submit", {"accept_terms": True}),
    )
    assert all(r[0] in (202, 409, 503) for r in replies) and any(r[0] == 202 for r in replies), replies
    assert (
        client.call("POST", "/auth/login", {"national_code": person["national_code"], "password": PASSWORD})[0] == 200
    )


def test_two_registrations_of_one_person_racing_to_submit_leave_one_consistent_account(base):
    client = Client(base, ip="10.6.0.1")
    person = _person(client)
    first = _ready(client, person)
    replies = _together(
        2,
        lambda i: Client(base, ip=f"10.6.{i}.2").call("POST", f"/registrations/{first}/submit", {"accept_terms": True}),
    )
    assert any(r[0] == 202 for r in replies)
    status, me = client.call("POST", "/auth/login", {"national_code": person["national_code"], "password": PASSWORD})
    assert status == 200


def test_ten_objections_of_one_kind_at_once_open_one(base):
    _, me = _member(base)
    objection = {
        "kind": "missing_period",
        "workshop_code": "123456",
        "workshop_name": "کارگاه نمونه",
        "from_month": "1400/01",
        "to_month": "1400/03",
        "days": 60,
        "description": "این ماه‌ها در سوابق نیست.",
    }
    replies = _together(10, lambda i: me.call("POST", "/me/objections", objection))
    assert [r[0] for r in replies].count(201) == 1 and all(r[0] in (201, 409) for r in replies), replies
    assert len(me.call("GET", "/me/objections")[1]["items"]) == 1
