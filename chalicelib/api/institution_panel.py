"""The institution panel (پنل دستگاه‌ها): officers enrol, sign in with password and TOTP, and redeem codes by hand."""
from chalice import Blueprint

from chalicelib.api.staff_routes import officer_endpoint
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/institution/enrolments/{enrolment_id}", "POST", "Officer enrolment: choose the password, receive the TOTP secret",
          body={"password": "string", "password_repeat": "string"})
def officer_enrol(call):
    from chalicelib.flows import staff_identity as identity

    return identity.choose_password(identity.OFFICERS, call.params["enrolment_id"], call.body, call.ctx)


@endpoint(bp, "/institution/enrolments/{enrolment_id}/confirm", "POST", "Officer enrolment: prove the authenticator",
          status=204, body={"totp_code": "string"})
def officer_enrol_confirm(call):
    from chalicelib.flows import staff_identity as identity

    identity.confirm(identity.OFFICERS, call.params["enrolment_id"], call.body, call.ctx)


@endpoint(bp, "/institution/auth/login", "POST", "Officer login with username, password and TOTP code",
          body={"username": "string", "password": "string", "totp_code": "string"})
def officer_login(call):
    from chalicelib.flows import institution_panel as panel

    return panel.login(call.body, call.client_ip, call.ctx)


@officer_endpoint(bp, "/institution/auth/logout", "POST", "End this officer session", status=204)
def officer_logout(call):
    from chalicelib.flows import staff_identity as identity

    identity.logout(identity.OFFICERS, call.operator)


@officer_endpoint(bp, "/institution/inquiries", "POST", "Redeem a national code and access code, as the signed endpoint does",
                  body={"identifier": "string", "access_code": "string"}, parse_body=False)
def panel_inquire(call):
    from chalicelib.flows import institution_panel as panel

    return panel.inquire(call.operator, call.request.raw_body or b"", call.ctx)


@officer_endpoint(bp, "/institution/inquiries", "GET", "The institution's own recent inquiries (paged)")
def panel_recent(call):
    from chalicelib.flows import institution_panel as panel

    return panel.recent(call.operator, call.query)
