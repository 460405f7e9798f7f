"""/verify/…: anyone checks a letter by its verification code (chalicelib.flows.disclosure)."""

from chalice import Blueprint, Response

from chalicelib.schemas import (
    BOOLEAN,
    NO_BODY,
    STRING,
    Content,
    answer,
    stamped,
)
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/verify/{verification_code}",
    "GET",
    "Public check of a letter by its verification code (HTML on Accept: text/html)",
    request=NO_BODY,
    response=Content(
        {
            "application/json": answer(
                {
                    "valid": BOOLEAN,
                    "tracking_number": STRING,
                    "type": STRING,
                    **stamped("issued_at"),
                    "national_code_masked": STRING,
                    "sha256": STRING,
                }
            ),
            "text/html": None,
        }
    ),
)
def verify_letter(call):
    from chalicelib.flows import disclosure

    facts = disclosure.verify(call.params["verification_code"], call.ctx)
    if "text/html" in call.headers.get("accept", ""):
        return Response(
            body=disclosure.verify_page(facts, call.language),
            status_code=200,
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
    return facts
