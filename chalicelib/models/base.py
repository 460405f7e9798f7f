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


def transaction():
    """A multi-item write that lands whole or not at all."""
    from pynamodb.transactions import TransactWrite

    return TransactWrite(connection=_connection())


@lru_cache(maxsize=1)
def _connection():
    """Building a client costs ~0.15 s; one per process serves every transaction."""
    from pynamodb.connection import Connection

    return Connection()
