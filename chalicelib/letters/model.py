"""Letter content as plain data, importable without pulling in the PDF stack."""

from __future__ import annotations

from datetime import datetime

from chalicelib.frozen import frozen


@frozen
class LetterMonth:
    month: str
    days: int
    wage: int | None


@frozen
class LetterWorkshop:
    workshop_code: str
    workshop_name: str
    employer_name: str
    months: tuple[LetterMonth, ...]


@frozen
class LetterData:
    language: str
    tracking_number: str
    verification_code: str
    verify_url: str
    issued_at: datetime
    issued_at_jalali: str
    first_name: str
    last_name: str
    father_name: str
    national_code: str
    type_id: str
    type_title: str
    includes_wages: bool
    total_days: int
    service_years: int
    service_months: int
    service_days: int
    average_monthly_wage: int | None
    first_month: str | None
    last_month: str | None
    workshops: tuple[LetterWorkshop, ...]
