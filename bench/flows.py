"""Each user flow in process through chalice.test.Client: its AWS calls, p50/p95, and its ratio to a floor.

The floor replays the very AWS requests the flow made (recorded through botocore's event hooks) with bare boto3
clients against the same emulator. A flow's deliberate costs, measured apart (bcrypt where a password or answer
is checked or hashed, the PDF render for a letter), are taken off its p50 before comparing: what is left is the
service's own overhead over the storage work its design needs.

A new flow is one entry in FLOWS: a name, the route it needs (absent routes are reported as absent), a `prepare`
that makes one iteration's requests (untimed set-up happens there) and what deliberate work it does.
"""

from __future__ import annotations

import json
import random
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Callable

from bench.harness import RECORDER, Recorder, capacity_of, counts, median, percentile, spread


@dataclass
class Request:
    method: str
    path: str
    body: object = None
    token: str | None = None
    headers: dict = field(default_factory=dict)
    raw: bytes | None = None
    expect: int = 200
    after: Callable[[dict], None] | None = None  # untimed: reads what the next step needs


@dataclass
class Flow:
    name: str
    route: tuple[str, str]
    prepare: Callable[["Session"], list[Request]]
    deliberate: dict = field(default_factory=dict)  # {"bcrypt_hash": n, "bcrypt_check": n, "letter": n}


class Session:
    """The app under a test client, plus what the flows share: the demo person's token, a letter, an institution."""

    def __init__(self, client):
        from infra import demo

        self.client = client
        self.demo = demo
        self.ip = "10.0.0.1"
        self.registered: list[dict] = []
        self.state: dict = {}

    def call(self, request: Request) -> dict | None:
        headers = {"Content-Type": "application/json", "X-Forwarded-For": self.ip, **request.headers}
        if request.token:
            headers["Authorization"] = f"Bearer {request.token}"
        body = (
            request.raw if request.raw is not None else (json.dumps(request.body) if request.body is not None else "")
        )
        response = getattr(self.client.http, request.method.lower())(request.path, headers=headers, body=body)
        if response.status_code != request.expect:
            raise RuntimeError(f"{request.method} {request.path}: {response.status_code} {response.body[:300]!r}")
        kind = response.headers.get("Content-Type", "")
        return json.loads(response.body) if response.body and kind.startswith("application/json") else None

    def untimed(self, method: str, path: str, body=None, token=None, expect=200) -> dict | None:
        return self.call(Request(method, path, body, token, expect=expect))

    def new_client_address(self) -> None:
        """Per-client limits are the service's own; each iteration comes from another address."""
        self.ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"

    def token(self) -> str:
        if "token" not in self.state:
            ali = self.demo.PEOPLE[0]
            self.state["token"] = self.untimed(
                "POST", "/auth/login", {"national_code": ali["national_code"], "password": self.demo.DEMO_PASSWORD}
            )["access_token"]
        return self.state["token"]

    def letter(self) -> str:
        if "letter" not in self.state:
            issued = self.untimed(
                "POST", "/me/disclosures", {"type": "combined", "accept_agreement": True}, self.token(), expect=201
            )
            self.state["letter"] = issued["tracking_number"]
        return self.state["letter"]

    def institution(self) -> dict:
        if "institution" not in self.state:
            self.state["institution"] = self.untimed(
                "POST", "/dev/institutions", {"name": "بانک سنجش", "type": "bank"}, expect=201
            )
        return self.state["institution"]

    def officer(self) -> str:
        """A branch officer's session, reached the way a deployment reaches one: the first admin as
        tools/first_admin.py creates it, its enrolment and sign-in with password and TOTP, the officer added by
        that admin and enrolled and signed in the same way."""
        if "officer" not in self.state:
            from chalicelib import wiring
            from chalicelib.flows import staff_members

            admin = staff_members.first_admin("bench_admin", "مدیر سنجش", wiring.context())
            admin_token = self._enrolled("bench_admin", admin["enrolment_id"])
            body = {"username": "bench_branch", "full_name": "کارشناس سنجش", "roles": ["branch_officer"]}
            added = self.untimed("POST", "/staff/members", {**body, "branch_id": "2051"}, admin_token, expect=201)
            self.state["officer"] = self._enrolled("bench_branch", added["enrolment_id"])
        return self.state["officer"]

    def _enrolled(self, username: str, enrolment_id: str) -> str:
        """Password, the authenticator's proof, then a sign-in: answers the member's session token. Each TOTP step
        is accepted once and within one step of the clock, so the proof uses the previous step and the sign-in the
        current one, away from a step's edge."""
        import pyotp

        password = {"password": STAFF_PASSWORD, "password_repeat": STAFF_PASSWORD}
        totp = pyotp.TOTP(self.untimed("POST", f"/staff/enrolments/{enrolment_id}", password)["totp_secret"])
        if 30 - time.time() % 30 < 2:
            time.sleep(2)
        now = time.time()
        self.untimed("POST", f"/staff/enrolments/{enrolment_id}/confirm", {"totp_code": totp.at(now - 30)}, expect=204)
        login = {"username": username, "password": STAFF_PASSWORD, "totp_code": totp.at(now)}
        return self.untimed("POST", "/staff/auth/login", login)["access_token"]

    def otp(self, mobile: str) -> str:
        items = self.untimed("GET", f"/dev/outbox?to={mobile}")["items"]
        return re.search(r"\b(\d{6})\b", items[0]["body"]).group(1)


