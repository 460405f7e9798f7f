"""Batched writes: 25 requests a call whatever their tables, a few calls in flight at once, unprocessed items
sent again with backoff.

PynamoDB's own batch sends one table at a time and resends unprocessed items at once, three times, before
giving up; a national month of lists needs DynamoDB's pushback answered by waiting. Throttled calls as a
whole are retried by botocore (standard mode) underneath. Calls of one `write` go out side by side: they touch
distinct items, and a list's writes are latency-bound, not CPU-bound.
"""

import random
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from pynamodb.exceptions import PutError
from pynamodb.models import Model

from chalicelib.models.base import _connection

BATCH = 25
WRITERS = 4
ATTEMPTS = 10
BASE_DELAY = 0.05  # seconds; full jitter over 0.05 * 2**attempt, about 25 s in all before giving up


def write(puts: Iterable[Model] = (), deletes: Iterable[Model] = ()) -> None:
    """Stores `puts` and removes `deletes` (any mix of tables); raises PutError if DynamoDB keeps refusing."""
    names: dict[type, str] = {}  # a table's name is resolved from the settings: once per model, not per item

    def table_of(item: Model) -> str:
        return names.get(type(item)) or names.setdefault(type(item), type(item).Meta.table_name)

    requests = [(table_of(item), {"DeleteRequest": {"Key": _key(item)}}) for item in deletes]
    requests += [(table_of(item), {"PutRequest": {"Item": item.serialize()}}) for item in puts]
    send(requests)


def send(requests: list[tuple[str, dict]]) -> None:
    """(table name, PutRequest or DeleteRequest in DynamoDB's own shape) pairs, for callers that build items by the
    hundred thousand and so skip a model instance per item; raises PutError as `write` does."""
    chunks = []
    for start in range(0, len(requests), BATCH):
        pending: dict[str, list] = {}
        for table_name, request in requests[start : start + BATCH]:
            pending.setdefault(table_name, []).append(request)
        chunks.append(pending)
    if len(chunks) == 1:
        _send(chunks[0])
    elif chunks:
        client = _connection().client  # made here, once, rather than raced for by the writers
        with ThreadPoolExecutor(WRITERS) as pool:
            list(pool.map(lambda chunk: _send(chunk, client), chunks))


def _key(item: Model) -> dict:
    serialized = item.serialize(null_check=False)
    names = [
        attribute.attr_name for attribute in (item._hash_key_attribute(), item._range_key_attribute()) if attribute
    ]
    return {name: serialized[name] for name in names}


def _send(pending: dict[str, list], client=None) -> None:
    client = client or _connection().client
    for attempt in range(ATTEMPTS):
        pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
        if not pending:
            return
        time.sleep(random.uniform(0, BASE_DELAY * 2**attempt))
    raise PutError(f"{sum(len(items) for items in pending.values())} items still unprocessed after {ATTEMPTS} attempts")
