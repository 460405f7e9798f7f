"""The back office (مدیریت شعب, under /staff/) and the institution panel (پنل دستگاه‌ها, under /institution/):
pages written by web/build.py like the portal's, each with its own catalogue laid over the portal's.
`auth=True` marks the pages of a signed-in member: they carry the idle warning and count the session's time."""
from chalicelib.flows.staff_identity import ABSOLUTE_LIFETIME, IDLE_TIMEOUT, TOUCH_EVERY
from web.build import Page, Site

# The API records a member's activity at most once a TOUCH_EVERY, so a page counts its idle time from that much less.
SESSION = (int((IDLE_TIMEOUT - TOUCH_EVERY).total_seconds()), int(ABSOLUTE_LIFETIME.total_seconds()))
ERRORS = [Page("404.html", "office/error.html", script="404"), Page("503.html", "office/error.html", script="503")]

STAFF = Site("staff/", [
    Page("index.html", "staff/login.html"),
    Page("enrol.html", "staff/enrol.html"),
    Page("enrol-secret.html", "staff/enrol-secret.html"),
    Page("home.html", "staff/home.html", auth=True),
    Page("person.html", "staff/person.html", auth=True),
    Page("activate.html", "staff/activate.html", auth=True),
    Page("unfreeze.html", "staff/unfreeze.html", auth=True),
    Page("mobile.html", "staff/mobile.html", auth=True),
    Page("dependents.html", "staff/dependents.html", auth=True),
    Page("dependent.html", "staff/dependent.html", auth=True),
    Page("objections.html", "staff/objections.html", auth=True),
    Page("objection.html", "staff/objection.html", auth=True),
    Page("institutions.html", "staff/institutions.html", auth=True),
    Page("institution.html", "staff/institution.html", auth=True),
    Page("key.html", "staff/key.html", auth=True),
    Page("enrolment.html", "staff/enrolment.html", auth=True),
    Page("audit.html", "staff/audit.html", auth=True),
    Page("members.html", "staff/members.html", auth=True),
    Page("member.html", "staff/member.html", auth=True),
    Page("confirm.html", "staff/confirm.html", auth=True),
    *ERRORS,
], ("office", "staff"), SESSION)

INSTITUTION = Site("institution/", [
    Page("index.html", "institution/login.html"),
    Page("enrol.html", "institution/enrol.html"),
    Page("enrol-secret.html", "institution/enrol-secret.html"),
    Page("inquiry.html", "institution/inquiry.html", auth=True),
    Page("recent.html", "institution/recent.html", auth=True),
    *ERRORS,
], ("office", "institution"), SESSION)

SITES = [STAFF, INSTITUTION]
