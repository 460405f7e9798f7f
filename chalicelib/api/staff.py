"""The back office (مدیریت شعب): enrolment, login, members, branch work, records work, institutions, audit.

Served only in the staff stage (a private API) and the local stage; 404 everywhere else, whatever the method.
"""

from chalice import Blueprint

from chalicelib.api.objections import OBJECTION
from chalicelib.api.staff_routes import STAFF_SESSION, STAFF_STAGES, staff_endpoint
from chalicelib.schemas import (
    BOOLEAN,
    ENROLMENT,
    INTEGER,
    MEMBER_LOGIN,
    MEMBER_PASSWORD,
    MEMBER_SESSION,
    NO_BODY,
    PAGING,
    STRING,
    TOTP,
    answer,
    array,
    body,
    nullable,
    one_of,
    paged,
    stamped,
)
from chalicelib.web import cleared_cookie, endpoint, session_answer, wants_cookie

bp = Blueprint(__name__)

ADMIN, BRANCH, RECORDS, INSTITUTIONS, AUDITOR = (
    ("admin",),
    ("branch_officer",),
    ("records_officer",),
    ("institution_manager",),
    ("auditor",),
)
ROLES = array(one_of("admin", "branch_officer", "records_officer", "institution_manager", "auditor"))
NEW_MEMBER = body(
    {"username": STRING, "full_name": STRING, "roles": ROLES, "branch_id": STRING},
    required=("username", "full_name", "roles"),
)
CREATED_MEMBER = answer({"staff_id": STRING, "enrolment_id": STRING})
MEMBER = answer(
    {
        "staff_id": STRING,
        "username": STRING,
        "full_name": STRING,
        "roles": array(STRING),
        "branch_id": nullable(STRING),
        "status": STRING,
        **stamped("created_at"),
    }
)
SERIAL = {"id_card_serial": STRING}
PERSON = answer(
    {
        "national_code": STRING,
        "first_name": nullable(STRING),
        "last_name": nullable(STRING),
        "account_status": nullable(STRING),
        "mobile_masked": STRING,
        "registration": nullable(answer({"tracking_code": STRING, "status": STRING, **stamped("submitted_at")})),
        "frozen": BOOLEAN,
        "dependents": array(answer({"dependent_id": STRING, "relation": STRING, "status": STRING})),
    }
)
QUEUED_DEPENDENT = answer(
    {
        "dependent_id": STRING,
        "insured_national_code_masked": STRING,
        "relation": STRING,
        "status": STRING,
        **stamped("created_at"),
    }
)
DEPENDENT = answer(
    {
        "dependent_id": STRING,
        "insured_national_code": STRING,
        "national_code": STRING,
        "first_name": STRING,
        "last_name": STRING,
        "father_name": STRING,
        "birth_date": STRING,
        "relation": STRING,
        "student": BOOLEAN,
        "disabled": BOOLEAN,
        "supported": BOOLEAN,
        "status": STRING,
        "documents_required": array(STRING),
        "documents": array(answer({"kind": STRING, "url": STRING, "expires_in": INTEGER})),
        **stamped("created_at"),
    }
)
QUEUED_OBJECTION = {
    **OBJECTION,
    "properties": {**OBJECTION["properties"], "national_code_masked": STRING, "assigned_to": nullable(STRING)},
    "required": [*OBJECTION["required"], "national_code_masked", "assigned_to"],
}
CORRECTION = body(
    {
        "workshop_code": STRING,
        "workshop_name": STRING,
        "employer_name": STRING,
        "month": STRING,
        "days": INTEGER,
        "wage": INTEGER,
        "job_title": STRING,
    }
)
INSTITUTION = answer(
    {
        "institution_id": STRING,
        "name": STRING,
        "type": STRING,
        "status": one_of("active", "disabled"),
        "key_ids": array(STRING),
        **stamped("created_at"),
    }
)
AUDIT_ENTRY = answer(
    {
        **stamped("at"),
        "staff_id": STRING,
        "role": STRING,
        "branch_id": nullable(STRING),
        "action": STRING,
        "national_code_masked": nullable(STRING),
        "target": nullable(STRING),
        "outcome": STRING,
    }
)


@endpoint(
    bp,
    "/staff/enrolments/{enrolment_id}",
    "POST",
    "Staff enrolment: choose the password, receive the TOTP secret",
    stages=STAFF_STAGES,
    request=MEMBER_PASSWORD,
    response=ENROLMENT,
)
def staff_enrol(call):
    from chalicelib.flows import staff_identity as identity

    return identity.choose_password(identity.STAFF, call.params["enrolment_id"], call.body, call.ctx)


@endpoint(
    bp,
    "/staff/enrolments/{enrolment_id}/confirm",
    "POST",
    "Staff enrolment: prove the authenticator with a code",
    status=204,
    stages=STAFF_STAGES,
    request=TOTP,
    response=NO_BODY,
)
def staff_enrol_confirm(call):
    from chalicelib.flows import staff_identity as identity

    identity.confirm(identity.STAFF, call.params["enrolment_id"], call.body, call.ctx)


