"""/auth/…: log in and out (chalicelib.flows.auth)."""

from chalice import Blueprint

from chalicelib.schemas import (
    BOOLEAN,
    INTEGER,
    NO_BODY,
    STRING,
    answer,
    body,
    one_of,
)
from chalicelib.web import PERSON, cleared_cookie, endpoint, session_answer, wants_cookie

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/auth/login",
    "POST",
    "Log in with national code and password; `cookie: true` for a browser session (HttpOnly cookie, "
    "no token in the body)",
    request=body(
        {"national_code": STRING, "password": STRING, "cookie": BOOLEAN}, required=("national_code", "password")
    ),
    response={
        "oneOf": [
            answer({"access_token": STRING, "token_type": one_of("Bearer"), "expires_in": INTEGER}),
            answer({"token_type": one_of("Cookie"), "expires_in": INTEGER}),
        ]
    },
)
def login(call):
    from chalicelib.flows import auth

    by_cookie = wants_cookie(call.body)
    return session_answer(
        auth.login(call.body, call.client_ip, call.ctx, "web" if by_cookie else "api"), PERSON, by_cookie
    )


@endpoint(
    bp,
    "/auth/logout",
    "POST",
    "End this session and clear its cookie",
    status=204,
    auth=True,
    request=NO_BODY,
    response=NO_BODY,
)
def logout(call):
    from chalicelib.flows import auth

    auth.logout(call.session_hash)
    return cleared_cookie(PERSON)
