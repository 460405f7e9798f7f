"""/auth/…: log in and out (chalicelib.flows.auth)."""
from chalice import Blueprint

from chalicelib.schemas import (
    INTEGER,
    NO_BODY,
    STRING,
    answer,
    body,
    one_of,
)
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/auth/login", "POST", "Log in with national code and password", request=body({"national_code": STRING, "password": STRING}),
          response=answer({"access_token": STRING, "token_type": one_of("Bearer"), "expires_in": INTEGER}))
def login(call):
    from chalicelib.flows import auth

    return auth.login(call.body, call.client_ip, call.ctx)


@endpoint(bp, "/auth/logout", "POST", "End this session", status=204, auth=True, request=NO_BODY, response=NO_BODY)
def logout(call):
    from chalicelib.flows import auth

    auth.logout(call.session_hash)
