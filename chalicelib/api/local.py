"""Local-stage endpoints standing in for the outside world; 404 in every deployed stage."""
from chalice import Blueprint

from chalicelib import wiring
from chalicelib.lazy import lazy
from chalicelib.web import endpoint

jobs = lazy("chalicelib.flows.jobs")
local_stage = lazy("chalicelib.flows.local_stage")
bp = Blueprint(__name__)


@endpoint(bp, "/dev/people", "POST", "Local stage: add a person to the civil and mobile registries", status=201, local_only=True,
          body={"national_code": "string", "first_name": "string", "last_name": "string", "father_name": "string", "birth_date": "string", "gender": "string"})
def dev_add_person(call):
    return local_stage.add_person(call.body, wiring.context(call.language))


@endpoint(bp, "/dev/outbox", "GET", "Local stage: every SMS and email sent to an address", local_only=True)
def dev_outbox(call):
    return local_stage.outbox(call.query, wiring.context(call.language))


@endpoint(bp, "/dev/accounts/{national_code}/activate", "POST", "Local stage: a branch activates an account, or with "
          "`tracking_code` the registration the person brings", status=204, local_only=True, body={"tracking_code": "string"})
def dev_activate_account(call):
    local_stage.activate_account(call.params["national_code"], call.body, wiring.context(call.language))


@endpoint(bp, "/dev/jobs/{name}", "POST", "Local stage: run a scheduled job as if the clock read `now`", local_only=True, body={"now": "string"})
def dev_run_job(call):
    return jobs.run(call.params["name"], wiring.context_at(call.body.get("now"), call.language))
