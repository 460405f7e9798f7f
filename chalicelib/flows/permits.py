"""صدور مجوز استعلام: access codes a person issues on a mailbox letter for institutions, their cancellation and expiry.

The MailboxItem holds the current permit (what the owner sees); the Grant, keyed by the code's keyed hash, is what an
inquiry finds. Both change in one transaction, and the item's condition is what keeps a letter to one active permit.
"""

from datetime import timedelta
from typing import NamedTuple

from chalicelib.crypto import keyed_hash, random_digits
from chalicelib.errors import Code, DomainError, ValidationFailed
from chalicelib.flows.notices import tell_owner
from chalicelib.inputs import Fields
from chalicelib.instants import stamped
from chalicelib.logs import log
from chalicelib.masking import mask_national_code
from chalicelib.models.activity import activity_entry
from chalicelib.models.disclosure import (
    Grant,
    active_permits,
    cancel_permit,
    clear_expired_permit,
    commit_permit,
    expire_grant,
    owned_item,
)
from chalicelib.models.institutions import active_institution, active_institutions
from chalicelib.normalize import comparable
from chalicelib.ports import Context
from chalicelib.text import message, when

VALIDITY = {
    "day": timedelta(days=1),
    "week": timedelta(days=7),
    "month": timedelta(days=30),
    "year": timedelta(days=365),
}
# Spent grants stay this long after their end, so a late inquiry with the code is still logged as "expired".
RETENTION = timedelta(days=90)
# The sparse expiry index is spread over a few partitions so no single one is hot; the job queries each.
SHARDS = 4
CODE_PURPOSE = "access_code"
# The public institutions list answers at most this many names; a person narrows it by typing part of a name.
INSTITUTIONS_SHOWN = 50


def due_shard(code_hash: str) -> str:
    """The one place a grant's shard is chosen: the code hash is uniformly random, so shards fill evenly."""
    return str(int(code_hash[:8], 16) % SHARDS)


def code_hash(code: str) -> str:
    """The lookup form of a 12-digit access code: a stolen grants table reveals no code."""
    return keyed_hash(CODE_PURPOSE, code)


class PermitRequest(NamedTuple):
    validity: str
    institution_id: str | None

    @classmethod
    def read(cls, body: dict) -> "PermitRequest":
        fields = Fields(body)
        validity = fields.choice("validity", VALIDITY, "INVALID_VALIDITY", max_length=10)
        institution_id = fields.text("institution_id", required=False, max_length=64)
        fields.done()
        return cls(validity, institution_id)


def institutions(query: str) -> dict:
    """Active institutions whose name contains the query, compared the way Persian text is normalised."""
    wanted = comparable(query or "")[:100]
    found = []
    for institution in active_institutions():
        if wanted in comparable(institution.name):
            found.append(
                {"institution_id": institution.institution_id, "name": institution.name, "type": institution.type}
            )
            if len(found) == INSTITUTIONS_SHOWN:
                break
    return {"items": found}


def issue(national_code: str, tracking_number: str, body: dict, ctx: Context) -> dict:
    request = PermitRequest.read(body)
    validity, institution_id = request.validity, request.institution_id
    item = owned_item(national_code, tracking_number)
    if institution_id and active_institution(institution_id) is None:
        raise ValidationFailed({"institution_id": "UNKNOWN_INSTITUTION"})
    if item.permit_active(ctx.now):
        raise DomainError(Code.PERMIT_ALREADY_ACTIVE)
    code = random_digits(12)
    hashed, until = code_hash(code), ctx.now + VALIDITY[validity]
    access_code = f"{code[:4]}-{code[4:8]}-{code[8:]}"
    grant = Grant(
        hashed,
        national_code=national_code,
        tracking_number=item.tracking_number,
        institution_id=institution_id,
        issued_at=ctx.now,
        inquirable_until=until,
        status="active",
        uses=0,
        due_shard=due_shard(hashed),
        expires=until + RETENTION,
    )
    commit_permit(
        item,
        grant,
        access_code,
        ctx.now,
        activity_entry(national_code, ctx.now, "permit_issued", "self", detail=item.tracking_number),
    )
    log("permit_issued", national_code=mask_national_code(national_code), validity=validity, bound=bool(institution_id))
    tell_owner(
        national_code,
        message(ctx.language, "permit_issued", tracking_number=item.tracking_number, **when(ctx.language, until)),
        ctx,
        "permit_issued",
    )
    return {"access_code": access_code, **stamped("inquirable_until", until), "institution_id": institution_id}


def cancel(national_code: str, tracking_number: str, ctx: Context) -> None:
    item = owned_item(national_code, tracking_number)
    if not item.permit_active(ctx.now):
        raise DomainError(Code.NO_ACTIVE_PERMIT)
    _cancel(item, ctx)


def cancel_all(national_code: str, ctx: Context) -> int:
    """Every active permit of the person stops at once (revoke-all, freeze); answers how many were stopped."""
    stopped = 0
    for item in active_permits(national_code, ctx.now):
        try:
            _cancel(item, ctx)
        except DomainError as error:
            if (
                error.code != Code.NO_ACTIVE_PERMIT.name
            ):  # ended meanwhile (expired, cancelled, deleted): nothing to stop
                raise
            continue
        stopped += 1
    return stopped


def _cancel(item, ctx: Context) -> None:
    cancel_permit(
        item,
        ctx.now,
        activity_entry(item.national_code, ctx.now, "permit_cancelled", "self", detail=item.tracking_number),
    )
    log("permit_cancelled", national_code=mask_national_code(item.national_code))


def expire_due(ctx: Context) -> int:
    """Marks every permit whose time has passed as expired and tells its owner; reads only the sparse `due` index."""
    processed = 0
    for shard in range(SHARDS):
        for grant in Grant.due.query(str(shard), Grant.inquirable_until <= ctx.now):
            processed += _expire(grant, ctx)
    if processed:
        log("permits_expired", count=processed)
    return processed


def _expire(grant: Grant, ctx: Context) -> int:
    """1 when this run expired the grant; the index is eventually consistent, so a grant seen twice counts once."""
    if not expire_grant(grant, ctx.now):
        return 0
    item = clear_expired_permit(grant)
    if item is not None:  # else the letter has since moved on to a newer permit (or is gone): nothing to tell
        tell_owner(
            item.national_code,
            message("fa", "permit_expired", tracking_number=item.tracking_number),
            ctx,
            "permit_expired",
        )
    return 1
