"""The back office (مدیریت شعب): enrolment, login, members, branch work, records work, institutions, audit.

Served only in the staff stage (a private API) and the local stage; 404 everywhere else, whatever the method.
"""
from chalice import Blueprint

from chalicelib.api.staff_routes import STAFF_STAGES, staff_endpoint
from chalicelib.web import endpoint

bp = Blueprint(__name__)

ADMIN, BRANCH, RECORDS, INSTITUTIONS, AUDITOR = ("admin",), ("branch_officer",), ("records_officer",), ("institution_manager",), ("auditor",)


@endpoint(bp, "/staff/enrolments/{enrolment_id}", "POST", "Staff enrolment: choose the password, receive the TOTP secret",
          stages=STAFF_STAGES, body={"password": "string", "password_repeat": "string"})
def staff_enrol(call):
    from chalicelib.flows import staff_identity as identity

    return identity.choose_password(identity.STAFF, call.params["enrolment_id"], call.body, call.ctx)


@endpoint(bp, "/staff/enrolments/{enrolment_id}/confirm", "POST", "Staff enrolment: prove the authenticator with a code",
          status=204, stages=STAFF_STAGES, body={"totp_code": "string"})
def staff_enrol_confirm(call):
    from chalicelib.flows import staff_identity as identity

    identity.confirm(identity.STAFF, call.params["enrolment_id"], call.body, call.ctx)


@endpoint(bp, "/staff/auth/login", "POST", "Staff login with username, password and TOTP code", stages=STAFF_STAGES,
          body={"username": "string", "password": "string", "totp_code": "string"})
def staff_login(call):
    from chalicelib.flows import staff_members as members

    return members.login(call.body, call.client_ip, call.ctx)


@staff_endpoint(bp, "/staff/auth/logout", "POST", "End this staff session", None, status=204)
def staff_logout(call):
    from chalicelib.flows import staff_members as members

    members.logout(call.operator, call.ctx)


@staff_endpoint(bp, "/staff/members", "POST", "Add a staff member; answers the one-time enrolment id", ADMIN, status=201,
                body={"username": "string", "full_name": "string", "roles": "array", "branch_id": "string"})
def add_member(call):
    from chalicelib.flows import staff_members as members

    return members.add(call.operator, call.body, call.ctx)


@staff_endpoint(bp, "/staff/members", "GET", "Staff members (paged)", ADMIN)
def list_members(call):
    from chalicelib.flows import staff_members as members

    return members.listing(call.operator, call.query, call.ctx)


@staff_endpoint(bp, "/staff/members/{staff_id}", "PUT", "Change a member's roles; their sessions end", ADMIN, status=204,
                body={"roles": "array", "branch_id": "string"})
def change_member(call):
    from chalicelib.flows import staff_members as members

    members.change_roles(call.operator, call.params["staff_id"], call.body, call.ctx)


@staff_endpoint(bp, "/staff/members/{staff_id}", "DELETE", "Disable a member; their sessions end at once", ADMIN, status=204)
def disable_member(call):
    from chalicelib.flows import staff_members as members

    members.disable(call.operator, call.params["staff_id"], call.ctx)


@staff_endpoint(bp, "/staff/people/{national_code}", "GET", "Look a person up (the read is audited and shown to them)", BRANCH)
def person(call):
    from chalicelib.flows import staff_branch as branch

    return branch.person(call.operator, call.params["national_code"], call.ctx)


@staff_endpoint(bp, "/staff/accounts/{national_code}/activate", "POST", "Activate a branch-visit account by its tracking code",
                BRANCH, status=204, body={"tracking_code": "string", "id_card_serial": "string"})
def activate(call):
    from chalicelib.flows import staff_branch as branch

    branch.activate(call.operator, call.params["national_code"], call.body, call.ctx)


@staff_endpoint(bp, "/staff/accounts/{national_code}/unfreeze", "POST", "Unfreeze electronic access", BRANCH, status=204,
                body={"id_card_serial": "string"})
def unfreeze(call):
    from chalicelib.flows import staff_branch as branch

    branch.unfreeze(call.operator, call.params["national_code"], call.body, call.ctx)


@staff_endpoint(bp, "/staff/accounts/{national_code}/mobile", "PUT", "Change the mobile in person; both numbers are told",
                BRANCH, status=204, body={"mobile": "string", "id_card_serial": "string"})
