"""Insurance records: monthly days and wages per workshop, their summary, and employer list imports."""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from chalicelib import jalali
from chalicelib.frozen import frozen
from chalicelib.normalize import digits
from chalicelib.validators import is_valid_national_code

MAX_WAGE = 10**13
MAX_JOB_TITLE = 100
MAX_NAME = 200
AVERAGE_WINDOW = 24
WAGE_DISCLOSURE_START = "1386/01"
DISCLOSURE_TYPES = ("full", "wages_since_1386", "combined")
CSV_HEADER = (
    "workshop_code",
    "workshop_name",
    "employer_name",
    "year",
    "month",
    "national_code",
    "days",
    "wage",
    "job_title",
)

_WORKSHOP_CODE = re.compile(r"[0-9]{1,20}")
_NUMBER = re.compile(r"[0-9]{1,20}")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # exactly Unicode's Cc category


class ContributionError(Exception):
    """Every invalid field at once, keyed by its path, so a form can mark them all."""

    def __init__(self, fields: dict[str, str]):
        super().__init__(", ".join(f"{path}: {code}" for path, code in fields.items()))
        self.fields = fields


class CsvImportError(Exception):
    """Every bad line of an upload; the import is all or nothing."""

    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__("; ".join(f"line {line}: {code}" for line, code in errors))
        self.errors = errors


class ListRow(NamedTuple):
    national_code: str
    days: int
    wage: int
    job_title: str


@frozen
class EmployerList:
    """One workshop's list for one month, as the employer filed it."""

    workshop_code: str
    workshop_name: str
    employer_name: str
    month: str
    rows: tuple[ListRow, ...]


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _month_or_none(value) -> str | None:
    try:
        return jalali.parse_month(value)
    except ValueError:
        return None


def _days_code(days: int, month: str | None) -> str | None:
    """An unknown month still bounds days by the longest month."""
    if days < 0:
        return "INVALID_DAYS"
    if days > (jalali.month_length(month) if month else 31):
        return "DAYS_EXCEED_MONTH"
    return None


def _clean_text(value: str, limit: int) -> str | None:
    """Stripped text, or None when too long or carrying control characters (line breaks end up in PDFs)."""
    text = value.strip()
    if len(text) > limit or _CONTROL.search(text):
        return None
    return text


def validate_months(months: list[dict], prefix: str = "months") -> list[dict]:
    """Canonical copies of the monthly records; field paths are 0-based, e.g. "months[3].days"."""
    if not isinstance(months, list):
        raise ContributionError({prefix: "INVALID_LIST"})
    if not months:
        raise ContributionError({prefix: "EMPTY"})
    fields: dict[str, str] = {}
    result = []
    seen: set[str] = set()
    for i, entry in enumerate(months):
        path = f"{prefix}[{i}]"
        if not isinstance(entry, dict):
            fields[path] = "INVALID_ENTRY"
            continue
        month = _month_or_none(entry.get("month"))
        if month is None:
            fields[f"{path}.month"] = "INVALID_MONTH"
        elif month in seen:
            fields[f"{path}.month"] = "DUPLICATE_MONTH"
        else:
            seen.add(month)
        days = entry.get("days")
        days_code = _days_code(days, month) if _is_int(days) else "INVALID_DAYS"
        if days_code:
            fields[f"{path}.days"] = days_code
        wage = entry.get("wage")
        if not (_is_int(wage) and 0 <= wage <= MAX_WAGE):
            fields[f"{path}.wage"] = "INVALID_WAGE"
        job_title = entry.get("job_title")
        job_title = _clean_text(job_title, MAX_JOB_TITLE) if isinstance(job_title, str) else None
        if job_title is None:
            fields[f"{path}.job_title"] = "INVALID_JOB_TITLE"
        result.append({"month": month, "days": days, "wage": wage, "job_title": job_title})
    if fields:
        raise ContributionError(fields)
    return result


def _month_number(month: str) -> int:
    """Plain arithmetic rather than add_months, which refuses years outside the supported range."""
    return int(month[:4]) * 12 + int(month[5:])


