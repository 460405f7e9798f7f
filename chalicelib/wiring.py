"""Builds the collaborators flows receive. Clients are made on first use and kept for the process."""

from datetime import datetime, timezone
from functools import lru_cache

from chalicelib.config import Settings, settings
from chalicelib.ports import Context


def now() -> datetime:
    """The clock every flow reads; tests replace this function to travel in time."""
    return datetime.now(timezone.utc)


@lru_cache(maxsize=None)
def aws(service: str):
    import boto3

    return boto3.client(service)


def _record_outbox(channel: str, to: str, subject: str | None, body: str, at: datetime) -> None:
    import time

    from chalicelib.models.local import OutboxMessage

    OutboxMessage(
        to, f"{at.isoformat()}#{time.time_ns():020d}", channel=channel, subject=subject, body=body, sent_at=at
    ).save()


@lru_cache(maxsize=4)
def _notifier(config: Settings):
    from chalicelib.adapters.notify import HttpSmsGateway, LambdaDispatch, Notifier, SesEmail, SnsSms, ThreadDispatch

    sms = SnsSms(aws("sns")) if config.sms_adapter == "sns" else HttpSmsGateway(config.sms_gateway_url)
    dispatch = ThreadDispatch() if config.local else LambdaDispatch(aws("lambda"), config.notice_function)
    return Notifier(
        sms,
        SesEmail(aws("ses"), config.email_sender),
        _record_outbox if config.local else None,
        dispatch,
        clock=lambda: now(),
    )


def notifier():
    """The notifier outside a request (the delivery function and its job)."""
    return _notifier(settings())


@lru_cache(maxsize=4)
def _registries(config: Settings):
    from chalicelib.adapters import registries

    if config.registry_adapter == "local":
        return registries.LocalCivilRegistry(), registries.LocalMobileOperators()
    return registries.HttpCivilRegistry(config.registry_url), registries.HttpMobileOperators(config.operator_url)


def context(language: str = "fa", client: str | None = None) -> Context:
    """The real collaborators, each built once per process; web.endpoint makes one Context per request."""
    config = settings()
    registry, operators = _registries(config)
    return Context(
        now(),
        language,
        config,
        _notifier(config),
        registry,
        operators,
        letter_store(),
        key_vault(),
        upload_store(),
        client,
    )


def context_at(instant: str | None, language: str = "fa") -> Context:
    """A context whose clock reads `instant` (ISO-8601), for running jobs as if at another time."""
    from dataclasses import replace

    from chalicelib.errors import ValidationFailed

    ctx = context(language)
    if instant is None:
        return ctx
    try:
        moment = datetime.fromisoformat(str(instant).replace("Z", "+00:00"))
    except ValueError:
        raise ValidationFailed({"now": "INVALID_INSTANT"})
    if moment.tzinfo is None:
        raise ValidationFailed({"now": "INVALID_INSTANT"})
    return replace(ctx, now=moment.astimezone(timezone.utc))


def letter_store():
    return _letter_store(settings())


def time_left(lambda_context):
    """The invocation's remaining time, as the intake checks it between batches."""
    from datetime import timedelta

    return lambda: timedelta(milliseconds=lambda_context.get_remaining_time_in_millis())


def reinvoke(lambda_context, event: dict):
    """Sends the function its own event again, asynchronously: how a long file continues in a new invocation."""
    import json

    return lambda: aws("lambda").invoke(
        FunctionName=lambda_context.invoked_function_arn, InvocationType="Event", Payload=json.dumps(event).encode()
    )


def intake_bucket():
    from chalicelib.adapters.intake import IntakeBucket

    return IntakeBucket(aws("s3"), settings().intake_bucket)


def key_vault():
    return _key_vault(settings())


def upload_store():
    return _upload_store(settings())


@lru_cache(maxsize=4)
def _letter_store(config: Settings):
    from chalicelib.adapters.letters import LetterStore

    return LetterStore(aws("s3"), config.letters_bucket)


@lru_cache(maxsize=4)
def _key_vault(config: Settings):
    from chalicelib.adapters.key_vault import KeyVault

    return KeyVault(aws("secretsmanager"), config.table_prefix)


@lru_cache(maxsize=4)
def _upload_store(config: Settings):
    from chalicelib.adapters.uploads import UploadStore

    return UploadStore(aws("s3"), config.uploads_bucket)
