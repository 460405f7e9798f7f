"""Inquiry permits (صدور مجوز استعلام) on mailbox letters: issue, one at a time, cancel, and expiry by clock and by job."""

import json
import re
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib import jalali
from chalicelib.crypto import random_digits
from chalicelib.jalali import day_of
from chalicelib.text import figures, when
from tests.conftest import login, register

CODE = re.compile(r"[0-9]{4}-[0-9]{4}-[0-9]{4}")
STATEMENT_RECORDS = {
    "summary": {
        "total_days": 61,
        "service": {"years": 0, "months": 2, "days": 1},
        "average_monthly_wage_last_2_years": 0,
        "first_month": "1402/01",
        "last_month": "1402/02",
    },
    "workshops": [
        {
            "workshop_code": "1234567",
            "workshop_name": "کارگاه نمونه",
            "employer_name": "شرکت نمونه",
            "months": [
                {"month": "1402/01", "days": 31, "wage": None, "job_title": ""},
                {"month": "1402/02", "days": 30, "wage": None, "job_title": ""},
            ],
        }
    ],
}
PDF = b"%PDF-1.4\n% a stand-in letter\n%%EOF\n"


def add_letter(member: dict, letter_type: str = "full") -> str:
    """A letter in the member's mailbox, written as POST /me/disclosures stores one; answers its tracking number."""
    from chalicelib import wiring
    from chalicelib.models.disclosure import MailboxItem

    now = datetime.now(timezone.utc)
    tracking_number = day_of(now).replace("/", "") + random_digits(8)
    object_key = f"letters/test-{tracking_number}.pdf"
    wiring.letter_store().put(object_key, PDF)
    person = member["person"]
    statement = {
        "first_name": person["first_name"],
        "last_name": person["last_name"],
        "type": letter_type,
        "issued_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "records": STATEMENT_RECORDS,
    }
    MailboxItem(
        person["national_code"],
        tracking_number,
        type=letter_type,
        language="fa",
        system="سامانه",
        subject="اعلام سابقه",
        mobile=member["mobile"],
        sent_at=now,
        size_bytes=len(PDF),
        object_key=object_key,
        sha256="0" * 64,
        verification_code=f"TEST-{random_digits(4)}-{random_digits(4)}",
        statement=json.dumps(statement, ensure_ascii=False),
    ).save()
    return tracking_number


def issue(api, member, tracking_number, validity="week", **extra):
    return api.post(f"/me/mailbox/{tracking_number}/permit", {"validity": validity, **extra}, token=member["token"])


def mailbox_row(api, member, tracking_number) -> dict:
    reply = api.get("/me/mailbox", token=member["token"])
    assert reply.status == 200, reply
    return next(item for item in reply.json["items"] if item["tracking_number"] == tracking_number)


def sms_to(api, mobile) -> list[str]:
    return [m["body"] for m in api.get(f"/dev/outbox?to={mobile}").json["items"]]


@pytest.mark.parametrize("validity,days", [("day", 1), ("week", 7), ("month", 30), ("year", 365)])
def test_permit_shows_a_formatted_code_valid_for_the_chosen_period(api, member, clock, validity, days):
    tracking_number = add_letter(member)
    reply = issue(api, member, tracking_number, validity)
    assert reply.status == 201, reply
    assert CODE.fullmatch(reply.json["access_code"])
    until = clock.now + timedelta(days=days)
    assert reply.json["inquirable_until"] == until.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert reply.json["inquirable_until_jalali"] == day_of(until)
    row = mailbox_row(api, member, tracking_number)
    assert row["permit_status"] == "active" and row["access_code"] == reply.json["access_code"]
    shown = when("fa", until)
    assert shown["time"] == figures("fa", jalali.in_tehran(until).strftime("%H:%M"))
    assert any(
        tracking_number in body and shown["day"] in body and shown["time"] in body
        for body in sms_to(api, member["mobile"])
    )


def test_one_active_permit_per_letter(api, member):
    tracking_number = add_letter(member)
    first = issue(api, member, tracking_number)
    second = issue(api, member, tracking_number, "day")
    assert first.status == 201 and second.status == 409
    assert second.error["code"] == "PERMIT_ALREADY_ACTIVE"
    assert mailbox_row(api, member, tracking_number)["access_code"] == first.json["access_code"]


def test_retried_issue_with_the_same_idempotency_key_returns_the_same_code(api, member):
    tracking_number = add_letter(member)
    headers = {"Idempotency-Key": "permit-" + random_digits(8)}
    first = api.post(
        f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}, token=member["token"], headers=headers
    )
    again = api.post(
        f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}, token=member["token"], headers=headers
    )
    assert first.status == again.status == 201 and first.json == again.json


