"""Inquiry permits on mailbox letters, the signed institution inquiry (استعلام سند), and the access log."""
from chalice import Blueprint

from chalicelib import wiring
from chalicelib.lazy import lazy
from chalicelib.web import endpoint

inquiry = lazy("chalicelib.flows.inquiry")
institutions = lazy("chalicelib.flows.institutions")
permits = lazy("chalicelib.flows.permits")
bp = Blueprint(__name__)


@endpoint(bp, "/me/mailbox/{tracking_number}/permit", "POST", "Issue an inquiry permit (access code) on a letter", status=201,
          auth=True, idempotent=True, body={"validity": "string", "institution_id": "string"})
def issue_permit(call):
    return permits.issue(call.national_code, call.params["tracking_number"], call.body, wiring.context(call.language))


@endpoint(bp, "/me/mailbox/{tracking_number}/permit", "DELETE", "Cancel a letter's inquiry permit at once", status=204, auth=True)
def cancel_permit(call):
    permits.cancel(call.national_code, call.params["tracking_number"], wiring.context(call.language))


@endpoint(bp, "/inquiries", "POST", "Institution inquiry of a letter by national code and access code (signed request)",
          security="signature", body={"identifier": "string", "access_code": "string"}, parse_body=False)
def inquire(call):
    params = call.request.query_params
    query = inquiry.canonical_query((name, value) for name in (params or {}) for value in params.getlist(name))
    signed = inquiry.SignedRequest(call.request.method, query, call.headers, call.request.raw_body or b"")
    return inquiry.inquire(signed, wiring.context(call.language), wiring.letter_store(), wiring.key_vault())


@endpoint(bp, "/me/access-log", "GET", "Every institution inquiry against the person's access codes, newest first", auth=True)
def access_log(call):
    return inquiry.access_log(call.national_code)


@endpoint(bp, "/dev/institutions", "POST", "Local stage: add an institution and issue its signing key", status=201,
          local_only=True, body={"name": "string", "type": "string"})
def dev_add_institution(call):
    return institutions.add_with_key(call.body, wiring.key_vault(), wiring.now())
