"""Batched writes: 25 requests a call whatever their tables, unprocessed items sent again with backoff.

PynamoDB's own batch sends one table at a time and resends unprocessed items at once, three times, before
giving up; a national month of lists needs DynamoDB's pushback answered by waiting. Throttled calls as a
whole are retried by botocore (standard mode) underneath.
"""
import random
import time
from collections.abc import Iterable

from pynamodb.exceptions import PutError
from pynamodb.models import Model

from chalicelib.models.base import _connection

BATCH = 25
ATTEMPTS = 10
BASE_DELAY = 0.05  # seconds; full jitter over 0.05 * 2**attempt, about 25 s in all before giving up


def write(puts: Iterable[Model] = (), deletes: Iterable[Model] = ()) -> None:
    """Stores `puts` and removes `deletes` (any mix of tables); raises PutError if DynamoDB keeps refusing."""
    requests = [(type(item).Meta.table_name, {"DeleteRequest": {"Key": _key(item)}}) for item in deletes]
    requests += [(type(item).Meta.table_name, {"PutRequest": {"Item": item.serialize()}}) for item in puts]
    for start in range(0, len(requests), BATCH):
        pending: dict[str, list] = {}
        for table_name, request in requests[start:start + BATCH]:
            pending.setdefault(table_name, []).append(request)
        _send(pending)


def _key(item: Model) -> dict:
    serialized = item.serialize(null_check=False)
    names = [attribute.attr_name for attribute in (item._hash_key_attribute(), item._range_key_attribute()) if attribute]
    return {name: serialized[name] for name in names}


def _send(pending: dict[str, list]) -> None:
    client = _connection().client
    for attempt in range(ATTEMPTS):
        pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
        if not pending:
            return
        time.sleep(random.uniform(0, BASE_DELAY * 2 ** attempt))
    raise PutError(f"{sum(len(items) for items in pending.values())} items still unprocessed after {ATTEMPTS} attempts")
