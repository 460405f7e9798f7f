"""Every page, in Persian and English, on a phone (360×740) and a desktop (1280×800): no WCAG 2.2 A/AA violation
that axe-core finds, a screenshot in .local/screenshots/, under 60 KB of HTML+CSS+JS (fonts aside), the security
headers, and nothing fetched from another origin."""

import json
import re

import jdatetime
import pytest

from tests.browser import people
from tests.browser.conftest import DESKTOP, PHONE, SHOTS, axe, http
from web.build import PAGES, sites

BUDGET = 60 * 1024
WEIGHTS = SHOTS.parent / "page-weights.json"


IMPORT = re.compile(r"""^import (?:[^'"]+ from )?'\./([\w-]+\.js)';""", re.M)


def page_weight(dist, page_file) -> int:
    """The bytes a browser fetches for a page, fonts aside: its HTML, the stylesheet and its module with every module
    that imports (the pages use static imports only, so this is the whole graph)."""
    html = page_file.read_text(encoding="utf-8")
    scripts = dist / "assets" / "js"
    pending, seen = [re.search(r'src="/assets/js/([\w-]+\.js)"', html).group(1)], set()
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(IMPORT.findall((scripts / name).read_text(encoding="utf-8")))
    return (
        page_file.stat().st_size
        + (dist / "assets" / "site.css").stat().st_size
        + sum((scripts / n).stat().st_size for n in seen)
    )


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


def state(world) -> str:
    """What a person mid-way through the wizards has in this tab's storage, put there before each page runs."""
    kept = {
        "registration": world["registration"],
        "recovery": {"id": "x" * 32, "challenge": {"method": "sms", "sent_to": "0912***4567"}},
        "change-mobile": {"change_id": "x" * 32, "sent_to": "0935***1234"},
        "change-email": {"change_id": "x" * 32, "sent_to": "m***@example.com"},
    }
    return "".join(f"sessionStorage.setItem({json.dumps(k)}, {json.dumps(json.dumps(v))});" for k, v in kept.items())


@pytest.mark.parametrize("language", ["fa", "en"])
def test_every_page_is_accessible_light_and_self_contained(browser, stack, world, language):
    context = browser.new_context(
        viewport=PHONE, locale="fa-IR" if language == "fa" else "en-GB", timezone_id="Asia/Tehran"
    )
    context.add_init_script(state(world))
    people_visit = type("V", (), {"context": context, "stack": stack})
    people.log_in(people_visit, world["person"])
    page = context.new_page()
    outside, problems = [], {}
    page.on(
        "request",
        lambda r: None if r.url.startswith((stack["site"] + "/", "blob:", "data:")) else outside.append(r.url),
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    prefix = "/" if language == "fa" else "/en/"
    for item in PAGES:
        page.set_viewport_size(PHONE)
        address = "no-such-page" if item.path == "404.html" else item.path + query(item.path, world)
        response = page.goto(stack["site"] + prefix + address)
        page.wait_for_load_state("networkidle")
        expected = 404 if item.path == "404.html" else 200
        assert response.status == expected, item.path
        headers = response.headers
        assert (
            "'unsafe" not in headers["content-security-policy"]
            and "frame-ancestors 'none'" in headers["content-security-policy"]
        )
        assert headers["referrer-policy"] == "no-referrer" and headers["x-content-type-options"] == "nosniff"
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "fa" else "ltr")
        name = f"{language}-{item.path.replace('/', '-').removesuffix('.html')}"
        for size, label in ((PHONE, "360"), (DESKTOP, "1280")):
            page.set_viewport_size(size)
            page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
            found = axe(page)
            if found:
                problems[f"{name}@{label}"] = found
    context.close()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    assert not outside
