"""/me/access-log: every institution inquiry against the person's access codes (chalicelib.flows.inquiry)."""
from chalice import Blueprint

from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/me/access-log", "GET", "Every institution inquiry against the person's access codes, newest first", auth=True)
def access_log(call):
    from chalicelib.flows import inquiry

    return inquiry.access_log(call.national_code)
