"""What a branch officer does with a person at the counter, having seen their ID card: look them up, activate a
branch-visit account, unfreeze, change the mobile in person, and decide dependents waiting for the branch.

Each change and its audit and activity entries are one transaction; each read of a person's data writes its
entries before the data is answered.
"""

import re
from datetime import timedelta
from typing import NamedTuple

from chalicelib import normalize
from chalicelib.crypto import same
from chalicelib.errors import Code, DomainError, NotFound, ValidationFailed
from chalicelib.flows import staff_audit
from chalicelib.flows.dependents import BRANCH_REVIEW, SUBMITTED, document_key
from chalicelib.flows.people import validated_mobile
from chalicelib.inputs import Fields
from chalicelib.instants import stamped
from chalicelib.logs import log
from chalicelib.masking import mask_mobile, mask_national_code
from chalicelib.models import accounts
from chalicelib.models.accounts import Account, Registration, RegistrationHead
from chalicelib.models.dependents import decide_dependent as store_decision
from chalicelib.models.dependents import dependent_by_id, dependents_of, dependents_page
from chalicelib.models.staff import activate_account, find
from chalicelib.paging import page_of
from chalicelib.ports import Context
from chalicelib.text import message
from chalicelib.validators import is_valid_national_code

ROLE = "branch_officer"
AWAITING = "branch_visit_required"
QUEUE_STATUSES = (SUBMITTED, BRANCH_REVIEW)
DECISIONS = ("approved", "rejected")
DOCUMENT_LINK = timedelta(minutes=5)
REASON_MAX = 500
# The serial printed on the national ID card: letters and digits (the old booklet's series included).
_SERIAL = re.compile(r"[0-9A-Za-z\u0600-\u06ff]{6,20}")


class CardSeen(NamedTuple):
    """The serial of the ID card the officer holds, recorded with the change it allowed."""

    serial: str

    @classmethod
    def read(cls, body: dict) -> "CardSeen":
        fields = Fields(body)
        serial = _serial(fields)
        fields.done()
        return cls(serial)


class Activation(NamedTuple):
    tracking_code: str
    serial: str

    @classmethod
    def read(cls, body: dict) -> "Activation":
        fields = Fields(body)
        tracking_code = normalize.code(fields.code("tracking_code") or "")
        serial = _serial(fields)
        fields.done()
        return cls(tracking_code, serial)


class MobileAtCounter(NamedTuple):
    mobile: str
    serial: str

    @classmethod
    def read(cls, body: dict) -> "MobileAtCounter":
        fields = Fields(body)
        mobile = validated_mobile(fields)
        serial = _serial(fields)
        fields.done()
        return cls(mobile, serial)


class DependentDecision(NamedTuple):
    """Approved, or rejected with a reason."""

    outcome: str
    reason: str | None

    @classmethod
    def read(cls, body: dict) -> "DependentDecision":
        fields = Fields(body)
        outcome = fields.choice("outcome", DECISIONS, "INVALID_OUTCOME", max_length=20)
        reason = fields.text("reason", required=outcome == "rejected", max_length=REASON_MAX)
        fields.done()
        return cls(outcome, normalize.persian_text(reason) if reason else None)


def person(operator, national_code: str, ctx: Context) -> dict:
    code = _national_code(national_code)
    account = find(Account, code)
    head = find(RegistrationHead, code)
    registration = find(Registration, head.registration_id) if head else None
    if account is None and registration is None:
        raise NotFound()
    dependents = dependents_of(code)
    staff_audit.record(
        operator,
        ROLE,
        "person_read",
        ctx.now,
        national_code=code,
        activity="staff_read",
        shown=message("fa", "staff_read_person"),
    )
    status = account.status if account else None
    return {
        "national_code": code,
        "first_name": (account or registration).first_name,
        "last_name": (account or registration).last_name,
        "account_status": status,
        "mobile_masked": mask_mobile(account.mobile if account else registration.mobile),
        "registration": registration
        and {
            "tracking_code": registration.tracking_code,
            "status": registration.status,
            **stamped("submitted_at", registration.created_at),
        },
        "frozen": status == "frozen",
        "dependents": [
            {"dependent_id": d.dependent_id, "relation": d.relation, "status": d.status} for d in dependents
        ],
    }


def activate(operator, national_code: str, body: dict, ctx) -> None:
    """The registration the person's tracking code names must be the one waiting for the branch; its credentials
    and mobile become the account's, in one transaction with the audit."""
    code = _national_code(national_code)
    request = Activation.read(body)
    tracking_code, serial = request.tracking_code, request.serial
    account = find(Account, code)
    if account is None:
        raise NotFound()
    head = find(RegistrationHead, code)
    registration = find(Registration, head.registration_id) if head else None
    if (
        account.status != AWAITING
        or registration is None
        or registration.status != AWAITING
        or not same(registration.tracking_code, tracking_code)
    ):
        staff_audit.record(
            operator,
            ROLE,
            "account_activation",
            ctx.now,
            national_code=code,
            target=tracking_code[:20],
            outcome="refused",
            detail=serial,
        )
        raise DomainError(Code.NOT_AWAITING_BRANCH)
    activate_account(
        account,
        registration,
        staff_audit.entries(
            operator,
            ROLE,
            "account_activated",
            ctx.now,
            national_code=code,
            target=registration.tracking_code,
            detail=serial,
            activity="staff_account_activated",
            shown=message("fa", "staff_shown_activated"),
        ),
    )
    log("branch_activated", national_code=mask_national_code(code))
    ctx.notifier.sms_after_commit(
        registration.mobile,
        message(ctx.language, "branch_activated", tracking_code=registration.tracking_code),
        ctx.now,
    )


