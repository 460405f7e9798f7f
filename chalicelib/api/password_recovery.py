"""/password-recovery/…: بازیابی گذرواژه (chalicelib.flows.recovery)."""
from chalice import Blueprint

from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/password-recovery", "POST", "Start a password recovery; unknown national codes answer alike",
          status=202, idempotent=True, body={"national_code": "string"})
def start_recovery(call):
    from chalicelib.flows import recovery

    return recovery.start(call.body, call.ctx)


@endpoint(bp, "/password-recovery/{recovery_id}/challenge", "POST", "Choose sms, email or questions", status=202,
          body={"method": "string"})
def recovery_challenge(call):
    from chalicelib.flows import recovery

    return recovery.challenge(call.params["recovery_id"], call.body, call.ctx)


@endpoint(bp, "/password-recovery/{recovery_id}/verify", "POST", "Prove it with the code or the three answers",
          body={"code": "string", "answers": "array"})
def verify_recovery(call):
    from chalicelib.flows import recovery

    return recovery.verify(call.params["recovery_id"], call.body, call.ctx)


@endpoint(bp, "/password-recovery/{recovery_id}/reset", "POST", "Set the new password; every session ends", status=204,
          body={"reset_token": "string", "new_password": "string", "new_password_repeat": "string"})
def reset_password(call):
    from chalicelib.flows import recovery

    recovery.reset(call.params["recovery_id"], call.body, call.ctx)
