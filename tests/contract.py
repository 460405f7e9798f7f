"""Checks a real answer against the OpenAPI document the service serves: every flow test's answers pass through here."""

import json
import re
from functools import lru_cache

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:tamin:openapi"


@lru_cache(maxsize=1)
def _document() -> dict:
    import app  # declares every route
    from chalicelib.openapi import document

    assert app.app
    return document(local=True)


@lru_cache(maxsize=1)
def _registry() -> Registry:
    return Registry().with_resource(
        DOCUMENT_URI, Resource.from_contents(_document(), default_specification=DRAFT202012)
    )


@lru_cache(maxsize=1)
def _templates() -> list[tuple[re.Pattern, str]]:
    """Literal segments before parameters, so /registrations/status is not read as /registrations/{registration_id}."""
    paths = sorted(_document()["paths"], key=lambda path: (path.count("{"), path))
    return [(re.compile("^" + re.sub(r"\\{\w+\\}", "[^/]+", re.escape(path)) + "$"), path) for path in paths]


def template_of(path: str) -> str | None:
    bare = path.split("?", 1)[0]
    return next((template for pattern, template in _templates() if pattern.match(bare)), None)


@lru_cache(maxsize=None)
def _validator(pointer: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"{DOCUMENT_URI}#{pointer}"}, registry=_registry())


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def check(method: str, path: str, status: int, headers: dict, raw: bytes) -> None:
    """Raises AssertionError when the answer is not what the document says this operation answers with this status."""
    template = template_of(path)
    operation = _document()["paths"].get(template, {}).get(method.lower()) if template else None
    if operation is None:
        return  # a path or method the service does not declare; what it answers is tested where it matters
    key = str(status) if str(status) in operation["responses"] else "default"
    if key == "default":
        assert status >= 400, f"{method} {template} answered {status}, which the document does not list"
    content = operation["responses"][key].get("content")
    if not content:
        assert not raw, f"{method} {template} {status}: the document says no body, the answer has one"
        return
    media = (headers.get("content-type") or "").split(";")[0].strip()
    assert media in content, f"{method} {template} {status}: {media!r} is not one of {sorted(content)}"
    if media != "application/json":
        return
    pointer = "/" + "/".join(
        _escape(part)
        for part in ("paths", template, method.lower(), "responses", key, "content", "application/json", "schema")
    )
    errors = sorted(_validator(pointer).iter_errors(json.loads(raw)), key=lambda error: list(error.path))
    assert not errors, f"{method} {template} {status} breaks its schema: " + "; ".join(
        f"{'/'.join(map(str, error.path)) or '(root)'}: {error.message}" for error in errors[:5]
    )
