"""Shared by both tiers: the local stage's environment, the `emulator` fixture and helpers for flow tests.

Unit tests (tests/unit) run with no emulator: the environment names a loopback port nobody listens on, so a unit
test that reached for AWS would fail at once. Flow and end-to-end tests request `emulator` (their conftest does it
for every test), which starts the project's own local stack (moto's server) on that port once for the run.
"""

import os
import random
import re
import subprocess

import pytest

from infra import local_stack
from tests import contract

_PORT = {}


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a measurement over thousands of items; still part of every run")
    _PORT["emulator"] = local_stack.free_port()
    os.environ.update(local_stack.environment(_PORT["emulator"], bcrypt_cost=4))


@pytest.fixture(scope="session")
def emulator():
    """The running emulator's port, with tables, buckets and the SES identity created."""
    port = _PORT["emulator"]
    process = local_stack.start_emulator(port)
    try:
        local_stack.create_resources()
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: stop it for good rather than fail the run's last test
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def emulator_port(emulator):
    return emulator


class Api:
    """chalice.test.Client with JSON in and out, and a client address of its own for per-client limits.

    Every answer is checked against the served OpenAPI document (tests/contract.py).
    """

    def __init__(self, client, language="fa"):
        self.client = client
        self.ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
        self.language = language

    def call(self, method, path, body=None, token=None, headers=None, raw=None):
        import json

        sent = {"Content-Type": "application/json", "X-Forwarded-For": self.ip, "Accept-Language": self.language}
        if token:
            sent["Authorization"] = f"Bearer {token}"
        sent.update(headers or {})
        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        response = getattr(self.client.http, method.lower())(path, headers=sent, body=data)
        reply = Reply(response)
        contract.check(method, path, reply.status, reply.headers, reply.raw)
        return reply

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.call("PUT", path, body, **kw)

    def delete(self, path, **kw):
        return self.call("DELETE", path, **kw)


class Reply:
    def __init__(self, response):
        import json

        self.status = response.status_code
        self.headers = {k.lower(): v for k, v in response.headers.items()}
        self.raw = response.body
        try:
            self.json = json.loads(response.body) if response.body else None
        except ValueError:
            self.json = None

    @property
    def error(self):
        return (self.json or {}).get("error", {})

    def __repr__(self):
        return f"<Reply {self.status} {self.raw[:300]!r}>"


@pytest.fixture(scope="session")
def chalice_app():
    from app import app

    return app


@pytest.fixture
def api(chalice_app):
    from chalice.test import Client

    with Client(chalice_app, stage_name="local") as client:
        yield Api(client)


@pytest.fixture
def clock(monkeypatch):
    """Lets a test move the service's clock; starts at the real time."""
    from datetime import datetime, timedelta, timezone

    from chalicelib import wiring

    class Clock:
        def __init__(self):
            self.now = datetime.now(timezone.utc)

        def advance(self, **delta):
            self.now += timedelta(**delta)

    fake = Clock()
    monkeypatch.setattr(wiring, "now", lambda: fake.now)
    return fake


def new_national_code() -> str:
    from chalicelib.validators import complete_national_code

    while True:
        code = complete_national_code(f"{random.randint(0, 999_999_999):09d}")
        if len(set(code)) > 1:
            return code


def new_mobile() -> str:
    return f"09{random.randint(0, 999_999_999):09d}"


def new_person(**overrides) -> dict:
    """A person as POST /dev/people takes one, with a fresh national code and mobile."""
    person = {
        "national_code": new_national_code(),
        "first_name": "سارا",
        "last_name": "محمدی",
        "father_name": "علی",
        "birth_date": "1365/04/12",
        "gender": "female",
        "mobiles": [new_mobile()],
        "first_name_en": "Sara",
        "last_name_en": "Mohammadi",
    }
    person.update(overrides)
    return person


def add_person(api, **overrides) -> dict:
    person = new_person(**overrides)
    reply = api.post("/dev/people", person)
    assert reply.status == 201, reply
    return person


def last_code(api, to: str) -> str:
    items = api.get(f"/dev/outbox?to={to}").json["items"]
    match = re.search(r"\b(\d{6})\b", items[0]["body"])
    assert match, items[0]
    return match.group(1)


PASSWORD = "Sepehr#Kavir92"
ANSWERS = [
    {"question_id": "q1", "answer": "آقای بهرامی"},
    {"question_id": "q2", "answer": "شیراز"},
    {"question_id": "q4", "answer": "کامران"},
]


def ready_to_submit(api, person: dict, mobile=None, email=None, password=PASSWORD) -> dict:
    """Walks a registration through every step before the submit; answers what POST /registrations answered."""
    mobile = mobile or person["mobiles"][0]
    started = api.post("/registrations", {"national_code": person["national_code"], "mobile": mobile})
    assert started.status == 201, started
    rid = started.json["registration_id"]
    assert api.post(f"/registrations/{rid}/mobile-verification", {"code": last_code(api, mobile)}).status == 200
    identity = {k: person[k] for k in ("first_name", "last_name", "father_name", "birth_date", "gender")}
    assert api.put(f"/registrations/{rid}/identity", identity).status == 200
    credentials = {"password": password, "password_repeat": password, "security_answers": ANSWERS}
    if email:
        credentials["email"] = email
    reply = api.put(f"/registrations/{rid}/credentials", credentials)
    assert reply.status == 200, reply
    return started.json


def register(api, person=None, mobile=None, email=None, password=PASSWORD) -> dict:
    """Walks a person through every registration step; returns ids and the person."""
    person = person or add_person(api)
    mobile = mobile or person["mobiles"][0]
    started = ready_to_submit(api, person, mobile, email, password)
    rid = started["registration_id"]
    submitted = api.post(f"/registrations/{rid}/submit", {"accept_terms": True})
    assert submitted.status == 202, submitted
    return {
        "person": person,
        "registration_id": rid,
        "tracking_code": started["tracking_code"],
        "status": submitted.json["status"],
        "mobile": mobile,
    }


def login(api, national_code, password=PASSWORD) -> str:
    reply = api.post("/auth/login", {"national_code": national_code, "password": password})
    assert reply.status == 200, reply
    return reply.json["access_token"]


@pytest.fixture
def member(api):
    """A registered, active person with a session."""
    done = register(api)
    done["token"] = login(api, done["person"]["national_code"])
    return done


@pytest.fixture
def intake_poller():
    """The local stand-in for the intake bucket's S3 event, as `make run` starts it."""
    poller = local_stack.IntakePoller(interval=0.1)
    poller.start()
    yield poller
    poller.stop()
