"""The HTTP edge: body parsing, authentication, idempotency, and the one mapping of errors to responses.

Routes are declared with `endpoint`, which also records them for the OpenAPI document. A session is read from
`Authorization: Bearer` or, for browsers on the same origin, from its HttpOnly cookie (see `SessionKind`).
"""

import hashlib
import json
import logging
import re
import uuid
from dataclasses import dataclass
from functools import cached_property, wraps
from importlib import import_module

from botocore.exceptions import BotoCoreError, ClientError
from chalice import Response
from pynamodb.exceptions import PynamoDBException

from chalicelib.errors import Code, DomainError, NotFound, ServiceUnavailable, TooManyAttempts, ValidationFailed
from chalicelib.frozen import frozen
from chalicelib.inputs import Fields, parse_json_object
from chalicelib.logs import log, request_id
from chalicelib.text import error_message, language_of

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ANY_CONTENT = ["*/*"]
JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}
# A path id longer than anything the service mints is not found, whatever it is (DynamoDB refuses keys over 2 KiB).
PATH_ID_MAX = 128
# A caller's request id is logged only in this shape; anything else is replaced by our own.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


@frozen
class Operation:
    """What the OpenAPI document says of one route: its request and answer schemas (chalicelib/schemas.py)."""

    path: str
    method: str
    summary: str
    status: int
    auth: str | None
    request: object
    response: object
    also: dict
    query: tuple
    local_only: bool
    stages: tuple[str, ...] | None = None


OPERATIONS: list[Operation] = []
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
WEB_CLIENT = ("x-tamin-client", "web")


@frozen
class SessionKind:
    """One family of sessions: the cookie a browser carries it in, and the function that checks its token.

    `authenticator` is "module:function", imported on first use; the function takes (token, now, touch) and answers
    (principal, session_hash); `touch=False` reads the session without counting the read as activity. A kind whose
    routes check the token themselves (the back office's and the panel's members) names only its cookie.
    """

    cookie: str
    authenticator: str = ""

    def authenticate(self, token: str, now, touch: bool = True) -> tuple[str, str]:
        module, _, name = self.authenticator.partition(":")
        return getattr(import_module(module), name)(token, now, touch)


PERSON = SessionKind("tamin_session", "chalicelib.flows.auth:authenticate")


@dataclass
class Call:
    """One request as handlers see it: parsed body, language, caller, the signed-in person if any, and `ctx`."""

    request: object
    body: dict
    language: str
    params: dict
    national_code: str | None = None
    session_hash: str | None = None
    by_cookie: bool = False

    @cached_property
    def ctx(self):
        """The flows' Context (chalicelib.ports), built once per request and only if the route asks for it."""
        from chalicelib import wiring

        return wiring.context(self.language, client=self.client_ip)

    @property
    def headers(self):
        return self.request.headers

    @property
    def query(self) -> dict:
        return dict(self.request.query_params or {})

    @property
    def client_ip(self) -> str:
        """API Gateway's source address; the local stage lets tests name a client in X-Forwarded-For."""
        from chalicelib.config import settings

        forwarded = self.request.headers.get("x-forwarded-for")
        if forwarded and settings().local:
            return forwarded.split(",")[0].strip()
        return self.request.context.get("identity", {}).get("sourceIp", "unknown")


def error_response(error: DomainError, language: str) -> Response:
    body = {"code": error.code, "message": error_message(language, error.code)}
    if isinstance(error, ValidationFailed):
        body["fields"] = error.fields
    body.update(error.extra)
    headers = dict(JSON_HEADERS)
    if isinstance(error, (TooManyAttempts, ServiceUnavailable)):
        headers["Retry-After"] = str(error.retry_after)
    return Response(body=json.dumps({"error": body}, ensure_ascii=False), status_code=error.status, headers=headers)


def json_response(body, status: int = 200, headers: dict | None = None) -> Response:
    if status == 204:
        return Response(body="", status_code=204, headers=headers or {})
    return Response(
        body=json.dumps(body, ensure_ascii=False), status_code=status, headers={**JSON_HEADERS, **(headers or {})}
    )


