"""Table naming resolved at call time, so a stage's prefix applies whichever way the app is started."""
from functools import lru_cache

from pynamodb.indexes import KeysOnlyProjection


class _TableMeta(type):
    @property
    def table_name(cls) -> str:
        from chalicelib.config import settings

        return settings().table_prefix + cls.table


def table(name: str) -> type:
    return _TableMeta("Meta", (), {"table": name, "billing_mode": "PAY_PER_REQUEST"})


def index(name: str, projection=None) -> type:
    return type("Meta", (), {"index_name": name, "projection": projection or KeysOnlyProjection(), "billing_mode": "PAY_PER_REQUEST"})


def condition_failed(error: Exception) -> bool:
    """A write refused by its own condition (a lost race or a rule), as opposed to a storage fault."""
    return getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException"


def refused(error: Exception, count: int) -> list[bool]:
    """For a cancelled transaction of `count` items, which were refused by their own condition, in the order
    PynamoDB sends them (condition checks, deletes, puts, then updates)."""
    reasons = getattr(error, "cancellation_reasons", None) or [] \
        if getattr(error, "cause_response_code", None) == "TransactionCanceledException" else []
    flags = [reason is not None and reason.code == "ConditionalCheckFailed" for reason in reasons]
    return (flags + [False] * count)[:count]


def transaction():
    """A multi-item write that lands whole or not at all."""
    from pynamodb.transactions import TransactWrite

    return TransactWrite(connection=_connection())


@lru_cache(maxsize=1)
def _connection():
    """Building a client costs ~0.15 s; one per process serves every transaction."""
    from pynamodb.connection import Connection

    return Connection()
