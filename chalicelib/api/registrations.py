"""/registrations/…: ثبت نام, step by step (chalicelib.flows.registration)."""
from chalice import Blueprint

from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/registrations", "POST", "Start a registration; a code goes to the mobile", status=201, idempotent=True,
          body={"national_code": "string", "mobile": "string"})
def start_registration(call):
    from chalicelib.flows import registration

    return registration.start(call.body, call.ctx)


@endpoint(bp, "/registrations/status", "GET", "Track a registration by national code and tracking code")
def registration_status(call):
    from chalicelib.flows import registration

    return registration.tracking_status(call.query, call.ctx)


@endpoint(bp, "/registrations/{registration_id}", "GET", "Review a registration before submitting it")
def review_registration(call):
    from chalicelib.flows import registration

    return registration.review(call.params["registration_id"], call.ctx)


@endpoint(bp, "/registrations/{registration_id}/mobile-verification", "POST", "Prove the mobile with its code", body={"code": "string"})
def verify_registration_mobile(call):
    from chalicelib.flows import registration

    return registration.verify_mobile(call.params["registration_id"], call.body, call.ctx)


@endpoint(bp, "/registrations/{registration_id}/identity", "PUT", "Identity, matched against the civil registry",
          body={"first_name": "string", "last_name": "string", "father_name": "string", "birth_date": "string", "gender": "string"})
def registration_identity(call):
    from chalicelib.flows import registration

    return registration.submit_identity(call.params["registration_id"], call.body, call.ctx)


@endpoint(bp, "/registrations/{registration_id}/credentials", "PUT", "Password, email and security answers",
          body={"email": "string", "password": "string", "password_repeat": "string", "security_answers": "array"})
def registration_credentials(call):
    from chalicelib.flows import registration

    return registration.submit_credentials(call.params["registration_id"], call.body, call.ctx)


@endpoint(bp, "/registrations/{registration_id}/submit", "POST", "Submit for verification", status=202, body={"accept_terms": "boolean"})
def submit_registration(call):
    from chalicelib.flows import registration

    return registration.submit(call.params["registration_id"], call.body, call.ctx)
