"""/registrations/…: ثبت نام, step by step (chalicelib.flows.registration)."""

from chalice import Blueprint

from chalicelib.schemas import (
    BOOLEAN,
    NO_BODY,
    REGISTRATION_REVIEW_FIELDS,
    SECURITY_ANSWERS,
    STATUS,
    STRING,
    answer,
    array,
    body,
    nullable,
    one_of,
)
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/registrations",
    "POST",
    "Start a registration; a code goes to the mobile",
    status=201,
    idempotent=True,
    request=body({"national_code": STRING, "mobile": STRING}),
    response=answer({"registration_id": STRING, "tracking_code": STRING, "status": STRING}),
)
def start_registration(call):
    from chalicelib.flows import registration

    return registration.start(call.body, call.ctx)


@endpoint(
    bp,
    "/registrations/status",
    "GET",
    "Track a registration by national code and tracking code",
    request=NO_BODY,
    response=STATUS,
    query=("national_code", "tracking_code"),
)
def registration_status(call):
    from chalicelib.flows import registration

    return registration.tracking_status(call.query, call.ctx)


@endpoint(
    bp,
    "/registrations/{registration_id}",
    "GET",
    "Review a registration before submitting it",
    request=NO_BODY,
    response=answer(
        {
            **{name: nullable(STRING) for name in REGISTRATION_REVIEW_FIELDS},
            "question_ids": nullable(array(STRING)),
            "status": STRING,
        }
    ),
)
def review_registration(call):
    from chalicelib.flows import registration

    return registration.review(call.params["registration_id"], call.ctx)


@endpoint(
    bp,
    "/registrations/{registration_id}/mobile-verification",
    "POST",
    "Prove the mobile with its code",
    request=body({"code": STRING}),
    response=STATUS,
)
def verify_registration_mobile(call):
    from chalicelib.flows import registration

    return registration.verify_mobile(call.params["registration_id"], call.body, call.ctx)


@endpoint(
    bp,
    "/registrations/{registration_id}/identity",
    "PUT",
    "Identity, matched against the civil registry",
    request=body(
        {
            "first_name": STRING,
            "last_name": STRING,
            "father_name": STRING,
            "birth_date": STRING,
            "gender": one_of("male", "female"),
        }
    ),
    response=STATUS,
)
def registration_identity(call):
    from chalicelib.flows import registration

    return registration.submit_identity(call.params["registration_id"], call.body, call.ctx)


@endpoint(
    bp,
    "/registrations/{registration_id}/credentials",
    "PUT",
    "Password, email and security answers",
    request=body(
        {"email": STRING, "password": STRING, "password_repeat": STRING, "security_answers": SECURITY_ANSWERS},
        required=("password", "password_repeat", "security_answers"),
    ),
    response=STATUS,
)
def registration_credentials(call):
    from chalicelib.flows import registration

    return registration.submit_credentials(call.params["registration_id"], call.body, call.ctx)


@endpoint(
    bp,
    "/registrations/{registration_id}/submit",
    "POST",
    "Submit for verification",
    status=202,
    request=body({"accept_terms": BOOLEAN}),
    response=answer({"tracking_code": STRING, "status": STRING}),
)
def submit_registration(call):
    from chalicelib.flows import registration

    return registration.submit(call.params["registration_id"], call.body, call.ctx)