def test_bad_input_is_refused_with_the_fields_named(api, member):
    tracking_number = add_letter(member)
    assert issue(api, member, tracking_number, "fortnight").error["fields"] == {"validity": "INVALID_VALIDITY"}
    missing = api.post(f"/me/mailbox/{tracking_number}/permit", {}, token=member["token"])
    assert missing.status == 422 and missing.error["fields"] == {"validity": "REQUIRED"}
    unknown = issue(api, member, tracking_number, institution_id="ins_0000000000000000")
    assert unknown.status == 422 and unknown.error["fields"] == {"institution_id": "UNKNOWN_INSTITUTION"}
    assert issue(api, member, tracking_number, validity=7).error["code"] == "MALFORMED_REQUEST"
    assert api.post(f"/me/mailbox/{tracking_number}/permit", {"validity": "day"}).status == 401


def test_another_persons_letter_is_not_found(api, member):
    tracking_number = add_letter(member)
    other = register(api)
    other["token"] = login(api, other["person"]["national_code"])
    assert issue(api, other, tracking_number).status == 404
    assert api.delete(f"/me/mailbox/{tracking_number}/permit", token=other["token"]).status == 404
    assert issue(api, member, "14030101999999").status == 404


def test_cancel_stops_the_permit_and_a_second_cancel_conflicts(api, member):
    tracking_number = add_letter(member)
    assert (
        api.delete(f"/me/mailbox/{tracking_number}/permit", token=member["token"]).error["code"] == "NO_ACTIVE_PERMIT"
    )
    issue(api, member, tracking_number)
    assert api.delete(f"/me/mailbox/{tracking_number}/permit", token=member["token"]).status == 204
    row = mailbox_row(api, member, tracking_number)
    assert row["permit_status"] == "cancelled" and row["access_code"] is None and row["inquirable_until"] is None
    again = api.delete(f"/me/mailbox/{tracking_number}/permit", token=member["token"])
    assert again.status == 409 and again.error["code"] == "NO_ACTIVE_PERMIT"
    assert issue(api, member, tracking_number).status == 201


def test_a_permit_past_its_time_is_expired_before_any_job_runs(api, member, clock):
    tracking_number = add_letter(member)
    first = issue(api, member, tracking_number, "day")
    clock.advance(days=1, seconds=1)
    member["token"] = login(api, member["person"]["national_code"])
    row = mailbox_row(api, member, tracking_number)
    assert row["permit_status"] == "expired" and row["access_code"] is None
    assert (
        api.delete(f"/me/mailbox/{tracking_number}/permit", token=member["token"]).error["code"] == "NO_ACTIVE_PERMIT"
    )
    second = issue(api, member, tracking_number, "day")
    assert second.status == 201 and second.json["access_code"] != first.json["access_code"]


