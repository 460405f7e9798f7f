"""Employer lists landing in the intake bucket: the S3-event function, re-delivery, corrections, bad files,
files larger than one invocation, and DynamoDB pushing back on the batched writes."""

import json
import random
import uuid
from datetime import timedelta

import pytest

from chalicelib import wiring
from chalicelib.flows import intake, records
from tests.conftest import new_national_code

HEADER = "workshop_code,workshop_name,employer_name,year,month,national_code,days,wage,job_title\n"
PLENTY = timedelta(minutes=15)


def line(workshop, person, year, month, days=30, wage=9_000_000, name="کارگاه دماوند", employer="شرکت دماوند"):
    return f"{workshop},{name},{employer},{year},{month},{person},{days},{wage},کارگر\n"


def new_workshop() -> str:
    return str(random.randint(10**9, 10**10 - 1))


def upload(text: str | bytes, name: str = "list.csv") -> str:
    key = f"incoming/{uuid.uuid4().hex}/{name}"
    body = text.encode() if isinstance(text, str) else text
    wiring.aws("s3").put_object(Bucket=wiring.settings().intake_bucket, Key=key, Body=body)
    return key


def s3_event(key: str) -> dict:
    """What S3 sends for a new object: the key URL-encoded, spaces as +."""
    from urllib.parse import quote_plus

    return {
        "Records": [
            {
                "eventSource": "aws:s3",
                "eventName": "ObjectCreated:Put",
                "s3": {"bucket": {"name": wiring.settings().intake_bucket}, "object": {"key": quote_plus(key)}},
            }
        ]
    }


def deliver(chalice_app, key: str) -> dict:
    """The event through the deployed function's own handler, then the result the employer reads."""
    from chalice.test import Client

    with Client(chalice_app, stage_name="local") as client:
        client.lambda_.invoke("employer_lists", s3_event(key))
    return wiring.intake_bucket().result(key)


def process(key: str, time_left=lambda: PLENTY, continue_later=lambda: None) -> dict:
    return intake.process(wiring.intake_bucket(), key, wiring.now(), time_left, continue_later)


def months_of(person):
    return [
        (w["workshop_code"], m["month"], m["days"], m["wage"]) for w in records.history(person) for m in w["months"]
    ]


@pytest.fixture
def writes(aws_events):
    """The size of every BatchWriteItem the intake sends, seen through botocore's event hooks."""
    sent = []
    aws_events(
        "provide-client-params.dynamodb.BatchWriteItem",
        lambda params, **kwargs: sent.append(sum(len(items) for items in params["RequestItems"].values())),
    )
    return sent


def test_a_list_arriving_in_the_bucket_is_stored_and_answered_beside_the_file(chalice_app):
    workshop, people = new_workshop(), [new_national_code() for _ in range(3)]
    key = upload(HEADER + "".join(line(workshop, p, 1403, m) for m in (1, 2) for p in people), "فهرست مهر 1403.csv")

    result = deliver(chalice_app, key)

    assert result["status"] == "applied" and result["lists_applied"] == 2 and result["rows_applied"] == 6
    assert result["problems"] == [] and result["lists_refused"] == []
    assert months_of(people[1]) == [(workshop, "1403/01", 30, 9_000_000), (workshop, "1403/02", 30, 9_000_000)]


def test_a_redelivered_event_applies_nothing_twice(chalice_app, writes):
    workshop, person = new_workshop(), new_national_code()
    key = upload(HEADER + line(workshop, person, 1403, 3))
    first = deliver(chalice_app, key)
    writes.clear()

    again = deliver(chalice_app, key)

    assert again == first and writes == []
    assert months_of(person) == [(workshop, "1403/03", 30, 9_000_000)]


def test_the_same_file_uploaded_again_is_recognised_and_not_applied(chalice_app, writes):
    workshop, person = new_workshop(), new_national_code()
    text = HEADER + line(workshop, person, 1403, 4)
    first_key = upload(text)
    deliver(chalice_app, first_key)
    writes.clear()

    result = deliver(chalice_app, upload(text, "copy.csv"))

    assert result["status"] == "duplicate" and result["duplicate_of"] == first_key and result["rows_applied"] == 0
    assert "پیش‌تر" in result["message"] and writes == []


def test_a_corrected_list_replaces_the_month(chalice_app):
    workshop, stays, leaves = new_workshop(), new_national_code(), new_national_code()
    deliver(chalice_app, upload(HEADER + line(workshop, stays, 1403, 5) + line(workshop, leaves, 1403, 5)))

    result = deliver(chalice_app, upload(HEADER + line(workshop, stays, 1403, 5, days=20, wage=6_000_000)))

    assert result["status"] == "applied"
    assert months_of(stays) == [(workshop, "1403/05", 20, 6_000_000)]
    assert months_of(leaves) == []


@pytest.mark.parametrize(
    "body, code",
    [
        ("national_code,days\n0012345679,30\n", "BAD_HEADER"),
        (HEADER.encode() + "1234,کارگاه,کارفرما,1403,1,0012345679,30,100,x\n".encode("utf-16"), "NOT_UTF8"),
        (HEADER, "EMPTY"),
    ],
)
def test_a_malformed_file_applies_nothing_and_says_why(chalice_app, writes, body, code):
    key = upload(body)

    result = deliver(chalice_app, key)

    assert result["status"] == "refused" and result["rows_applied"] == 0 and writes == []
    assert result["problems"][0]["code"] == code and result["problems"][0]["reason"]
    assert result["message"].startswith("هیچ سطری")


