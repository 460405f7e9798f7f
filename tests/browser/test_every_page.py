"""Every page, in Persian and English, on a phone (360×740) and a desktop (1280×800): no WCAG 2.2 A/AA violation
that axe-core finds, a screenshot in .local/screenshots/, under 60 KB of HTML+CSS+JS (fonts aside), the security
headers, and nothing fetched from another origin."""

import json
import re

import jdatetime
import pytest
import requests

from tests.browser import people
from tests.browser.conftest import DESKTOP, PHONE, SHOTS, axe, http
from tests.browser.office import (
    ROOT,
    STAFF_PASSWORD,
    api_of,
    enrol_over_http,
    institution_with_officers,
    next_code,
    staff_enrolment,
    staff_token,
)
from tests.browser.test_staff_branch import a_dependent_with_a_document
from tests.browser.test_staff_records import OBJECTION
from web.build import LANGUAGES, PORTAL, sites
from web.build import _text as build_text
from web.sites import SITES as OFFICE_SITES
from web.sites import STAFF

BUDGET = 60 * 1024
ROLES = ("admin", "branch_officer", "records_officer", "institution_manager", "auditor")
WEIGHTS = SHOTS.parent / "page-weights.json"


STYLESHEET = re.compile(r'<link rel="stylesheet" href="/assets/([\w-]+\.css)">')
IMPORT = re.compile(r"""^import (?:[^'"]+ from )?'\./([\w-]+\.js)';""", re.M)
QR_DRAWER = "vendor/lean-qr-2.7.4.js"  # imported by office.js's enrolSecret() alone, so counted for those pages only


def page_weight(dist, page_file) -> int:
    """The bytes a browser fetches for a page, fonts aside: its HTML, every stylesheet it links (the portal's, and the
    back office's and the panel's office.css) and its module with every module that imports (the pages use static
    imports only, but for the QR drawer the enrolment pages load on demand: see QR_DRAWER)."""
    html = page_file.read_text(encoding="utf-8")
    assets = dist / "assets"
    pending, seen = ["js/" + re.search(r'src="/assets/js/([\w-]+\.js)"', html).group(1)], set()
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            source = (assets / name).read_text(encoding="utf-8")
            pending.extend("js/" + n for n in IMPORT.findall(source))
    if page_file.name == "enrol-secret.html":
        seen.add(QR_DRAWER)
    return page_file.stat().st_size + sum((assets / n).stat().st_size for n in [*STYLESHEET.findall(html), *seen])


def test_every_page_weighs_under_60_kb_fonts_aside(stack):
    from web.build import DIST

    weights = {f"/{f.relative_to(DIST)}": page_weight(DIST, f) for f in sorted(DIST.rglob("*.html"))}
    assert len(weights) == 2 * sum(len(site.pages) for site in sites())
    WEIGHTS.parent.mkdir(exist_ok=True)
    WEIGHTS.write_text(json.dumps(weights, indent=1, sort_keys=True))
    heavy = {path: size for path, size in weights.items() if size >= BUDGET}
    assert not heavy
    assert max(weights.values()) > 10 * 1024  # the measure sees the shared module and stylesheet, not just the HTML


def son_of(stack, mother) -> dict:
    today = jdatetime.date.today()
    son = people.new_person(
        stack,
        first_name="رضا",
        gender="male",
        birth_date=f"{today.year - 19}/01/01",
        mother_national_code=mother["national_code"],
    )
    return son


@pytest.fixture(scope="module")
def world(stack):
    """One person with everything a page can show: records, letters with and without a permit, a dependent waiting
    for a document, a registration and a recovery under way."""
    person = people.register(stack, email="maryam@example.com")
    people.forty_years(stack, person)
    access = people.token(stack, person)
    letter = people.letter(stack, access)
    bank = people.institution(stack, "بانک رفاه کارگران")
    status, _ = http(
        stack,
        "POST",
        f"/me/mailbox/{letter}/permit",
        {"validity": "month", "institution_id": bank["institution_id"]},
        people.bearer(access),
    )
    assert status == 201
    son = son_of(stack, person)
    status, dependent = http(
        stack,
        "POST",
        "/me/dependents",
        {"national_code": son["national_code"], "birth_date": son["birth_date"], "relation": "child", "student": True},
        people.bearer(access),
    )
    assert status == 201 and dependent["status"] == "pending_documents", dependent
    newcomer = people.new_person(stack)
    status, started = http(
        stack, "POST", "/registrations", {"national_code": newcomer["national_code"], "mobile": newcomer["mobiles"][0]}
    )
    assert status == 201
    return {
        "person": person,
        "letter": letter,
        "dependent": dependent["dependent_id"],
        "registration": {
            "id": started["registration_id"],
            "tracking_code": started["tracking_code"],
            "status": "branch_visit_required",
            "national_code": newcomer["national_code"],
            "start": {"national_code": newcomer["national_code"], "mobile": newcomer["mobiles"][0]},
        },
    }


