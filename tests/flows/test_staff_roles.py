"""Every back-office route refuses every role it does not serve with 403 FORBIDDEN, and serves the one it does."""

from tests.flows.staffing import ROLES, staff_member

NC = "0012345679"
# (method, path, the only role that may call it)
ROUTES = [
    ("POST", "/staff/members", "admin"),
    ("GET", "/staff/members", "admin"),
    ("PUT", "/staff/members/stf_unknown", "admin"),
    ("DELETE", "/staff/members/stf_unknown", "admin"),
    ("GET", f"/staff/people/{NC}", "branch_officer"),
    ("POST", f"/staff/accounts/{NC}/activate", "branch_officer"),
    ("POST", f"/staff/accounts/{NC}/unfreeze", "branch_officer"),
    ("PUT", f"/staff/accounts/{NC}/mobile", "branch_officer"),
    ("GET", "/staff/dependents", "branch_officer"),
    ("GET", "/staff/dependents/unknown", "branch_officer"),
    ("POST", "/staff/dependents/unknown/decision", "branch_officer"),
    ("GET", "/staff/objections", "records_officer"),
    ("POST", "/staff/objections/123456789012/review", "records_officer"),
    ("POST", "/staff/objections/123456789012/decision", "records_officer"),
    ("POST", "/staff/institutions", "institution_manager"),
    ("GET", "/staff/institutions", "institution_manager"),
    ("POST", "/staff/institutions/ins_unknown/keys", "institution_manager"),
    ("DELETE", "/staff/institutions/ins_unknown/keys/key_unknown", "institution_manager"),
    ("POST", "/staff/institutions/ins_unknown/disable", "institution_manager"),
    ("POST", "/staff/institutions/ins_unknown/officers", "institution_manager"),
    ("GET", "/staff/audit", "auditor"),
]
OPEN_TO_ANYONE = {
    ("POST", "/staff/auth/login"),
    ("POST", "/staff/enrolments/{enrolment_id}"),
    ("POST", "/staff/enrolments/{enrolment_id}/confirm"),
    ("POST", "/staff/auth/logout"),
    ("GET", "/staff/me"),
}


def test_the_table_covers_every_staff_route(chalice_app):
    import re

    declared = {
        (method, path)
        for path, methods in chalice_app.routes.items()
        if path.startswith("/staff/")
        for method, entry in methods.items()
        if not entry.view_name.startswith("refuse_")
    }
    covered = {
        (method, re.sub(r"/(stf_unknown|unknown|ins_unknown|key_unknown|0012345679|123456789012)(?=/|$)", "/{}", path))
        for method, path, _ in ROUTES
    }
    normalised = {(method, re.sub(r"{\w+}", "{}", path)) for method, path in declared - OPEN_TO_ANYONE}
    assert normalised == covered


def test_each_route_refuses_each_role_it_does_not_serve(api, clock):
    members = {role: staff_member(api, clock, role) for role in ROLES}
    for method, path, allowed in ROUTES:
        for role, member in members.items():
            reply = member.api.call(method, path, body={}, token=member.token)
            if role == allowed:
                assert reply.status != 403, (method, path, role, reply)
            else:
                assert reply.status == 403 and reply.error["code"] == "FORBIDDEN", (method, path, role, reply)
    unauthenticated = api.call("GET", "/staff/audit")
    assert unauthenticated.status == 401 and unauthenticated.error["code"] == "UNAUTHENTICATED"


def test_a_member_with_two_roles_may_do_both(api, clock):
    both = staff_member(api, clock, "auditor", "records_officer")
    assert both.get("/staff/audit").status == 200
    assert both.get("/staff/objections").status == 200
    assert both.get("/staff/members").status == 403
