"""Service-wide routes: health, the OpenAPI document, security questions."""
from chalice import Blueprint

from chalicelib.openapi import document
from chalicelib.text import catalogue
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/health", "GET", "Liveness, without touching storage")
def health(call):
    return {"status": "ok"}


@endpoint(bp, "/openapi.json", "GET", "This API's OpenAPI 3 description")
def openapi(call):
    return document()


@endpoint(bp, "/security-questions", "GET", "Security questions to choose three from")
def security_questions(call):
    return [{"id": key, "text": text} for key, text in catalogue(call.language).SECURITY_QUESTIONS.items()]