PASSWORD = "Kooh#Damavand77"
STAFF_PASSWORD = "Kavir#Sepehr2024"
ANSWERS = [
    {"question_id": q, "answer": a} for q, a in (("q1", "خانم نیکو"), ("q2", "اصفهان"), ("q3", "کارخانه ریسندگی"))
]


def _register(s: Session, branch_visit: bool = False) -> list[Request]:
    """The five steps of a registration; `branch_visit`: from a mobile the operator does not know as the person's,
    so the account waits for a branch to activate it."""
    from tests.conftest import new_mobile, new_national_code

    person = {
        "national_code": new_national_code(),
        "first_name": "سارا",
        "last_name": "محمدی",
        "father_name": "علی",
        "birth_date": "1365/04/12",
        "gender": "female",
        "mobiles": [new_mobile()],
    }
    s.untimed("POST", "/dev/people", person, expect=201)
    s.registered.append(person)
    ids: dict = {}
    mobile = new_mobile() if branch_visit else person["mobiles"][0]

    def started(reply):
        ids["rid"], ids["tracking_code"] = reply["registration_id"], reply["tracking_code"]
        ids["otp"] = s.otp(mobile)

    identity = {k: person[k] for k in ("first_name", "last_name", "father_name", "birth_date", "gender")}
    credentials = {"password": PASSWORD, "password_repeat": PASSWORD, "security_answers": ANSWERS}
    return [
        Request(
            "POST",
            "/registrations",
            {"national_code": person["national_code"], "mobile": mobile},
            expect=201,
            after=started,
        ),
        _Deferred(lambda: Request("POST", f"/registrations/{ids['rid']}/mobile-verification", {"code": ids["otp"]})),
        _Deferred(lambda: Request("PUT", f"/registrations/{ids['rid']}/identity", identity)),
        _Deferred(lambda: Request("PUT", f"/registrations/{ids['rid']}/credentials", credentials)),
        _Deferred(
            lambda: Request(
                "POST",
                f"/registrations/{ids['rid']}/submit",
                {"accept_terms": True},
                expect=202,
                after=lambda _: person.update(tracking_code=ids["tracking_code"]),
            )
        ),
    ]


class _Deferred:
    """A request whose path or body depends on an earlier step's answer."""

    def __init__(self, make):
        self.make = make


def _login(s: Session) -> list[Request]:
    ali = s.demo.PEOPLE[0]
    return [Request("POST", "/auth/login", {"national_code": ali["national_code"], "password": s.demo.DEMO_PASSWORD})]


def _records(s: Session) -> list[Request]:
    return [Request("GET", "/me/records", token=s.token())]


def _disclosure(s: Session) -> list[Request]:
    return [Request("POST", "/me/disclosures", {"type": "combined", "accept_agreement": True}, s.token(), expect=201)]


def _permit(s: Session) -> list[Request]:
    letter = s.letter()
    if s.state.pop("permit_active", False):
        s.untimed("DELETE", f"/me/mailbox/{letter}/permit", token=s.token(), expect=204)
    s.state["permit_active"] = True
    return [Request("POST", f"/me/mailbox/{letter}/permit", {"validity": "week"}, s.token(), expect=201)]


