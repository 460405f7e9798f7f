"""The institution panel (پنل دستگاه‌ها): officers enrol, sign in with password and TOTP, and redeem codes by hand."""

from chalice import Blueprint

from chalicelib.api.staff_routes import OFFICER_SESSION, officer_endpoint
from chalicelib.schemas import (
    ENROLMENT,
    INQUIRY,
    INQUIRY_REQUEST,
    MEMBER_LOGIN,
    MEMBER_PASSWORD,
    MEMBER_SESSION,
    NO_BODY,
    PAGING,
    STRING,
    TOTP,
    answer,
    array,
    nullable,
    one_of,
    paged,
    stamped,
)
from chalicelib.web import cleared_cookie, endpoint, session_answer, wants_cookie

bp = Blueprint(__name__)
OWN_INQUIRY = answer(
    {
        **stamped("at"),
        "officer_username": nullable(STRING),
        "channel": one_of("api", "panel"),
        "tracking_number": nullable(STRING),
        "national_code_masked": STRING,
        "outcome": STRING,
    }
)


@endpoint(
    bp,
    "/institution/enrolments/{enrolment_id}",
    "POST",
    "Officer enrolment: choose the password, receive the TOTP secret",
    request=MEMBER_PASSWORD,
    response=ENROLMENT,
)
def officer_enrol(call):
    from chalicelib.flows import staff_identity as identity

    return identity.choose_password(identity.OFFICERS, call.params["enrolment_id"], call.body, call.ctx)


@endpoint(
    bp,
    "/institution/enrolments/{enrolment_id}/confirm",
    "POST",
    "Officer enrolment: prove the authenticator",
    status=204,
    request=TOTP,
    response=NO_BODY,
)
def officer_enrol_confirm(call):
    from chalicelib.flows import staff_identity as identity

    identity.confirm(identity.OFFICERS, call.params["enrolment_id"], call.body, call.ctx)


@endpoint(
    bp,
    "/institution/auth/login",
    "POST",
    "Officer login with username, password and TOTP code; `cookie: true` for the panel's pages",
    request=MEMBER_LOGIN,
    response=MEMBER_SESSION,
)
def officer_login(call):
    from chalicelib.flows import institution_panel as panel

    by_cookie = wants_cookie(call.body)
    return session_answer(panel.login(call.body, call.client_ip, call.ctx), OFFICER_SESSION, by_cookie)


@officer_endpoint(
    bp,
    "/institution/auth/logout",
    "POST",
    "End this officer session (and clear its cookie)",
    status=204,
    request=NO_BODY,
    response=NO_BODY,
)
def officer_logout(call):
    from chalicelib.flows import staff_identity as identity

    identity.logout(identity.OFFICERS, call.operator)
    return cleared_cookie(OFFICER_SESSION)


@officer_endpoint(
    bp,
    "/institution/me",
    "GET",
    "The signed-in officer and their institution",
    request=NO_BODY,
    response=answer(
        {
            "officer_id": STRING,
            "username": STRING,
            "full_name": STRING,
            "roles": array(STRING),
            "institution_id": STRING,
            "institution_name": STRING,
        }
    ),
)
def officer_me(call):
    from chalicelib.flows import institution_panel as panel

    return panel.officer_view(call.operator.member)


@officer_endpoint(
    bp,
    "/institution/inquiries",
    "POST",
    "Redeem a national code and access code, as the signed endpoint does",
    parse_body=False,
    request=INQUIRY_REQUEST,
    response=INQUIRY,
)
def panel_inquire(call):
    from chalicelib.flows import institution_panel as panel

    return panel.inquire(call.operator, call.request.raw_body or b"", call.ctx)


@officer_endpoint(
    bp,
    "/institution/inquiries",
    "GET",
    "The institution's own recent inquiries (paged)",
    request=NO_BODY,
    response=paged(OWN_INQUIRY),
    query=PAGING,
)
def panel_recent(call):
    from chalicelib.flows import institution_panel as panel

    return panel.recent(call.operator, call.query)
