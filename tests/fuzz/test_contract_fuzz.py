"""Contract fuzzing: schemathesis drives every operation of /openapi.json against a running `chalice local`.

Each generated request (valid and invalid bodies, parameters and headers) must be answered without a server
error and in the shape the document declares. Authenticated operations carry a real token; the two that end
sessions (logout, password change) get a fresh one each time, so the rest keep theirs. FUZZ_EXAMPLES sets the
examples per operation: a few in `make test`, many in `make fuzz`.
"""

import os

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from infra import local_stack
from tests.conftest import ANSWERS, PASSWORD, new_person

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
ENDS_SESSIONS = {("POST", "/auth/logout"), ("PUT", "/me/password")}
COUNTED = {"examples": 0}


@pytest.fixture(scope="module")
def server():
    try:
        with local_stack.serving(os.environ.copy()) as base:
            yield base
    finally:
        print(f"\n[fuzz] {COUNTED['examples']} requests generated ({EXAMPLES} examples per operation)")


def _register(base) -> str:
    """A real member, registered and logged in over HTTP; answers the national code."""
    import re

    person = new_person()
    code, mobile = person["national_code"], person["mobiles"][0]
    assert requests.post(base + "/dev/people", json=person, timeout=30).status_code == 201
    rid = requests.post(base + "/registrations", json={"national_code": code, "mobile": mobile}, timeout=30).json()[
        "registration_id"
    ]
    body = requests.get(base + f"/dev/outbox?to={mobile}", timeout=30).json()["items"][0]["body"]
    requests.post(
        base + f"/registrations/{rid}/mobile-verification",
        json={"code": re.search(r"\d{6}", body).group(0)},
        timeout=30,
    )
    requests.put(
        base + f"/registrations/{rid}/identity",
        json={k: person[k] for k in ("first_name", "last_name", "father_name", "birth_date", "gender")},
        timeout=30,
    )
    requests.put(
        base + f"/registrations/{rid}/credentials",
        json={"password": PASSWORD, "password_repeat": PASSWORD, "security_answers": ANSWERS},
        timeout=30,
    )
    assert (
        requests.post(base + f"/registrations/{rid}/submit", json={"accept_terms": True}, timeout=30).json()["status"]
        == "active"
    )
    return code


@pytest.fixture(scope="module")
def member(server):
    """One account for every operation, and its own account for the fresh sessions the session-ending operations spend:
    wrong current passwords the fuzzer sends elsewhere count against the first account's login attempts (as they
    must), and would otherwise make those fresh logins wait."""
    code, other = _register(server), _register(server)

    def token(national_code: str) -> str:
        reply = requests.post(
            server + "/auth/login",
            json={"national_code": national_code, "password": PASSWORD},
            headers={"X-Forwarded-For": "10.77.0.1"},
            timeout=30,
        )
        assert reply.status_code == 200, reply.text
        return reply.json()["access_token"]

    return {"token": token(code), "fresh": lambda: token(other)}


def test_every_operation_answers_within_its_contract(server, member):
    """Each operation in turn, so one that fails is named with the request that broke it, and the rest still run."""
    loaded = schemathesis.openapi.from_url(server + "/openapi.json")
    loaded.config.update(base_url=server)
    failures, operations = [], 0
    for result in loaded.get_all_operations():
        operation = result.ok()
        operations += 1
        token_for = (
            member["fresh"]
            if (operation.method.upper(), operation.path) in ENDS_SESSIONS
            else (lambda: member["token"])
        )

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def exercise(case):
            COUNTED["examples"] += 1
            case.call_and_validate(
                headers={"Authorization": f"Bearer {token_for()}"},
                timeout=60,
                checks=[not_a_server_error, response_schema_conformance],
            )

        try:
            exercise()
        except Exception as error:  # noqa: BLE001 - collected, so every operation is exercised before the verdict
            failures.append(f"{operation.method.upper()} {operation.path}: {str(error)[:3000]}")
    assert operations >= 25
    assert not failures, "\n\n".join(failures)
