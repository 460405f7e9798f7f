"""Helpers for back-office and panel tests: a member enrolled through the HTTP endpoints, with their authenticator."""

import random
from dataclasses import dataclass

import pyotp

STAFF_PASSWORD = "Kavir#Sepehr2024"
ROLES = ("admin", "branch_officer", "records_officer", "institution_manager", "auditor")


@dataclass
class Member:
    api: object
    clock: object
    username: str
    member_id: str
    secret: str
    realm: str = "staff"
    token: str | None = None

    def code(self, steps_back: int = 0) -> str:
        return pyotp.TOTP(self.secret).at(self.clock.now.timestamp() - 30 * steps_back)

    def login(self) -> str:
        """Each login spends a time step, so the clock moves on to the next one first."""
        self.clock.advance(seconds=30)
        path = "/staff/auth/login" if self.realm == "staff" else "/institution/auth/login"
        reply = self.api.post(path, {"username": self.username, "password": STAFF_PASSWORD, "totp_code": self.code()})
        assert reply.status == 200, reply
        self.token = reply.json["access_token"]
        return self.token

    def get(self, path, **kw):
        return self.api.get(path, token=self.token, **kw)

    def post(self, path, body=None, **kw):
        return self.api.post(path, body if body is not None else {}, token=self.token, **kw)

    def put(self, path, body=None, **kw):
        return self.api.put(path, body if body is not None else {}, token=self.token, **kw)

    def delete(self, path, **kw):
        return self.api.delete(path, token=self.token, **kw)


def new_username(prefix: str = "u") -> str:
    return f"{prefix}{random.randint(0, 10**12):012d}"


def enrol(api, clock, enrolment_id: str, realm: str = "staff") -> str:
    """Password then the authenticator's first code; answers the TOTP secret."""
    base = "/staff/enrolments" if realm == "staff" else "/institution/enrolments"
    reply = api.post(f"{base}/{enrolment_id}", {"password": STAFF_PASSWORD, "password_repeat": STAFF_PASSWORD})
    assert reply.status == 200, reply
    secret = reply.json["totp_secret"]
    assert reply.json["otpauth_uri"].startswith("otpauth://totp/")
    confirmed = api.post(f"{base}/{enrolment_id}/confirm", {"totp_code": pyotp.TOTP(secret).at(clock.now)})
    assert confirmed.status == 204, confirmed
    return secret


def staff_member(api, clock, *roles: str, branch_id: str | None = None, log_in: bool = True) -> Member:
    username = new_username()
    body = {"username": username, "full_name": "مریم کاظمی", "roles": list(roles)}
    if "branch_officer" in roles:
        body["branch_id"] = branch_id or "1234"
    created = api.post("/dev/staff", body)
    assert created.status == 201, created
    member = Member(api, clock, username, created.json["staff_id"], enrol(api, clock, created.json["enrolment_id"]))
    if log_in:
        member.login()
    return member


def officer(api, clock, manager: Member, institution_id: str, log_in: bool = True) -> Member:
    username = new_username("o")
    created = manager.post(
        f"/staff/institutions/{institution_id}/officers", {"username": username, "full_name": "رضا توکلی"}
    )
    assert created.status == 201, created
    member = Member(
        api,
        clock,
        username,
        created.json["officer_id"],
        enrol(api, clock, created.json["enrolment_id"], "officer"),
        "officer",
    )
    if log_in:
        member.login()
    return member
