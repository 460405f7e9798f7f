import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib import jalali
from chalicelib.contributions import (
    CSV_HEADER,
    ContributionError,
    CsvImportError,
    EmployerList,
    filter_for_disclosure,
    parse_employer_csv,
    summarize,
    validate_months,
)

# Valid by the mod-11 check digit.
CODE_A, CODE_B = "0499370899", "0084575948"


def record(month, days=30, wage=100_000_000, job_title="کارگر"):
    return {"month": month, "days": days, "wage": wage, "job_title": job_title}


def workshop(code, *months):
    return {
        "workshop_code": code,
        "workshop_name": f"کارگاه {code}",
        "employer_name": "شرکت نمونه",
        "months": list(months),
    }


# validate_months


def test_validate_months_canonicalises():
    result = validate_months([{"month": "1402-1", "days": 31, "wage": 0, "job_title": "  راننده  ", "extra": 1}])
    assert result == [{"month": "1402/01", "days": 31, "wage": 0, "job_title": "راننده"}]


def test_validate_months_accepts_the_bounds():
    result = validate_months(
        [
            record("1403/12", days=30, wage=10**13, job_title="x" * 100),
            record("1402/12", days=29, job_title=""),
            record("1402/07", days=0, wage=0),
        ]
    )
    assert [r["days"] for r in result] == [30, 29, 0]


def error_fields(months, **kwargs):
    with pytest.raises(ContributionError) as caught:
        validate_months(months, **kwargs)
    return caught.value.fields


@pytest.mark.parametrize(
    ("entry", "field", "code"),
    [
        (record("1402/13"), "month", "INVALID_MONTH"),
        (record("۱۴۰۲/۰۱"), "month", "INVALID_MONTH"),
        (record(None), "month", "INVALID_MONTH"),
        (record("1402/07", days=31), "days", "DAYS_EXCEED_MONTH"),
        (record("1402/12", days=30), "days", "DAYS_EXCEED_MONTH"),
        (record("1402/01", days=-1), "days", "INVALID_DAYS"),
        (record("1402/01", days=True), "days", "INVALID_DAYS"),
        (record("1402/01", days=3.0), "days", "INVALID_DAYS"),
        (record("1402/01", days="3"), "days", "INVALID_DAYS"),
        (record("1402/01", wage=-1), "wage", "INVALID_WAGE"),
        (record("1402/01", wage=10**13 + 1), "wage", "INVALID_WAGE"),
        (record("1402/01", wage=False), "wage", "INVALID_WAGE"),
        (record("1402/01", wage=None), "wage", "INVALID_WAGE"),
        (record("1402/01", wage="100"), "wage", "INVALID_WAGE"),
        (record("1402/01", job_title="x" * 101), "job_title", "INVALID_JOB_TITLE"),
        (record("1402/01", job_title="a\nb"), "job_title", "INVALID_JOB_TITLE"),
        (record("1402/01", job_title=None), "job_title", "INVALID_JOB_TITLE"),
    ],
)
def test_validate_months_codes(entry, field, code):
    assert error_fields([record("1401/01"), entry]) == {f"months[1].{field}": code}


def test_days_of_an_unknown_month_are_bounded_by_the_longest_month():
    assert error_fields([record("bad", days=31)]) == {"months[0].month": "INVALID_MONTH"}
    assert error_fields([record("bad", days=32)]) == {
        "months[0].month": "INVALID_MONTH",
        "months[0].days": "DAYS_EXCEED_MONTH",
    }


def test_validate_months_reports_every_problem_at_once():
    fields = error_fields(
        [record("1402/01"), {"month": "1402/1", "days": 40, "wage": -5}, "nonsense", record("1402/02", days=-1)]
    )
    assert fields == {
        "months[1].month": "DUPLICATE_MONTH",
        "months[1].days": "DAYS_EXCEED_MONTH",
        "months[1].wage": "INVALID_WAGE",
        "months[1].job_title": "INVALID_JOB_TITLE",
        "months[2]": "INVALID_ENTRY",
        "months[3].days": "INVALID_DAYS",
    }


def test_validate_months_empty_and_not_a_list():
    assert error_fields([]) == {"months": "EMPTY"}
    assert error_fields({"month": "1402/01"}) == {"months": "INVALID_LIST"}


