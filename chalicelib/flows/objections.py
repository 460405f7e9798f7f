"""اعتراض به سوابق: a person objects to a missing period or a wrong record; one open objection per kind."""

from typing import NamedTuple

from chalicelib import jalali, normalize
from chalicelib.contributions import MAX_NAME
from chalicelib.crypto import random_digits
from chalicelib.errors import NotFound, ServiceUnavailable
from chalicelib.flows.notices import tell_owner
from chalicelib.flows.records import text_field, workshop_code_field
from chalicelib.inputs import Fields
from chalicelib.instants import stamped
from chalicelib.logs import log
from chalicelib.masking import mask_national_code
from chalicelib.models.records import (
    Objection,
    TrackingCodeTaken,
    close_objection,
    objection,
    open_objection,
)
from chalicelib.paging import page_of, query_page
from chalicelib.ports import Context
from chalicelib.text import message

KINDS = ("missing_period", "wrong_record")
OUTCOMES = ("accepted", "rejected")
DESCRIPTION_MAX = 1000
# 12 random digits: about 40 bits, so codes are neither guessable nor likely to collide; a collision draws again.
TRACKING_DIGITS = 12
DRAWS = 3


class ObjectionRequest(NamedTuple):
    kind: str
    workshop_code: str
    workshop_name: str
    months: list[str]
    days: int
    description: str

    @classmethod
    def read(cls, body: dict, ctx: Context) -> "ObjectionRequest":
        fields = Fields(body)
        kind = fields.choice("kind", KINDS, "INVALID_KIND", max_length=40)
        workshop_code = workshop_code_field(fields)
        workshop_name = text_field(fields, "workshop_name", MAX_NAME, "INVALID_WORKSHOP_NAME")
        months = _period(fields, ctx)
        days = _days(fields, months)
        description = text_field(fields, "description", DESCRIPTION_MAX, "INVALID_DESCRIPTION")
        fields.done()
        return cls(kind, workshop_code, workshop_name, months, days, description)


def submit(national_code: str, body: dict, ctx: Context) -> dict:
    request = ObjectionRequest.read(body, ctx)
    kind = request.kind
    for _ in range(DRAWS):
        created = Objection(
            random_digits(TRACKING_DIGITS),
            national_code=national_code,
            kind=kind,
            status="submitted",
            workshop_code=request.workshop_code,
            workshop_name=request.workshop_name,
            from_month=request.months[0],
            to_month=request.months[-1],
            days=request.days,
            description=request.description,
            submitted_at=ctx.now,
        )
        try:
            open_objection(created)
            break
        except TrackingCodeTaken:
            continue
    else:
        raise ServiceUnavailable()
    log("objection_submitted", national_code=mask_national_code(national_code), kind=kind)
    _acknowledge(created, ctx)
    return {"tracking_code": created.tracking_code, "status": created.status}


def _period(fields: Fields, ctx: Context) -> list[str] | None:
    """Every month the objection covers: valid Jalali months, from <= to, none after the current month."""
    bounds = {}
    for name in ("from_month", "to_month"):
        raw = fields.code(name)
        if raw is None:
            continue
        try:
            bounds[name] = jalali.parse_month(normalize.digits(raw).strip())
        except ValueError:
            fields.reject(name, "INVALID_MONTH")
            continue
        if bounds[name] > jalali.month_of(ctx.now):
            fields.reject(name, "FUTURE_MONTH")
    if len(bounds) < 2 or fields.errors.keys() & bounds.keys():
        return None
    if bounds["from_month"] > bounds["to_month"]:
        fields.reject("to_month", "BEFORE_FROM_MONTH")
        return None
    return jalali.months_between(bounds["from_month"], bounds["to_month"])


def _days(fields: Fields, months: list[str] | None) -> int | None:
    """Whole days, at most as many as the period has."""
    raw = fields.code("days")
    if raw is None:
        return None
    text = normalize.digits(raw).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        fields.reject("days", "INVALID_DAYS")
        return None
    days = int(text)
    if months is not None and days > sum(jalali.month_length(month) for month in months):
        fields.reject("days", "DAYS_EXCEED_PERIOD")
    return days


def _acknowledge(created: Objection, ctx: Context) -> None:
    """The SMS is a courtesy: the objection stands and the answer carries its tracking code even if it fails."""
    tell_owner(
        created.national_code,
        message(ctx.language, "objection_received", tracking_code=created.tracking_code),
        ctx,
        "objection_received",
    )


def listing(national_code: str, query: dict) -> dict:
    page = page_of(query, "objections", national_code)
    items, cursor = query_page(
        Objection.by_person, national_code, page, "objections", national_code, scan_index_forward=False
    )
    return {"items": [public_view(item) for item in items], "next_cursor": cursor}


def public_view(item: Objection) -> dict:
    shown = {
        "tracking_code": item.tracking_code,
        "kind": item.kind,
        "status": item.status,
        **stamped("submitted_at", item.submitted_at),
        "workshop_code": item.workshop_code,
        "workshop_name": item.workshop_name,
        "from_month": item.from_month,
        "to_month": item.to_month,
        "days": item.days,
        "description": item.description,
    }
    if item.resolved_at:
        shown.update(stamped("resolved_at", item.resolved_at))
    return shown


class Resolution(NamedTuple):
    outcome: str

    @classmethod
    def read(cls, body: dict) -> "Resolution":
        fields = Fields(body)
        outcome = fields.choice("outcome", OUTCOMES, "INVALID_OUTCOME", max_length=20)
        fields.done()
        return cls(outcome)


def resolve(tracking_code: str, body: dict, ctx: Context) -> None:
    """What an operator does when the objection has been examined; the person may then object again."""
    outcome = Resolution.read(body).outcome
    found = objection(normalize.code(tracking_code))
    if found is None:
        raise NotFound()
    close_objection(found, outcome, ctx.now)
    log("objection_resolved", national_code=mask_national_code(found.national_code), outcome=outcome)
