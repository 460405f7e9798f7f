"""سوابق بیمه: a person's monthly records per workshop, their summary, and loading employer lists."""

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from chalicelib import contributions, normalize
from chalicelib.contributions import ContributionError, EmployerList, ListRow
from chalicelib.errors import ValidationFailed
from chalicelib.flows.people import validated_national_code
from chalicelib.inputs import Fields
from chalicelib.logs import log
from chalicelib.masking import mask_national_code
from chalicelib.models.records import claim_lists, list_key, person_records, write_lists

_WORKSHOP_CODE = re.compile(r"[0-9]{1,20}")


def history(national_code: str) -> list[dict]:
    """The person's workshops in order of first month, each with its months ascending, from one query.

    A workshop's names are those of its latest list: a corrected name shows everywhere. A month corrected by an
    accepted objection (its item sorts right after the list's) takes the list's place and names the objection.
    """
    workshops: dict[str, dict] = {}
    for record in person_records(national_code):
        workshop = workshops.setdefault(record.workshop_code, {"workshop_code": record.workshop_code, "months": []})
        workshop["workshop_name"], workshop["employer_name"] = record.workshop_name, record.employer_name
        month = {"month": record.month, "days": record.days, "wage": record.wage, "job_title": record.job_title or ""}
        if record.objection:
            month["objection"] = record.objection
            if workshop["months"] and workshop["months"][-1]["month"] == record.month:
                workshop["months"].pop()
        workshop["months"].append(month)
    return [
        {key: w[key] for key in ("workshop_code", "workshop_name", "employer_name", "months")}
        for w in workshops.values()
    ]


def view(national_code: str) -> dict:
    workshops = history(national_code)
    return {"summary": contributions.summarize(workshops), "workshops": workshops}


class ContributionsRequest(NamedTuple):
    """One person's months at one workshop; the months are checked as an employer list's are."""

    national_code: str
    workshop_code: str
    workshop_name: str
    employer_name: str
    months: list[dict]

    @classmethod
    def read(cls, body: dict) -> "ContributionsRequest":
        fields = Fields(body)
        national_code = validated_national_code(fields, "national_code")
        workshop_code = workshop_code_field(fields)
        names = [
            text_field(fields, name, contributions.MAX_NAME, f"INVALID_{name.upper()}")
            for name in ("workshop_name", "employer_name")
        ]
        months = fields.items("months")
        fields.done()
        try:
            months = contributions.validate_months(months)
        except ContributionError as error:
            raise ValidationFailed(error.fields) from None
        return cls(national_code, workshop_code, *names, months)


def load_contributions(body: dict) -> dict:
    """A person's months at one workshop, as monthly lists would bring them; loading a month again replaces it.

    The person joins each month's list for the workshop, so a later corrected list that leaves them out
    takes the month away again.
    """
    request = ContributionsRequest.read(body)
    national_code, workshop_code, months = request.national_code, request.workshop_code, request.months
    workshop = {
        "workshop_code": workshop_code,
        "workshop_name": request.workshop_name,
        "employer_name": request.employer_name,
        "months": months,
    }
    store(person_lists(national_code, workshop), replace=False)
    log("contributions_loaded", national_code=mask_national_code(national_code), months=len(months))
    return {"national_code": national_code, "workshop_code": workshop_code, "months": len(months)}


def person_lists(national_code: str, workshop: dict) -> list[EmployerList]:
    """One person's months at a workshop (the shape `history` returns) as the monthly lists they belong to."""
    return [
        EmployerList(
            workshop["workshop_code"],
            workshop["workshop_name"],
            workshop["employer_name"],
            m["month"],
            (ListRow(national_code, m["days"], m["wage"], m["job_title"]),),
        )
        for m in workshop["months"]
    ]


def workshop_code_field(fields: Fields) -> str | None:
    """Workshop codes are digits, as on the employer's list; typed ones may carry Persian digits or dashes."""
    raw = fields.code("workshop_code")
    code = normalize.code(raw) if raw is not None else None
    if code is not None and not _WORKSHOP_CODE.fullmatch(code):
        fields.reject("workshop_code", "INVALID_WORKSHOP_CODE")
    return code


def text_field(fields: Fields, name: str, max_length: int, invalid: str) -> str | None:
    """Normalised Persian text; control characters are refused since names end up in letters."""
    raw = fields.text(name, max_length=max_length)
    text = normalize.persian_text(raw) if raw else None
    if text and any(unicodedata.category(ch) == "Cc" for ch in text):
        fields.reject(name, invalid)
    return text


def store(lists: list[EmployerList], replace: bool = True) -> None:
    """The one loader. `replace`: each list is the whole of its workshop's month, and people it no longer
    names lose that month there; otherwise its people join whoever the month's list already named. Either way
    the list is claimed, so every list that names anyone has its HEAD."""
    previous = claim_lists([list_key(entry.workshop_code, entry.month) for entry in lists])
    canonical, removed = [], {}
    for entry in lists:
        if replace:
            key = list_key(entry.workshop_code, entry.month)
            removed[key] = sorted(previous[key] - {row.national_code for row in entry.rows})
        rows = tuple(row._replace(job_title=_title(row.job_title)) for row in entry.rows)
        names = (normalize.persian_text(entry.workshop_name), normalize.persian_text(entry.employer_name))
        canonical.append(EmployerList(entry.workshop_code, *names, entry.month, rows))
    write_lists(canonical, removed)


@lru_cache(maxsize=4096)
def _title(job_title: str | None) -> str:
    """Job titles repeat down a list and across a month's lists: each spelling is made canonical once."""
    return normalize.persian_text(job_title) if job_title else ""
