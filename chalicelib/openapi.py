"""The OpenAPI 3 document, built from the routes declared with web.endpoint."""
import re

from chalicelib.web import OPERATIONS

_ERROR = {"type": "object", "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
    "code": {"type": "string"}, "message": {"type": "string"}, "fields": {"type": "object", "additionalProperties": {"type": "string"}}}}}}


def document() -> dict:
    """Only the routes of the stage it runs in: outside the local stage the local-only ones do not exist."""
    from chalicelib.config import settings

    local = settings().local
    paths: dict = {}
    for op in OPERATIONS:
        if op.local_only and not local:
            continue
        entry = {
            "summary": op.summary,
            "operationId": f"{op.method.lower()}_{re.sub(r'[^a-z0-9]+', '_', op.path.lower()).strip('_') or 'root'}",
            "parameters": [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}} for name in re.findall(r"{(\w+)}", op.path)],
            "responses": {str(op.status): {"description": "Success"}, "default": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
        }
        if op.body:
            entry["requestBody"] = {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "properties": {name: {"type": kind} for name, kind in op.body.items()}}}}}
        if op.auth:
            entry["security"] = [{op.auth: []}]
        if op.local_only:
            entry["description"] = "Available only in the local stage; 404 elsewhere."
        paths.setdefault(op.path, {})[op.method.lower()] = entry
    return {
        "openapi": "3.0.3",
        "info": {"title": "Tamin e-services API", "version": "1.0.0", "description": "سامانهٔ خدمات غیرحضوری تامین اجتماعی"},
        "paths": paths,
        "components": {"schemas": {"Error": _ERROR}, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"}}},
    }
