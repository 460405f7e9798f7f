"""/institutions: the public list of active institutions a person can bind a permit to (chalicelib.flows.permits)."""

from chalice import Blueprint

from chalicelib.schemas import NO_BODY, STRING, answer, items
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/institutions",
    "GET",
    "Active institutions a permit can be bound to, filtered by `query` in their name",
    request=NO_BODY,
    response=items(answer({"institution_id": STRING, "name": STRING, "type": STRING})),
    query=("query",),
)
def institutions(call):
    from chalicelib.flows import permits

    return permits.institutions(call.query.get("query", ""))