@endpoint(
    bp,
    "/staff/auth/login",
    "POST",
    "Staff login with username, password and TOTP code; `cookie: true` for the back office's pages",
    stages=STAFF_STAGES,
    request=MEMBER_LOGIN,
    response=MEMBER_SESSION,
)
def staff_login(call):
    from chalicelib.flows import staff_members as members

    by_cookie = wants_cookie(call.body)
    return session_answer(members.login(call.body, call.client_ip, call.ctx), STAFF_SESSION, by_cookie)


@staff_endpoint(
    bp,
    "/staff/auth/logout",
    "POST",
    "End this staff session (and clear its cookie)",
    None,
    status=204,
    request=NO_BODY,
    response=NO_BODY,
)
def staff_logout(call):
    from chalicelib.flows import staff_members as members

    members.logout(call.operator, call.ctx)
    return cleared_cookie(STAFF_SESSION)


@staff_endpoint(
    bp,
    "/staff/me",
    "GET",
    "The signed-in member: name, roles and branch, so pages show only what the roles allow",
    None,
    request=NO_BODY,
    response=MEMBER,
)
def staff_me(call):
    from chalicelib.flows import staff_identity as identity

    return identity.view(call.operator.member)


@staff_endpoint(
    bp,
    "/staff/members",
    "POST",
    "Add a staff member; answers the one-time enrolment id",
    ADMIN,
    status=201,
    request=NEW_MEMBER,
    response=CREATED_MEMBER,
)
def add_member(call):
    from chalicelib.flows import staff_members as members

    return members.add(call.operator, call.body, call.ctx)


@staff_endpoint(
    bp, "/staff/members", "GET", "Staff members (paged)", ADMIN, request=NO_BODY, response=paged(MEMBER), query=PAGING
)
def list_members(call):
    from chalicelib.flows import staff_members as members

    return members.listing(call.operator, call.query, call.ctx)


@staff_endpoint(
    bp,
    "/staff/members/{staff_id}",
    "PUT",
    "Change a member's roles; their sessions end",
    ADMIN,
    status=204,
    request=body({"roles": ROLES, "branch_id": STRING}, required=("roles",)),
    response=NO_BODY,
)
def change_member(call):
    from chalicelib.flows import staff_members as members

    members.change_roles(call.operator, call.params["staff_id"], call.body, call.ctx)


@staff_endpoint(
    bp,
    "/staff/members/{staff_id}",
    "DELETE",
    "Disable a member; their sessions end at once",
    ADMIN,
    status=204,
    request=NO_BODY,
    response=NO_BODY,
)
def disable_member(call):
    from chalicelib.flows import staff_members as members

    members.disable(call.operator, call.params["staff_id"], call.ctx)


@staff_endpoint(
    bp,
    "/staff/people/{national_code}",
    "GET",
    "Look a person up (the read is audited and shown to them)",
    BRANCH,
    request=NO_BODY,
    response=PERSON,
)
def person(call):
    from chalicelib.flows import staff_branch as branch

    return branch.person(call.operator, call.params["national_code"], call.ctx)


@staff_endpoint(
    bp,
    "/staff/accounts/{national_code}/activate",
    "POST",
    "Activate a branch-visit account by its tracking code",
    BRANCH,
    status=204,
    request=body({"tracking_code": STRING, **SERIAL}),
    response=NO_BODY,
)
def activate(call):
    from chalicelib.flows import staff_branch as branch

    branch.activate(call.operator, call.params["national_code"], call.body, call.ctx)


@staff_endpoint(
    bp,
    "/staff/accounts/{national_code}/unfreeze",
    "POST",
    "Unfreeze electronic access",
    BRANCH,
    status=204,
    request=body(SERIAL),
    response=NO_BODY,
)
def unfreeze(call):
    from chalicelib.flows import staff_branch as branch

    branch.unfreeze(call.operator, call.params["national_code"], call.body, call.ctx)


@staff_endpoint(
    bp,
    "/staff/accounts/{national_code}/mobile",
    "PUT",
    "Change the mobile in person; both numbers are told",
    BRANCH,
    status=204,
    request=body({"mobile": STRING, **SERIAL}),
    response=NO_BODY,
)
def change_mobile(call):
    from chalicelib.flows import staff_branch as branch

    branch.change_mobile(call.operator, call.params["national_code"], call.body, call.ctx)


@staff_endpoint(
    bp,
    "/staff/dependents",
    "GET",
    "Dependents waiting for a branch (paged, oldest first)",
    BRANCH,
    request=NO_BODY,
    response=paged(QUEUED_DEPENDENT),
    query=("status", *PAGING),
)
def dependents_queue(call):
    from chalicelib.flows import staff_branch as branch

    return branch.dependents_queue(call.operator, call.query, call.ctx)


@staff_endpoint(
    bp,
    "/staff/dependents/{dependent_id}",
    "GET",
    "A dependent request with short-lived links to its documents",
    BRANCH,
    request=NO_BODY,
    response=DEPENDENT,
)
def dependent(call):
    from chalicelib.flows import staff_branch as branch

    return branch.dependent(call.operator, call.params["dependent_id"], call.ctx)


