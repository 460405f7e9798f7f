"""JSON Schema (2020-12, as OpenAPI 3.1 uses it) builders, and the shapes several routes share.

Routes declare their request and response schemas with these where they are declared (`web.endpoint`), and
chalicelib/openapi.py publishes them. Answers are closed (`additionalProperties: false`), so a field added to a
flow without its schema fails the contract test; requests stay open, as the service ignores unknown fields.
"""

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
INSTANT = {
    "type": "string",
    "format": "date-time",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
    "description": "ISO-8601 UTC",
}
DAY = {"type": "string", "pattern": r"^[0-9]{4}/[0-9]{2}/[0-9]{2}$", "description": "Jalali day in Asia/Tehran"}
MONTH = {"type": "string", "pattern": r"^[0-9]{4}/[0-9]{2}$", "description": "Jalali month"}


# The person's own answers that the registration review page shows (the flow builds it, the route declares it).
REGISTRATION_REVIEW_FIELDS = (
    "national_code",
    "mobile",
    "first_name",
    "last_name",
    "father_name",
    "birth_date",
    "gender",
    "email",
)


class _NoBody:
    """What a route declares when it takes no body, or answers none (204, 302): stated, never merely missing."""

    def __repr__(self):
        return "NO_BODY"


NO_BODY = _NoBody()


class Content:
    """An answer in more than one form, or not JSON: {media type: its JSON schema, or None for bytes or a page}."""

    def __init__(self, by_media_type: dict):
        self.by_media_type = by_media_type


def nullable(schema: dict) -> dict:
    kinds = schema["type"] if isinstance(schema.get("type"), list) else [schema["type"]]
    return {**schema, "type": [*kinds, "null"]}


def one_of(*values: str) -> dict:
    return {"type": "string", "enum": list(values)}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def answer(fields: dict, optional: tuple[str, ...] = ()) -> dict:
    """A closed object: every field present (null where nullable) except those named optional."""
    return {
        "type": "object",
        "properties": fields,
        "required": [name for name in fields if name not in optional],
        "additionalProperties": False,
    }


def body(fields: dict, required: tuple[str, ...] | None = None) -> dict:
    """A request body; `required` defaults to every field."""
    return {"type": "object", "properties": fields, "required": list(fields if required is None else required)}


def stamped(name: str, null: bool = False) -> dict:
    """An instant and its `<name>_jalali` companion, as chalicelib.instants.stamped writes them."""
    return {name: nullable(INSTANT) if null else INSTANT, f"{name}_jalali": nullable(DAY) if null else DAY}


def paged(item: dict, **extra: dict) -> dict:
    return answer({"items": array(item), "next_cursor": nullable(STRING), **extra})


def items(item: dict) -> dict:
    return answer({"items": array(item)})


STATUS = answer({"status": STRING})
CODE = body({"code": STRING})
PASSWORD = body({"current_password": STRING})
SECURITY_ANSWERS = array(body({"question_id": STRING, "answer": STRING}))
PAGING = ("limit", "cursor")

RECORDS = answer(
    {
        "summary": answer(
            {
                "total_days": INTEGER,
                "service": answer({"years": INTEGER, "months": INTEGER, "days": INTEGER}),
                "average_monthly_wage_last_2_years": INTEGER,
                "first_month": nullable(MONTH),
                "last_month": nullable(MONTH),
            }
        ),
        "workshops": array(
            answer(
                {
                    "workshop_code": STRING,
                    "workshop_name": STRING,
                    "employer_name": STRING,
                    "months": array(
                        answer(
                            {
                                "month": MONTH,
                                "days": INTEGER,
                                "wage": nullable(INTEGER),
                                "job_title": STRING,
                                "objection": STRING,
                            },
                            optional=("objection",),
                        )
                    ),
                }
            )
        ),
    }
)
INQUIRY = answer(
    {
        "tracking_number": STRING,
        "national_code": STRING,
        "first_name": STRING,
        "last_name": STRING,
        "type": STRING,
        **stamped("issued_at"),
        **stamped("inquirable_until"),
        "records": RECORDS,
        "letter_url": STRING,
    }
)
INQUIRY_REQUEST = body({"identifier": STRING, "access_code": STRING})
ENROLMENT = answer({"totp_secret": STRING, "otpauth_uri": STRING})
TOTP = body({"totp_code": STRING})
MEMBER_PASSWORD = body({"password": STRING, "password_repeat": STRING})
MEMBER_LOGIN = body(
    {"username": STRING, "password": STRING, "totp_code": STRING, "cookie": BOOLEAN},
    required=("username", "password", "totp_code"),
)
TOKEN = answer({"access_token": STRING, "token_type": STRING, "expires_in": INTEGER})
MEMBER_SESSION = {"oneOf": [TOKEN, answer({"token_type": one_of("Cookie"), "expires_in": INTEGER})]}
PERMIT_STATUS = one_of("none", "active", "expired", "cancelled")
MAILBOX_ITEM = answer(
    {
        "tracking_number": STRING,
        "type": STRING,
        "language": one_of("fa", "en"),
        **stamped("sent_at"),
        "system": STRING,
        "subject": STRING,
        "national_code": STRING,
        "mobile": STRING,
        "email": nullable(STRING),
        **stamped("viewed_at", null=True),
        **stamped("inquirable_until", null=True),
        "access_code": nullable(STRING),
        "permit_status": PERMIT_STATUS,
        "institution_id": nullable(STRING),
        "verification_code": STRING,
        "size_bytes": INTEGER,
    }
)
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]*$"},
                "message": STRING,
                "fields": {"type": "object", "additionalProperties": STRING},
                "attempts_left": INTEGER,
                "violations": array(STRING),
                "reason": STRING,
            },
        }
    },
}
