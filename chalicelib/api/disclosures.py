"""/disclosure-types and /me/disclosures: issuing a statement letter into the mailbox (chalicelib.flows.disclosure)."""
from chalice import Blueprint

from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/disclosure-types", "GET", "Statement types and the agreement text")
def disclosure_types(call):
    from chalicelib.flows import disclosure

    return disclosure.types()


@endpoint(bp, "/me/disclosures", "POST", "Issue a statement letter into the mailbox", status=201, auth=True, idempotent=True,
          body={"type": "string", "accept_agreement": "boolean", "language": "string"})
def issue_disclosure(call):
    from chalicelib.flows import disclosure

    return disclosure.issue(call.national_code, call.body, call.ctx)
