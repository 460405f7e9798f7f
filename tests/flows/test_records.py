"""Insurance records: loading (local endpoint and employer lists sent through the intake), viewing, and the summary."""

import io
import os
import random
import subprocess
import sys

import pytest

from chalicelib.flows import records
from infra import demo_records
from tests.conftest import login, new_national_code, register
from tools import import_contributions

HEADER = "workshop_code,workshop_name,employer_name,year,month,national_code,days,wage,job_title\n"


def new_workshop_code() -> str:
    return f"{random.randint(10**9, 10**10 - 1)}"


def month(m, days, wage, job_title="کارگر"):
    return {"month": m, "days": days, "wage": wage, "job_title": job_title}


def load(api, national_code, workshop_code, months, name="کارگاه نمونه", employer="شرکت نمونه"):
    reply = api.post(
        "/dev/contributions",
        {
            "national_code": national_code,
            "workshop_code": workshop_code,
            "workshop_name": name,
            "employer_name": employer,
            "months": months,
        },
    )
    assert reply.status == 201, reply
    return reply


def my_records(api, member):
    reply = api.get("/me/records", token=member["token"])
    assert reply.status == 200, reply
    return reply.json


def import_csv(tmp_path, text):
    """Sends the list with the command-line tool and waits for the intake's result."""
    path = tmp_path / f"list-{random.randint(0, 10**9)}.csv"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = import_contributions.main([str(path), "--wait", "30"], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def csv_line(workshop, national_code, year, m, days, wage, job="کارگر", name="کارگاه البرز", employer="شرکت البرز"):
    return f"{workshop},{name},{employer},{year},{m},{national_code},{days},{wage},{job}\n"


def months_of(national_code):
    """(workshop_code, month, days, wage) for every record the person has."""
    return [
        (w["workshop_code"], m["month"], m["days"], m["wage"])
        for w in records.history(national_code)
        for m in w["months"]
    ]


# Viewing and the summary


def test_summary_on_a_hand_computed_history(api, member):
    code = member["person"]["national_code"]
    a, b = new_workshop_code(), new_workshop_code()
    load(
        api,
        code,
        a,
        [
            month("1400/01", 31, 1_000_000),
            month("1400/12", 29, 7_000_000),
            month("1401/01", 31, 24),
            month("1401/06", 31, 2_000_000),
            month("1401/07", 20, 1_500_000),
            month("1402/12", 0, 0),
        ],
        name="کارگاه الف",
        employer="شرکت الف",
    )
    load(
        api,
        code,
        b,
        [month("1401/07", 15, 900_005, "نگهبان"), month("1402/01", 31, 4_000_000, "نگهبان")],
        name="کارگاه ب",
        employer="شرکت ب",
    )

    shown = my_records(api, member)

    # Days: 31 + 29 + 31 + 31 + min(20 + 15, 30) + 31 + 0 = 183 -> 0 years, 6 months, 3 days.
    # Wages in the 24 months 1401/01..1402/12 (1400/12 is just outside): 24 + 2,000,000 + 1,500,000
    # + 900,005 + 4,000,000 + 0 = 8,400,029 -> 8,400,029 // 24 = 350,001.
    assert shown["summary"] == {
        "total_days": 183,
        "service": {"years": 0, "months": 6, "days": 3},
        "average_monthly_wage_last_2_years": 350_001,
        "first_month": "1400/01",
        "last_month": "1402/12",
    }
    assert [w["workshop_code"] for w in shown["workshops"]] == [a, b]
    assert shown["workshops"][1] == {
        "workshop_code": b,
        "workshop_name": "کارگاه ب",
        "employer_name": "شرکت ب",
        "months": [month("1401/07", 15, 900_005, "نگهبان"), month("1402/01", 31, 4_000_000, "نگهبان")],
    }
    assert [m["month"] for m in shown["workshops"][0]["months"]] == [
        "1400/01",
        "1400/12",
        "1401/01",
        "1401/06",
        "1401/07",
        "1402/12",
    ]


def test_records_need_a_session(api):
    assert api.get("/me/records").status == 401


def test_nobody_sees_another_persons_records(api, member):
    load(api, member["person"]["national_code"], new_workshop_code(), [month("1402/01", 31, 5_000_000)])
    other = register(api)
    shown = api.get("/me/records", token=login(api, other["person"]["national_code"])).json
    assert shown == {
        "summary": {
            "total_days": 0,
            "service": {"years": 0, "months": 0, "days": 0},
            "average_monthly_wage_last_2_years": 0,
            "first_month": None,
            "last_month": None,
        },
        "workshops": [],
    }


# Loading through the local endpoint


def test_loading_again_replaces_those_months(api, member):
    code, workshop = member["person"]["national_code"], new_workshop_code()
    load(api, code, workshop, [month("1402/01", 31, 5_000_000), month("1402/02", 31, 5_000_000)])
    first = my_records(api, member)
    load(api, code, workshop, [month("1402/01", 31, 5_000_000), month("1402/02", 31, 5_000_000)])
    assert my_records(api, member) == first

    load(api, code, workshop, [month("1402/02", 20, 3_000_000, "راننده")], name="کارگاه تازه")
    shown = my_records(api, member)["workshops"]
    assert shown[0]["months"] == [month("1402/01", 31, 5_000_000), month("1402/02", 20, 3_000_000, "راننده")]
    assert shown[0]["workshop_name"] == "کارگاه تازه"


def test_a_month_longer_than_its_length_rejects_the_whole_list(api, member):
    code = member["person"]["national_code"]
    reply = api.post(
        "/dev/contributions",
        {
            "national_code": code,
            "workshop_code": new_workshop_code(),
            "workshop_name": "کارگاه",
            "employer_name": "شرکت",
            "months": [
                month("1402/01", 31, 1),
                month("1402/07", 30, 1),
                month("1403/12", 30, 1),
                month("1402/12", 30, 1),
            ],
        },
    )
    assert reply.status == 422 and reply.error["code"] == "VALIDATION_FAILED"
    assert reply.error["fields"] == {"months[3].days": "DAYS_EXCEED_MONTH"}
    assert my_records(api, member)["workshops"] == []


def test_loading_checks_its_fields(api):
    reply = api.post(
        "/dev/contributions",
        {
            "national_code": "1234567890",
            "workshop_code": "12-ab",
            "workshop_name": " ",
            "employer_name": "شرکت",
            "months": [],
        },
    )
    assert reply.status == 422
    assert reply.error["fields"] == {
        "national_code": "INVALID_NATIONAL_CODE",
        "workshop_code": "INVALID_WORKSHOP_CODE",
        "workshop_name": "REQUIRED",
    }


# Employer lists from CSV


def test_csv_import_is_idempotent_and_people_see_their_lines(api, member, tmp_path, intake_poller):
    code, other, workshop = member["person"]["national_code"], new_national_code(), new_workshop_code()
    text = HEADER + "".join(
        csv_line(workshop, person, 1402, m, 30 if m > 6 else 31, 12_000_000 + m, "جوشکار")
        for m in (5, 6, 7)
        for person in (code, other)
    )
    assert import_csv(tmp_path, text)[0] == 0
    first = my_records(api, member)
    assert import_csv(tmp_path, text)[0] == 0
    assert my_records(api, member) == first
    assert first["workshops"] == [
        {
            "workshop_code": workshop,
            "workshop_name": "کارگاه البرز",
            "employer_name": "شرکت البرز",
            "months": [
                month("1402/05", 31, 12_000_005, "جوشکار"),
                month("1402/06", 31, 12_000_006, "جوشکار"),
                month("1402/07", 30, 12_000_007, "جوشکار"),
            ],
        }
    ]
    assert first["summary"]["total_days"] == 92
    assert len(months_of(other)) == 3


def test_corrected_list_replaces_the_earlier_one(tmp_path, intake_poller):
    workshop, stays, leaves = new_workshop_code(), new_national_code(), new_national_code()
    original = HEADER + "".join(csv_line(workshop, p, 1402, m, 31, 9_000_000) for m in (1, 2) for p in (stays, leaves))
    assert import_csv(tmp_path, original)[0] == 0

    corrected = HEADER + csv_line(workshop, stays, 1402, 2, 25, 7_500_000, name="کارگاه البرز ۲")
    status, out, _ = import_csv(tmp_path, corrected)
    assert status == 0 and "applied: 1 list(s), 1 line(s)" in out
    assert months_of(stays) == [(workshop, "1402/01", 31, 9_000_000), (workshop, "1402/02", 25, 7_500_000)]
    assert months_of(leaves) == [(workshop, "1402/01", 31, 9_000_000)]
    assert records.history(stays)[0]["workshop_name"] == "کارگاه البرز 2"


def test_a_bad_line_refuses_its_list_with_its_line_number(tmp_path, intake_poller):
    workshop, first, second = new_workshop_code(), new_national_code(), new_national_code()
    text = (
        HEADER
        + csv_line(workshop, first, 1402, 7, 30, 1_000_000)
        + csv_line(workshop, second, 1402, 7, 30, 1_000_000)
        + csv_line(workshop, first, 1402, 8, 31, 1_000_000)
        + csv_line(workshop, second, 1402, 8, 30, 1_000_000)
    )

    status, out, err = import_csv(tmp_path, text)

    assert status == 1 and "partly_applied: 1 list(s), 2 line(s) stored." in out
    assert err.splitlines() == ["line 4: DAYS_EXCEED_MONTH روزهای کارکرد از روزهای آن ماه بیشتر است."]
    assert months_of(first) == months_of(second) == [(workshop, "1402/07", 30, 1_000_000)]


def test_a_list_too_big_for_one_transaction_is_still_replaced(tmp_path, intake_poller):
    workshop = new_workshop_code()
    people = [new_national_code() for _ in range(120)]
    assert import_csv(tmp_path, HEADER + "".join(csv_line(workshop, p, 1401, 3, 31, 2_000_000) for p in people))[0] == 0
    assert (
        import_csv(tmp_path, HEADER + "".join(csv_line(workshop, p, 1401, 3, 31, 2_500_000) for p in people[10:]))[0]
        == 0
    )
    assert months_of(people[0]) == months_of(people[9]) == []
    assert months_of(people[10]) == months_of(people[-1]) == [(workshop, "1401/03", 31, 2_500_000)]


def test_the_command_line_tool_sends_the_list_where_the_environment_points(tmp_path, intake_poller):
    workshop, person = new_workshop_code(), new_national_code()
    path = tmp_path / "list.csv"
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

    def send():
        return subprocess.run(
            [sys.executable, "-m", "tools.import_contributions", str(path), "--wait", "30"],
            cwd=root,
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            timeout=60,
        )

    path.write_text(HEADER + csv_line(workshop, person, "۱۴۰۲", "۹", "۳۰", "۸۰۰۰۰۰۰"), encoding="utf-8")
    done = send()
    assert done.returncode == 0, done.stderr
    assert months_of(person) == [(workshop, "1402/09", 30, 8_000_000)]

    path.write_text(HEADER + "1,2\n", encoding="utf-8")
    failed = send()
    assert failed.returncode == 1 and "line 2: MISSING_FIELD" in failed.stderr


# Cost of reading a 40-year history


@pytest.fixture
def dynamodb_calls(aws_events):
    calls = []
    aws_events("before-call.dynamodb", lambda model, **_: calls.append(model.name))
    return calls


def test_a_forty_year_history_is_one_query(dynamodb_calls):

    code = new_national_code()
    demo_records.load_history(code, demo_records.FORTY_YEARS)
    dynamodb_calls.clear()

    workshops = records.history(code)

    assert dynamodb_calls == ["Query"]
    months = sorted({m["month"] for w in workshops for m in w["months"]})
    assert len(months) == 480 and months[0] == "1364/01" and months[-1] == "1403/12"
    firsts = [w["months"][0]["month"] for w in workshops]
    assert firsts == sorted(firsts) and len(workshops) == len(demo_records.FORTY_YEARS)
    assert all([m["month"] for m in w["months"]] == sorted(m["month"] for m in w["months"]) for w in workshops)


def test_demo_records_load_for_the_demo_people():
    from chalicelib import wiring
    from chalicelib.validators import complete_national_code

    lines = demo_records.load(wiring.context())
    assert len(lines) == 2
    summary = records.view(complete_national_code("001234567"))["summary"]
    assert (summary["first_month"], summary["last_month"]) == ("1364/01", "1403/12")
    assert summary["service"]["years"] == 39 and summary["average_monthly_wage_last_2_years"] > 100_000_000
    assert records.view(complete_national_code("001234568"))["workshops"]