def _parse_body(request) -> dict:
    return parse_json_object(request.raw_body)


def _authenticate(call: Call, kind: SessionKind, touch: bool) -> None:
    token = session_token(call, kind)
    call.national_code, call.session_hash = kind.authenticate(token, call.ctx.now, touch)
    refuse_cross_site(call)


def session_token(call: Call, kind: SessionKind) -> str:
    """Bearer first; else the kind's cookie (then `call.by_cookie` is set)."""
    header = call.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    token = cookie_value(call.headers.get("cookie", ""), kind.cookie)
    if not token:
        raise DomainError(Code.UNAUTHENTICATED)
    call.by_cookie = True
    return token


def refuse_cross_site(call: Call) -> None:
    """A cookie-authenticated request that changes state must come from our own pages (checked once the session is
    known, so a stale cookie still answers 401)."""
    if call.by_cookie and call.request.method not in SAFE_METHODS and call.headers.get(WEB_CLIENT[0]) != WEB_CLIENT[1]:
        raise DomainError(Code.CSRF_REJECTED)


def cookie_value(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None


def wants_cookie(body: dict) -> bool:
    """Takes the login body's `cookie` flag out (the flow never sees it)."""
    flag = Fields(body).flag("cookie")
    body.pop("cookie", None)
    return flag


def _cookie(kind: SessionKind, value: str, max_age: int) -> str:
    from chalicelib.config import settings

    secure = "" if settings().local else "; Secure"
    return f"{kind.cookie}={value}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Strict{secure}"


def session_answer(session: dict, kind: SessionKind, by_cookie: bool) -> dict | Response:
    """A login's answer: the bearer token in the body, or for a browser the same token in an HttpOnly cookie only."""
    if not by_cookie:
        return session
    body = {"token_type": "Cookie", "expires_in": session["expires_in"]}
    return json_response(body, headers={"Set-Cookie": _cookie(kind, session["access_token"], session["expires_in"])})


def cleared_cookie(kind: SessionKind) -> Response:
    """A logout's 204, telling the browser to forget the session cookie as well."""
    return json_response(None, 204, headers={"Set-Cookie": _cookie(kind, "", 0)})


def concrete_path(call: Call) -> str:
    """The path as requested: Chalice's request.path is the route template, the same for every letter."""
    return re.sub(r"{(\w+)}", lambda match: str(call.params.get(match.group(1), "")), call.request.path)


def _idempotent(call: Call, run):
    """Replays the first answer to a retried create; a concurrent twin waits its turn with a 409.

    Scoped by caller, method and the concrete path; the stored answer is sealed (AES-GCM), so a copy of the table
    yields no access code or registration id.
    """
    key = call.headers.get("idempotency-key")
    if not key:
        return run()
    if len(key) > 200:
        raise ValidationFailed({"Idempotency-Key": "TOO_LONG"})
    from chalicelib import sealing
    from chalicelib.crypto import keyed_hash
    from chalicelib.models.throttles import claim, complete, release

    scope = keyed_hash(
        "idempotency",
        f"{call.national_code or call.client_ip}\x00{call.request.method}\x00{concrete_path(call)}\x00{key}",
    )
    digest = hashlib.sha256(json.dumps(call.body, sort_keys=True).encode()).hexdigest()
    claimed, stored = claim(scope, digest, call.ctx.now)
    if stored is not None:
        return json_response(json.loads(sealing.open_text(stored.body, scope)), stored.status)
    try:
        response = run()
    except BaseException:
        release(claimed)
        raise
    complete(claimed, response.status_code, sealing.seal_text(response.body, scope))
    return response


def endpoint(
    router,
    path: str,
    method: str,
    summary: str,
    *,
    status: int = 200,
    auth: bool | SessionKind = False,
    request=None,
    response=None,
    also: dict | None = None,
    query: tuple = (),
    idempotent: bool = False,
    local_only: bool = False,
    security: str | None = None,
    parse_body: bool = True,
    activity: bool = True,
    stages: tuple[str, ...] | None = None,
):
    """Declares a route whose handler takes a Call and returns a body (sent with `status`) or a Response.

    `request` and `response` are the JSON schemas of the body taken and of the answer sent with `status`
    (schemas.NO_BODY when there is none), `also` other answers ({status: schema}), `query` the query parameters;
    tests/unit/test_openapi.py fails for a route that leaves any of them undeclared.
    `auth=True` means the insured person's session (PERSON); another SessionKind names another family, read from
    its bearer token or its cookie. `activity=False` reads the session without extending its idle time.
    `parse_body=False` leaves the raw body to the handler, for requests whose signature must be checked first.
    `stages` names the only stages that serve the route (every other answers 404, whatever the method).
    """
    kind = PERSON if auth is True else auth or None
    OPERATIONS.append(
        Operation(
            path,
            method,
            summary,
            status,
            "bearer" if auth else security,
            request,
            response,
            also or {},
            query,
            local_only,
            stages,
        )
    )

    def decorate(handler):
        @wraps(handler)
        def view(**params):
            request = router.current_request
            language = language_of(request.headers.get("accept-language"))
            request_id.set(_request_id(request))
            try:
                if local_only:
                    _require_local_stage()
                _require_stage(stages)
                if any(not value or len(value) > PATH_ID_MAX for value in params.values()):
                    raise NotFound()
                call = Call(request, {}, language, params)
                if kind:
                    _authenticate(call, kind, activity)
                call.body = _parse_body(request) if parse_body and method in ("POST", "PUT", "PATCH") else {}

                def run():
                    return _as_response(handler(call), status)

                return _idempotent(call, run) if idempotent else run()
            except DomainError as error:
                log("request_refused", path=path, code=error.code)
                return error_response(error, language)
            except (PynamoDBException, BotoCoreError, ClientError) as error:
                log("storage_unavailable", logging.WARNING, path=path, error=type(error).__name__)
                return error_response(ServiceUnavailable(), language)
            except Exception as error:  # the last line of defence: a clean 500, where it failed only in the log
                log("unexpected_error", logging.ERROR, path=path, error=type(error).__name__, at=_where(error))
                return error_response(DomainError(Code.INTERNAL), language)

        return router.route(path, methods=[method], content_types=ANY_CONTENT)(view)

    return decorate


def _where(error: Exception) -> list[str]:
    """File and line of each frame: enough to find the fault, and unlike the message it cannot carry input."""
    import traceback

    return [
        f"{frame.filename.rsplit('/', 2)[-1]}:{frame.lineno}"
        for frame in traceback.extract_tb(error.__traceback__)[-4:]
    ]


def _as_response(result, status: int) -> Response:
    return result if isinstance(result, Response) else json_response(result, status)


def _request_id(request) -> str:
    given = request.headers.get("x-request-id") or ""
    if _REQUEST_ID.fullmatch(given):
        return given
    return (request.context or {}).get("requestId") or uuid.uuid4().hex


def _require_local_stage() -> None:
    from chalicelib.config import settings

    if not settings().local:
        raise NotFound()


def _require_stage(stages: tuple[str, ...] | None) -> None:
    from chalicelib.config import settings

    if stages is not None and settings().stage not in stages:
        raise NotFound()


def refuse_other_methods(app) -> None:
    """Every declared path answers the methods it lacks with the contract's error body, not Chalice's own;
    a local-only path is not found at all outside the local stage, whatever the method."""
    declared: dict[str, set] = {}
    gates: dict[str, tuple | None] = {}
    for operation in OPERATIONS:
        declared.setdefault(operation.path, set()).add(operation.method)
        gates[operation.path] = operation.stages or (("local",) if operation.local_only else None)
    for path, methods in declared.items():
        missing = [m for m in METHODS if m not in methods]

        def refuse(stages=gates[path], **_params):
            """A path a stage does not serve is not there at all: 404, not 405."""
            language = language_of(app.current_request.headers.get("accept-language"))
            try:
                _require_stage(stages)
            except NotFound as error:
                return error_response(error, language)
            return error_response(DomainError(Code.METHOD_NOT_ALLOWED), language)

        refuse.__name__ = "refuse_" + "".join(ch if ch.isalnum() else "_" for ch in path)
        app.route(path, methods=missing, content_types=ANY_CONTENT)(refuse)
