"""Helpers for the back office's and the panel's browser tests: the suite's HTTP helpers pointed at the running
stack, members enrolled in the browser or over HTTP, sign-in with the TOTP code computed from the shown secret,
and the check every page gets (axe at both sizes, a screenshot at each)."""

import time
from types import SimpleNamespace

import pyotp
import requests

from tests.browser.conftest import DESKTOP, PHONE, SHOTS, Visit, axe
from tests.conftest import Api

STAFF_PASSWORD = "Kavir#Sepehr2024"
ROOT = {"staff": "/staff", "officer": "/institution"}


class Http:
    """chalice.test.Client's `http` shape over real HTTP, so the suite's helpers (register, add_person) drive the stack."""

    def __init__(self, base: str):
        self.base, self.http = base, self

    def _send(self, method, path, headers=None, body=None):
        reply = requests.request(
            method,
            self.base + path,
            headers=headers,
            data=(body or "").encode() if isinstance(body, str) else body,
            allow_redirects=False,
            timeout=30,
        )
        return SimpleNamespace(status_code=reply.status_code, headers=reply.headers, body=reply.content)

    def get(self, path, **kw):
        return self._send("GET", path, **kw)

    def post(self, path, **kw):
        return self._send("POST", path, **kw)

    def put(self, path, **kw):
        return self._send("PUT", path, **kw)

    def delete(self, path, **kw):
        return self._send("DELETE", path, **kw)


def api_of(stack) -> Api:
    return Api(Http(stack["api"]))


def new_username(prefix: str) -> str:
    return f"{prefix}{time.time_ns() % 10**12:012d}"


def staff_enrolment(api, *roles, branch_id="2051") -> dict:
    """A staff member made as the first-admin tool makes one: answers the username and the one-time enrolment id."""
    username = new_username("s")
    body = {"username": username, "full_name": "مریم کاظمی", "roles": list(roles)}
    if "branch_officer" in roles:
        body["branch_id"] = branch_id
    created = api.post("/dev/staff", body)
    assert created.status == 201, created
    return {"username": username, "enrolment_id": created.json["enrolment_id"]}


def enrol_over_http(api, realm: str, enrolment_id: str) -> str:
    base = ROOT[realm] + "/enrolments/" + enrolment_id
    secret = api.post(base, {"password": STAFF_PASSWORD, "password_repeat": STAFF_PASSWORD}).json["totp_secret"]
    assert api.post(base + "/confirm", {"totp_code": pyotp.TOTP(secret).now()}).status == 204
    return secret


def next_code(secret: str) -> str:
    """The code of the next time step: accepted (one step of drift) and never the one the enrolment just spent."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def staff_token(api, username: str, secret: str) -> str:
    """A member's bearer token, for setting things up over HTTP (it spends the member's next TOTP step)."""
    answer = api.post(
        "/staff/auth/login", {"username": username, "password": STAFF_PASSWORD, "totp_code": next_code(secret)}
    )
    assert answer.status == 200, answer
    return answer.json["access_token"]


def institution_with_officers(api, manager_token: str, officers: int = 1) -> dict:
    """An institution added by a manager, and the usernames and enrolment ids of officers added to it."""
    made = api.post("/staff/institutions", {"name": "بانک ملت", "type": "bank"}, token=manager_token)
    assert made.status == 201, made
    institution_id = made.json["institution_id"]
    enrolments = {}
    for _ in range(officers):
        username = new_username("o")
        added = api.post(
            f"/staff/institutions/{institution_id}/officers",
            {"username": username, "full_name": "رضا توکلی"},
            token=manager_token,
        )
        assert added.status == 201, added
        enrolments[username] = added.json["enrolment_id"]
    return {"institution_id": institution_id, "officers": enrolments}


def check(page, name: str) -> None:
    """axe-core finds no WCAG 2.2 A/AA violation at 360×740 and 1280×800; a screenshot of each goes to .local/screenshots."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, label in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        assert not axe(page), (name, label, axe(page))
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def enrol_in_browser(visit, realm: str, enrolment_id: str, shots: str | None = None) -> str:
    """Password, then the QR code and the secret as text; the first code from the secret the page shows."""
    page = visit.open(f"{ROOT[realm]}/enrol.html?id={enrolment_id}")
    if shots:
        check(page, f"{shots}-enrol")
    page.fill("#f-password", STAFF_PASSWORD)
    page.fill("#f-password_repeat", STAFF_PASSWORD)
    page.click("#form button[type=submit]")
    arrive(page, "**/enrol-secret.html")
    page.wait_for_function("document.getElementById('qr').width > 0")
    secret = page.locator("#secret").inner_text().replace(" ", "")
    if shots:
        check(page, f"{shots}-enrol-secret")
    page.fill("#f-totp_code", pyotp.TOTP(secret).now())
    page.click("#form button[type=submit]")
    arrive(page, "**/index.html?enrolled=1")
    return secret


def sign_in(visit, realm: str, username: str, secret: str, shots: str | None = None):
    page = visit.open(ROOT[realm] + "/")
    if shots:
        check(page, f"{shots}-login")
    page.fill("#f-username", username)
    page.fill("#f-password", STAFF_PASSWORD)
    page.fill("#f-totp_code", next_code(secret))
    page.click("#form button[type=submit]")
    arrive(page, "**/home.html" if realm == "staff" else "**/inquiry.html")
    page.wait_for_load_state("networkidle")
    return page


def arrive(page, url_glob: str):
    """Waits for the next page; when it does not come, the assertion names what the page says instead."""
    try:
        page.wait_for_url(url_glob, timeout=10000)
    except Exception:
        raise AssertionError(f"still at {page.url}: {page.locator('main').inner_text()[:600]}") from None
    page.wait_for_load_state("networkidle")
    return page


settle = arrive


def Visit_of(browser, stack) -> Visit:
    """Another person's browser beside the test's own (its own cookies), in Persian and Tehran time."""
    return Visit(browser.new_context(viewport=DESKTOP, locale="fa-IR", timezone_id="Asia/Tehran"), stack)
