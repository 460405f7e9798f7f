"""/me/objections: اعتراض به سوابق (chalicelib.flows.objections)."""

from chalice import Blueprint

from chalicelib.schemas import (
    INTEGER,
    MONTH,
    NO_BODY,
    PAGING,
    STRING,
    answer,
    body,
    one_of,
    paged,
    stamped,
)
from chalicelib.web import endpoint

bp = Blueprint(__name__)

KIND = one_of("missing_period", "wrong_record")
OBJECTION = answer(
    {
        "tracking_code": STRING,
        "kind": KIND,
        "status": one_of("submitted", "under_review", "accepted", "rejected"),
        **stamped("submitted_at"),
        "workshop_code": STRING,
        "workshop_name": STRING,
        "from_month": MONTH,
        "to_month": MONTH,
        "days": INTEGER,
        "description": STRING,
        **stamped("resolved_at"),
    },
    optional=("resolved_at", "resolved_at_jalali"),
)


@endpoint(
    bp,
    "/me/objections",
    "POST",
    "Object to the records: a missing period or a wrong record",
    status=201,
    auth=True,
    idempotent=True,
    request=body(
        {
            "kind": KIND,
            "workshop_code": STRING,
            "workshop_name": STRING,
            "from_month": STRING,
            "to_month": STRING,
            "days": INTEGER,
            "description": STRING,
        }
    ),
    response=answer({"tracking_code": STRING, "status": one_of("submitted")}),
)
def submit_objection(call):
    from chalicelib.flows import objections

    return objections.submit(call.national_code, call.body, call.ctx)


@endpoint(
    bp,
    "/me/objections",
    "GET",
    "The signed-in person's objections, newest first",
    auth=True,
    request=NO_BODY,
    response=paged(OBJECTION),
    query=PAGING,
)
def my_objections(call):
    from chalicelib.flows import objections

    return objections.listing(call.national_code, call.query)