def test_validate_months_path_prefix():
    assert error_fields([record("1402/01", days=99)], prefix="workshops[2].months") == {
        "workshops[2].months[0].days": "DAYS_EXCEED_MONTH"
    }


# summarize


EMPTY_SUMMARY = {
    "total_days": 0,
    "service": {"years": 0, "months": 0, "days": 0},
    "average_monthly_wage_last_2_years": 0,
    "first_month": None,
    "last_month": None,
}


def test_summarize_empty_history():
    assert summarize([]) == EMPTY_SUMMARY
    assert summarize([workshop("1")]) == EMPTY_SUMMARY


def test_summarize_caps_concurrent_work_at_the_month_length():
    history = [
        workshop("1", record("1402/12", days=20), record("1403/01", days=31)),
        workshop("2", record("1402/12", days=20), record("1403/02", days=10)),
    ]
    summary = summarize(history)
    assert summary["total_days"] == 29 + 31 + 10
    assert (summary["first_month"], summary["last_month"]) == ("1402/12", "1403/02")


def test_summarize_leap_esfand_caps_at_30():
    history = [workshop("1", record("1403/12", days=30)), workshop("2", record("1403/12", days=30))]
    assert summarize(history)["total_days"] == 30


def test_summarize_spells_out_service():
    months = [record(m, days=jalali.month_length(m)) for m in jalali.months_between("1390/01", "1402/12")]
    summary = summarize([workshop("1", *months)])
    total = summary["total_days"]
    assert total == sum(jalali.month_length(m) for m in jalali.months_between("1390/01", "1402/12"))
    assert summary["service"] == {"years": total // 365, "months": total % 365 // 30, "days": total % 365 % 30}


@pytest.mark.parametrize(
    ("total", "service"),
    [(0, (0, 0, 0)), (29, (0, 0, 29)), (30, (0, 1, 0)), (364, (0, 12, 4)), (365, (1, 0, 0)), (3000, (8, 2, 20))],
)
def test_service_boundaries(total, service):
    months = []
    remaining = total
    for month in jalali.months_between("1380/01", "1399/12"):
        days = min(remaining, jalali.month_length(month))
        months.append(record(month, days=days))
        remaining -= days
    summary = summarize([workshop("1", *months)])
    assert summary["total_days"] == total
    assert tuple(summary["service"].values()) == service


def test_average_covers_the_24_months_ending_at_the_last_month():
    history = [
        workshop("1", record("1400/12", wage=999_999_999), record("1401/01", wage=240), record("1402/06", wage=24)),
        workshop("2", record("1402/12", wage=1, days=0)),
    ]
    summary = summarize(history)
    assert summary["last_month"] == "1402/12"
    assert summary["average_monthly_wage_last_2_years"] == (240 + 24 + 1) // 24


def test_average_rounds_down_and_treats_undisclosed_wages_as_zero():
    history = [workshop("1", record("1402/01", wage=47), record("1402/02", wage=None))]
    assert summarize(history)["average_monthly_wage_last_2_years"] == 1


def test_zero_day_months_count_for_first_and_last():
    history = [workshop("1", record("1390/05", days=0), record("1395/01", days=10), record("1402/03", days=0))]
    summary = summarize(history)
    assert (summary["first_month"], summary["last_month"], summary["total_days"]) == ("1390/05", "1402/03", 10)


def test_summarize_accepts_early_months_near_the_supported_limit():
    assert summarize([workshop("1", record("1300/02", wage=48))])["average_monthly_wage_last_2_years"] == 2


@given(
    st.lists(
        st.lists(
            st.tuples(
                st.sampled_from(jalali.months_between("1400/01", "1403/12")),
                st.integers(0, 31),
                st.one_of(st.none(), st.integers(0, 10**9)),
            ),
            max_size=8,
        ),
        max_size=4,
    )
)
def test_summarize_invariants(raw):
    history = [
        workshop(str(i), *(record(m, days=min(days, jalali.month_length(m)), wage=wage) for m, days, wage in months))
        for i, months in enumerate(raw)
    ]
    summary = summarize(history)
    months = {m for ws in raw for m, _, _ in ws}
    assert summary["total_days"] <= sum(jalali.month_length(m) for m in months)
    assert summary["total_days"] <= sum(min(d, jalali.month_length(m)) for ws in raw for m, d, _ in ws)
    assert summary["first_month"] == min(months, default=None)
    assert summary["last_month"] == max(months, default=None)
    all_wages = sum(w or 0 for ws in raw for _, _, w in ws)
    assert summary["average_monthly_wage_last_2_years"] <= all_wages // 24


# filter_for_disclosure


HISTORY = [
    workshop("1", record("1386/01", wage=300), record("1385/12", wage=200)),
    workshop("2", record("1380/01", wage=100)),
]


def test_full_disclosure_shows_days_only():
    shown = filter_for_disclosure(HISTORY, "full")
    assert [[(r["month"], r["days"], r["wage"]) for r in ws["months"]] for ws in shown] == [
        [("1385/12", 30, None), ("1386/01", 30, None)],
        [("1380/01", 30, None)],
    ]
    assert shown[0]["workshop_name"] == "کارگاه 1"
    assert HISTORY[0]["months"][0]["wage"] == 300


def test_wages_since_1386_drops_earlier_months_and_empty_workshops():
    shown = filter_for_disclosure(HISTORY, "wages_since_1386")
    assert [(ws["workshop_code"], [(r["month"], r["wage"]) for r in ws["months"]]) for ws in shown] == [
        ("1", [("1386/01", 300)])
    ]


def test_combined_keeps_every_month_and_wages_from_1386():
    shown = filter_for_disclosure(HISTORY, "combined")
    assert [[(r["month"], r["wage"]) for r in ws["months"]] for ws in shown] == [
        [("1385/12", None), ("1386/01", 300)],
        [("1380/01", None)],
    ]


def test_summaries_of_disclosures():
    assert summarize(filter_for_disclosure(HISTORY, "full"))["average_monthly_wage_last_2_years"] == 0
    assert summarize(filter_for_disclosure(HISTORY, "combined"))["average_monthly_wage_last_2_years"] == 300 // 24
    assert summarize(filter_for_disclosure(HISTORY, "wages_since_1386"))["first_month"] == "1386/01"


def test_unknown_disclosure_type():
    with pytest.raises(ValueError):
        filter_for_disclosure(HISTORY, "everything")


# parse_employer_csv


HEADER = ",".join(CSV_HEADER)


def csv_text(*lines, header=HEADER):
    return "\n".join([header, *lines]) + "\n"


def line(
    code="1234567",
    name="نانوایی",
    employer="علی رضایی",
    year="1403",
    month="08",
    national=CODE_A,
    days="30",
    wage="150000000",
    job="شاطر",
):
    return ",".join([code, name, employer, year, month, national, days, wage, job])


def csv_errors(text):
    with pytest.raises(CsvImportError) as caught:
        parse_employer_csv(text)
    return caught.value.errors


def test_national_codes_used_here_are_valid():
    from chalicelib.validators import is_valid_national_code

    assert is_valid_national_code(CODE_A) and is_valid_national_code(CODE_B)


def test_parse_groups_by_workshop_and_month():
    text = csv_text(
        line(month="09", national=CODE_A),
        line(national=CODE_A, days="12", wage="0", job=""),
        line(national=CODE_B),
        line(code="7654321", name="کارگاه دوم", employer="مریم", month="8", national=CODE_A),
    )
    lists = parse_employer_csv(text)
    assert [(l.workshop_code, l.month, len(l.rows)) for l in lists] == [
        ("1234567", "1403/08", 2),
        ("1234567", "1403/09", 1),
        ("7654321", "1403/08", 1),
    ]
    first = lists[0]
    assert isinstance(first, EmployerList)
    assert (first.workshop_name, first.employer_name) == ("نانوایی", "علی رضایی")
    assert first.rows == ((CODE_A, 12, 0, ""), (CODE_B, 30, 150000000, "شاطر"))
    assert first.rows[1].national_code == CODE_B


def test_parse_accepts_bom_crlf_persian_and_arabic_digits_and_blank_lines():
    persian = CODE_A.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    arabic = "150000000".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    text = "\ufeff" + HEADER + "\r\n\r\n" + line(year="۱۴۰۳", national=persian, wage=arabic) + "\r\n"
    (only,) = parse_employer_csv(text)
    assert only.month == "1403/08"
    assert only.rows == ((CODE_A, 30, 150000000, "شاطر"),)


def test_parse_quoted_fields_may_hold_commas():
    (only,) = parse_employer_csv(csv_text(line(name='"نانوایی، شعبه ۲"')))
    assert only.workshop_name == "نانوایی، شعبه 2"


@pytest.mark.parametrize(
    "header",
    ["", "workshop_code,workshop_name", HEADER + ",extra", HEADER.replace("wage", "salary"), HEADER.upper()],
)
def test_bad_header(header):
    assert csv_errors(csv_text(line(), header=header)) == [(1, "BAD_HEADER")]


def test_empty_input_is_a_bad_header():
    assert csv_errors("") == [(1, "BAD_HEADER")]


def test_header_only_is_empty():
    assert csv_errors(csv_text()) == [(1, "EMPTY")]


@pytest.mark.parametrize(
    ("fields", "codes"),
    [
        ({"national": "0499370898"}, ["INVALID_NATIONAL_CODE"]),
        ({"national": "1111111111"}, ["INVALID_NATIONAL_CODE"]),
        ({"national": "499370899"}, ["INVALID_NATIONAL_CODE"]),
        ({"month": "07", "days": "31"}, ["DAYS_EXCEED_MONTH"]),
        ({"year": "1402", "month": "12", "days": "30"}, ["DAYS_EXCEED_MONTH"]),
        ({"days": "-1"}, ["INVALID_DAYS"]),
        ({"days": "1.5"}, ["INVALID_DAYS"]),
        ({"wage": "-1"}, ["INVALID_WAGE"]),
        ({"wage": "1e6"}, ["INVALID_WAGE"]),
        ({"wage": "10000000000001"}, ["INVALID_WAGE"]),
        ({"wage": ""}, ["MISSING_FIELD"]),
        ({"national": ""}, ["MISSING_FIELD"]),
        ({"name": "  "}, ["MISSING_FIELD"]),
        ({"month": "13"}, ["INVALID_MONTH"]),
        ({"year": "03"}, ["INVALID_MONTH"]),
        ({"code": "12-34"}, ["INVALID_WORKSHOP_CODE"]),
        ({"job": "x" * 101}, ["INVALID_JOB_TITLE"]),
        ({"name": "x" * 201}, ["INVALID_WORKSHOP_NAME"]),
        ({"employer": "x" * 201}, ["INVALID_EMPLOYER_NAME"]),
        (
            {"national": "123", "wage": "abc", "days": "40"},
            ["INVALID_NATIONAL_CODE", "DAYS_EXCEED_MONTH", "INVALID_WAGE"],
        ),
    ],
)
def test_bad_line_codes(fields, codes):
    text = csv_text(line(national=CODE_B), line(**fields))
    assert csv_errors(text) == [(3, code) for code in codes]


def test_wrong_column_counts():
    text = csv_text(line(), "1234567,نانوایی", line(national=CODE_B) + ",extra")
    assert csv_errors(text) == [(3, "MISSING_FIELD"), (4, "EXTRA_FIELD")]


def test_duplicate_person_in_one_workshop_month():
    text = csv_text(line(), line(month="09"), line(code="999", name="دیگر"), line(days="5"))
    assert csv_errors(text) == [(5, "DUPLICATE_PERSON")]


@pytest.mark.parametrize("fields", [{"name": "نانوایی دیگر"}, {"employer": "کسی دیگر"}])
def test_inconsistent_workshop(fields):
    text = csv_text(line(), line(national=CODE_B, month="09", **fields))
    assert csv_errors(text) == [(3, "INCONSISTENT_WORKSHOP")]


def test_all_or_nothing_lists_every_bad_line_with_its_number():
    text = csv_text(line(), line(national="0000000000"), "", line(national=CODE_B, days="32"), line(month="09"))
    assert csv_errors(text) == [(3, "INVALID_NATIONAL_CODE"), (5, "DAYS_EXCEED_MONTH")]


def test_line_numbers_follow_physical_lines_across_quoted_newlines():
    text = csv_text(line(job='"شاطر\nنانوا"'), line(national=CODE_B, wage="x"))
    assert csv_errors(text) == [(2, "INVALID_JOB_TITLE"), (4, "INVALID_WAGE")]


def test_malformed_csv():
    text = csv_text(line()) + "x" * 200_000 + "\n"
    assert csv_errors(text) == [(3, "MALFORMED_CSV")]
