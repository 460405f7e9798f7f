"""Admins manage staff: add a member (who then enrols), list, change roles, disable. Every change is audited in
its own transaction, and a role change or a disable moves the member's epoch so their sessions end at once."""

from typing import NamedTuple

from chalicelib.errors import Code, DomainError, NotFound
from chalicelib.flows import staff_audit
from chalicelib.flows.staff_identity import STAFF, MemberRequest, create_member, read_roles, view
from chalicelib.inputs import Fields
from chalicelib.models import staff as storage
from chalicelib.models.staff import StaffMember, find
from chalicelib.paging import page_of
from chalicelib.ports import Context

DIRECTORY = "staff"


class RolesChange(NamedTuple):
    roles: list[str]
    branch_id: str | None

    @classmethod
    def read(cls, body: dict) -> "RolesChange":
        fields = Fields(body)
        roles, branch_id = read_roles(fields)
        fields.done()
        return cls(roles, branch_id)


def add(operator, body: dict, ctx: Context) -> dict:
    now = ctx.now
    details = MemberRequest.read(body, with_roles=True)
    created = create_member(
        STAFF,
        details,
        DIRECTORY,
        now,
        record=lambda member: staff_audit.entries(
            operator, "admin", "member_created", now, target=member.member_id, detail=",".join(member.roles)
        ),
    )
    return {"staff_id": created["member_id"], "enrolment_id": created["enrolment_id"]}


def first_admin(username: str, full_name: str, ctx: Context) -> dict:
    """What the command-line tool and the local stage's POST /dev/staff do; no session exists to audit it by."""
    return bootstrap({"username": username, "full_name": full_name, "roles": ["admin"]}, ctx)


def bootstrap(body: dict, ctx: Context) -> dict:
    created = create_member(STAFF, MemberRequest.read(body, with_roles=True), DIRECTORY, ctx.now)
    return {"staff_id": created["member_id"], "enrolment_id": created["enrolment_id"]}


def active_admins() -> list[StaffMember]:
    return storage.active_admins()


def listing(operator, query: dict, ctx: Context) -> dict:
    page = page_of(query, "staff_members", operator.member.member_id)
    items, cursor = storage.members_page(StaffMember, DIRECTORY, page, "staff_members", operator.member.member_id)
    staff_audit.record(operator, "admin", "members_listed", ctx.now)
    return {"items": [view(member) for member in items], "next_cursor": cursor}


def change_roles(operator, staff_id: str, body: dict, ctx: Context) -> None:
    request = RolesChange.read(body)
    roles, branch_id = request.roles, request.branch_id
    member = _other_member(operator, staff_id)
    storage.change_roles(
        member,
        roles,
        branch_id,
        staff_audit.entries(
            operator, "admin", "member_roles_changed", ctx.now, target=member.member_id, detail=",".join(roles)
        ),
    )


def disable(operator, staff_id: str, ctx: Context) -> None:
    member = _other_member(operator, staff_id)
    storage.disable_member(
        member, staff_audit.entries(operator, "admin", "member_disabled", ctx.now, target=member.member_id)
    )


def _other_member(operator, staff_id: str) -> StaffMember:
    """An admin changes others, never themselves: no admin can lock the back office out by a slip, and a second
    admin must approve a change to an admin's own access."""
    if staff_id == operator.member.member_id:
        raise DomainError(Code.FORBIDDEN)
    return _member(staff_id)


def _member(staff_id: str) -> StaffMember:
    member = find(StaffMember, staff_id) if 0 < len(staff_id) <= 80 else None
    if member is None:
        raise NotFound()
    return member


def login(body: dict, client: str, ctx) -> dict:
    """The staff login, its audit entry written with the session."""
    from chalicelib.flows.staff_identity import Operator
    from chalicelib.flows.staff_identity import login as member_login

    return member_login(
        STAFF,
        body,
        client,
        ctx,
        record=lambda member: staff_audit.entries(Operator(member, ""), member.roles[0], "login", ctx.now),
    )


def logout(operator, ctx: Context) -> None:
    """The session ends with its audit entry."""
    from chalicelib.flows.staff_identity import logout as end

    end(STAFF, operator, staff_audit.entries(operator, operator.member.roles[0], "logout", ctx.now))
