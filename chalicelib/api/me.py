"""/me and /me/password: the signed-in person's account (chalicelib.flows.auth).

Every other /me/<family>/… path lives in api/<family>.py.
"""
from chalice import Blueprint

from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/me", "GET", "The signed-in person's profile", auth=True)
def me(call):
    from chalicelib.flows import auth

    return auth.profile(call.national_code)


@endpoint(bp, "/me/password", "PUT", "Change the password; other sessions end", status=204, auth=True,
          body={"current_password": "string", "new_password": "string", "new_password_repeat": "string"})
def change_password(call):
    from chalicelib.flows import auth

    auth.change_password(call.national_code, call.session_hash, call.body, call.client_ip, call.ctx)