def test_a_line_that_names_no_list_refuses_the_whole_file(chalice_app):
    workshop, person, other = new_workshop(), new_national_code(), new_national_code()
    key = upload(HEADER + line(workshop, person, 1403, 6) + line(workshop, other, 1403, 13))

    result = deliver(chalice_app, key)

    assert result["status"] == "refused" and result["problems"] == [
        {"line": 3, "code": "INVALID_MONTH", "reason": "سال و ماه معتبر نیست."}
    ]
    assert months_of(person) == []


def test_a_bad_line_refuses_its_own_list_and_the_others_are_stored(chalice_app):
    good, bad, person = new_workshop(), new_workshop(), new_national_code()
    key = upload(HEADER + line(good, person, 1403, 7) + line(bad, person, 1403, 7) + line(bad, "0012345670", 1403, 7))

    result = deliver(chalice_app, key)

    assert result["status"] == "partly_applied" and result["lists_refused"] == [f"{bad}#1403/07"]
    assert result["problems"] == [{"line": 4, "code": "INVALID_NATIONAL_CODE", "reason": "کد ملی معتبر نیست."}]
    assert months_of(person) == [(good, "1403/07", 30, 9_000_000)]


def test_a_file_longer_than_one_invocation_continues_where_it_stopped(monkeypatch, writes):
    monkeypatch.setattr(intake, "BATCH_ROWS", 4)
    workshop, people = new_workshop(), [new_national_code() for _ in range(4)]
    key = upload(HEADER + "".join(line(workshop, p, 1402, m) for m in range(1, 7) for p in people))
    handed_on = []
    clock = iter([PLENTY, PLENTY, timedelta(seconds=5)])  # the claim's lease, then after each batch

    first = process(key, time_left=lambda: next(clock), continue_later=lambda: handed_on.append(key))

    assert first["status"] == "continuing" and first["lists_applied"] == 2 and handed_on == [key]
    assert wiring.intake_bucket().result(key) is None
    assert [m for _, m, _, _ in months_of(people[0])] == ["1402/01", "1402/02"]
    written_before = sum(writes)

    done = process(key)

    assert done["status"] == "applied" and done["lists_applied"] == 6 and done["rows_applied"] == 24
    assert [m for _, m, _, _ in months_of(people[3])] == [f"1402/{m:02d}" for m in range(1, 7)]
    # The second invocation wrote only the four months the first had not: each list's entries and records once.
    assert sum(writes) - written_before == 4 * len(people) * 2


def test_an_invocation_holding_the_file_keeps_a_redelivery_out(writes):
    workshop, person = new_workshop(), new_national_code()
    key = upload(HEADER + line(workshop, person, 1402, 8))
    from chalicelib.models.intake import claim_file

    checked = intake._check(wiring.intake_bucket().lines(key))
    claim_file(checked.sha256, key, wiring.now(), wiring.now() + timedelta(minutes=5))

    assert process(key)["status"] == "busy" and writes == []


def test_unprocessed_items_are_sent_again_until_stored(chalice_app, aws_events, monkeypatch):
    """DynamoDB accepts only part of each batch (UnprocessedItems) for a while; every row still lands once."""
    from chalicelib.models import batches

    monkeypatch.setattr(batches, "BASE_DELAY", 0.001)
    stash, answered = {}, []

    def hold_back_half(params, **kwargs):
        if len(answered) < 6:
            for table, requests in params["RequestItems"].items():
                stash[table] = requests[len(requests) // 2 :]
                del requests[len(requests) // 2 :]

    def report_unprocessed(parsed, **kwargs):
        if stash:
            parsed["UnprocessedItems"] = dict(stash)
            answered.append(sum(len(items) for items in stash.values()))
            stash.clear()

    aws_events("provide-client-params.dynamodb.BatchWriteItem", hold_back_half)
    aws_events("after-call.dynamodb.BatchWriteItem", report_unprocessed)
    workshop, people = new_workshop(), [new_national_code() for _ in range(30)]
    result = deliver(chalice_app, upload(HEADER + "".join(line(workshop, p, 1402, 9) for p in people)))

    assert len(answered) == 6 and all(answered), "six batches came back with items left unprocessed"
    assert result["status"] == "applied" and result["rows_applied"] == 30
    assert all(months_of(p) == [(workshop, "1402/09", 30, 9_000_000)] for p in people)


def test_throttled_batches_are_retried_by_the_client(chalice_app, aws_events):
    """The first BatchWriteItem calls are refused outright as throttled; the intake still stores every row."""
    from botocore.awsrequest import AWSResponse

    refused = []

    def throttle(request, **kwargs):
        if len(refused) < 2:
            refused.append(True)
            body = json.dumps(
                {
                    "__type": "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                    "message": "The level of configured provisioned throughput for the table was exceeded.",
                }
            )
            return AWSResponse(request.url, 400, {"Content-Type": "application/x-amz-json-1.0"}, _Raw(body.encode()))
        return None

    aws_events("before-send.dynamodb.BatchWriteItem", throttle)
    workshop, people = new_workshop(), [new_national_code() for _ in range(5)]
    result = deliver(chalice_app, upload(HEADER + "".join(line(workshop, p, 1402, 10) for p in people)))

    assert refused == [True, True]
    assert result["status"] == "applied" and all(months_of(p) == [(workshop, "1402/10", 30, 9_000_000)] for p in people)


class _Raw:
    """The raw body botocore reads an HTTP response from."""

    def __init__(self, data: bytes):
        self.data = data

    def stream(self, **kwargs):
        yield self.data
