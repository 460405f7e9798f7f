"""The back office (مدیریت شعب, under /staff/) and the institution panel (پنل دستگاه‌ها, under /institution/):
pages written by web/build.py like the portal's, each with its own catalogue laid over the portal's."""
from web.build import Page, Site

STAFF = Site("staff/", [
    Page("index.html", "staff/login.html"),
    Page("enrol.html", "staff/enrol.html"),
    Page("enrol-secret.html", "staff/enrol-secret.html"),
    Page("home.html", "staff/home.html"),
    Page("person.html", "staff/person.html"),
    Page("activate.html", "staff/activate.html"),
    Page("unfreeze.html", "staff/unfreeze.html"),
    Page("mobile.html", "staff/mobile.html"),
    Page("dependents.html", "staff/dependents.html"),
    Page("dependent.html", "staff/dependent.html"),
    Page("objections.html", "staff/objections.html"),
    Page("objection.html", "staff/objection.html"),
    Page("institutions.html", "staff/institutions.html"),
    Page("institution.html", "staff/institution.html"),
    Page("key.html", "staff/key.html"),
    Page("enrolment.html", "staff/enrolment.html"),
    Page("audit.html", "staff/audit.html"),
    Page("members.html", "staff/members.html"),
    Page("member.html", "staff/member.html"),
    Page("confirm.html", "staff/confirm.html"),
], ("office", "staff"))

INSTITUTION = Site("institution/", [
    Page("index.html", "institution/login.html"),
    Page("enrol.html", "institution/enrol.html"),
    Page("enrol-secret.html", "institution/enrol-secret.html"),
    Page("inquiry.html", "institution/inquiry.html"),
    Page("recent.html", "institution/recent.html"),
], ("office", "institution"))

SITES = [STAFF, INSTITUTION]
