"""/password-recovery/…: بازیابی گذرواژه (chalicelib.flows.recovery)."""

from chalice import Blueprint

from chalicelib.schemas import NO_BODY, SECURITY_ANSWERS, STRING, answer, array, body, one_of
from chalicelib.web import endpoint

bp = Blueprint(__name__)

METHOD = one_of("sms", "email", "questions")


@endpoint(
    bp,
    "/password-recovery",
    "POST",
    "Start a password recovery; unknown national codes answer alike",
    status=202,
    idempotent=True,
    request=body({"national_code": STRING}),
    response=answer({"recovery_id": STRING, "methods": array(METHOD)}),
)
def start_recovery(call):
    from chalicelib.flows import recovery

    return recovery.start(call.body, call.ctx)


@endpoint(
    bp,
    "/password-recovery/{recovery_id}/challenge",
    "POST",
    "Choose sms, email or questions",
    status=202,
    request=body({"method": METHOD}),
    response=answer(
        {"method": METHOD, "sent_to": STRING, "questions": array(answer({"id": STRING, "text": STRING}))},
        optional=("sent_to", "questions"),
    ),
)
def recovery_challenge(call):
    from chalicelib.flows import recovery

    return recovery.challenge(call.params["recovery_id"], call.body, call.ctx)


@endpoint(
    bp,
    "/password-recovery/{recovery_id}/verify",
    "POST",
    "Prove it with the code or the three answers",
    request=body({"code": STRING, "answers": SECURITY_ANSWERS}, required=()),
    response=answer({"reset_token": STRING}),
)
def verify_recovery(call):
    from chalicelib.flows import recovery

    return recovery.verify(call.params["recovery_id"], call.body, call.ctx)


@endpoint(
    bp,
    "/password-recovery/{recovery_id}/reset",
    "POST",
    "Set the new password; every session ends",
    status=204,
    request=body({"reset_token": STRING, "new_password": STRING, "new_password_repeat": STRING}),
    response=NO_BODY,
)
def reset_password(call):
    from chalicelib.flows import recovery

    recovery.reset(call.params["recovery_id"], call.body, call.ctx)
