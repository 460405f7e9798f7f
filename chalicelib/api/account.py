"""/me/mobile, /me/email, /me/security-answers, /me/sessions, /me/permits, /me/freeze (chalicelib.flows.account and
chalicelib.flows.auth), and the person's own history, /me/requests and /me/activity (chalicelib.flows.history)."""

from chalice import Blueprint

from chalicelib.schemas import (
    BOOLEAN,
    CODE,
    NO_BODY,
    PAGING,
    PASSWORD,
    SECURITY_ANSWERS,
    STRING,
    answer,
    body,
    items,
    nullable,
    one_of,
    paged,
    stamped,
)
from chalicelib.web import endpoint, json_response

CHANGE_STARTED = answer({"change_id": STRING, "sent_to": STRING})
REQUEST = answer(
    {
        "kind": one_of("registration", "objection", "disclosure", "dependent"),
        "tracking_code": STRING,
        "status": STRING,
        **stamped("submitted_at"),
        **stamped("updated_at"),
    }
)
ACTIVITY = answer(
    {
        **stamped("at"),
        "kind": STRING,
        "actor": one_of("self", "staff", "institution", "system"),
        "actor_label": nullable(STRING),
        "detail": nullable(STRING),
    }
)
SESSION = answer(
    {
        "session_id": STRING,
        **stamped("created_at"),
        **stamped("last_seen_at"),
        "client": one_of("web", "api"),
        "current": BOOLEAN,
    }
)

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/me/mobile",
    "PUT",
    "Ask for a new mobile (the person's own at the operator registry); a code goes to it",
    status=202,
    auth=True,
    request=body({"mobile": STRING, "current_password": STRING}),
    response=CHANGE_STARTED,
)
def change_mobile(call):
    from chalicelib.flows import account

    return account.change_mobile(call.national_code, call.body, call.client_ip, call.ctx)


@endpoint(
    bp,
    "/me/mobile/{change_id}/verify",
    "POST",
    "Confirm the new mobile with its code; the old number is told",
    status=204,
    auth=True,
    request=CODE,
    response=NO_BODY,
)
def verify_mobile(call):
    from chalicelib.flows import account

    account.verify_mobile(call.national_code, call.params["change_id"], call.body, call.ctx)


@endpoint(
    bp,
    "/me/email",
    "PUT",
    "Ask for a new email (a code goes to it), or remove it at once with email: null",
    status=202,
    auth=True,
    request=body({"email": nullable(STRING), "current_password": STRING}),
    response=CHANGE_STARTED,
    also={204: NO_BODY},
)
def change_email(call):
    from chalicelib.flows import account

    started = account.change_email(call.national_code, call.body, call.client_ip, call.ctx)
    return started if started is not None else json_response(None, 204)


@endpoint(
    bp,
    "/me/email/{change_id}/verify",
    "POST",
    "Confirm the new email with its code",
    status=204,
    auth=True,
    request=CODE,
    response=NO_BODY,
)
def verify_email(call):
    from chalicelib.flows import account

    account.verify_email(call.national_code, call.params["change_id"], call.body, call.ctx)


@endpoint(
    bp,
    "/me/security-answers",
    "PUT",
    "Choose new security questions and answers",
    status=204,
    auth=True,
    request=body({"current_password": STRING, "security_answers": SECURITY_ANSWERS}),
    response=NO_BODY,
)
def change_security_answers(call):
    from chalicelib.flows import account

    account.change_security_answers(call.national_code, call.body, call.client_ip, call.ctx)


@endpoint(
    bp,
    "/me/sessions",
    "GET",
    "The person's sessions, and which one is this",
    auth=True,
    request=NO_BODY,
    response=items(SESSION),
)
def list_sessions(call):
    from chalicelib.flows import auth

    return auth.sessions(call.national_code, call.session_hash, call.ctx.now)


@endpoint(
    bp,
    "/me/sessions/{session_id}",
    "DELETE",
    "End one session",
    status=204,
    auth=True,
    request=NO_BODY,
    response=NO_BODY,
)
def end_session(call):
    from chalicelib.flows import auth

    auth.end_session(call.national_code, call.params["session_id"], call.ctx)


@endpoint(
    bp,
    "/me/sessions",
    "DELETE",
    "End every session but this one",
    status=204,
    auth=True,
    request=NO_BODY,
    response=NO_BODY,
)
def end_other_sessions(call):
    from chalicelib.flows import auth

    auth.end_other_sessions(call.national_code, call.session_hash, call.ctx)


@endpoint(
    bp,
    "/me/permits",
    "DELETE",
    "Stop every active inquiry permit at once",
    status=204,
    auth=True,
    request=NO_BODY,
    response=NO_BODY,
)
def revoke_permits(call):
    from chalicelib.flows import account

    account.revoke_permits(call.national_code, call.ctx)


@endpoint(
    bp,
    "/me/freeze",
    "POST",
    "Freeze electronic access: sessions end, permits stop, login is refused",
    status=204,
    auth=True,
    request=PASSWORD,
    response=NO_BODY,
)
def freeze(call):
    from chalicelib.flows import account

    account.freeze(call.national_code, call.body, call.client_ip, call.ctx)


@endpoint(
    bp,
    "/me/requests",
    "GET",
    "Everything the person asked of the organisation and where it stands",
    auth=True,
    request=NO_BODY,
    response=items(REQUEST),
)
def my_requests(call):
    from chalicelib.flows import history

    return history.requests(call.national_code)


@endpoint(
    bp,
    "/me/activity",
    "GET",
    "The person's history: logins, changes, permits, inquiries, staff access; newest first",
    auth=True,
    request=NO_BODY,
    response=paged(ACTIVITY),
    query=PAGING,
)
def my_activity(call):
    from chalicelib.flows import history

    return history.activity(call.national_code, call.query)