def test_expiry_job_expires_due_permits_and_tells_the_owner(own_tables, api, member):
    tracking_number = add_letter(member)
    kept = add_letter(member)
    issue(api, member, tracking_number, "day")
    issue(api, member, kept, "year")
    later = (datetime.now(timezone.utc) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    reply = api.post("/dev/jobs/expire_permits", {"now": later})
    assert reply.status == 200 and reply.json["name"] == "expire_permits" and reply.json["processed"] == 1
    expired = mailbox_row(api, member, tracking_number)
    assert expired["permit_status"] == "expired" and expired["access_code"] is None
    assert mailbox_row(api, member, kept)["permit_status"] == "active"
    assert any(tracking_number in body and "پایان" in body for body in sms_to(api, member["mobile"]))
    assert api.post("/dev/jobs/expire_permits", {"now": later}).json["processed"] == 0


def test_the_job_leaves_a_newer_permit_on_the_same_letter_alone(own_tables, api, member, clock):
    tracking_number = add_letter(member)
    issue(api, member, tracking_number, "day")
    clock.advance(days=2)
    member["token"] = login(api, member["person"]["national_code"])
    newer = issue(api, member, tracking_number, "week")
    later = (clock.now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert api.post("/dev/jobs/expire_permits", {"now": later}).json["processed"] == 1
    row = mailbox_row(api, member, tracking_number)
    assert row["permit_status"] == "active" and row["access_code"] == newer.json["access_code"]


def test_concurrent_issues_leave_exactly_one_active_permit(api, member, aws_events):
    """Eight requests all read "no permit" before any of them writes, so only the conditional transaction stands between
    them and eight codes.

    moto applies a TransactWriteItems without a lock and rolls a failed one back by restoring a copy of the whole table
    taken before it ran, which can undo a concurrent transaction that succeeded. DynamoDB serialises transactions on an
    item, so the test lets the reads race and hands the transactions to the emulator one at a time, as DynamoDB would.
    """
    from chalicelib import wiring
    from chalicelib.errors import DomainError
    from chalicelib.flows import permits
    from chalicelib.models.disclosure import Grant, MailboxItem

    tracking_number = add_letter(member)
    national_code = member["person"]["national_code"]
    attempts = 8
    start, all_read, one_at_a_time, outcomes = (
        threading.Barrier(attempts),
        threading.Barrier(attempts, timeout=30),
        threading.Lock(),
        [],
    )

    def take_turn(**_):  # a before-call handler that returned a value would stand in for the call
        all_read.wait()
        one_at_a_time.acquire()

    def end_turn(**_):
        one_at_a_time.release()

    aws_events("before-call.dynamodb.TransactWriteItems", take_turn)
    aws_events("after-call.dynamodb.TransactWriteItems", end_turn)
    aws_events("after-call-error.dynamodb.TransactWriteItems", end_turn)

    def attempt():
        ctx = wiring.context()
        start.wait()
        try:
            outcomes.append(permits.issue(national_code, tracking_number, {"validity": "day"}, ctx)["access_code"])
        except DomainError as error:
            outcomes.append(error.code)

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    codes = [o for o in outcomes if CODE.fullmatch(o)]
    assert len(codes) == 1 and sorted(outcomes) == sorted(codes + ["PERMIT_ALREADY_ACTIVE"] * (attempts - 1)), outcomes
    item = MailboxItem.get(national_code, tracking_number, consistent_read=True)
    assert item.shown_access_code() == codes[0] and item.permit_hash == permits.code_hash(codes[0].replace("-", ""))
    grants = list(Grant.scan(Grant.tracking_number == tracking_number, consistent_read=True))
    assert [(g.code_hash, g.status) for g in grants] == [(item.permit_hash, "active")]


@pytest.mark.slow
def test_expiry_job_reads_only_what_is_due(capsys, monkeypatch, request, aws_events):
    """10,000 grants, 100 of them due: the job's reads follow the 100, not the table (figures printed for the report).

    The grants go to tables of their own (another prefix), dropped afterwards: moto copies a whole table for every
    transaction that touches it, and 10,000 extra grants would slow every later test.
    """
    from chalicelib import wiring
    from chalicelib.flows import permits
    from chalicelib.models.disclosure import Grant, MailboxItem

    monkeypatch.setenv("TABLE_PREFIX", f"tamin-measure-{random_digits(6)}-")
    for model in (Grant, MailboxItem):
        model.create_table(wait=True)
        request.addfinalizer(model.delete_table)
    base = datetime.now(timezone.utc) - timedelta(days=30)
    started = time.perf_counter()
    with Grant.batch_write() as batch:
        for i in range(10_000):
            due = i < 100
            until = base - timedelta(seconds=i + 1) if due else base + timedelta(days=36500, seconds=i)
            code_hash = permits.code_hash(random_digits(12))
            batch.save(
                Grant(
                    code_hash,
                    national_code="0000000000",
                    tracking_number=f"measure-{i}",
                    issued_at=base,
                    inquirable_until=until,
                    status="active",
                    uses=0,
                    due_shard=permits.due_shard(code_hash),
                )
            )
    written = time.perf_counter() - started

    calls, measuring = [], [True]

    def started(model, params, context, **_):
        if measuring[0]:
            table = json.loads(params["body"] or b"{}").get("TableName")  # before-call sees the serialised request
            context["measured"] = [model.name, 0, 0, table, time.perf_counter()]
            calls.append(context["measured"])

    def finished(parsed, context, **_):
        call = context.get("measured")
        if call is not None:
            call[1:3] = parsed.get("Count", 0), parsed.get("ScannedCount", 0)
            call[4] = time.perf_counter() - call[4]

    aws_events("before-call.dynamodb", started)
    aws_events("after-call.dynamodb", finished)
    job_started = time.perf_counter()
    processed = permits.expire_due(wiring.context_at(base.isoformat()))
    job_time = time.perf_counter() - job_started
    measuring[0] = False
    queries = [c for c in calls if c[0] == "Query"]
    operations: dict = {}
    for operation, _, _, table, seconds in calls:
        count, total = operations.get((operation, table), (0, 0.0))
        operations[(operation, table)] = (count + 1, round(total + seconds, 2))
    assert processed == 100
    assert len(queries) == permits.SHARDS  # one page per shard: 100 small items are far below a 1 MB page
    assert sum(c[1] for c in queries) == 100 and sum(c[2] for c in queries) == 100
    assert {c[0] for c in calls} == {"Query", "UpdateItem"}
    with capsys.disabled():
        print(
            f"\n[expiry measurement] 10,000 grants written in {written:.1f} s; expire_due: {processed} processed in "
            f"{job_time:.2f} s; (calls, seconds) per operation and table: {operations}; "
            f"items read {sum(c[1] for c in queries)}, scanned {sum(c[2] for c in queries)}"
        )
