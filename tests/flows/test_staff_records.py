"""Records work through the HTTP layer: the objections queue, review, and decisions whose corrections land atomically."""

import pytest
from botocore.exceptions import EndpointConnectionError

from chalicelib.contributions import EmployerList, ListRow
from chalicelib.flows import records
from tests.flows.staffing import staff_member
from tests.flows.test_objections import submit
from tests.flows.test_records import load, month, my_records, new_workshop_code


def queue(officer, status="submitted") -> list[dict]:
    listed, cursor = [], None
    while True:
        page = officer.get(
            f"/staff/objections?status={status}&limit=100" + (f"&cursor={cursor}" if cursor else "")
        ).json
        listed += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return listed


def months_at(api, member, workshop_code) -> list[dict]:
    workshops = my_records(api, member)["workshops"]
    return next((w["months"] for w in workshops if w["workshop_code"] == workshop_code), [])


@pytest.fixture
def objected(api, member):
    workshop = new_workshop_code()
    load(
        api,
        member["person"]["national_code"],
        workshop,
        [month("1402/01", 31, 9_000_000), month("1402/02", 31, 9_000_000)],
    )
    reply = submit(
        api, member, kind="wrong_record", workshop_code=workshop, from_month="1402/02", to_month="1402/02", days=31
    )
    assert reply.status == 201, reply
    return {**member, "workshop": workshop, "tracking_code": reply.json["tracking_code"]}


def corrections(workshop, other):
    return [
        {
            "workshop_code": workshop,
            "workshop_name": "کارگاه نمونه",
            "employer_name": "شرکت نمونه",
            "month": "1402/02",
            "days": 31,
            "wage": 14_500_000,
            "job_title": "تکنسین",
        },
        {
            "workshop_code": other,
            "workshop_name": "کارگاه البرز",
            "employer_name": "شرکت البرز",
            "month": "1402/03",
            "days": 30,
            "wage": 11_000_000,
            "job_title": "کارگر",
        },
    ]


def test_the_queue_is_oldest_first_and_review_assigns_the_caller(api, clock, member):
    from tests.conftest import login, register

    officer = staff_member(api, clock, "records_officer")
    first = submit(api, member).json["tracking_code"]
    clock.advance(minutes=2)
    later_member = register(api)
    later = submit(api, {"token": login(api, later_member["person"]["national_code"])}).json["tracking_code"]
    codes = [item["tracking_code"] for item in queue(officer)]
    assert codes.index(first) < codes.index(later)
    [shown] = [item for item in queue(officer) if item["tracking_code"] == first]
    assert shown["national_code_masked"].count("*") == 4 and shown["status"] == "submitted"
    assert officer.post(f"/staff/objections/{first}/review").status == 204
    assert first not in [item["tracking_code"] for item in queue(officer)]
    [taken] = [item for item in queue(officer, "under_review") if item["tracking_code"] == first]
    assert taken["assigned_to"] == officer.member_id
    again = officer.post(f"/staff/objections/{first}/review")
    assert again.status == 409 and again.error["code"] == "NOT_AWAITING_REVIEW"
    assert officer.post("/staff/objections/999999999999/review").status == 404


def test_an_accepted_objection_corrects_the_records_at_once_marked_with_it(api, clock, objected):
    officer = staff_member(api, clock, "records_officer")
    code, workshop, other = objected["tracking_code"], objected["workshop"], new_workshop_code()
    not_taken = officer.post(
        f"/staff/objections/{code}/decision", {"outcome": "accepted", "corrections": corrections(workshop, other)}
    )
    assert not_taken.status == 409 and not_taken.error["code"] == "NOT_UNDER_REVIEW"
    assert officer.post(f"/staff/objections/{code}/review").status == 204
    colleague = staff_member(api, clock, "records_officer")
    assert (
        colleague.post(f"/staff/objections/{code}/decision", {"outcome": "rejected"}).error["code"]
        == "NOT_UNDER_REVIEW"
    )
    bad = officer.post(
        f"/staff/objections/{code}/decision",
        {
            "outcome": "accepted",
            "corrections": [
                {
                    "workshop_code": workshop,
                    "workshop_name": "x",
                    "employer_name": "y",
                    "month": "1402/13",
                    "days": 31,
                    "wage": 1,
                    "job_title": "a",
                }
            ],
        },
    )
    assert bad.status == 422 and bad.error["fields"] == {"corrections[0].month": "INVALID_MONTH"}

    reply = officer.post(
        f"/staff/objections/{code}/decision",
        {"outcome": "accepted", "note": "بر اساس لیست اصلاحی کارفرما", "corrections": corrections(workshop, other)},
    )
    assert reply.status == 204, reply
    assert months_at(api, objected, workshop) == [
        {"month": "1402/01", "days": 31, "wage": 9_000_000, "job_title": "کارگر"},
        {"month": "1402/02", "days": 31, "wage": 14_500_000, "job_title": "تکنسین", "objection": code},
    ]
    assert months_at(api, objected, other) == [
        {"month": "1402/03", "days": 30, "wage": 11_000_000, "job_title": "کارگر", "objection": code}
    ]
    summary = my_records(api, objected)["summary"]
    assert summary["total_days"] == 92
    [mine] = [o for o in api.get("/me/objections", token=objected["token"]).json["items"] if o["tracking_code"] == code]
    assert mine["status"] == "accepted"
    assert code in api.get(f"/dev/outbox?to={objected['mobile']}").json["items"][0]["body"]
    twice = officer.post(f"/staff/objections/{code}/decision", {"outcome": "rejected"})
    assert twice.status == 409


