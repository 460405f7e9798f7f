"""Record disclosure: types, the mailbox, letters and their public verification."""
from chalice import Blueprint, Response

from chalicelib import wiring
from chalicelib.lazy import lazy
from chalicelib.web import endpoint

disclosure = lazy("chalicelib.flows.disclosure")
bp = Blueprint(__name__)


@endpoint(bp, "/disclosure-types", "GET", "Statement types and the agreement text")
def disclosure_types(call):
    return disclosure.types()


@endpoint(bp, "/me/disclosures", "POST", "Issue a statement letter into the mailbox", status=201, auth=True, idempotent=True,
          body={"type": "string", "accept_agreement": "boolean", "language": "string"})
def issue_disclosure(call):
    return disclosure.issue(call.national_code, call.body, wiring.context(call.language), wiring.letter_store())


@endpoint(bp, "/me/mailbox", "GET", "The personal mailbox, newest first, with its quota", auth=True)
def mailbox(call):
    return disclosure.mailbox(call.national_code, wiring.context(call.language))


@endpoint(bp, "/me/mailbox/{tracking_number}/letter", "GET", "The letter: a short-lived link, or the PDF bytes on Accept: application/pdf",
          status=302, auth=True)
def mailbox_letter(call):
    wants_pdf = "application/pdf" in call.headers.get("accept", "")
    kind, value = disclosure.letter(call.national_code, call.params["tracking_number"], wants_pdf, wiring.context(call.language), wiring.letter_store())
    if kind == "pdf":
        return Response(body=value, status_code=200, headers={"Content-Type": "application/pdf"})
    return Response(body="", status_code=302, headers={"Location": value})


@endpoint(bp, "/me/mailbox/{tracking_number}", "DELETE", "Delete a mailbox item, its PDF and any permit", status=204, auth=True)
def delete_mailbox_item(call):
    disclosure.delete(call.national_code, call.params["tracking_number"], wiring.letter_store())


@endpoint(bp, "/verify/{verification_code}", "GET", "Public check of a letter by its verification code (HTML on Accept: text/html)")
def verify_letter(call):
    facts = disclosure.verify(call.params["verification_code"], wiring.context(call.language))
    if "text/html" in call.headers.get("accept", ""):
        return Response(body=disclosure.verify_page(facts, call.language), status_code=200, headers={"Content-Type": "text/html; charset=utf-8"})
    return facts
