"""/dev/…: local-stage stand-ins for the outside world and for staff; 404 in every deployed stage."""
from chalice import Blueprint

from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/dev/people", "POST", "Local stage: add a person to the civil and mobile registries", status=201, local_only=True,
          body={"national_code": "string", "first_name": "string", "last_name": "string", "father_name": "string", "birth_date": "string", "gender": "string"})
def dev_add_person(call):
    from chalicelib.flows import local_stage

    return local_stage.add_person(call.body, call.ctx)


@endpoint(bp, "/dev/outbox", "GET", "Local stage: every SMS and email sent to an address", local_only=True)
def dev_outbox(call):
    from chalicelib.flows import local_stage

    return local_stage.outbox(call.query, call.ctx)


@endpoint(bp, "/dev/accounts/{national_code}/activate", "POST", "Local stage: a branch activates an account, or with "
          "`tracking_code` the registration the person brings", status=204, local_only=True, body={"tracking_code": "string"})
def dev_activate_account(call):
    from chalicelib.flows import local_stage

    local_stage.activate_account(call.params["national_code"], call.body, call.ctx)


@endpoint(bp, "/dev/jobs/{name}", "POST", "Local stage: run a scheduled job as if the clock read `now`", local_only=True, body={"now": "string"})
def dev_run_job(call):
    from chalicelib import wiring
    from chalicelib.flows import jobs

    return jobs.run(call.params["name"], wiring.context_at(call.body.get("now"), call.language))


@endpoint(bp, "/dev/institutions", "POST", "Local stage: add an institution and issue its signing key", status=201,
          local_only=True, body={"name": "string", "type": "string"})
def dev_add_institution(call):
    from chalicelib.flows import inquiry

    return inquiry.add_institution(call.body, call.ctx)


@endpoint(bp, "/dev/contributions", "POST", "Local stage: load a person's months at a workshop, as employer lists would",
          status=201, local_only=True, body={"national_code": "string", "workshop_code": "string", "workshop_name": "string",
                                             "employer_name": "string", "months": "array"})
def dev_load_contributions(call):
    from chalicelib.flows import records

    return records.load_contributions(call.body)


@endpoint(bp, "/dev/objections/{tracking_code}/resolve", "POST", "Local stage: an operator closes an objection",
          status=204, local_only=True, body={"outcome": "string"})
def dev_resolve_objection(call):
    from chalicelib.flows import objections

    objections.resolve(call.params["tracking_code"], call.body, call.ctx)
