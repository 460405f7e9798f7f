"""Routes of the back office and the institution panel: web.endpoint plus the realm's session and roles.

Back-office routes exist only in the staff stage (and the local one): every public stage answers 404 to every
method on them. A route names the roles it serves; a signed-in member with none of them gets 403 FORBIDDEN.
A session comes as a bearer token or, for the back office's and the panel's pages, in its own HttpOnly cookie
under the same rules as the person's (`X-Tamin-Client: web` on every state-changing call).
"""

from functools import wraps

from chalicelib.errors import Code, DomainError
from chalicelib.web import SessionKind, endpoint, refuse_cross_site, session_token

STAFF_STAGES = ("local", "staff")
STAFF_SESSION = SessionKind("tamin_staff_session")
OFFICER_SESSION = SessionKind("tamin_officer_session")


def staff_endpoint(router, path: str, method: str, summary: str, roles: tuple[str, ...] | None, **options):
    """`roles=None`: any signed-in member (logout). The handler gets the Call with `call.operator` and `call.role`,
    the first of the route's roles the member holds (what the audit entry names)."""

    def decorate(handler):
        @wraps(handler)
        def guarded(call):
            from chalicelib.flows import staff_identity

            call.operator = staff_identity.authenticate(
                staff_identity.STAFF, session_token(call, STAFF_SESSION), call.ctx.now
            )
            refuse_cross_site(call)
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

            call.operator = staff_identity.authenticate(
                staff_identity.OFFICERS,
                session_token(call, OFFICER_SESSION),
                call.ctx.now,
                admit=institution_panel.admitted,
            )
            refuse_cross_site(call)
            return handler(call)

        return endpoint(router, path, method, summary, security="officer", **options)(guarded)

    return decorate
