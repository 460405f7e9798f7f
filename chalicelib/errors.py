"""Domain errors and the one list of error codes. Flows raise these; chalicelib/web.py alone turns them into HTTP answers.

To add a code: one member below (HTTP status, one-line reason), its text in `chalicelib/text/fa.py` and `en.py`
(ERRORS), then `raise DomainError(Code.NEW_CODE)`. A unit test holds every member to a status and both texts.
"""

from enum import Enum, unique


@unique
class Code(Enum):
    """Every code the API answers with: the HTTP status it travels with, and why a client gets it."""

    MALFORMED_REQUEST = (400, "the body is not a JSON object, or a field has the wrong JSON type")
    INVALID_CODE = (400, "a one-time code that does not match")
    INVALID_ANSWERS = (400, "security answers that do not match")
    INVALID_CURRENT_PASSWORD = (400, "the current password given to change it is wrong")
    INVALID_RESET_TOKEN = (400, "a recovery reset token that is wrong, spent or expired")
    INVALID_CURSOR = (400, "a paging cursor not issued for this list and caller")
    UNAUTHENTICATED = (401, "no valid session")
    INVALID_CREDENTIALS = (401, "national code or password is wrong")
    BAD_SIGNATURE = (401, "an institution request whose signature does not hold")
    ACCOUNT_NOT_ACTIVE = (403, "the account waits for a branch visit or is otherwise not active")
    ACCOUNT_FROZEN = (403, "the person froze electronic access; only a branch unfreezes it")
    CSRF_REJECTED = (403, "a cookie-authenticated change without the X-Tamin-Client: web header of our own pages")
    NOT_FOUND = (404, "nothing here for this caller")
    METHOD_NOT_ALLOWED = (405, "the path exists, the method does not")
    ALREADY_REGISTERED = (409, "the national code already has an active or frozen account")
    STEP_OUT_OF_ORDER = (409, "a registration step before its predecessors")
    OBJECTION_ALREADY_OPEN = (409, "an objection of this kind is still open")
    OBJECTION_ALREADY_RESOLVED = (409, "the objection was closed already")
    MAILBOX_FULL = (409, "the letter would exceed the mailbox quota")
    PERMIT_ALREADY_ACTIVE = (409, "the letter carries an active permit")
    NO_ACTIVE_PERMIT = (409, "the letter carries no active permit to cancel")
    DEPENDENT_EXISTS = (409, "this person is already the caller's dependent")
    CONFLICT = (409, "a concurrent change won; retrying is safe")
    FORBIDDEN = (403, "a staff route outside the caller's roles")
    USERNAME_TAKEN = (409, "a staff or officer username already held")
    NOT_AWAITING_BRANCH = (409, "the account or the registration of this tracking code is not waiting for a branch")
    NOT_FROZEN = (409, "unfreezing an account that is not frozen")
    NOT_AWAITING_REVIEW = (409, "taking into review an objection that is not submitted")
    NOT_UNDER_REVIEW = (409, "deciding an objection not under review by the caller")
    NOT_AWAITING_DECISION = (409, "deciding a dependent that no longer waits for a branch")
    INSTITUTION_DISABLED = (409, "a key or officer for a disabled institution")
    DOCUMENT_ALREADY_RECEIVED = (409, "a received certificate is evidence and is never replaced")
    CODE_EXPIRED = (410, "the one-time code is spent or past its time")
    REGISTRATION_CLOSED = (410, "the registration was closed after repeated identity mismatches")
    VALIDATION_FAILED = (422, "fields missing or invalid, each named in `fields`")
    PASSWORD_POLICY = (422, "the password breaks the policy, each rule named in `violations`")
    IDENTITY_MISMATCH = (422, "identity fields differ from the civil registry")
    AGREEMENT_REQUIRED = (422, "the disclosure agreement was not accepted")
    REGISTRY_MISMATCH = (422, "a dependent's details do not match the civil registry")
    NOT_ELIGIBLE = (422, "Article 58 does not allow this dependent; `reason` names the rule")
    IDEMPOTENCY_KEY_REUSED = (422, "an Idempotency-Key sent again with another body")
    DOCUMENT_NOT_NEEDED = (422, "the dependent needs no certificate")
    PAYLOAD_TOO_LARGE = (413, "the body is over 64 KiB")
    MOBILE_NOT_OWNED = (
        422,
        "the operator does not list the new mobile under this national code; a branch can change it",
    )
    TOO_MANY_ATTEMPTS = (429, "a limit is reached; Retry-After says when to try again")
    INTERNAL = (500, "a fault of ours, logged where it happened")
    SERVICE_UNAVAILABLE = (503, "storage or an outside system is unavailable; Retry-After says when to retry")

    def __init__(self, status: int, reason: str):
        self.status = status
        self.reason = reason


class DomainError(Exception):
    """A refusal the contract names by code; `extra` facts travel inside the error body."""

    def __init__(self, code: Code, **extra):
        if not isinstance(code, Code):
            raise TypeError(f"declare {code!r} in chalicelib.errors.Code and raise it by name")
        super().__init__(code.name)
        self.code = code.name
        self.status = code.status
        self.extra = extra


class ValidationFailed(DomainError):
    def __init__(self, fields: dict[str, str], code: Code = Code.VALIDATION_FAILED, **extra):
        super().__init__(code, **extra)
        self.fields = fields


class MalformedRequest(DomainError):
    def __init__(self, **extra):
        super().__init__(Code.MALFORMED_REQUEST, **extra)


class NotFound(DomainError):
    def __init__(self):
        super().__init__(Code.NOT_FOUND)


class TooManyAttempts(DomainError):
    def __init__(self, retry_after: float, **extra):
        super().__init__(Code.TOO_MANY_ATTEMPTS, **extra)
        self.retry_after = max(1, int(retry_after + 0.999))


class ServiceUnavailable(DomainError):
    def __init__(self, retry_after: int = 5):
        super().__init__(Code.SERVICE_UNAVAILABLE)
        self.retry_after = retry_after
