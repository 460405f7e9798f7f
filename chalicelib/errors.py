"""Domain errors. Flows raise these; chalicelib/web.py alone turns them into HTTP answers."""


class DomainError(Exception):
    """A refusal the contract names by code; `extra` facts travel inside the error body."""

    def __init__(self, code: str, **extra):
        super().__init__(code)
        self.code = code
        self.extra = extra


class ValidationFailed(DomainError):
    def __init__(self, fields: dict[str, str], code: str = "VALIDATION_FAILED", **extra):
        super().__init__(code, **extra)
        self.fields = fields


class MalformedRequest(DomainError):
    def __init__(self, **extra):
        super().__init__("MALFORMED_REQUEST", **extra)


class NotFound(DomainError):
    def __init__(self):
        super().__init__("NOT_FOUND")


class TooManyAttempts(DomainError):
    def __init__(self, retry_after: float, **extra):
        super().__init__("TOO_MANY_ATTEMPTS", **extra)
        self.retry_after = max(1, int(retry_after + 0.999))


class ServiceUnavailable(DomainError):
    def __init__(self, retry_after: int = 5):
        super().__init__("SERVICE_UNAVAILABLE")
        self.retry_after = retry_after