def query(path: str, world) -> str:
    if path.startswith("mailbox/") and path != "mailbox/index.html":
        return f"?tn={world['letter']}"
    if path.startswith("dependents/") and path not in ("dependents/index.html", "dependents/add.html"):
        return f"?id={world['dependent']}"
    return ""


def storage(kept: dict) -> str:
    """An init script that puts `kept` in the tab's sessionStorage before each page runs."""
    return "".join(f"sessionStorage.setItem({json.dumps(k)}, {json.dumps(json.dumps(v))});" for k, v in kept.items())


def state(world) -> str:
    """What a person mid-way through the wizards has in this tab's storage."""
    return storage(
        {
            "registration": world["registration"],
            "recovery": {"id": "x" * 32, "challenge": {"method": "sms", "sent_to": "0912***4567"}},
            "change-mobile": {"change_id": "x" * 32, "sent_to": "0935***1234"},
            "change-email": {"change_id": "x" * 32, "sent_to": "m***@example.com"},
        }
    )


def tab(browser, stack, language, allowed=()):
    """A phone-sized tab in the language's locale, recording every request that leaves the site's origin (or the
    `allowed` address prefixes)."""
    context = browser.new_context(
        viewport=PHONE, locale="fa-IR" if language == "fa" else "en-GB", timezone_id="Asia/Tehran"
    )
    page = context.new_page()
    page.outside = []
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith((stack["site"] + "/", "blob:", "data:", *allowed)) else page.outside.append(r.url)
        ),
    )
    return context, page


def every_page(page, stack, site, language, query) -> dict:
    """Opens each page of the site in the language (the 404 page through an address that is no page) and checks the
    security headers and the direction; a screenshot and axe-core at 360×740 and 1280×800. A page whose script sent
    the tab elsewhere (a refusal, a signed-out redirect) fails here. Answers the violations by page and size."""
    problems = {}
    SHOTS.mkdir(parents=True, exist_ok=True)
    prefix = "/" + site.prefix + ("" if language == "fa" else "en/")
    for item in site.pages:
        page.set_viewport_size(PHONE)
        address = "no-such-page" if item.path == "404.html" else item.path + query(item.path)
        response = page.goto(stack["site"] + prefix + address)
        page.wait_for_load_state("networkidle")
        expected = 404 if item.path == "404.html" else 200
        assert response.status == expected, item.path
        arrived, sent = (
            u.split("?")[0].removesuffix("index.html") for u in (page.url, stack["site"] + prefix + address)
        )
        assert arrived == sent, (item.path, page.url)
        assert not page.locator("#content > .notice[role=alert]:only-child").count(), (
            item.path,
            page.locator("#content").inner_text(),
        )
        headers = response.headers
        assert (
            "'unsafe" not in headers["content-security-policy"]
            and "frame-ancestors 'none'" in headers["content-security-policy"]
        )
        assert headers["referrer-policy"] == "no-referrer" and headers["x-content-type-options"] == "nosniff"
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "fa" else "ltr")
        name = f"{language}-{(site.prefix + item.path).replace('/', '-').removesuffix('.html')}"
        for size, label in ((PHONE, "360"), (DESKTOP, "1280")):
            page.set_viewport_size(size)
            page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
            found = axe(page)
            if found:
                problems[f"{name}@{label}"] = found
    return problems


@pytest.mark.parametrize("language", ["fa", "en"])
def test_every_page_is_accessible_light_and_self_contained(browser, stack, world, language):
    context, page = tab(browser, stack, language)
    context.add_init_script(state(world))
    people_visit = type("V", (), {"context": context, "stack": stack})
    people.log_in(people_visit, world["person"])
    problems = every_page(page, stack, PORTAL, language, lambda path: query(path, world))
    context.close()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    assert not page.outside


