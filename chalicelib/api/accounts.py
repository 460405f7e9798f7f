"""Registration (ثبت نام), login, session and the account."""
from chalice import Blueprint

from chalicelib import wiring
from chalicelib.lazy import lazy
from chalicelib.web import endpoint

auth = lazy("chalicelib.flows.auth")
registration = lazy("chalicelib.flows.registration")
bp = Blueprint(__name__)


@endpoint(bp, "/registrations", "POST", "Start a registration; a code goes to the mobile", status=201, idempotent=True,
          body={"national_code": "string", "mobile": "string"})
def start_registration(call):
    return registration.start(call.body, wiring.context(call.language))


@endpoint(bp, "/registrations/status", "GET", "Track a registration by national code and tracking code")
def registration_status(call):
    return registration.tracking_status(call.query, wiring.context(call.language))


@endpoint(bp, "/registrations/{registration_id}", "GET", "Review a registration before submitting it")
def review_registration(call):
    return registration.review(call.params["registration_id"], wiring.context(call.language))


@endpoint(bp, "/registrations/{registration_id}/mobile-verification", "POST", "Prove the mobile with its code", body={"code": "string"})
def verify_registration_mobile(call):
    return registration.verify_mobile(call.params["registration_id"], call.body, wiring.context(call.language))


@endpoint(bp, "/registrations/{registration_id}/identity", "PUT", "Identity, matched against the civil registry",
          body={"first_name": "string", "last_name": "string", "father_name": "string", "birth_date": "string", "gender": "string"})
def registration_identity(call):
    return registration.submit_identity(call.params["registration_id"], call.body, wiring.context(call.language))


@endpoint(bp, "/registrations/{registration_id}/credentials", "PUT", "Password, email and security answers",
          body={"email": "string", "password": "string", "password_repeat": "string", "security_answers": "array"})
def registration_credentials(call):
    return registration.submit_credentials(call.params["registration_id"], call.body, wiring.context(call.language))


@endpoint(bp, "/registrations/{registration_id}/submit", "POST", "Submit for verification", status=202, body={"accept_terms": "boolean"})
def submit_registration(call):
    return registration.submit(call.params["registration_id"], call.body, wiring.context(call.language))


@endpoint(bp, "/auth/login", "POST", "Log in with national code and password", body={"national_code": "string", "password": "string"})
def login(call):
    return auth.login(call.body, call.client_ip, wiring.context(call.language))


@endpoint(bp, "/auth/logout", "POST", "End this session", status=204, auth=True)
def logout(call):
    auth.logout(call.session_hash)


@endpoint(bp, "/me", "GET", "The signed-in person's profile", auth=True)
def me(call):
    return auth.profile(call.national_code)


@endpoint(bp, "/me/password", "PUT", "Change the password; other sessions end", status=204, auth=True,
          body={"current_password": "string", "new_password": "string", "new_password_repeat": "string"})
def change_password(call):
    auth.change_password(call.national_code, call.session_hash, call.body, call.client_ip, wiring.context(call.language))