def change_mobile(call):
    from chalicelib.flows import staff_branch as branch

    branch.change_mobile(call.operator, call.params["national_code"], call.body, call.ctx)


@staff_endpoint(bp, "/staff/dependents", "GET", "Dependents waiting for a branch (paged, oldest first)", BRANCH)
def dependents_queue(call):
    from chalicelib.flows import staff_branch as branch

    return branch.dependents_queue(call.operator, call.query, call.ctx)


@staff_endpoint(bp, "/staff/dependents/{dependent_id}", "GET", "A dependent request with short-lived links to its documents", BRANCH)
def dependent(call):
    from chalicelib.flows import staff_branch as branch

    return branch.dependent(call.operator, call.params["dependent_id"], call.ctx)


@staff_endpoint(bp, "/staff/dependents/{dependent_id}/decision", "POST", "Approve or reject a dependent with a reason", BRANCH,
                status=204, body={"outcome": "string", "reason": "string"})
def decide_dependent(call):
    from chalicelib.flows import staff_branch as branch

    branch.decide_dependent(call.operator, call.params["dependent_id"], call.body, call.ctx)


@staff_endpoint(bp, "/staff/objections", "GET", "Objections by status (paged, oldest first)", RECORDS)
def objections_queue(call):
    from chalicelib.flows import staff_records as records

    return records.queue(call.operator, call.query, call.ctx)


@staff_endpoint(bp, "/staff/objections/{tracking_code}/review", "POST", "Take an objection into review", RECORDS, status=204)
def review_objection(call):
    from chalicelib.flows import staff_records as records

    records.review(call.operator, call.params["tracking_code"], call.ctx)


@staff_endpoint(bp, "/staff/objections/{tracking_code}/decision", "POST", "Decide an objection; corrections land with it",
                RECORDS, status=204, body={"outcome": "string", "note": "string", "corrections": "array"})
def decide_objection(call):
    from chalicelib.flows import staff_records as records

    records.decide(call.operator, call.params["tracking_code"], call.body, call.ctx)


@staff_endpoint(bp, "/staff/institutions", "POST", "Add an institution", INSTITUTIONS, status=201, body={"name": "string", "type": "string"})
def add_institution(call):
    from chalicelib.flows import staff_institutions as institutions

    return institutions.add(call.operator, call.body, call.ctx)


@staff_endpoint(bp, "/staff/institutions", "GET", "Institutions by status (paged)", INSTITUTIONS)
def list_institutions(call):
    from chalicelib.flows import staff_institutions as institutions

    return institutions.listing(call.operator, call.query, call.ctx)


@staff_endpoint(bp, "/staff/institutions/{institution_id}/keys", "POST", "Issue a signing key (the secret is shown once)",
                INSTITUTIONS, status=201)
def issue_key(call):
    from chalicelib.flows import staff_institutions as institutions

    return institutions.issue_key(call.operator, call.params["institution_id"], call.ctx)


@staff_endpoint(bp, "/staff/institutions/{institution_id}/keys/{key_id}", "DELETE", "Revoke a signing key at once", INSTITUTIONS, status=204)
def revoke_key(call):
    from chalicelib.flows import staff_institutions as institutions

    institutions.revoke_key(call.operator, call.params["institution_id"], call.params["key_id"], call.ctx)


@staff_endpoint(bp, "/staff/institutions/{institution_id}/disable", "POST", "Disable an institution: every key and officer stops",
                INSTITUTIONS, status=204)
def disable_institution(call):
    from chalicelib.flows import staff_institutions as institutions

    institutions.disable(call.operator, call.params["institution_id"], call.ctx)


@staff_endpoint(bp, "/staff/institutions/{institution_id}/officers", "POST", "Add an institution officer; answers the enrolment id",
                INSTITUTIONS, status=201, body={"username": "string", "full_name": "string"})
def add_officer(call):
    from chalicelib.flows import staff_institutions as institutions

    return institutions.add_officer(call.operator, call.params["institution_id"], call.body, call.ctx)


@staff_endpoint(bp, "/staff/audit", "GET", "The audit trail, newest first (paged)", AUDITOR)
def audit_trail(call):
    from chalicelib.flows import staff_audit as audit

    return audit.listing(call.operator, call.query, call.ctx)
