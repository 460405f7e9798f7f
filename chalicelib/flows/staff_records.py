"""What a records officer does with objections: the queue, oldest first; taking one into review; deciding it.

An accepted objection's corrected months are written into the person's records in the very transaction that
closes the objection (with the audit and the person's activity entry), each marked with the objection it came
from: the person sees them in GET /me/records at once, and later employer lists leave them alone
(models/records.py `correction_key`).
"""

from typing import NamedTuple

from chalicelib import normalize
from chalicelib.contributions import MAX_NAME, ContributionError, validate_months
from chalicelib.errors import NotFound, ValidationFailed
from chalicelib.flows import staff_audit
from chalicelib.flows.objections import OUTCOMES, public_view
from chalicelib.inputs import Fields
from chalicelib.logs import log
from chalicelib.masking import mask_national_code
from chalicelib.models.accounts import Account
from chalicelib.models.records import (
    Objection,
    Record,
    correction,
    decide_objection,
    objection,
    objections_page,
    take_objection,
)
from chalicelib.models.staff import find
from chalicelib.paging import page_of
from chalicelib.ports import Context
from chalicelib.text import message

ROLE = "records_officer"
QUEUE_STATUSES = ("submitted", "under_review")
NOTE_MAX = 1000
# A transaction holds 100 items: the decision, the lock, the audit and activity entries leave room for this many.
MAX_CORRECTIONS = 96


class Decision(NamedTuple):
    """The outcome, a note, and the raw corrections (checked once the objection they belong to is found)."""

    outcome: str
    note: str | None
    corrections: list

    @classmethod
    def read(cls, body: dict) -> "Decision":
        fields = Fields(body)
        outcome = fields.choice("outcome", OUTCOMES, "INVALID_OUTCOME", max_length=20)
        note = fields.text("note", required=False, max_length=NOTE_MAX)
        corrections = fields.items("corrections", required=False) or []
        fields.done()
        return cls(outcome, normalize.persian_text(note) if note else None, corrections)


def queue(operator, query: dict, ctx: Context) -> dict:
    status = query.get("status") or "submitted"
    if status not in QUEUE_STATUSES:
        raise ValidationFailed({"status": "INVALID_STATUS"})
    list_name = f"staff_objections\x00{status}"
    page = page_of(query, list_name, operator.member.member_id)
    items, cursor = objections_page(status, page, list_name, operator.member.member_id)
    staff_audit.record(operator, ROLE, "objections_listed", ctx.now, target=status)
    return {
        "items": [
            {
                **public_view(item),
                "national_code_masked": mask_national_code(item.national_code),
                "assigned_to": item.assigned_to,
            }
            for item in items
        ],
        "next_cursor": cursor,
    }


def review(operator, tracking_code: str, ctx: Context) -> None:
    found = _objection(tracking_code)
    take_objection(
        found,
        operator.member.member_id,
        staff_audit.entries(
            operator,
            ROLE,
            "objection_review",
            ctx.now,
            national_code=found.national_code,
            target=found.tracking_code,
            activity="staff_objection_review",
            shown=message("fa", "staff_shown_objection_review", tracking_code=found.tracking_code),
        ),
    )


def decide(operator, tracking_code: str, body: dict, ctx) -> None:
    """Only the officer who took the objection into review decides it (NOT_UNDER_REVIEW otherwise)."""
    request = Decision.read(body)
    outcome, note = request.outcome, request.note
    found = _objection(tracking_code)
    records = _corrections(request.corrections, found, outcome)
    decide_objection(
        found,
        outcome,
        ctx.now,
        operator.member.member_id,
        note,
        records,
        staff_audit.entries(
            operator,
            ROLE,
            f"objection_{outcome}",
            ctx.now,
            national_code=found.national_code,
            target=found.tracking_code,
            detail=f"{len(records)} corrections",
            activity="staff_objection_decided",
            shown=message(
                "fa",
                "staff_shown_objection_decided",
                tracking_code=found.tracking_code,
                outcome=message("fa", f"objection_outcome_{outcome}"),
            ),
        ),
    )
    log(
        "objection_decided",
        national_code=mask_national_code(found.national_code),
        outcome=outcome,
        corrections=len(records),
    )
    account = find(Account, found.national_code)
    if account:
        key = "objection_accepted" if outcome == "accepted" else "objection_rejected"
        ctx.notifier.sms_after_commit(
            account.mobile, message(ctx.language, key, tracking_code=found.tracking_code, note=note or ""), ctx.now
        )


def _corrections(corrections: list, found: Objection, outcome: str) -> list[Record]:
    """Each correction a month of one workshop, checked as an employer list's month is; only an acceptance has any."""
    if corrections and outcome != "accepted":
        raise ValidationFailed({"corrections": "ONLY_WHEN_ACCEPTED"})
    if len(corrections) > MAX_CORRECTIONS:
        raise ValidationFailed({"corrections": "TOO_MANY"})
    errors, records, seen = {}, [], set()
    for position, entry in enumerate(corrections):
        path = f"corrections[{position}]"
        if not isinstance(entry, dict):
            errors[path] = "INVALID_ENTRY"
            continue
        try:
            month = validate_months([entry], prefix="entry")[0]
        except ContributionError as error:
            errors.update({name.replace("entry[0]", path): code for name, code in error.fields.items()})
            continue
        fields = Fields(entry)
        workshop_code = normalize.code(fields.code("workshop_code") or "")
        names = {
            name: normalize.persian_text(fields.text(name, max_length=MAX_NAME) or "")
            for name in ("workshop_name", "employer_name")
        }
        errors.update({f"{path}.{name}": code for name, code in fields.errors.items()})
        if not (workshop_code.isascii() and workshop_code.isdigit() and len(workshop_code) <= 20):
            errors[f"{path}.workshop_code"] = "INVALID_WORKSHOP_CODE"
            continue
        if (month["month"], workshop_code) in seen:
            errors[f"{path}.month"] = "DUPLICATE_MONTH"
        seen.add((month["month"], workshop_code))
        records.append(
            correction(
                found.national_code,
                month["month"],
                workshop_code,
                names["workshop_name"],
                names["employer_name"],
                month["days"],
                month["wage"],
                month["job_title"] or None,
                found.tracking_code,
            )
        )
    if errors:
        raise ValidationFailed(errors)
    return records


def _objection(tracking_code: str) -> Objection:
    found = objection(normalize.code(tracking_code)) if 0 < len(tracking_code) <= 40 else None
    if found is None:
        raise NotFound()
    return found
