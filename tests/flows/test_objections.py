"""Objections to the insurance records (اعتراض به سوابق): one open per kind, resolved by an operator."""

from chalicelib import jalali
from tests.conftest import login, register


def objection(**overrides):
    body = {
        "kind": "missing_period",
        "workshop_code": "1020045127",
        "workshop_name": "کارگاه ساختمانی پارس سازه",
        "from_month": "1390/01",
        "to_month": "1390/03",
        "days": 93,
        "description": "در این سه ماه در کارگاه کار کرده‌ام ولی سابقه‌ای ثبت نشده است.",
    }
    body.update(overrides)
    return body


def submit(api, member, **overrides):
    return api.post("/me/objections", objection(**overrides), token=member["token"])


def items(api, member):
    reply = api.get("/me/objections", token=member["token"])
    assert reply.status == 200, reply
    return reply.json["items"]


def test_an_objection_is_registered_and_acknowledged_by_sms(api, member, clock):
    """The description comes back normalised as the contract asks: Persian letters, one ZWNJ where one belongs."""
    reply = submit(api, member)
    assert reply.status == 201, reply
    code = reply.json["tracking_code"]
    assert reply.json == {"tracking_code": code, "status": "submitted"}
    assert len(code) == 12 and code.isdigit()

    sms = api.get(f"/dev/outbox?to={member['mobile']}").json["items"][0]
    assert sms["channel"] == "sms" and code in sms["body"]
    assert items(api, member) == [
        {
            "tracking_code": code,
            "kind": "missing_period",
            "status": "submitted",
            "submitted_at": clock.now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "submitted_at_jalali": jalali.day_of(clock.now),
            "workshop_code": "1020045127",
            "workshop_name": "کارگاه ساختمانی پارس سازه",
            "from_month": "1390/01",
            "to_month": "1390/03",
            "days": 93,
            "description": "در این سه ماه در کارگاه کار کرده\u200cام ولی سابقه\u200cای ثبت نشده است.",
        }
    ]


def test_one_open_objection_per_kind_until_it_is_resolved(api, member, clock):
    first = submit(api, member).json["tracking_code"]
    again = submit(api, member, from_month="1391/01", to_month="1391/01", days=31)
    assert again.status == 409 and again.error["code"] == "OBJECTION_ALREADY_OPEN"
    clock.advance(minutes=1)
    other_kind = submit(api, member, kind="wrong_record", days=40)
    assert other_kind.status == 201

    clock.advance(minutes=5)
    assert api.post(f"/dev/objections/{first}/resolve", {"outcome": "rejected"}).status == 204
    resolved_at = clock.now
    clock.advance(minutes=5)
    reopened = submit(api, member, from_month="1391/01", to_month="1391/01", days=31)
    assert reopened.status == 201

    listed = items(api, member)
    assert [i["tracking_code"] for i in listed] == [
        reopened.json["tracking_code"],
        other_kind.json["tracking_code"],
        first,
    ]
    assert [i["status"] for i in listed] == ["submitted", "submitted", "rejected"]
    assert listed[2]["resolved_at"] == resolved_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert listed[2]["resolved_at_jalali"] and "resolved_at" not in listed[0]


def test_resolving_checks_its_objection(api, member):
    code = submit(api, member).json["tracking_code"]
    assert api.post(f"/dev/objections/{code}/resolve", {"outcome": "maybe"}).error["fields"] == {
        "outcome": "INVALID_OUTCOME"
    }
    assert api.post("/dev/objections/000000000000/resolve", {"outcome": "accepted"}).status == 404
    assert api.post(f"/dev/objections/{code}/resolve", {"outcome": "accepted"}).status == 204
    twice = api.post(f"/dev/objections/{code}/resolve", {"outcome": "rejected"})
    assert twice.status == 409 and twice.error["code"] == "OBJECTION_ALREADY_RESOLVED"
    assert items(api, member)[0]["status"] == "accepted"


def test_a_retried_post_with_the_same_key_opens_one_objection(api, member):
    headers = {"Idempotency-Key": "objection-retry-1"}
    first = api.post("/me/objections", objection(), token=member["token"], headers=headers)
    retry = api.post("/me/objections", objection(), token=member["token"], headers=headers)
    assert first.status == retry.status == 201 and first.json == retry.json
    assert len(items(api, member)) == 1


def test_objections_are_validated(api, member, clock):
    this_month = jalali.month_of(clock.now)
    next_month = jalali.add_months(this_month, 1)
    cases = [
        (objection(kind="other"), {"kind": "INVALID_KIND"}),
        (objection(from_month="1390/13"), {"from_month": "INVALID_MONTH"}),
        (objection(from_month="1390/05", to_month="1390/04"), {"to_month": "BEFORE_FROM_MONTH"}),
        (objection(from_month=this_month, to_month=next_month), {"to_month": "FUTURE_MONTH"}),
        (objection(from_month="1390/12", to_month="1391/01", days=61), {"days": "DAYS_EXCEED_PERIOD"}),
        (objection(days=-1), {"days": "INVALID_DAYS"}),
        (objection(description="ا" * 1001), {"description": "TOO_LONG"}),
        (objection(workshop_code="کارگاه"), {"workshop_code": "INVALID_WORKSHOP_CODE"}),
        (
            {"kind": "wrong_record"},
            {
                name: "REQUIRED"
                for name in ("workshop_code", "workshop_name", "from_month", "to_month", "days", "description")
            },
        ),
    ]
    for body, fields in cases:
        reply = api.post("/me/objections", body, token=member["token"])
        assert reply.status == 422 and reply.error["fields"] == fields, (body, reply)
    # 1390/12 has 29 days and 1391/01 has 31: 60 days is the most the period holds; Persian digits are read.
    assert submit(api, member, from_month="۱۳۹۰/۱۲", to_month="1391/1", days="۶۰").status == 201
    assert items(api, member)[0]["from_month"] == "1390/12" and items(api, member)[0]["days"] == 60
    assert api.post("/me/objections", {**objection(), "days": 2.5}, token=member["token"]).status == 400


def test_objections_need_a_session_and_stay_private(api, member):
    assert api.post("/me/objections", objection()).status == 401
    assert api.get("/me/objections").status == 401
    assert submit(api, member).status == 201
    other = register(api)
    assert api.get("/me/objections", token=login(api, other["person"]["national_code"])).json == {
        "items": [],
        "next_cursor": None,
    }


def test_english_acknowledgement(api, member):
    api.language = "en"
    code = submit(api, member).json["tracking_code"]
    body = api.get(f"/dev/outbox?to={member['mobile']}").json["items"][0]["body"]
    assert "objection" in body and code in body
