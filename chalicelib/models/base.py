"""Table naming resolved at call time, and the storage helpers every model module's verbs are built from.

Flows never see PynamoDB: each model module offers the verbs its flows need, and inside them a lost condition
becomes a DomainError (raised `from` the storage error) or a plain False; any other fault travels up untouched to
chalicelib/web.py's 503 mapping.
"""

from functools import lru_cache

from pynamodb.attributes import MapAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import KeysOnlyProjection


class _TableMeta(type):
    @property
    def table_name(cls) -> str:
        from chalicelib.config import settings

        return settings().table_prefix + cls.table


def table(name: str) -> type:
    return _TableMeta("Meta", (), {"table": name, "billing_mode": "PAY_PER_REQUEST"})


def index(name: str, projection=None) -> type:
    return type(
        "Meta",
        (),
        {"index_name": name, "projection": projection or KeysOnlyProjection(), "billing_mode": "PAY_PER_REQUEST"},
    )


def condition_failed(error: Exception) -> bool:
    """A write refused by its own condition (a lost race or a rule), as opposed to a storage fault."""
    return getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException"


def refused(error: Exception, count: int) -> list[bool]:
    """For a cancelled transaction of `count` items, which were refused by their own condition, in the order
    PynamoDB sends them (condition checks, deletes, puts, then updates)."""
    reasons = (
        getattr(error, "cancellation_reasons", None) or []
        if getattr(error, "cause_response_code", None) == "TransactionCanceledException"
        else []
    )
    flags = [reason is not None and reason.code == "ConditionalCheckFailed" for reason in reasons]
    return (flags + [False] * count)[:count]


class OneTimeCode(MapAttribute):
    """The stored side of a one-time code (registration, recovery): its keyed hash, expiry and wrong tries so far.
    flows/codes.py `stored`/`state_of` are the one way in and out."""

    code_hash = UnicodeAttribute(null=True)
    expires_at = UTCDateTimeAttribute(null=True)
    failures = NumberAttribute(default=0)


def get_or_none(model, hash_key, range_key=None, **kwargs):
    """The item, or None when there is none; the one place a missing item is not an exception."""
    from pynamodb.exceptions import DoesNotExist

    try:
        return model.get(hash_key, range_key, **kwargs)
    except DoesNotExist:
        return None


def updated(item, actions: list, condition, **kwargs) -> bool:
    """Applies the update when its condition holds; False when the condition refused it (a lost race or a rule)."""
    from pynamodb.exceptions import UpdateError

    try:
        item.update(actions=actions, condition=condition, **kwargs)
    except UpdateError as error:
        if condition_failed(error):
            return False
        raise
    return True


def saved(item, condition, **kwargs) -> bool:
    """Puts the item when its condition holds; False when the condition refused it."""
    from pynamodb.exceptions import PutError

    try:
        item.save(condition=condition, **kwargs)
    except PutError as error:
        if condition_failed(error):
            return False
        raise
    return True


def take_try(item, counter, cap: int, still_current, retry_after: float) -> None:
    """Counts one try on the item itself before anything is compared: an atomic add conditioned on the cap and on
    `still_current` (the code still being the one checked), so concurrent tries cannot pass the cap together;
    TOO_MANY_ATTEMPTS when the cap is spent or the code was replaced."""
    from pynamodb.exceptions import UpdateError

    from chalicelib.errors import TooManyAttempts

    condition = counter < cap if still_current is None else (counter < cap) & still_current
    try:
        item.update(actions=[counter.add(1)], condition=condition, add_version_condition=False)
    except UpdateError as error:
        if not condition_failed(error):
            raise
        raise TooManyAttempts(retry_after) from error


def storage_faults() -> tuple[type[Exception], ...]:
    """The storage faults a deferrable step may set aside for its job (the same the 503 mapping answers)."""
    from pynamodb.exceptions import PynamoDBException

    return (PynamoDBException,)


def transaction():
    """A multi-item write that lands whole or not at all."""
    from pynamodb.transactions import TransactWrite

    return TransactWrite(connection=_connection())


@lru_cache(maxsize=1)
def _connection():
    """Building a client costs ~0.15 s; one per process serves every transaction."""
    from pynamodb.connection import Connection

    return Connection()
