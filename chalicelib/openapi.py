"""The OpenAPI 3.1 document, built from the routes declared with web.endpoint and the schemas declared with them."""

import re

from chalicelib.schemas import ERROR, NO_BODY, Content
from chalicelib.web import OPERATIONS

_DESCRIPTIONS = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    204: "No content",
    302: "Found: a short-lived link in Location",
}


def document(local: bool = True, stage: str | None = None) -> dict:
    """Every endpoint of the stage: the local stage's testing endpoints only where they answer, the back office only
    in the staff and local stages."""
    paths: dict = {}
    for op in OPERATIONS:
        if op.local_only and not local:
            continue
        if op.stages is not None and (stage or ("local" if local else "prod")) not in op.stages:
            continue
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tamin e-services API",
            "version": "1.0.0",
            "description": "سامانهٔ خدمات غیرحضوری تامین اجتماعی",
        },
        "paths": paths,
        "components": {
            "schemas": {"Error": ERROR},
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "staff": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A back-office session (POST /staff/auth/login)",
                },
                "officer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An institution officer's session (POST /institution/auth/login)",
                },
                "signature": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Tamin-Signature",
                    "description": "HMAC-SHA256 over the canonical request, with X-Tamin-Key, X-Tamin-Timestamp and X-Tamin-Nonce",
                },
            },
        },
    }


def _operation(op) -> dict:
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"{(\w+)}", op.path)
    ]
    parameters += [{"name": name, "in": "query", "required": False, "schema": {"type": "string"}} for name in op.query]
    responses = {str(status): _answer(status, schema) for status, schema in {op.status: op.response, **op.also}.items()}
    responses["default"] = {
        "description": "Error",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    entry = {"summary": op.summary, "operationId": _operation_id(op), "parameters": parameters, "responses": responses}
    if isinstance(op.request, dict):
        entry["requestBody"] = {"required": True, "content": {"application/json": {"schema": op.request}}}
    if op.auth:
        entry["security"] = [{op.auth: []}]
    if op.local_only:
        entry["description"] = "Available only in the local stage; 404 elsewhere."
    return entry


def _answer(status: int, schema) -> dict:
    described = {"description": _DESCRIPTIONS.get(status, "Success")}
    if status == 302:
        described["headers"] = {"Location": {"schema": {"type": "string", "format": "uri"}}}
    if isinstance(schema, Content):
        described["content"] = {
            media: ({"schema": shape} if shape else {}) for media, shape in schema.by_media_type.items()
        }
    elif schema is not NO_BODY and schema is not None:
        described["content"] = {"application/json": {"schema": schema}}
    return described


def _operation_id(op) -> str:
    return f"{op.method.lower()}_{re.sub(r'[^a-z0-9]+', '_', op.path.lower()).strip('_') or 'root'}"
