"""/auth/…: log in and out (chalicelib.flows.auth)."""
from chalice import Blueprint

from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/auth/login", "POST", "Log in with national code and password", body={"national_code": "string", "password": "string"})
def login(call):
    from chalicelib.flows import auth

    return auth.login(call.body, call.client_ip, call.ctx)


@endpoint(bp, "/auth/logout", "POST", "End this session", status=204, auth=True)
def logout(call):
    from chalicelib.flows import auth

    auth.logout(call.session_hash)
