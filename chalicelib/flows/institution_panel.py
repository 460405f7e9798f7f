"""پنل دستگاه‌ها: an institution's officers sign in with password and TOTP and redeem codes by hand.

The redemption is flows/inquiry.py's `redeem`, the very function behind the signed endpoint, so the 404 rules, the
institution's rate limit and the per-national-code caps are one piece of code. The person's access log names the
institution and the panel as the channel; the institution's own list names the officer.
"""

from chalicelib.flows import inquiry
from chalicelib.flows.staff_identity import OFFICERS
from chalicelib.flows.staff_identity import login as member_login
from chalicelib.instants import stamped
from chalicelib.models.institutions import active_institution, inquiries_page
from chalicelib.paging import page_of
from chalicelib.ports import Context


def admitted(officer) -> bool:
    """An officer works only while the institution is active: read on every login and request."""
    return active_institution(officer.institution_id) is not None


def login(body: dict, client: str, ctx: Context) -> dict:
    return member_login(OFFICERS, body, client, ctx, admit=admitted)


def officer_view(officer) -> dict:
    return {
        "officer_id": officer.member_id,
        "username": officer.username,
        "full_name": officer.full_name,
        "roles": [],
        "institution_id": officer.institution_id,
        "institution_name": officer.institution_name,
    }


def inquire(operator, raw_body, ctx: Context) -> dict:
    officer = operator.member
    caller = inquiry.Caller(officer.institution_id, officer.institution_name, "panel", officer.username)
    return inquiry.redeem(caller, raw_body, ctx)


def recent(operator, query: dict) -> dict:
    institution_id = operator.member.institution_id
    page = page_of(query, "institution_inquiries", institution_id)
    items, cursor = inquiries_page(institution_id, page, "institution_inquiries", institution_id)
    return {
        "items": [
            {
                **stamped("at", e.at),
                "officer_username": e.officer_username,
                "channel": e.channel,
                "tracking_number": e.tracking_number,
                "national_code_masked": e.national_code_masked,
                "outcome": e.outcome,
            }
            for e in items
        ],
        "next_cursor": cursor,
    }
