"""Builds the collaborators flows receive. Clients are made on first use and kept for the process."""
import contextvars
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache

from chalicelib.config import Settings, settings


# The calling client's address for the request being served (None in jobs), set once by the HTTP edge.
current_client: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_client", default=None)


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

    OutboxMessage(to, f"{at.isoformat()}#{time.time_ns():020d}", channel=channel, subject=subject, body=body, sent_at=at).save()


@lru_cache(maxsize=4)
def _notifier(config: Settings):
    from chalicelib.adapters.notify import HttpSmsGateway, LambdaDispatch, Notifier, SesEmail, SnsSms, ThreadDispatch

    sms = SnsSms(aws("sns")) if config.sms_adapter == "sns" else HttpSmsGateway(config.sms_gateway_url)
    dispatch = ThreadDispatch() if config.local else LambdaDispatch(aws("lambda"), config.notice_function)
    return Notifier(sms, SesEmail(aws("ses"), config.email_sender), _record_outbox if config.local else None,
                    dispatch, clock=lambda: now())


def notifier():
    """The notifier outside a request (the delivery function and its job)."""
    return _notifier(settings())


@lru_cache(maxsize=4)
def _registries(config: Settings):
    from chalicelib.adapters import registries

    if config.registry_adapter == "local":
        return registries.LocalCivilRegistry(), registries.LocalMobileOperators()
    return registries.HttpCivilRegistry(config.registry_url), registries.HttpMobileOperators(config.operator_url)


@dataclass(frozen=True)
class Context:
    """What a flow may touch besides storage: the clock, the person's language and outside systems."""

    now: datetime
    language: str
    settings: Settings
    notifier: object
    registry: object
    operators: object
    client: str | None = None


def context(language: str = "fa") -> Context:
    config = settings()
    registry, operators = _registries(config)
    return Context(now(), language, config, _notifier(config), registry, operators, current_client.get())


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
    from chalicelib.adapters.letters import LetterStore

    return LetterStore(aws("s3"), settings().letters_bucket)


def key_vault():
    from chalicelib.adapters.key_vault import KeyVault

    return KeyVault(aws("secretsmanager"), settings().table_prefix)
