"""The OpenAPI 3.1 document: valid, and complete enough to generate a client (every route declares its schemas)."""

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator

import app  # declares every route
from chalicelib.openapi import document
from chalicelib.schemas import NO_BODY, Content
from chalicelib.web import OPERATIONS

BODY_METHODS = ("POST", "PUT", "PATCH")


def test_the_document_is_valid_openapi_3_1():
    errors = list(OpenAPIV31SpecValidator(document()).iter_errors())
    assert not errors, errors[:3]
    assert document()["openapi"] == "3.1.0" and app.app


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op.method} {op.path}")
def test_every_route_declares_what_it_takes_and_answers(op):
    """A route added without schemas fails here: declare `request` and `response` (schemas.NO_BODY when none)."""
    assert op.request is not None, "no request schema: pass request=... or request=NO_BODY"
    assert op.response is not None, "no response schema: pass response=... or response=NO_BODY"
    if op.method not in BODY_METHODS:
        assert op.request is NO_BODY, "GET and DELETE take no body"
    elif op.request is not NO_BODY:
        assert op.request["type"] == "object" and op.request["properties"], "a body schema names its fields"
    for status, answer in {op.status: op.response, **op.also}.items():
        if status in (204, 302):
            assert answer is NO_BODY, f"{status} answers carry no body"
        else:
            assert isinstance(answer, (dict, Content)), f"{status} needs the schema of what it answers"


def test_operation_ids_are_unique():
    ids = [entry["operationId"] for methods in document()["paths"].values() for entry in methods.values()]
    assert len(ids) == len(set(ids))


def test_a_deployed_stage_describes_no_local_testing_endpoint():
    public = document(local=False)["paths"]
    assert not [path for path in public if path.startswith("/dev/")]
    assert "/me/activity" in public and "/dev/people" in document(local=True)["paths"]


def test_paged_lists_name_their_paging_parameters():
    paths = document()["paths"]
    for path in ("/me/mailbox", "/me/access-log", "/me/objections", "/me/dependents", "/me/activity"):
        parameters = {p["name"] for p in paths[path]["get"]["parameters"]}
        schema = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert parameters >= {"limit", "cursor"} and "next_cursor" in schema["required"], path
