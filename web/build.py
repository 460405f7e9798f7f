"""Writes the portal into web/dist/: every page in Persian at / and in English at /en/, the shared assets, and
Vazirmatn as woff2 (converted from the TTFs the letters use). Jinja2 and fontTools run here only, never in the Lambda.
The back office and the institution panel (web/sites.py) are written the same way under their own prefixes.

`python -m web.build` (or `make site`); the output is plain files any static host can serve.
"""
import json
import os
import shutil
import sys
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
FONTS = ROOT.parent / "chalicelib" / "fonts"
LANGUAGES = ("fa", "en")
SYMBOLS = "! @ # $ % &"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@dataclass(frozen=True)
class Page:
    """One page: where it is written, its template, whether it needs a signed-in person (or member, on the other
    sites), and the module it runs when that is not the one named after its template. `variant` tells a template
    that serves several pages which one this is (the objection's kind, the contact being verified)."""

    path: str
    template: str
    auth: bool = False
    variant: str = ""
    script: str = ""

    @property
    def module(self) -> str:
        return self.script or self.template.replace("/", "-").removesuffix(".html")


PAGES = [
    Page("index.html", "start.html"),
    Page("register/index.html", "register/start.html"),
    Page("register/code.html", "register/code.html"),
    Page("register/identity.html", "register/identity.html"),
    Page("register/email.html", "register/email.html"),
    Page("register/questions.html", "register/questions.html"),
    Page("register/password.html", "register/password.html"),
    Page("register/review.html", "register/review.html"),
    Page("register/terms.html", "register/terms.html"),
    Page("register/done.html", "register/done.html"),
    Page("track.html", "track.html"),
    Page("login.html", "login.html"),
    Page("recover/index.html", "recover/start.html"),
    Page("recover/method.html", "recover/method.html"),
    Page("recover/verify.html", "recover/verify.html"),
    Page("recover/done.html", "recover/done.html"),
    Page("dashboard.html", "dashboard.html", auth=True),
    Page("records.html", "records.html", auth=True),
    Page("objections/index.html", "objections/list.html", auth=True),
    Page("objections/missing.html", "objections/form.html", auth=True, variant="missing"),
    Page("objections/wrong.html", "objections/form.html", auth=True, variant="wrong"),
    Page("disclosure.html", "disclosure.html", auth=True),
    Page("mailbox/index.html", "mailbox/list.html", auth=True),
    Page("mailbox/letter.html", "mailbox/letter.html", auth=True),
    Page("mailbox/permit.html", "mailbox/permit.html", auth=True),
    Page("mailbox/code.html", "mailbox/code.html", auth=True),
    Page("mailbox/cancel.html", "mailbox/cancel.html", auth=True),
    Page("mailbox/delete.html", "mailbox/delete.html", auth=True),
    Page("access-log.html", "access-log.html", auth=True),
    Page("dependents/index.html", "dependents/list.html", auth=True),
    Page("dependents/add.html", "dependents/add.html", auth=True),
    Page("dependents/added.html", "dependents/added.html", auth=True),
    Page("dependents/upload.html", "dependents/upload.html", auth=True),
    Page("dependents/delete.html", "dependents/delete.html", auth=True),
    Page("account/index.html", "account/overview.html", auth=True),
    Page("account/password.html", "account/password.html", auth=True),
    Page("account/mobile.html", "account/mobile.html", auth=True),
    Page("account/mobile-verify.html", "account/contact-verify.html", auth=True, variant="mobile"),
    Page("account/email.html", "account/email.html", auth=True),
    Page("account/email-verify.html", "account/contact-verify.html", auth=True, variant="email"),
    Page("account/questions.html", "account/questions.html", auth=True),
    Page("account/sessions.html", "account/sessions.html", auth=True),
    Page("account/freeze.html", "account/freeze.html", auth=True),
    Page("account/frozen.html", "account/frozen.html"),
    Page("account/permits.html", "account/permits.html", auth=True),
    Page("account/activity.html", "account/activity.html", auth=True),
    Page("check.html", "check.html"),
    Page("session-ended.html", "session-ended.html"),
    Page("404.html", "404.html"),
    Page("503.html", "503.html"),
]


