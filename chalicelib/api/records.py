"""Insurance records (سوابق بیمه) and objections."""
from chalice import Blueprint

from chalicelib import wiring
from chalicelib.lazy import lazy
from chalicelib.web import endpoint

objections = lazy("chalicelib.flows.objections")
records = lazy("chalicelib.flows.records")
bp = Blueprint(__name__)


@endpoint(bp, "/me/records", "GET", "The signed-in person's insurance records and their summary", auth=True)
def my_records(call):
    return records.view(call.national_code)


@endpoint(bp, "/me/objections", "POST", "Object to the records: a missing period or a wrong record", status=201, auth=True,
          idempotent=True, body={"kind": "string", "workshop_code": "string", "workshop_name": "string", "from_month": "string",
                                 "to_month": "string", "days": "integer", "description": "string"})
def submit_objection(call):
    return objections.submit(call.national_code, call.body, wiring.context(call.language))


@endpoint(bp, "/me/objections", "GET", "The signed-in person's objections, newest first", auth=True)
def my_objections(call):
    return objections.listing(call.national_code)


@endpoint(bp, "/dev/contributions", "POST", "Local stage: load a person's months at a workshop, as employer lists would",
          status=201, local_only=True, body={"national_code": "string", "workshop_code": "string", "workshop_name": "string",
                                             "employer_name": "string", "months": "array"})
def dev_load_contributions(call):
    return records.load_contributions(call.body)


@endpoint(bp, "/dev/objections/{tracking_code}/resolve", "POST", "Local stage: an operator closes an objection",
          status=204, local_only=True, body={"outcome": "string"})
def dev_resolve_objection(call):
    objections.resolve(call.params["tracking_code"], call.body, wiring.context(call.language))