def unfreeze(operator, national_code: str, body: dict, ctx) -> None:
    code = _national_code(national_code)
    serial = CardSeen.read(body).serial
    account = _account(code)
    entries = staff_audit.entries(
        operator,
        ROLE,
        "account_unfrozen",
        ctx.now,
        national_code=code,
        detail=serial,
        activity="staff_account_unfrozen",
        shown=message("fa", "staff_shown_unfrozen"),
    )
    accounts.unfreeze(code, *(item for item, _ in entries))
    ctx.notifier.sms_after_commit(account.mobile, message(ctx.language, "branch_unfrozen"), ctx.now)


def change_mobile(operator, national_code: str, body: dict, ctx) -> None:
    """The lost or foreign-owned phone: no ownership check (the officer saw the card); both numbers are told."""
    code = _national_code(national_code)
    request = MobileAtCounter.read(body)
    mobile, serial = request.mobile, request.serial
    account = _account(code)
    old = account.mobile
    entries = staff_audit.entries(
        operator,
        ROLE,
        "mobile_changed",
        ctx.now,
        national_code=code,
        target=mask_mobile(mobile),
        detail=serial,
        activity="staff_mobile_changed",
        shown=message("fa", "staff_shown_mobile", mobile=mask_mobile(mobile)),
    )
    # Conditioned on the number read, whatever the account's state, so two counters cannot both report the old one.
    accounts.change_account(
        code, [Account.mobile.set(mobile)], *(item for item, _ in entries), condition=Account.mobile == old
    )
    ctx.notifier.sms_after_commit(old, message(ctx.language, "branch_mobile_old", mobile=mask_mobile(mobile)), ctx.now)
    ctx.notifier.sms_after_commit(mobile, message(ctx.language, "branch_mobile_new"), ctx.now)


def dependents_queue(operator, query: dict, ctx: Context) -> dict:
    status = query.get("status") or SUBMITTED
    if status not in QUEUE_STATUSES:
        raise ValidationFailed({"status": "INVALID_STATUS"})
    list_name = f"staff_dependents\x00{status}"
    page = page_of(query, list_name, operator.member.member_id)
    items, cursor = dependents_page(status, page, list_name, operator.member.member_id)
    staff_audit.record(operator, ROLE, "dependents_listed", ctx.now, target=status)
    return {
        "items": [
            {
                "dependent_id": d.dependent_id,
                "insured_national_code_masked": mask_national_code(d.insured_national_code),
                "relation": d.relation,
                "status": d.status,
                **stamped("created_at", d.created_at),
            }
            for d in items
        ],
        "next_cursor": cursor,
    }


def dependent(operator, dependent_id: str, ctx: Context) -> dict:
    """The request with a link to each uploaded document, valid for a few minutes."""
    found = _dependent(dependent_id)
    staff_audit.record(
        operator,
        ROLE,
        "dependent_read",
        ctx.now,
        national_code=found.insured_national_code,
        target=found.dependent_id,
        activity="staff_read",
        shown=message("fa", "staff_read_dependent"),
    )
    documents = [
        {
            "kind": kind,
            "url": ctx.uploads.link(document_key(found.insured_national_code, found, kind), DOCUMENT_LINK),
            "expires_in": int(DOCUMENT_LINK.total_seconds()),
        }
        for kind in found.documents_received
    ]
    return {
        "dependent_id": found.dependent_id,
        "insured_national_code": found.insured_national_code,
        "national_code": found.dependent_national_code,
        "first_name": found.first_name,
        "last_name": found.last_name,
        "father_name": found.father_name,
        "birth_date": found.birth_date,
        "relation": found.relation,
        "student": found.student,
        "disabled": found.disabled,
        "supported": found.supported,
        "status": found.status,
        "documents_required": list(found.documents_required),
        "documents": documents,
        **stamped("created_at", found.created_at),
    }


def decide_dependent(operator, dependent_id: str, body: dict, ctx) -> None:
    """Approved or rejected with a reason; a rejected dependent's coverage by this insured person goes with it."""
    request = DependentDecision.read(body)
    outcome, reason = request.outcome, request.reason
    found = _dependent(dependent_id)
    store_decision(
        found,
        outcome,
        reason,
        ctx.now,
        QUEUE_STATUSES,
        staff_audit.entries(
            operator,
            ROLE,
            f"dependent_{outcome}",
            ctx.now,
            national_code=found.insured_national_code,
            target=found.dependent_id,
            detail=reason,
            activity=f"staff_dependent_{outcome}",
            shown=f"{found.first_name} {found.last_name}",
        ),
    )
    account = find(Account, found.insured_national_code)
    if account:
        name = f"{found.first_name} {found.last_name}"
        key = "dependent_approved" if outcome == "approved" else "dependent_rejected"
        ctx.notifier.sms_after_commit(
            account.mobile, message(ctx.language, key, name=name, reason=reason or ""), ctx.now
        )


def _national_code(raw: str) -> str:
    code = normalize.code(raw or "")
    if not is_valid_national_code(code):
        raise NotFound()
    return code


def _serial(fields: Fields) -> str | None:
    raw = fields.code("id_card_serial")
    serial = normalize.code(raw).upper() if raw else None
    if serial and not _SERIAL.fullmatch(serial):
        fields.reject("id_card_serial", "INVALID_SERIAL")
    return serial


def _account(code: str) -> Account:
    account = find(Account, code)
    if account is None:
        raise NotFound()
    return account


def _dependent(dependent_id: str):
    found = dependent_by_id(dependent_id) if 0 < len(dependent_id) <= 64 else None
    if found is None:
        raise NotFound()
    return found
