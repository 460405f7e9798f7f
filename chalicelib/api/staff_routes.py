"""Routes of the back office and the institution panel: web.endpoint plus the realm's bearer token and roles.

Back-office routes exist only in the staff stage (and the local one): every public stage answers 404 to every
method on them. A route names the roles it serves; a signed-in member with none of them gets 403 FORBIDDEN.
"""
from functools import wraps

from chalicelib.errors import Code, DomainError
from chalicelib.web import endpoint

STAFF_STAGES = ("local", "staff")


def bearer(call) -> str:
    scheme, _, token = call.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise DomainError(Code.UNAUTHENTICATED)
    return token.strip()


def staff_endpoint(router, path: str, method: str, summary: str, roles: tuple[str, ...] | None, **options):
    """`roles=None`: any signed-in member (logout). The handler gets the Call with `call.operator` and `call.role`,
    the first of the route's roles the member holds (what the audit entry names)."""

    def decorate(handler):
        @wraps(handler)
        def guarded(call):
            from chalicelib.flows import staff_identity

            call.operator = staff_identity.authenticate(staff_identity.STAFF, bearer(call), call.ctx.now)
            held = [role for role in (roles or ()) if role in call.operator.member.roles]
            if roles is not None and not held:
                raise DomainError(Code.FORBIDDEN)
            call.role = held[0] if held else None
            return handler(call)

        return endpoint(router, path, method, summary, security="staff", stages=STAFF_STAGES, **options)(guarded)

    return decorate


def officer_endpoint(router, path: str, method: str, summary: str, **options):
    """Institution panel routes: an officer's token, whose institution is still active."""

    def decorate(handler):
        @wraps(handler)
        def guarded(call):
            from chalicelib.flows import institution_panel, staff_identity

            call.operator = staff_identity.authenticate(staff_identity.OFFICERS, bearer(call), call.ctx.now,
                                                        admit=institution_panel.admitted)
            return handler(call)

        return endpoint(router, path, method, summary, security="officer", **options)(guarded)

    return decorate
