"""/me/dependents/…: افراد تبعی (chalicelib.flows.dependents)."""
from chalice import Blueprint

from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/me/dependents", "POST", "Add a dependent, checked against the civil registry and Article 58", status=201,
          auth=True, idempotent=True, body={"national_code": "string", "birth_date": "string", "relation": "string",
                                            "student": "boolean", "disabled": "boolean", "supported": "boolean"})
def add_dependent(call):
    from chalicelib.flows import dependents

    return dependents.add(call.national_code, call.body, call.ctx)


@endpoint(bp, "/me/dependents", "GET", "The signed-in person's dependents", auth=True)
def list_dependents(call):
    from chalicelib.flows import dependents

    return dependents.list_for(call.national_code, call.ctx)


@endpoint(bp, "/me/dependents/{dependent_id}", "DELETE", "Remove a dependent and its coverage", status=204, auth=True)
def remove_dependent(call):
    from chalicelib.flows import dependents

    dependents.remove(call.national_code, call.params["dependent_id"])


@endpoint(bp, "/me/dependents/{dependent_id}/documents", "POST", "A presigned upload for a certificate the dependent needs",
          status=201, auth=True, body={"kind": "string", "filename": "string", "content_type": "string"})
def document_upload(call):
    from chalicelib.flows import dependents

    return dependents.upload_url(call.national_code, call.params["dependent_id"], call.body, call.ctx)
