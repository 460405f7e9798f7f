"""/me, /me/password and /me/session: the signed-in person's account (chalicelib.flows.auth).

Every other /me/<family>/… path lives in api/<family>.py.
"""

from chalice import Blueprint

from chalicelib.schemas import (
    INTEGER,
    NO_BODY,
    STRING,
    answer,
    body,
    nullable,
)
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/me",
    "GET",
    "The signed-in person's profile",
    auth=True,
    request=NO_BODY,
    response=answer(
        {
            "national_code": STRING,
            "first_name": STRING,
            "last_name": STRING,
            "mobile_masked": STRING,
            "email_masked": nullable(STRING),
            "status": STRING,
        }
    ),
)
def me(call):
    from chalicelib.flows import auth

    return auth.profile(call.national_code)


@endpoint(
    bp,
    "/me/password",
    "PUT",
    "Change the password; other sessions end",
    status=204,
    auth=True,
    request=body({"current_password": STRING, "new_password": STRING, "new_password_repeat": STRING}),
    response=NO_BODY,
)
def change_password(call):
    from chalicelib.flows import auth

    auth.change_password(call.national_code, call.session_hash, call.body, call.client_ip, call.ctx)


@endpoint(
    bp,
    "/me/session",
    "GET",
    "Seconds left in this session; reading it is not activity",
    auth=True,
    activity=False,
    request=NO_BODY,
    response=answer({"expires_in": INTEGER, "idle_expires_in": INTEGER}),
)
def my_session(call):
    from chalicelib.flows import auth

    return auth.session_info(call.session_hash, call.ctx.now)
