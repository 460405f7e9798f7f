"""Employer-list intake throughput: a 200,000-row file through the real intake path (S3 object, both passes,
records.store with its batched writes) against a floor that sends the same items with raw BatchWriteItem calls,
prepared beforehand and sent as many at a time as the intake does, half of them before the intake and half after."""

from __future__ import annotations

import random
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from bench.harness import RECORDER, capacity_of

HEADER = "workshop_code,workshop_name,employer_name,year,month,national_code,days,wage,job_title\n"


def _file(rows: int, per_list: int) -> tuple[str, list[tuple[str, str, str, int, int]]]:
    """A month's file of several workshops' lists, each workshop naming its own people."""
    from chalicelib.validators import complete_national_code

    rng = random.Random(16)
    lines, entries = [HEADER], []
    lists = rows // per_list
    for number in range(lists):
        workshop = f"{7_000_000_000 + number // 4}"
        month = number % 4 + 1
        for person in range(per_list):
            code = complete_national_code(f"{(number // 4) * per_list + person + 100_000_000:09d}")
            days, wage = 30 - person % 3, 80_000_000 + rng.randrange(0, 9_000_000)
            lines.append(
                f"{workshop},کارگاه شماره {number // 4},شرکت نمونه {number // 4},1404,{month},{code},{days},{wage},کارگر ساده\n"
            )
            entries.append((workshop, f"1404/{month:02d}", code, days, wage))
    return "".join(lines), entries


def _floor_requests(entries) -> list[dict]:
    """The items the intake writes (a list entry and a record per row), in 25-item BatchWriteItem calls; under
    other workshop codes, so they are new items as the intake's were, not overwrites."""
    from chalicelib.models.records import ListEntry, Record, list_key, record_key

    items = []
    lists_table, records_table = ListEntry.Meta.table_name, Record.Meta.table_name
    for workshop, month, code, days, wage in entries:
        workshop = "8" + workshop[1:]
        items.append((lists_table, ListEntry(list_key(workshop, month), code).serialize()))
        items.append(
            (
                records_table,
                Record(
                    code,
                    record_key(month, workshop),
                    workshop_code=workshop,
                    workshop_name="کارگاه",
                    employer_name="شرکت نمونه",
                    days=days,
                    wage=wage,
                    job_title="کارگر ساده",
                ).serialize(),
            )
        )
    calls = []
    for start in range(0, len(items), 25):
        batch: dict[str, list] = {}
        for table, item in items[start : start + 25]:
            batch.setdefault(table, []).append({"PutRequest": {"Item": item}})
        calls.append(batch)
    return calls


def measure(rows: int = 200_000, per_list: int = 200) -> dict:
    import boto3
    from botocore.config import Config

    from chalicelib import wiring
    from chalicelib.config import settings
    from chalicelib.flows import intake
    from chalicelib.models import batches

    text, entries = _file(rows, per_list)
    key = f"incoming/bench/{time.time_ns()}.csv"
    wiring.aws("s3").put_object(Bucket=settings().intake_bucket, Key=key, Body=text.encode())
    bucket = wiring.intake_bucket()
    requests = _floor_requests(entries)
    client = boto3.client("dynamodb", config=Config(max_pool_connections=batches.WRITERS))

    def floor_part(part: list[dict]) -> float:
        started = time.perf_counter()
        with ThreadPoolExecutor(batches.WRITERS) as pool:
            list(pool.map(lambda batch: client.batch_write_item(RequestItems=batch), part))
        return time.perf_counter() - started

    # Half the floor before the intake and half after, so a machine growing busier or quieter during the run
    # weighs on both sides alike.
    floor = floor_part(requests[: len(requests) // 2])
    with RECORDER.recording() as calls:
        started = time.perf_counter()
        result = intake.process(bucket, key, wiring.now(), lambda: timedelta(hours=1), lambda: None)
        seconds = time.perf_counter() - started
    floor += floor_part(requests[len(requests) // 2 :])
    assert result["status"] == "applied" and result["rows_applied"] == rows, result
    capacity = capacity_of(calls)
    floor_rows = rows
    rows_per_s, floor_rows_per_s = rows / seconds, floor_rows / floor
    return {
        "rows": rows,
        "lists": rows // per_list,
        "rows_per_s": round(rows_per_s),
        "floor_rows_per_s": round(floor_rows_per_s),
        "ratio_to_floor": round(rows_per_s / floor_rows_per_s, 2),
        "seconds": round(seconds, 1),
        "floor_seconds": round(floor, 1),
        "floor_rows": floor_rows,
        "wcu_per_row": round(capacity["wcu"] / rows, 3),
        "rcu_per_row": round(capacity["rcu"] / rows, 4),
        "dynamodb_calls": sum(1 for c in calls if c.service == "dynamodb"),
    }
