"""/inquiries: an institution's signed inquiry of a letter, استعلام سند (chalicelib.flows.inquiry)."""

from chalice import Blueprint

from chalicelib.schemas import INQUIRY, INQUIRY_REQUEST
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/inquiries",
    "POST",
    "Institution inquiry of a letter by national code and access code (signed request)",
    security="signature",
    request=INQUIRY_REQUEST,
    parse_body=False,
    response=INQUIRY,
)
def inquire(call):
    from chalicelib.flows import inquiry

    params = call.request.query_params
    query = inquiry.canonical_query((name, value) for name in (params or {}) for value in params.getlist(name))
    signed = inquiry.SignedRequest(call.request.method, query, call.headers, call.request.raw_body or b"")
    return inquiry.inquire(signed, call.ctx)
