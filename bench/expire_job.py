"""The permit-expiry job reads what is due, not the table: items read and read units with 100 permits due
among 1,000 and among 10,000. The two should be within 10 % of each other."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from bench.harness import RECORDER, capacity_of

DUE_AT = datetime(2001, 1, 1, tzinfo=timezone.utc)
LATER = datetime(2099, 1, 1, tzinfo=timezone.utc)


def _grants(count: int, due: bool, shards: list[str] | None = None) -> list[str]:
    """`shards`, when given, is the shard of each grant to make: the due grants of the second run fall into the
    shards as the first run's did, so each shard's query returns as many bytes and the read units differ only if
    the job reads differently (random hashes alone moved them by half a unit across a 4 KB boundary)."""
    from chalicelib.flows.permits import due_shard
    from chalicelib.models import batches
    from chalicelib.models.disclosure import Grant

    until = DUE_AT - timedelta(days=1) if due else LATER
    grants = []
    for index in range(count):
        code_hash = secrets.token_hex(32)
        while shards is not None and due_shard(code_hash) != shards[index]:
            code_hash = secrets.token_hex(32)
        grants.append(
            Grant(
                code_hash,
                national_code="0012345679",
                tracking_number=f"BENCH{secrets.token_hex(6)}",
                issued_at=DUE_AT,
                inquirable_until=until,
                status="active",
                uses=0,
                due_shard=due_shard(code_hash),
                expires=LATER,
            )
        )
    batches.write(puts=grants)
    return [grant.due_shard for grant in grants]


def _run_job() -> dict:
    from dataclasses import replace

    from chalicelib import wiring
    from chalicelib.flows import permits

    ctx = replace(wiring.context(), now=DUE_AT)
    with RECORDER.recording() as calls:
        expired = permits.expire_due(ctx)
    queried = [c for c in calls if c.operation == "Query"]
    return {"expired": expired, **capacity_of(queried), "queries": len(queried)}


def measure(sizes: tuple[int, int] = (1_000, 10_000), due: int = 100) -> dict:
    """The table grows between the two runs; the first run's expired grants have left the due index."""
    small, large = sizes
    _grants(small - due, due=False)
    shards = _grants(due, due=True)
    first = _run_job()
    _grants(large - small - due, due=False)
    _grants(due, due=True, shards=shards)
    second = _run_job()
    return {
        f"items_read_{large}": second["items_read"],
        f"rcu_{large}": second["rcu"],
        f"items_read_{small}": first["items_read"],
        f"rcu_{small}": first["rcu"],
        "expired": [first["expired"], second["expired"]],
        "queries": second["queries"],
        "growth": round(second["rcu"] / first["rcu"], 3) if first["rcu"] else None,
    }