def test_a_later_employer_list_does_not_erase_a_correction(api, clock, objected):
    officer = staff_member(api, clock, "records_officer")
    code, workshop, national_code = objected["tracking_code"], objected["workshop"], objected["person"]["national_code"]
    officer.post(f"/staff/objections/{code}/review")
    assert (
        officer.post(
            f"/staff/objections/{code}/decision",
            {"outcome": "accepted", "corrections": corrections(workshop, new_workshop_code())[:1]},
        ).status
        == 204
    )
    someone_else = ListRow("0012345679", 31, 5_000_000, "کارگر")
    records.store([EmployerList(workshop, "کارگاه نمونه", "شرکت نمونه", "1402/02", (someone_else,))])
    assert months_at(api, objected, workshop)[1] == {
        "month": "1402/02",
        "days": 31,
        "wage": 14_500_000,
        "job_title": "تکنسین",
        "objection": code,
    }
    records.store(
        [
            EmployerList(
                workshop, "کارگاه نمونه", "شرکت نمونه", "1402/02", (ListRow(national_code, 10, 1_000_000, "کارگر"),)
            )
        ]
    )
    assert [m["wage"] for m in months_at(api, objected, workshop)] == [9_000_000, 14_500_000]


def test_a_fault_between_the_decision_and_the_records_leaves_neither(api, clock, objected, aws_events):
    officer = staff_member(api, clock, "records_officer")
    auditor = staff_member(api, clock, "auditor")
    code, workshop, national_code = objected["tracking_code"], objected["workshop"], objected["person"]["national_code"]
    officer.post(f"/staff/objections/{code}/review")
    before = months_at(api, objected, workshop)
    trail_before = auditor.get(f"/staff/audit?national_code={national_code}").json["items"]
    separate_writes, failing = [], [True]

    def fail_the_transaction(**kwargs):
        if failing[0]:
            raise EndpointConnectionError(endpoint_url="http://dynamodb")

    def note_other_writes(event_name, **kwargs):
        separate_writes.append(event_name)

    aws_events("before-call.dynamodb.TransactWriteItems", fail_the_transaction)
    for operation in ("PutItem", "BatchWriteItem", "UpdateItem"):
        aws_events(f"before-call.dynamodb.{operation}", note_other_writes)
    reply = officer.post(
        f"/staff/objections/{code}/decision",
        {"outcome": "accepted", "corrections": corrections(workshop, new_workshop_code())},
    )
    failing[0] = False
    assert reply.status == 503 and reply.error["code"] == "SERVICE_UNAVAILABLE" and "retry-after" in reply.headers
    assert not any("BatchWriteItem" in name for name in separate_writes), (
        "no write of the records outside the transaction"
    )
    assert months_at(api, objected, workshop) == before
    [still] = [item for item in queue(officer, "under_review") if item["tracking_code"] == code]
    assert still["status"] == "under_review"
    trail_after = auditor.get(f"/staff/audit?national_code={national_code}").json["items"]
    assert [e for e in trail_after if e["action"] == "objection_accepted"] == [] and len(trail_after) == len(
        trail_before
    )

    retried = officer.post(
        f"/staff/objections/{code}/decision",
        {"outcome": "accepted", "corrections": corrections(workshop, new_workshop_code())},
    )
    assert retried.status == 204
    assert months_at(api, objected, workshop)[1]["objection"] == code
