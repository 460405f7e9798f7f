"""The browser tier: Debian's Chromium driven by Playwright against the local stack (the session's emulator,
`chalice local` and the site server, each on a free port), as `make run` serves it to a person."""

import os
import time
import urllib.request
from pathlib import Path

import pytest

from infra import local_stack

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = ROOT / ".local" / "screenshots"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def stack(emulator_port):
    api_port = local_stack.free_port()
    local_stack.build_site()
    server = local_stack.serve(api_port, os.environ.copy(), quiet=True, autoreload=False)
    try:
        local_stack.wait_for(f"http://127.0.0.1:{api_port}/health", server)
        site, site_url = local_stack.start_site(api_port, emulator_port)
        yield {
            "site": site_url.rstrip("/"),
            "api": f"http://127.0.0.1:{api_port}",
            "emulator": f"http://127.0.0.1:{emulator_port}",
        }
        site.shutdown()
    finally:
        local_stack.stop(server)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One person's browser tab, recording every request that leaves the site's origin."""

    def __init__(self, context, stack):
        self.context, self.stack = context, stack
        self.page = context.new_page()
        self.page.set_default_timeout(15000)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", self._record)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _record(self, request):
        if not request.url.startswith((self.stack["site"] + "/", "blob:", "data:")):
            self.outside.append(request.url)

    def open(self, path: str):
        self.page.goto(self.stack["site"] + path)
        self.page.wait_for_load_state("networkidle")
        return self.page


@pytest.fixture
def visit(browser, stack):
    context = browser.new_context(viewport=DESKTOP, locale="fa-IR", timezone_id="Asia/Tehran")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=stack["site"])
    tab = Visit(context, stack)
    yield tab
    context.close()
    assert not tab.errors, tab.errors


def http(stack, method, path, body=None, headers=None):
    """A call straight to the API, as the tests' stand-in for the outside world (registries, outbox, institutions)."""
    import json

    request = urllib.request.Request(
        stack["api"] + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            data = answer.read()
            return answer.status, json.loads(data) if data else None
    except urllib.error.HTTPError as error:
        data = error.read()
        return error.code, json.loads(data) if data else None


def sms_code(stack, to: str, after: float = 0) -> str:
    import re

    for _ in range(50):
        _, outbox = http(stack, "GET", f"/dev/outbox?to={to}")
        for item in outbox["items"]:
            match = re.search(r"\b(\d{6})\b", item["body"])
            if match:
                return match.group(1)
        time.sleep(0.1)
    raise AssertionError(f"no code sent to {to}")


def axe(page) -> list:
    """WCAG 2.2 A and AA violations axe-core finds on the page as it stands."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())  # evaluated through the debugger protocol, so the page's CSP stays as it is
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']})"""
    )
    return [f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
