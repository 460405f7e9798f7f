"""What an institution manager does: add institutions, list them, issue and revoke keys, disable, add officers.
Each change carries its audit entry in its own transaction (flows/institutions.py takes them as `puts`)."""

from chalicelib.errors import Code, DomainError
from chalicelib.flows import institutions, staff_audit
from chalicelib.flows.staff_identity import OFFICERS, MemberRequest, create_member
from chalicelib.ports import Context

ROLE = "institution_manager"


def add(operator, body: dict, ctx: Context) -> dict:
    institution = institutions.add(
        body,
        ctx,
        puts=lambda made: staff_audit.entries(operator, ROLE, "institution_added", ctx.now, target=made.institution_id),
    )
    return {"institution_id": institution.institution_id}


def listing(operator, query: dict, ctx: Context) -> dict:
    items, cursor = institutions.listing(query, operator.member.member_id)
    staff_audit.record(operator, ROLE, "institutions_listed", ctx.now)
    return {"items": items, "next_cursor": cursor}


def issue_key(operator, institution_id: str, ctx: Context) -> dict:
    issued = institutions.issue_key(
        institution_id,
        ctx,
        puts=lambda key: staff_audit.entries(
            operator, ROLE, "institution_key_issued", ctx.now, target=f"{institution_id}/{key.key_id}"
        ),
    )
    return {"key_id": issued["key_id"], "secret": issued["secret"]}


def revoke_key(operator, institution_id: str, key_id: str, ctx: Context) -> None:
    institutions.revoke_key(
        institution_id,
        key_id,
        ctx,
        puts=staff_audit.entries(
            operator, ROLE, "institution_key_revoked", ctx.now, target=f"{institution_id}/{key_id}"
        ),
    )


def disable(operator, institution_id: str, ctx: Context) -> None:
    institutions.disable(
        institution_id,
        ctx,
        puts=staff_audit.entries(operator, ROLE, "institution_disabled", ctx.now, target=institution_id),
    )


def add_officer(operator, institution_id: str, body: dict, ctx: Context) -> dict:
    institution = institutions.institution_of(institution_id)
    if not institution.active:
        raise DomainError(Code.INSTITUTION_DISABLED)
    created = create_member(
        OFFICERS,
        MemberRequest.read(body, with_roles=False),
        institution_id,
        ctx.now,
        record=lambda officer: staff_audit.entries(
            operator, ROLE, "officer_added", ctx.now, target=f"{institution_id}/{officer.member_id}"
        ),
        institution_id=institution_id,
        institution_name=institution.name,
    )
    return {"officer_id": created["member_id"], "enrolment_id": created["enrolment_id"]}