@dataclass(frozen=True)
class Site:
    """Pages under one path prefix ("" for the portal), with the catalogues (web/text/<name>_<language>.py) whose
    entries are laid over the portal's, in order, and for sites whose pages count a session's time themselves, its
    (idle, absolute) seconds."""

    prefix: str
    pages: list
    catalogues: tuple[str, ...] = ()
    session: tuple[int, int] | None = None


PORTAL = Site("", PAGES)


def sites() -> list[Site]:
    from web import sites as others

    return [PORTAL, *others.SITES]


def _text(language: str, site: Site = PORTAL) -> dict:
    text = dict(import_module(f"web.text.{language}").TEXT)
    for name in site.catalogues:
        text.update(import_module(f"web.text.{name}_{language}").TEXT)
    return text


def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(ROOT / "templates"), undefined=StrictUndefined, autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["ltr_symbols"] = _ltr_symbols
    return env


def _ltr_symbols(text: str):
    """The password's allowed symbols as one left-to-right run, so a right-to-left line does not reorder them."""
    from markupsafe import Markup, escape

    symbols = escape(SYMBOLS)
    return Markup(escape(text).replace(symbols, Markup('<bdi dir="ltr">') + symbols + Markup("</bdi>")))


def render(page: Page, language: str, env=None, site: Site = PORTAL, panel_origin: str = "") -> str:
    """`panel_origin` is where officers enrol: the public site's origin when the back office is served from its own
    private one (the cloud); empty locally, where both sites share an origin."""
    env = env or _environment()
    text = _text(language, site)
    root = "/" + site.prefix
    base = root if language == "fa" else root + "en/"

    def t(key: str, **values) -> str:
        """A catalogue entry; the "js." entries the scripts use serve the templates too."""
        value = text[key] if key in text else text["js." + key]
        value = value.format(**values) if values else value
        return value.translate(PERSIAN_DIGITS) if language == "fa" else value

    other = "en" if language == "fa" else "fa"
    return env.get_template(f"pages/{page.template}").render(
        t=t, lang=language, dir="rtl" if language == "fa" else "ltr", page=page, base=base, site=site, panel_origin=panel_origin,
        url=lambda path="": base + path, other_url=(root if other == "fa" else root + "en/") + page.path.removesuffix("index.html"),
        js_text=json.dumps({k[3:]: v for k, v in text.items() if k.startswith("js.")}, ensure_ascii=False, separators=(",", ":")))


def convert_fonts(target: Path) -> None:
    from fontTools.ttLib import TTFont

    target.mkdir(parents=True, exist_ok=True)
    for ttf in sorted(FONTS.glob("Vazirmatn-*.ttf")):
        font = TTFont(ttf)
        font.flavor = "woff2"
        font.save(target / (ttf.stem + ".woff2"))
    shutil.copy(FONTS / "OFL.txt", target / "OFL.txt")


def build(dist: Path = DIST, panel_origin: str = os.environ.get("PANEL_ORIGIN", "")) -> Path:
    if dist.exists():
        shutil.rmtree(dist)
    shutil.copytree(ROOT / "assets", dist / "assets")
    convert_fonts(dist / "assets" / "fonts")
    env = _environment()
    for site in sites():
        for language in LANGUAGES:
            for page in site.pages:
                out = dist / site.prefix / ("" if language == "fa" else "en") / page.path
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(render(page, language, env, site, panel_origin), encoding="utf-8")
    return dist


if __name__ == "__main__":
    print(f"site written to {build(Path(sys.argv[1]) if sys.argv[1:] else DIST)}")
