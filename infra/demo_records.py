"""Demo insurance records: a 40-year working life for the ready demo account, a shorter one for another person.

Wages follow a daily rate that grows about 20% a year from 1364, times a factor for the job, so the
amounts look like the era's; everything is computed, so every run loads the same history.
"""

from chalicelib import contributions, jalali
from chalicelib.flows import records
from chalicelib.validators import complete_national_code

DAILY_RATE_1364 = 1_500
YEARLY_GROWTH = 1.2

# (workshop_code, workshop_name, employer_name, first month, last month, [(from month, job title, job factor)], days)
# `days` is None for full months, or a fixed number for part-time work.
FORTY_YEARS = [
    (
        "1010023456",
        "کارخانه ریسندگی و بافندگی البرز",
        "شرکت ریسندگی و بافندگی البرز",
        "1364/01",
        "1369/12",
        [("1364/01", "کارگر ساده", 1.0), ("1367/01", "کارگر ماهر بافندگی", 1.3)],
        None,
    ),
    (
        "1020045127",
        "کارگاه ساختمانی پارس سازه",
        "شرکت پارس سازه نوین",
        "1370/01",
        "1378/06",
        [("1370/01", "تکنسین فنی", 1.6), ("1375/01", "سرپرست کارگاه", 2.0)],
        None,
    ),
    ("1030078312", "چاپخانه نقش جهان", "حسین کاظمی", "1376/01", "1380/12", [("1376/01", "حسابدار پاره‌وقت", 1.4)], 12),
    (
        "1040091550",
        "شرکت صنایع غذایی زاگرس",
        "شرکت صنایع غذایی زاگرس (سهامی خاص)",
        "1378/07",
        "1392/12",
        [("1378/07", "کارشناس کنترل کیفیت", 2.2), ("1385/01", "سرپرست کنترل کیفیت", 2.7)],
        None,
    ),
    (
        "1050012874",
        "شرکت فناوری اطلاعات آریا",
        "شرکت آریا داده‌پرداز",
        "1393/01",
        "1403/12",
        [("1393/01", "کارشناس ارشد نرم‌افزار", 3.0), ("1398/07", "مدیر فنی", 3.6)],
        None,
    ),
]
# Unpaid leave: a month on the list with no days and no wage.
UNPAID = {("1020045127", "1374/05")}

SHORTER = [
    (
        "2010034481",
        "بیمارستان خصوصی مهر",
        "شرکت خدمات درمانی مهر",
        "1378/01",
        "1390/06",
        [("1378/01", "بهیار", 1.2), ("1383/01", "پرستار", 1.8)],
        None,
    ),
    (
        "2020056613",
        "مدرسه غیرانتفاعی فرهنگ",
        "موسسه آموزشی فرهنگ",
        "1392/01",
        "1398/12",
        [("1392/01", "آموزگار", 1.9)],
        None,
    ),
]


def daily_rate(month: str, factor: float) -> int:
    return int(DAILY_RATE_1364 * YEARLY_GROWTH ** (int(month[:4]) - 1364) * factor)


def _months(code: str, first: str, last: str, jobs: list, fixed_days: int | None) -> list[dict]:
    result = []
    for month in jalali.months_between(first, last):
        title, factor = next((t, f) for start, t, f in reversed(jobs) if start <= month)
        days = 0 if (code, month) in UNPAID else (fixed_days or jalali.month_length(month))
        result.append(
            {"month": month, "days": days, "wage": daily_rate(month, factor) * days // 1000 * 1000, "job_title": title}
        )
    return result


def workshops(plan: list) -> list[dict]:
    """The history in the shape records.history returns."""
    return [
        {
            "workshop_code": code,
            "workshop_name": name,
            "employer_name": employer,
            "months": _months(code, first, last, jobs, days),
        }
        for code, name, employer, first, last, jobs, days in plan
    ]


def load_history(national_code: str, plan: list) -> list[dict]:
    shown = workshops(plan)
    records.store(
        [entry for workshop in shown for entry in records.person_lists(national_code, workshop)], replace=False
    )
    return shown


def load(ctx) -> list[str]:
    lines = []
    for suffix, plan in (("001234567", FORTY_YEARS), ("001234568", SHORTER)):
        national_code = complete_national_code(suffix)
        summary = contributions.summarize(load_history(national_code, plan))
        service = summary["service"]
        lines.append(
            f"  Records for {national_code}: {summary['first_month']}..{summary['last_month']} over {len(plan)} workshops, "
            f"{summary['total_days']} days ({service['years']}y {service['months']}m {service['days']}d)"
        )
    return lines
