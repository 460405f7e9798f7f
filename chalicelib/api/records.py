"""/me/records: سوابق بیمه (chalicelib.flows.records)."""

from chalice import Blueprint

from chalicelib.schemas import (
    NO_BODY,
    RECORDS,
)
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/me/records",
    "GET",
    "The signed-in person's insurance records and their summary",
    auth=True,
    request=NO_BODY,
    response=RECORDS,
)
def my_records(call):
    from chalicelib.flows import records

    return records.view(call.national_code)
