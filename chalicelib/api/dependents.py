"""/me/dependents/…: افراد تبعی (chalicelib.flows.dependents)."""

from chalice import Blueprint

from chalicelib.schemas import (
    BOOLEAN,
    INTEGER,
    NO_BODY,
    PAGING,
    STRING,
    answer,
    array,
    body,
    one_of,
    paged,
    stamped,
)
from chalicelib.web import endpoint

bp = Blueprint(__name__)

DEPENDENT = answer(
    {
        "dependent_id": STRING,
        "national_code": STRING,
        "first_name": STRING,
        "last_name": STRING,
        "father_name": STRING,
        "birth_date": STRING,
        "relation": one_of("spouse", "child", "father", "mother"),
        "status": one_of("approved", "pending_documents", "submitted", "branch_review", "rejected"),
        "documents": answer({"required": array(STRING), "received": array(STRING)}),
        **stamped("created_at"),
    }
)


@endpoint(
    bp,
    "/me/dependents",
    "POST",
    "Add a dependent, checked against the civil registry and Article 58",
    status=201,
    auth=True,
    idempotent=True,
    response=DEPENDENT,
    request=body(
        {
            "national_code": STRING,
            "birth_date": STRING,
            "relation": one_of("spouse", "child", "father", "mother"),
            "student": BOOLEAN,
            "disabled": BOOLEAN,
            "supported": BOOLEAN,
        },
        required=("national_code", "birth_date", "relation"),
    ),
)
def add_dependent(call):
    from chalicelib.flows import dependents

    return dependents.add(call.national_code, call.body, call.ctx)


@endpoint(
    bp,
    "/me/dependents",
    "GET",
    "The signed-in person's dependents",
    auth=True,
    request=NO_BODY,
    response=paged(DEPENDENT),
    query=PAGING,
)
def list_dependents(call):
    from chalicelib.flows import dependents

    return dependents.list_for(call.national_code, call.query, call.ctx)


@endpoint(
    bp,
    "/me/dependents/{dependent_id}",
    "DELETE",
    "Remove a dependent and its coverage",
    status=204,
    auth=True,
    request=NO_BODY,
    response=NO_BODY,
)
def remove_dependent(call):
    from chalicelib.flows import dependents

    dependents.remove(call.national_code, call.params["dependent_id"])


@endpoint(
    bp,
    "/me/dependents/{dependent_id}/documents",
    "POST",
    "A presigned upload for a certificate the dependent needs",
    status=201,
    auth=True,
    request=body({"kind": STRING, "filename": STRING, "content_type": STRING}),
    response=answer(
        {"upload_url": STRING, "fields": {"type": "object", "additionalProperties": STRING}, "expires_in": INTEGER}
    ),
)
def document_upload(call):
    from chalicelib.flows import dependents

    return dependents.upload_url(call.national_code, call.params["dependent_id"], call.body, call.ctx)