@staff_endpoint(
    bp,
    "/staff/dependents/{dependent_id}/decision",
    "POST",
    "Approve or reject a dependent with a reason",
    BRANCH,
    status=204,
    request=body({"outcome": one_of("approved", "rejected"), "reason": STRING}, required=("outcome",)),
    response=NO_BODY,
)
def decide_dependent(call):
    from chalicelib.flows import staff_branch as branch

    branch.decide_dependent(call.operator, call.params["dependent_id"], call.body, call.ctx)


@staff_endpoint(
    bp,
    "/staff/objections",
    "GET",
    "Objections by status (paged, oldest first)",
    RECORDS,
    request=NO_BODY,
    response=paged(QUEUED_OBJECTION),
    query=("status", *PAGING),
)
def objections_queue(call):
    from chalicelib.flows import staff_records as records

    return records.queue(call.operator, call.query, call.ctx)


@staff_endpoint(
    bp,
    "/staff/objections/{tracking_code}/review",
    "POST",
    "Take an objection into review",
    RECORDS,
    status=204,
    request=NO_BODY,
    response=NO_BODY,
)
def review_objection(call):
    from chalicelib.flows import staff_records as records

    records.review(call.operator, call.params["tracking_code"], call.ctx)


@staff_endpoint(
    bp,
    "/staff/objections/{tracking_code}/decision",
    "POST",
    "Decide an objection; corrections land with it",
    RECORDS,
    status=204,
    request=body(
        {"outcome": one_of("accepted", "rejected"), "note": STRING, "corrections": array(CORRECTION)},
        required=("outcome",),
    ),
    response=NO_BODY,
)
def decide_objection(call):
    from chalicelib.flows import staff_records as records

    records.decide(call.operator, call.params["tracking_code"], call.body, call.ctx)


@staff_endpoint(
    bp,
    "/staff/institutions",
    "POST",
    "Add an institution",
    INSTITUTIONS,
    status=201,
    request=body({"name": STRING, "type": STRING}, required=("name",)),
    response=answer({"institution_id": STRING}),
)
def add_institution(call):
    from chalicelib.flows import staff_institutions as institutions

    return institutions.add(call.operator, call.body, call.ctx)


@staff_endpoint(
    bp,
    "/staff/institutions",
    "GET",
    "Institutions by status (paged)",
    INSTITUTIONS,
    request=NO_BODY,
    response=paged(INSTITUTION),
    query=("status", *PAGING),
)
def list_institutions(call):
    from chalicelib.flows import staff_institutions as institutions

    return institutions.listing(call.operator, call.query, call.ctx)


@staff_endpoint(
    bp,
    "/staff/institutions/{institution_id}/keys",
    "POST",
    "Issue a signing key (the secret is shown once)",
    INSTITUTIONS,
    status=201,
    request=NO_BODY,
    response=answer({"key_id": STRING, "secret": STRING}),
)
def issue_key(call):
    from chalicelib.flows import staff_institutions as institutions

    return institutions.issue_key(call.operator, call.params["institution_id"], call.ctx)


@staff_endpoint(
    bp,
    "/staff/institutions/{institution_id}/keys/{key_id}",
    "DELETE",
    "Revoke a signing key at once",
    INSTITUTIONS,
    status=204,
    request=NO_BODY,
    response=NO_BODY,
)
def revoke_key(call):
    from chalicelib.flows import staff_institutions as institutions

    institutions.revoke_key(call.operator, call.params["institution_id"], call.params["key_id"], call.ctx)


@staff_endpoint(
    bp,
    "/staff/institutions/{institution_id}/disable",
    "POST",
    "Disable an institution: every key and officer stops",
    INSTITUTIONS,
    status=204,
    request=NO_BODY,
    response=NO_BODY,
)
def disable_institution(call):
    from chalicelib.flows import staff_institutions as institutions

    institutions.disable(call.operator, call.params["institution_id"], call.ctx)


@staff_endpoint(
    bp,
    "/staff/institutions/{institution_id}/officers",
    "POST",
    "Add an institution officer; answers the enrolment id",
    INSTITUTIONS,
    status=201,
    request=body({"username": STRING, "full_name": STRING}),
    response=answer({"officer_id": STRING, "enrolment_id": STRING}),
)
def add_officer(call):
    from chalicelib.flows import staff_institutions as institutions

    return institutions.add_officer(call.operator, call.params["institution_id"], call.body, call.ctx)


@staff_endpoint(
    bp,
    "/staff/audit",
    "GET",
    "The audit trail, newest first (paged)",
    AUDITOR,
    request=NO_BODY,
    response=paged(AUDIT_ENTRY),
    query=("actor", "national_code", "from", "to", *PAGING),
)
def audit_trail(call):
    from chalicelib.flows import staff_audit as audit

    return audit.listing(call.operator, call.query, call.ctx)
