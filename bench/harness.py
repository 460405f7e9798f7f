"""What the benchmarks share: the emulator, a recorder of every AWS call made through botocore's event hooks,
and DynamoDB capacity units worked out from the calls themselves.

The recorder registers its hooks on each botocore client as it is created (boto3's and PynamoDB's alike), so
nothing in the service is patched. moto answers ReturnConsumedCapacity with a constant per call, so capacity is
computed with DynamoDB's documented sizing rules from the items each call actually wrote or read: a read unit per
4 KB read (half for an eventually consistent read), a write unit per 1 KB written, both doubled in transactions.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from infra import local_stack

NOTICE_WORKERS = "notices"  # ThreadDispatch's thread_name_prefix


@contextmanager
def emulator():
    """The project's own local stack on a free port, tables and buckets created, bcrypt at its test cost.
    The recorder is in place before the first client exists, so it sees every call."""
    RECORDER.install()
    port = local_stack.free_port()
    os.environ.update(local_stack.environment(port, bcrypt_cost=4))
    process = local_stack.start_emulator(port)
    try:
        local_stack.create_resources()
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Call:
    service: str
    operation: str
    params: dict
    response: dict = field(default_factory=dict)
    started: float = 0.0
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return f"{self.service}.{self.operation}"


class Recorder:
    """Every AWS call while `recording`, with its parameters (for replay) and its parsed response.

    A call's response is matched to it on its own thread, so calls made side by side (the intake's writers) are
    recorded whole. Calls on the notice workers are left out: locally they deliver a request's SMS on a thread of
    this process, where the cloud runs the delivery function, another invocation (`adapters/notify.py`)."""

    def __init__(self):
        self.calls: list[Call] = []
        self.active = False
        self._current = threading.local()

    def install(self) -> None:
        import botocore.session

        if getattr(botocore.session.Session.create_client, "recorded", False):
            return
        original = botocore.session.Session.create_client
        recorder = self

        def create_client(session, *args, **kwargs):
            client = original(session, *args, **kwargs)
            client.meta.events.register("provide-client-params.*.*", recorder._before)
            client.meta.events.register("after-call.*.*", recorder._after)
            return client

        create_client.recorded = True
        botocore.session.Session.create_client = create_client

    @contextmanager
    def recording(self):
        self.calls = []
        self.active = True
        try:
            yield self.calls
        finally:
            self.active = False

    def _before(self, params, model, **kwargs):
        if self.active and not threading.current_thread().name.startswith(NOTICE_WORKERS):
            call = Call(model.service_model.service_name, model.name, params, started=time.perf_counter())
            self._current.call = call
            self.calls.append(call)

    def _after(self, parsed, model, **kwargs):
        call = getattr(self._current, "call", None)
        if call is not None and call.operation == model.name:
            call.response = parsed
            call.seconds = time.perf_counter() - call.started
            self._current.call = None


RECORDER = Recorder()


def counts(calls: list[Call]) -> dict[str, int]:
    out: dict[str, int] = {}
    for call in calls:
        out[call.name] = out.get(call.name, 0) + 1
    return dict(sorted(out.items()))


# DynamoDB item sizes and capacity units (developer guide: "Item sizes and formats", "Read/write capacity mode").


def _value_size(value: dict) -> int:
    kind, content = next(iter(value.items()))
    if kind == "S":
        return len(content.encode())
    if kind == "N":
        return len(str(content).lstrip("-").replace(".", "").lstrip("0")) // 2 + 2
    if kind == "B":
        return len(content)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind in ("SS", "NS", "BS"):
        return sum(_value_size({kind[0]: item}) for item in content)
    if kind == "L":
        return 3 + sum(_value_size(item) + 1 for item in content)
    if kind == "M":
        return 3 + sum(len(name.encode()) + _value_size(item) + 1 for name, item in content.items())
    return len(json.dumps(content))


def item_size(item: dict | None) -> int:
    return sum(len(name.encode()) + _value_size(value) for name, value in (item or {}).items())


def _read_units(size: int, consistent: bool) -> float:
    units = max(1, math.ceil(size / 4096))
    return units if consistent else units / 2


def _write_units(size: int) -> float:
    return max(1, math.ceil(size / 1024))


def capacity(call: Call) -> tuple[float, float, int]:
    """(read units, write units, items read) of one DynamoDB call."""
    if call.service != "dynamodb":
        return 0.0, 0.0, 0
    p, r, op = call.params, call.response, call.operation
    consistent = bool(p.get("ConsistentRead"))
    if op == "GetItem":
        return _read_units(item_size(r.get("Item")), consistent), 0.0, int("Item" in r)
    if op in ("Query", "Scan"):
        items = r.get("Items", [])
        return _read_units(sum(item_size(i) for i in items), consistent), 0.0, r.get("ScannedCount", len(items))
    if op == "BatchGetItem":
        items = [i for table in r.get("Responses", {}).values() for i in table]
        return sum(_read_units(item_size(i), False) for i in items), 0.0, len(items)
    if op == "PutItem":
        return 0.0, _write_units(item_size(p.get("Item"))), 0
    if op in ("UpdateItem", "DeleteItem"):
        return 0.0, _write_units(item_size(r.get("Attributes"))), 0
    if op == "BatchWriteItem":
        requests = [req for table in p.get("RequestItems", {}).values() for req in table]
        return 0.0, sum(_write_units(item_size(req.get("PutRequest", {}).get("Item"))) for req in requests), 0
    if op == "TransactWriteItems":
        units = 0.0
        for entry in p.get("TransactItems", []):
            kind, body = next(iter(entry.items()))
            units += 2 * _write_units(item_size(body.get("Item")) if kind == "Put" else 0)
        return 0.0, units, 0
    if op == "TransactGetItems":
        items = [i.get("Item") for i in r.get("Responses", [])]
        return sum(2 * _read_units(item_size(i), True) for i in items), 0.0, len([i for i in items if i])
    return 0.0, 0.0, 0


def capacity_of(calls: list[Call]) -> dict[str, float]:
    read = write = items = 0.0
    for call in calls:
        r, w, n = capacity(call)
        read, write, items = read + r, write + w, items + n
    return {"rcu": round(read, 2), "wcu": round(write, 2), "items_read": int(items)}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> float | None:
    """Interquartile range over the median: how far a median of these runs can be trusted (None for one run)."""
    if len(values) < 2:
        return None
    lower, _, upper = statistics.quantiles(values, n=4)
    return round((upper - lower) / statistics.median(values), 2)
