"""The audit trail of staff actions, and the person's view of what staff read or changed of theirs.

Every staff action builds its entries here and writes them in the same transaction as the change it records
(a read records itself in a transaction of its own): the staff audit entry, and for an action on a person's
data, an entry in that person's activity naming the branch or office and the role, never the officer.
"""

from datetime import datetime, time, timedelta, timezone

from chalicelib import normalize
from chalicelib.errors import ValidationFailed
from chalicelib.instants import stamped
from chalicelib.masking import mask_national_code
from chalicelib.models.activity import activity_entry
from chalicelib.models.staff import AuditEntry, audit_entry, audit_page, audit_puts, write_together
from chalicelib.paging import page_of
from chalicelib.text import catalogue
from chalicelib.validators import is_valid_national_code


def entries(
    operator,
    role: str,
    action: str,
    now,
    national_code: str | None = None,
    target: str | None = None,
    outcome: str = "done",
    detail: str | None = None,
    activity: str | None = None,
    shown: str | None = None,
) -> list:
    """Create-only puts for the transaction of the change: the audit entry (with the `detail` auditors see), and
    with `activity` (its kind), the person's activity entry (with the `shown` text the person reads)."""
    member = operator.member
    audit = audit_entry(
        now,
        member.member_id,
        role,
        member.branch_id if role == "branch_officer" else None,
        action,
        national_code,
        target,
        outcome,
        detail,
    )
    shown_to_person = None
    if activity and national_code:
        shown_to_person = activity_entry(
            national_code, now, activity, "staff", actor_label=label(member, role), detail=shown
        )
    return audit_puts(audit, shown_to_person)


def record(operator, role: str, action: str, now, **facts) -> None:
    """For an action that changes nothing else, a read above all: its entries in one transaction of their own."""
    write_together(entries(operator, role, action, now, **facts))


def label(member, role: str) -> str:
    """What the person is shown: the branch or the office, and the role; never who."""
    text = catalogue("fa")
    role_name = text.STAFF_ROLES[role]
    if role == "branch_officer" and member.branch_id:
        return text.MESSAGES["staff_label_branch"].format(branch=member.branch_id, role=role_name)
    return text.MESSAGES["staff_label_office"].format(role=role_name)


def listing(operator, query: dict, ctx) -> dict:
    """GET /staff/audit: newest first, by actor and/or national code, within [from, to]."""
    actor = (query.get("actor") or "").strip() or None
    national_code = normalize.code(query.get("national_code") or "") or None
    errors = {}
    if national_code and not is_valid_national_code(national_code):
        errors["national_code"] = "INVALID_NATIONAL_CODE"
    if actor and len(actor) > 64:
        errors["actor"] = "INVALID_ACTOR"
    bounds = {name: _instant(query.get(name), name == "to", errors, name) for name in ("from", "to")}
    if errors:
        raise ValidationFailed(errors)
    lower = bounds["from"].isoformat() if bounds["from"] else "0"
    upper = bounds["to"].isoformat() + "~" if bounds["to"] else "~"
    caller = operator.member.member_id
    list_name = f"audit\x00{actor}\x00{national_code}\x00{lower}\x00{upper}"
    page = page_of(query, list_name, caller)
    items, cursor = audit_page(actor, national_code, lower, upper, page, list_name, caller)
    record(operator, "auditor", "audit_read", ctx.now, target=national_code and mask_national_code(national_code))
    return {"items": [_view(item) for item in items], "next_cursor": cursor}


def _instant(raw, end_of_day: bool, errors: dict, name: str) -> datetime | None:
    """An ISO instant, or a day (YYYY-MM-DD, UTC) meaning its start, or for `to` its end."""
    if not raw:
        return None
    text = normalize.digits(str(raw)).strip()
    try:
        if len(text) == 10:
            day = datetime.combine(datetime.fromisoformat(text).date(), time(), tzinfo=timezone.utc)
            return day + timedelta(days=1) - timedelta(microseconds=1) if end_of_day else day
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        errors[name] = "INVALID_INSTANT"
        return None
    if moment.tzinfo is None:
        errors[name] = "INVALID_INSTANT"
        return None
    return moment.astimezone(timezone.utc)


def _view(item: AuditEntry) -> dict:
    return {
        **stamped("at", item.at),
        "staff_id": item.staff_id,
        "role": item.role,
        "branch_id": item.branch_id,
        "action": item.action,
        "national_code_masked": mask_national_code(item.national_code) if item.national_code else None,
        "target": item.target,
        "outcome": item.outcome,
    }