def summarize(workshops: list[dict]) -> dict:
    """The contract's history summary.

    first_month and last_month are the earliest and latest months that have a
    record, whatever its days (a zero-day month still counts). A wage of None
    (not disclosed) adds nothing to the average.
    """
    days_by_month: dict[str, int] = {}
    wage_by_month: dict[str, int] = {}
    for workshop in workshops:
        for record in workshop["months"]:
            month = jalali.parse_month(record["month"])
            days_by_month[month] = days_by_month.get(month, 0) + record["days"]
            wage_by_month[month] = wage_by_month.get(month, 0) + (record["wage"] or 0)
    total_days = sum(min(days, jalali.month_length(month)) for month, days in days_by_month.items())
    first_month = min(days_by_month, default=None)
    last_month = max(days_by_month, default=None)
    window_wages = sum(
        wage
        for month, wage in wage_by_month.items()
        if _month_number(last_month) - _month_number(month) < AVERAGE_WINDOW
    )
    remainder = total_days % 365
    return {
        "total_days": total_days,
        "service": {"years": total_days // 365, "months": remainder // 30, "days": remainder % 30},
        "average_monthly_wage_last_2_years": window_wages // AVERAGE_WINDOW,
        "first_month": first_month,
        "last_month": last_month,
    }


def filter_for_disclosure(workshops: list[dict], type_id: str) -> list[dict]:
    """The records a disclosure of type_id may show.

    full: every month, days only. wages_since_1386: months from 1386/01 on, with
    wages. combined: every month, wages only from 1386/01 on. Months come out in
    calendar order; a workshop left with no months is dropped.
    """
    if type_id not in DISCLOSURE_TYPES:
        raise ValueError(f"unknown disclosure type: {type_id!r}")
    result = []
    for workshop in workshops:
        months = []
        dated = [(jalali.parse_month(r["month"]), r) for r in workshop["months"]]
        for month, record in sorted(dated, key=lambda pair: pair[0]):
            wages_shown = type_id != "full" and month >= WAGE_DISCLOSURE_START
            if type_id == "wages_since_1386" and not wages_shown:
                continue
            months.append({**record, "month": month, "wage": record["wage"] if wages_shown else None})
        if months:
            result.append({**workshop, "months": months})
    return result


def _line_codes(cells: dict[str, str]) -> tuple[list[str], str | None]:
    """Codes for one data line in column order, and its month when that is valid."""
    codes = []
    if any(not cells[name] for name in CSV_HEADER if name != "job_title"):
        codes.append("MISSING_FIELD")
    if cells["workshop_code"] and not _WORKSHOP_CODE.fullmatch(cells["workshop_code"]):
        codes.append("INVALID_WORKSHOP_CODE")
    for name, code in (("workshop_name", "INVALID_WORKSHOP_NAME"), ("employer_name", "INVALID_EMPLOYER_NAME")):
        if cells[name] and _clean_text(cells[name], MAX_NAME) is None:
            codes.append(code)
    month = None
    if cells["year"] and cells["month"]:
        month = _month_or_none(f"{cells['year']}/{cells['month']}")
        if month is None:
            codes.append("INVALID_MONTH")
    if cells["national_code"] and not is_valid_national_code(cells["national_code"]):
        codes.append("INVALID_NATIONAL_CODE")
    days = int(cells["days"]) if _NUMBER.fullmatch(cells["days"]) else None
    if cells["days"]:
        days_code = "INVALID_DAYS" if days is None else _days_code(days, month)
        if days_code:
            codes.append(days_code)
    wage = int(cells["wage"]) if _NUMBER.fullmatch(cells["wage"]) else None
    if cells["wage"] and (wage is None or wage > MAX_WAGE):
        codes.append("INVALID_WAGE")
    if _clean_text(cells["job_title"], MAX_JOB_TITLE) is None:
        codes.append("INVALID_JOB_TITLE")
    return codes, month


def _records(lines: Iterable[str]):
    """(first physical line, cells) per CSV record; a quoted field may span lines."""
    reader = csv.reader(lines)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error:
        raise CsvImportError([(line, "MALFORMED_CSV")]) from None


class CheckedLine(NamedTuple):
    """One data line of an upload: its list (workshop code and month, when valid), and its row or its problems."""

    line: int
    workshop_code: str
    month: str | None
    names: tuple[str, str]
    row: ListRow | None
    codes: list[str]


def check_lines(lines: Iterable[str]) -> Iterator[CheckedLine]:
    """Checks an upload line by line as it streams in, keeping only what later lines are compared with
    (each workshop's names, each list's people); raises CsvImportError for a file that is not a list at all.

    Lines are 1-based, the header being line 1; Persian and Arabic-Indic digits count as digits; names and codes
    are compared after stripping, and blank lines are skipped.
    """
    records = _records(digits(text) for text in _without_bom(lines))
    header = next(records, None)
    if header is None or tuple(cell.strip() for cell in header[1]) != CSV_HEADER:
        raise CsvImportError([(1, "BAD_HEADER")])
    names: dict[str, tuple[str, str]] = {}
    people: set[str] = set()
    for line, raw in records:
        if not any(cell.strip() for cell in raw):
            continue
        if len(raw) != len(CSV_HEADER):
            code = "MISSING_FIELD" if len(raw) < len(CSV_HEADER) else "EXTRA_FIELD"
            yield CheckedLine(line, raw[0].strip() if raw else "", None, ("", ""), None, [code])
            continue
        cells = {name: cell.strip() for name, cell in zip(CSV_HEADER, raw)}
        codes, month = _line_codes(cells)
        code = cells["workshop_code"]
        workshop = (cells["workshop_name"], cells["employer_name"])
        if code and all(_clean_text(name, MAX_NAME) for name in workshop):
            if names.setdefault(code, workshop) != workshop:
                codes.append("INCONSISTENT_WORKSHOP")
        if month and cells["national_code"]:
            person = f"{code}#{month}#{cells['national_code']}"
            if person in people:
                codes.append("DUPLICATE_PERSON")
            people.add(person)
        row = (
            None
            if codes
            else ListRow(cells["national_code"], int(cells["days"]), int(cells["wage"]), cells["job_title"])
        )
        yield CheckedLine(line, code, month, names.get(code, workshop), row, codes)


def _without_bom(lines: Iterable[str]) -> Iterator[str]:
    lines = iter(lines)
    first = next(lines, None)
    if first is not None:
        yield first.removeprefix("\ufeff")
        yield from lines


def parse_employer_csv(text: str) -> list[EmployerList]:
    """The lists of an employer's upload, ordered by workshop code then month; all or nothing."""
    errors: list[tuple[int, str]] = []
    names: dict[str, tuple[str, str]] = {}
    lists: dict[tuple[str, str], list[ListRow]] = {}
    for checked in check_lines(io.StringIO(text, newline="")):
        errors.extend((checked.line, code) for code in checked.codes)
        if checked.row is not None:
            names.setdefault(checked.workshop_code, checked.names)
            lists.setdefault((checked.workshop_code, checked.month), []).append(checked.row)
    if errors:
        raise CsvImportError(errors)
    if not lists:
        raise CsvImportError([(1, "EMPTY")])
    return [EmployerList(code, *names[code], month, tuple(rows)) for (code, month), rows in sorted(lists.items())]
