"""What an institution manager does: add institutions, list them, issue and revoke keys, disable, add officers.
Each change carries its audit entry in its own transaction (flows/institutions.py takes them as `puts`)."""
from chalicelib.errors import DomainError
from chalicelib.flows import institutions, staff_audit
from chalicelib.flows.staff_identity import OFFICERS, create_member, read_member

ROLE = "institution_manager"


def add(operator, body: dict, now) -> dict:
    institution = institutions.add(body, now, puts=lambda made: staff_audit.entries(
        operator, ROLE, "institution_added", now, target=made.institution_id))
    return {"institution_id": institution.institution_id}


def listing(operator, query: dict, now) -> dict:
    items, cursor = institutions.listing(query, operator.member.member_id)
    staff_audit.record(operator, ROLE, "institutions_listed", now)
    return {"items": items, "next_cursor": cursor}


def issue_key(operator, institution_id: str, vault, now) -> dict:
    issued = institutions.issue_key(institution_id, vault, now, puts=lambda key: staff_audit.entries(
        operator, ROLE, "institution_key_issued", now, target=f"{institution_id}/{key.key_id}"))
    return {"key_id": issued["key_id"], "secret": issued["secret"]}


def revoke_key(operator, institution_id: str, key_id: str, vault, now) -> None:
    institutions.revoke_key(institution_id, key_id, vault, puts=staff_audit.entries(
        operator, ROLE, "institution_key_revoked", now, target=f"{institution_id}/{key_id}"))


def disable(operator, institution_id: str, vault, now) -> None:
    institutions.disable(institution_id, vault, puts=staff_audit.entries(
        operator, ROLE, "institution_disabled", now, target=institution_id))


def add_officer(operator, institution_id: str, body: dict, now) -> dict:
    institution = institutions.institution_of(institution_id)
    if not institution.active:
        raise DomainError("INSTITUTION_DISABLED")
    created = create_member(OFFICERS, read_member(body, with_roles=False), institution_id, now,
                            record=lambda officer: staff_audit.entries(operator, ROLE, "officer_added", now,
                                                                       target=f"{institution_id}/{officer.member_id}"),
                            institution_id=institution_id, institution_name=institution.name)
    return {"officer_id": created["member_id"], "enrolment_id": created["enrolment_id"]}
