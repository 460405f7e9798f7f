"""Service-wide routes: health, the OpenAPI document, security questions."""

from chalice import Blueprint

from chalicelib.openapi import document
from chalicelib.schemas import (
    NO_BODY,
    STRING,
    answer,
    array,
    one_of,
)
from chalicelib.text import catalogue
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/health",
    "GET",
    "Liveness, without touching storage",
    request=NO_BODY,
    response=answer({"status": one_of("ok")}),
)
def health(call):
    return {"status": "ok"}


@endpoint(
    bp,
    "/openapi.json",
    "GET",
    "This API's OpenAPI 3.1 description",
    request=NO_BODY,
    response={"type": "object", "required": ["openapi", "info", "paths"], "properties": {"openapi": one_of("3.1.0")}},
)
def openapi(call):
    from chalicelib.config import settings

    return document(local=settings().local, stage=settings().stage)


@endpoint(
    bp,
    "/security-questions",
    "GET",
    "Security questions to choose three from",
    request=NO_BODY,
    response=array(answer({"id": STRING, "text": STRING})),
)
def security_questions(call):
    return [{"id": key, "text": text} for key, text in catalogue(call.language).SECURITY_QUESTIONS.items()]
