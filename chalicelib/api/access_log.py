"""/me/access-log: every institution inquiry against the person's access codes (chalicelib.flows.inquiry)."""

from chalice import Blueprint

from chalicelib.schemas import NO_BODY, PAGING, STRING, answer, one_of, paged, stamped
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/me/access-log",
    "GET",
    "Every institution inquiry against the person's access codes, newest first",
    auth=True,
    request=NO_BODY,
    response=paged(
        answer(
            {
                **stamped("at"),
                "institution_id": STRING,
                "institution_name": STRING,
                "tracking_number": STRING,
                "outcome": STRING,
                "channel": one_of("api", "panel"),
            }
        )
    ),
    query=PAGING,
)
def access_log(call):
    from chalicelib.flows import inquiry

    return inquiry.access_log(call.national_code, call.query)
