"""/me/objections: اعتراض به سوابق (chalicelib.flows.objections)."""
from chalice import Blueprint

from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/me/objections", "POST", "Object to the records: a missing period or a wrong record", status=201, auth=True,
          idempotent=True, body={"kind": "string", "workshop_code": "string", "workshop_name": "string", "from_month": "string",
                                 "to_month": "string", "days": "integer", "description": "string"})
def submit_objection(call):
    from chalicelib.flows import objections

    return objections.submit(call.national_code, call.body, call.ctx)


@endpoint(bp, "/me/objections", "GET", "The signed-in person's objections, newest first", auth=True)
def my_objections(call):
    from chalicelib.flows import objections

    return objections.listing(call.national_code)