def _inquiry(s: Session) -> list[Request]:
    from tools.inquiry_client import sign

    if "access_code" not in s.state:
        letter = s.untimed(
            "POST", "/me/disclosures", {"type": "full", "accept_agreement": True}, s.token(), expect=201
        )["tracking_number"]
        s.state["access_code"] = s.untimed(
            "POST", f"/me/mailbox/{letter}/permit", {"validity": "month"}, s.token(), expect=201
        )["access_code"]
    institution = s.institution()
    body = json.dumps({"identifier": s.demo.PEOPLE[0]["national_code"], "access_code": s.state["access_code"]}).encode()
    headers = {
        "X-Tamin-Key": institution["key_id"],
        **sign(institution["secret"], "POST", "/inquiries", "", body, str(int(time.time())), secrets.token_hex(12)),
    }
    return [Request("POST", "/inquiries", raw=body, headers=headers)]


def _recovery_sms(s: Session) -> list[Request]:
    person = s.registered.pop()
    ids: dict = {}
    return [
        Request(
            "POST",
            "/password-recovery",
            {"national_code": person["national_code"]},
            expect=202,
            after=lambda reply: ids.update(rid=reply["recovery_id"]),
        ),
        _Deferred(lambda: Request("POST", f"/password-recovery/{ids['rid']}/challenge", {"method": "sms"}, expect=202)),
    ]


def _staff_activate(s: Session) -> list[Request]:
    """A branch officer activating a branch-visit registration by the tracking code the person brings; the
    registration and the officer's sign-in are set-up, untimed."""
    _run_once(s, RECORDER, _register(s, branch_visit=True))
    person = s.registered.pop()
    body = {"tracking_code": person["tracking_code"], "id_card_serial": "1234567890"}
    return [Request("POST", f"/staff/accounts/{person['national_code']}/activate", body, s.officer(), expect=204)]


FLOWS = [
    Flow("register", ("/registrations", "POST"), _register, {"bcrypt_hash": 4}),
    Flow("login", ("/auth/login", "POST"), _login, {"bcrypt_check": 1}),
    Flow("me_records_40y", ("/me/records", "GET"), _records),
    Flow("issue_disclosure", ("/me/disclosures", "POST"), _disclosure, {"letter": 1}),
    Flow("issue_permit", ("/me/mailbox/{tracking_number}/permit", "POST"), _permit),
    Flow("inquiry", ("/inquiries", "POST"), _inquiry),
    Flow("recovery_sms", ("/password-recovery/{recovery_id}/challenge", "POST"), _recovery_sms),
    Flow("staff_activate", ("/staff/accounts/{national_code}/activate", "POST"), _staff_activate),
]


def _run_once(s: Session, recorder: Recorder, requests: list) -> tuple[float, list]:
    """Wall time of the flow's requests (set-up between steps excluded) and the AWS calls they made.
    Each request is one Lambda invocation in the cloud; the SMS it queued is delivered before the next one starts,
    untimed, as the delivery function would apart from it."""
    from chalicelib import wiring

    elapsed, calls = 0.0, []
    for step in requests:
        request = step.make() if isinstance(step, _Deferred) else step
        with recorder.recording() as recorded:
            started = time.perf_counter()
            reply = s.call(request)
            elapsed += time.perf_counter() - started
        wiring.notifier().flush()
        calls += recorded
        if request.after:
            request.after(reply)
    return elapsed, calls


def _queued_sms(call) -> bool:
    """An SMS the request queued for delivery (a decoy is queued the same way but never sent)."""
    item = call.params.get("Item", {}) if call.name == "dynamodb.PutItem" else {}
    return (
        call.params.get("TableName", "").endswith("notices")
        and item.get("channel") == {"S": "sms"}
        and (item.get("deliver") == {"N": "1"})
    )


def _replay(calls: list, clients: dict) -> float:
    """The same requests with bare boto3. A write's condition held the first time; sent again it would fail early
    and skip the write, so the replay sends writes without their conditions and does the same storage work."""
    from botocore.exceptions import ClientError

    requests = [(clients[call.service], call.operation, _unconditional(call.params)) for call in calls]
    started = time.perf_counter()
    for client, operation, params in requests:
        try:
            client._make_api_call(operation, params)
        except ClientError:
            pass
    return time.perf_counter() - started


_TOKEN = re.compile(r"[#:][A-Za-z0-9_]+")
_EXPRESSIONS = (
    "UpdateExpression",
    "ProjectionExpression",
    "KeyConditionExpression",
    "FilterExpression",
    "ConditionExpression",
)