def signed_in(stack, realm: str, username: str, secret: str) -> requests.Session:
    """A member's or officer's cookie session, made through the site's own /api path as the login page makes it."""
    client = requests.Session()
    client.headers["X-Tamin-Client"] = "web"
    answer = client.post(
        f"{stack['site']}/api{ROOT[realm]}/auth/login",
        json={"username": username, "password": STAFF_PASSWORD, "totp_code": next_code(secret), "cookie": True},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return client


@pytest.fixture(scope="module")
def office(stack):
    """A member holding every role and an officer of an institution, both signed in, and something for each detail
    page to show: a person, an objection, a dependent with its document, an institution with a key, unused
    enrolments; with what the key, enrolment, enrolment-link and confirmation pages find in the tab's storage."""
    api = api_of(stack)
    member = staff_enrolment(api, *ROLES)
    staff = signed_in(stack, "staff", member["username"], enrol_over_http(api, "staff", member["enrolment_id"]))
    manager = staff_enrolment(api, "institution_manager")
    token = staff_token(api, manager["username"], enrol_over_http(api, "staff", manager["enrolment_id"]))
    institution = institution_with_officers(api, token, officers=2)
    institution_id = institution["institution_id"]
    key = api.post(f"/staff/institutions/{institution_id}/keys", token=token).json
    (username, enrolment_id), (_, unused) = institution["officers"].items()
    officer = signed_in(stack, "officer", username, enrol_over_http(api, "officer", enrolment_id))
    person = people.register(stack)
    status, filed = http(stack, "POST", "/me/objections", OBJECTION, people.bearer(people.token(stack, person)))
    assert status == 201, filed
    details = {
        "nc": person["national_code"],
        "tc": filed["tracking_code"],
        "dependent": a_dependent_with_a_document(api),
        "institution": institution_id,
        "member": staff.get(f"{stack['site']}/api/staff/me", timeout=30).json()["staff_id"],
        "staff_enrolment": staff_enrolment(api, "auditor")["enrolment_id"],
        "officer_enrolment": unused,
    }
    back = f"/staff/institution.html?id={institution_id}"

    def kept(language: str) -> dict:
        """As the pages before them leave it: the revocation as the institution page asks for it."""
        text = build_text(language, STAFF)
        return {
            "enrolment": {
                "id": unused,
                "secret": "JBSWY3DPEHPK3PXP",
                "uri": "otpauth://totp/Tamin:o?secret=JBSWY3DPEHPK3PXP",
            },
            "issued-key": {**key, "institution_id": institution_id},
            "enrolment-link": {"link": f"{stack['site']}/institution/enrol.html?id={unused}", "back": back},
            "pending-action": {
                "question": "revoke_key",
                "method": "DELETE",
                "path": f"/staff/institutions/{institution_id}/keys/{key['key_id']}",
                "facts": [[text["js.name"], "بانک ملت"], [text["js.key"], key["key_id"], True]],
                "next": f"institution.html?id={institution_id}",
                "back": back,
            },
        }

    return {
        "cookies": [*staff.cookies, *officer.cookies],
        "details": details,
        "storage": {language: storage(kept(language)) for language in LANGUAGES},
    }


def office_query(path: str, details: dict) -> str:
    """The address of a page that shows one thing: the thing, as the page before it links there."""
    wanted = {
        "staff/enrol.html": "id=" + details["staff_enrolment"],
        "staff/person.html": "nc=" + details["nc"],
        "staff/activate.html": "nc=" + details["nc"],
        "staff/unfreeze.html": "nc=" + details["nc"],
        "staff/mobile.html": "nc=" + details["nc"],
        "staff/dependent.html": "id=" + details["dependent"],
        "staff/objection.html": "tc=" + details["tc"],
        "staff/institution.html": "id=" + details["institution"],
        "staff/member.html": "id=" + details["member"],
        "institution/enrol.html": "id=" + details["officer_enrolment"],
    }
    return "?" + wanted[path] if path in wanted else ""


@pytest.mark.parametrize("language", ["fa", "en"])
@pytest.mark.parametrize("site", OFFICE_SITES, ids=lambda site: site.prefix.strip("/"))
def test_every_office_and_panel_page_is_accessible_and_self_contained(browser, stack, office, site, language):
    """Every page of the back office and the panel from the build, signed pages reached as a member who may see them;
    the dependent's document is read from the uploads bucket, the one other origin the policy lets a page reach."""
    context, page = tab(browser, stack, language, allowed=(stack["emulator"] + "/tamin-local-uploads/",))
    context.add_init_script(office["storage"][language])
    context.add_cookies([{"name": c.name, "value": c.value, "url": stack["site"]} for c in office["cookies"]])
    problems = every_page(page, stack, site, language, lambda path: office_query(site.prefix + path, office["details"]))
    context.close()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    assert not page.outside
