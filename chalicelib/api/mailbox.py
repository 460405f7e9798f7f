"""/me/mailbox/…: the personal mailbox, its letters (chalicelib.flows.disclosure) and their inquiry permits
(chalicelib.flows.permits)."""

from chalice import Blueprint, Response

from chalicelib.schemas import (
    INTEGER,
    MAILBOX_ITEM,
    NO_BODY,
    PAGING,
    STRING,
    Content,
    answer,
    body,
    nullable,
    one_of,
    paged,
    stamped,
)
from chalicelib.web import endpoint, json_response

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/me/mailbox",
    "GET",
    "The personal mailbox, newest first, with its quota",
    auth=True,
    request=NO_BODY,
    response=paged(MAILBOX_ITEM, quota=answer({"used_bytes": INTEGER, "limit_bytes": INTEGER})),
    query=PAGING,
)
def mailbox(call):
    from chalicelib.flows import disclosure

    return disclosure.mailbox(call.national_code, call.query, call.ctx)


@endpoint(
    bp,
    "/me/mailbox/{tracking_number}/letter",
    "GET",
    "The letter: a redirect to a short-lived link, the link as JSON on Accept: application/json, or the PDF bytes on "
    "Accept: application/pdf",
    status=302,
    auth=True,
    request=NO_BODY,
    response=NO_BODY,
    also={200: Content({"application/pdf": None, "application/json": answer({"url": STRING, "expires_in": INTEGER})})},
)
def mailbox_letter(call):
    from chalicelib.flows import disclosure

    accept = call.headers.get("accept", "")
    kind, value = disclosure.letter(
        call.national_code, call.params["tracking_number"], "application/pdf" in accept, call.ctx
    )
    if kind == "pdf":
        return Response(body=value, status_code=200, headers={"Content-Type": "application/pdf"})
    if "application/json" in accept:
        return json_response({"url": value, "expires_in": int(disclosure.LETTER_LINK_LIFETIME.total_seconds())})
    return Response(body="", status_code=302, headers={"Location": value})


@endpoint(
    bp,
    "/me/mailbox/{tracking_number}",
    "DELETE",
    "Delete a mailbox item, its PDF and any permit",
    status=204,
    auth=True,
    request=NO_BODY,
    response=NO_BODY,
)
def delete_mailbox_item(call):
    from chalicelib.flows import disclosure

    disclosure.delete(call.national_code, call.params["tracking_number"], call.ctx)


@endpoint(
    bp,
    "/me/mailbox/{tracking_number}/permit",
    "POST",
    "Issue an inquiry permit (access code) on a letter",
    status=201,
    auth=True,
    idempotent=True,
    request=body(
        {"validity": one_of("day", "week", "month", "year"), "institution_id": STRING}, required=("validity",)
    ),
    response=answer({"access_code": STRING, **stamped("inquirable_until"), "institution_id": nullable(STRING)}),
)
def issue_permit(call):
    from chalicelib.flows import permits

    return permits.issue(call.national_code, call.params["tracking_number"], call.body, call.ctx)


@endpoint(
    bp,
    "/me/mailbox/{tracking_number}/permit",
    "DELETE",
    "Cancel a letter's inquiry permit at once",
    status=204,
    auth=True,
    request=NO_BODY,
    response=NO_BODY,
)
def cancel_permit(call):
    from chalicelib.flows import permits

    permits.cancel(call.national_code, call.params["tracking_number"], call.ctx)