def _unconditional(params: dict) -> dict:
    if "TransactItems" in params:
        items = []
        for entry in params["TransactItems"]:
            kind, body = next(iter(entry.items()))
            items.append({kind: body if kind == "ConditionCheck" else _without_condition(body)})
        return {**params, "TransactItems": items}
    return (
        _without_condition(params)
        if "ConditionExpression" in params and "Key" in params or "Item" in params
        else params
    )


def _without_condition(body: dict) -> dict:
    body = {k: v for k, v in body.items() if k != "ConditionExpression"}
    used = {token for name in _EXPRESSIONS for token in _TOKEN.findall(body.get(name, ""))}
    for field_name in ("ExpressionAttributeNames", "ExpressionAttributeValues"):
        if field_name in body:
            kept = {k: v for k, v in body[field_name].items() if k in used}
            body = {k: v for k, v in body.items() if k != field_name} | ({field_name: kept} if kept else {})
    return body


def _deliberate_costs(iterations: int) -> dict[str, float]:
    """Seconds per unit of deliberate work, at the bench's bcrypt cost and at the deployed one (for cost figures)."""
    from bench.pdf_letter import sample_letter
    from chalicelib.config import settings
    from chalicelib.crypto import check_secret, hash_secret
    from chalicelib.letters.render import render_letter

    def timed(work, runs=max(3, iterations)):
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            work()
            samples.append(time.perf_counter() - started)
        return median(samples)

    hashed = hash_secret(PASSWORD)
    letter = sample_letter("fa")
    import bcrypt

    deployed = bcrypt.hashpw(b"x", bcrypt.gensalt(12))
    return {
        "bcrypt_hash": timed(lambda: hash_secret(PASSWORD)),
        "bcrypt_check": timed(lambda: check_secret(PASSWORD, hashed)),
        "letter": timed(lambda: render_letter(letter)),
        "bcrypt_cost": settings().bcrypt_cost,
        "bcrypt_deployed_check": timed(lambda: bcrypt.checkpw(b"x", deployed), runs=3),
    }


def measure(iterations: int) -> dict:
    import boto3
    from chalice.test import Client

    from app import app
    from infra import demo

    recorder = RECORDER
    demo.load()
    routes = {(path, method) for path, methods in app.routes.items() for method in methods}
    clients = {name: boto3.client(name) for name in ("dynamodb", "s3", "sns", "ses", "secretsmanager")}
    deliberate_unit = _deliberate_costs(iterations)
    results = {}
    with Client(app, stage_name="local") as client:
        s = Session(client)
        for flow in FLOWS:
            if flow.route not in routes:
                results[flow.name] = {"absent": True, "route": f"{flow.route[1]} {flow.route[0]}"}
                continue
            if flow.name == "recovery_sms":
                while len(s.registered) < iterations + 1:
                    s.new_client_address()
                    _run_once(s, recorder, _register(s))
            times, replays, last_calls = [], [], []
            for index in range(iterations + 1):
                s.new_client_address()
                try:
                    steps = flow.prepare(s)
                    requests = len(steps)
                    elapsed, calls = _run_once(s, recorder, steps)
                except RuntimeError as error:  # the route answered otherwise than the flow expects: say so, go on
                    results[flow.name] = {"failed": str(error)[:300], "route": f"{flow.route[1]} {flow.route[0]}"}
                    break
                if index == 0:
                    continue  # the first run loads the flow's modules: a cold start, measured by cold_start
                times.append(elapsed)
                replays.append(_replay(calls, clients))
                last_calls = calls
            if flow.name in results:
                continue
            deliberate = sum(deliberate_unit[kind] * n for kind, n in flow.deliberate.items())
            p50, floor = median(times), median(replays)
            results[flow.name] = {
                "aws_calls": counts(last_calls),
                "p50_ms": round(p50 * 1000, 1),
                "p95_ms": round(percentile(times, 0.95) * 1000, 1),
                "spread": spread(times),
                "floor_p50_ms": round(floor * 1000, 1),
                "floor_spread": spread(replays),
                "runs": len(times),
                "deliberate_ms": round(deliberate * 1000, 1),
                "ratio_to_floor": round(max(p50 - deliberate, 0) / floor, 2) if floor else None,
                "requests": requests,
                "capacity": capacity_of(last_calls),
                "sms": sum(1 for c in last_calls if _queued_sms(c)),
                "scan": any(c.operation == "Scan" for c in last_calls),
            }
    return {
        "flows": results,
        "deliberate_unit_ms": {
            k: round(v * 1000, 2) if isinstance(v, float) else v for k, v in deliberate_unit.items()
        },
    }
