"""/disclosure-types and /me/disclosures: issuing a statement letter into the mailbox (chalicelib.flows.disclosure)."""

from chalice import Blueprint

from chalicelib.schemas import BOOLEAN, MAILBOX_ITEM, NO_BODY, STRING, answer, array, body, one_of
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/disclosure-types",
    "GET",
    "Statement types and the agreement text",
    request=NO_BODY,
    response=array(
        answer({"id": STRING, "title": STRING, "title_en": STRING, "includes_wages": BOOLEAN, "agreement": STRING})
    ),
)
def disclosure_types(call):
    from chalicelib.flows import disclosure

    return disclosure.types()


@endpoint(
    bp,
    "/me/disclosures",
    "POST",
    "Issue a statement letter into the mailbox",
    status=201,
    auth=True,
    idempotent=True,
    request=body(
        {"type": STRING, "accept_agreement": BOOLEAN, "language": one_of("fa", "en")},
        required=("type", "accept_agreement"),
    ),
    response=answer({"tracking_number": STRING, "mailbox_item": MAILBOX_ITEM}),
)
def issue_disclosure(call):
    from chalicelib.flows import disclosure

    return disclosure.issue(call.national_code, call.body, call.ctx)
