"""اعلام سابقه: a statement of the records as they stand at issue time, as a verifiable PDF in the mailbox."""

import hashlib
import json
import secrets
from typing import NamedTuple

from chalicelib import normalize
from chalicelib.crypto import random_digits
from chalicelib.errors import Code, DomainError, NotFound
from chalicelib.inputs import Fields
from chalicelib.instants import iso, stamped
from chalicelib.jalali import day_of, in_tehran
from chalicelib.logs import log
from chalicelib.masking import mask_national_code
from chalicelib.models.accounts import Account
from chalicelib.models.disclosure import (
    IssuedLetter,
    MailboxItem,
    delete_item,
    file_letter,
    issued_letter,
    mark_viewed,
    owned_item,
    used_bytes,
)
from chalicelib.paging import page_of, query_page
from chalicelib.ports import LETTER_LINK_LIFETIME, Context
from chalicelib.text import catalogue
from chalicelib.transliterate import to_latin

INCLUDES_WAGES = {"full": False, "wages_since_1386": True, "combined": True}
_VERIFICATION_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def types() -> list[dict]:
    fa, en = catalogue("fa"), catalogue("en")
    return [
        {
            "id": type_id,
            "title": fa.DISCLOSURE_TYPES[type_id],
            "title_en": en.DISCLOSURE_TYPES[type_id],
            "includes_wages": wages,
            "agreement": fa.DISCLOSURE_AGREEMENT,
        }
        for type_id, wages in INCLUDES_WAGES.items()
    ]


class LetterRequest(NamedTuple):
    type_id: str
    language: str
    accepted: bool | None

    @classmethod
    def read(cls, body: dict) -> "LetterRequest":
        fields = Fields(body)
        type_id = fields.choice("type", INCLUDES_WAGES, "UNKNOWN_TYPE", max_length=40)
        language = fields.text("language", required=False, max_length=5) or "fa"
        accepted = fields.flag("accept_agreement")
        if language not in ("fa", "en"):
            fields.reject("language", "UNSUPPORTED_LANGUAGE")
        fields.done()
        return cls(type_id, language, accepted)


def issue(national_code: str, body: dict, ctx: Context) -> dict:
    """Draws the letter from the records as they are now; later corrections never touch an issued letter."""
    request = LetterRequest.read(body)
    type_id, language = request.type_id, request.language
    if request.accepted is not True:
        raise DomainError(Code.AGREEMENT_REQUIRED)
    quota = ctx.settings.mailbox_quota_bytes
    if used_bytes(national_code) >= quota:
        raise DomainError(Code.MAILBOX_FULL)
    account = Account.get(national_code)
    statement = _statement(account, type_id, language, ctx)
    tracking_number, verification_code = _tracking_number(ctx.now), _verification_code()
    pdf = _render(statement, account, tracking_number, verification_code, language, ctx)
    digest = hashlib.sha256(pdf).hexdigest()
    if len(pdf) > quota:
        raise DomainError(Code.MAILBOX_FULL)
    object_key = f"letters/{secrets.token_urlsafe(24)}.pdf"
    ctx.letters.put(object_key, pdf)
    title = catalogue(language).DISCLOSURE_TYPES[type_id]
    item = MailboxItem(
        national_code,
        tracking_number,
        type=type_id,
        language=language,
        system=catalogue("fa").MAILBOX_SYSTEM,
        subject=catalogue(language).LETTER_SUBJECT.format(title=title),
        mobile=account.mobile,
        email=account.email,
        sent_at=ctx.now,
        size_bytes=len(pdf),
        object_key=object_key,
        sha256=digest,
        verification_code=verification_code,
        statement=json.dumps(statement, ensure_ascii=False),
    )
    letter = IssuedLetter(
        verification_code,
        tracking_number=tracking_number,
        type=type_id,
        language=language,
        issued_at=ctx.now,
        national_code_masked=mask_national_code(national_code),
        sha256=digest,
    )
    try:
        file_letter(item, letter, quota)
    except BaseException:
        ctx.letters.delete(object_key)
        raise
    log("letter_issued", national_code=mask_national_code(national_code), type=type_id, bytes=len(pdf))
    return {"tracking_number": tracking_number, "mailbox_item": item_view(item, ctx)}


def mailbox(national_code: str, query: dict, ctx: Context) -> dict:
    page = page_of(query, "mailbox", national_code)
    items, cursor = query_page(MailboxItem, national_code, page, "mailbox", national_code, scan_index_forward=False)
    return {
        "items": [item_view(item, ctx) for item in items],
        "next_cursor": cursor,
        "quota": {"used_bytes": used_bytes(national_code), "limit_bytes": ctx.settings.mailbox_quota_bytes},
    }


def item_view(item: MailboxItem, ctx: Context) -> dict:
    """The mailbox row; a permit past its time shows as expired even before the expiry job has run."""
    active = item.permit_active(ctx.now)
    status = "expired" if item.permit_status == "active" and not active else item.permit_status
    return {
        "tracking_number": item.tracking_number,
        "type": item.type,
        "language": item.language,
        **stamped("sent_at", item.sent_at),
        "system": item.system,
        "subject": item.subject,
        "national_code": item.national_code,
        "mobile": item.mobile,
        "email": item.email,
        **stamped("viewed_at", item.viewed_at),
        **stamped("inquirable_until", item.inquirable_until if active else None),
        "access_code": item.shown_access_code() if active else None,
        "permit_status": status,
        "institution_id": item.institution_id if active else None,
        "verification_code": item.verification_code,
        "size_bytes": item.size_bytes,
    }


def letter(national_code: str, tracking_number: str, wants_pdf: bool, ctx: Context) -> tuple[str, object]:
    """('pdf', bytes) when the client asked for the bytes, else ('redirect', a short-lived link), which the route may
    also hand over as JSON."""
    item = owned_item(national_code, tracking_number)
    mark_viewed(item, ctx.now)
    if wants_pdf:
        return "pdf", ctx.letters.get(item.object_key)
    return "redirect", ctx.letters.link(item.object_key, LETTER_LINK_LIFETIME)


def delete(national_code: str, tracking_number: str, ctx: Context) -> None:
    """The item, its stored PDF and any permit on it go; the verification record stays, like a printed copy."""
    item = owned_item(national_code, tracking_number)
    delete_item(item)
    ctx.letters.delete(item.object_key)


def verify(code: str, ctx: Context) -> dict:
    cleaned = normalize.code(code).upper()
    formatted = "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))
    if len(cleaned) != 12:
        raise NotFound()
    issued = issued_letter(formatted)
    if issued is None:
        raise NotFound()
    return {
        "valid": True,
        "tracking_number": issued.tracking_number,
        "type": issued.type,
        **stamped("issued_at", issued.issued_at),
        "national_code_masked": issued.national_code_masked,
        "sha256": issued.sha256,
    }


def verify_page(facts: dict, language: str) -> str:
    from html import escape

    text = catalogue(language).VERIFY_PAGE
    direction = "rtl" if language == "fa" else "ltr"
    rows = "".join(
        f'<tr><th>{escape(text[key])}</th><td dir="ltr">{escape(str(value))}</td></tr>'
        for key, value in (
            ("tracking_number", facts["tracking_number"]),
            ("type", catalogue(language).DISCLOSURE_TYPES[facts["type"]]),
            ("issued_at", facts["issued_at_jalali"]),
            ("national_code", facts["national_code_masked"]),
            ("sha256", facts["sha256"]),
        )
    )
    return (
        f'<!doctype html><html lang="{language}" dir="{direction}"><head><meta charset="utf-8"><title>{escape(text["title"])}</title></head>'
        f'<body style="font-family:Vazirmatn,Tahoma,sans-serif"><h1>{escape(text["title"])}</h1><p>{escape(text["valid"])}</p>'
        f"<table>{rows}</table></body></html>"
    )


def _statement(account: Account, type_id: str, language: str, ctx: Context) -> dict:
    from chalicelib.contributions import filter_for_disclosure, summarize
    from chalicelib.flows.records import history

    workshops = filter_for_disclosure(history(account.national_code), type_id)
    first, last = (
        (account.first_name_en or to_latin(account.first_name), account.last_name_en or to_latin(account.last_name))
        if language == "en"
        else (account.first_name, account.last_name)
    )
    return {
        "first_name": first,
        "last_name": last,
        "father_name": account.father_name if language == "fa" else to_latin(account.father_name),
        "type": type_id,
        "issued_at": iso(ctx.now),
        "records": {"summary": summarize(workshops), "workshops": workshops},
    }


def _render(
    statement: dict, account: Account, tracking_number: str, verification_code: str, language: str, ctx: Context
) -> bytes:
    from chalicelib.letters.render import LetterData, LetterMonth, LetterWorkshop, render_letter

    summary, wages = statement["records"]["summary"], INCLUDES_WAGES[statement["type"]]
    data = LetterData(
        language=language,
        tracking_number=tracking_number,
        verification_code=verification_code,
        verify_url=f"{ctx.settings.public_base_url}/verify/{verification_code}",
        issued_at=ctx.now,
        issued_at_jalali=day_of(ctx.now),
        first_name=statement["first_name"],
        last_name=statement["last_name"],
        father_name=statement["father_name"],
        national_code=account.national_code,
        type_id=statement["type"],
        type_title=catalogue(language).DISCLOSURE_TYPES[statement["type"]],
        includes_wages=wages,
        total_days=summary["total_days"],
        service_years=summary["service"]["years"],
        service_months=summary["service"]["months"],
        service_days=summary["service"]["days"],
        average_monthly_wage=summary["average_monthly_wage_last_2_years"] if wages else None,
        first_month=summary["first_month"],
        last_month=summary["last_month"],
        workshops=tuple(
            LetterWorkshop(
                w["workshop_code"],
                w["workshop_name"],
                w["employer_name"],
                tuple(LetterMonth(m["month"], m["days"], m["wage"]) for m in w["months"]),
            )
            for w in statement["records"]["workshops"]
        ),
    )
    return render_letter(data)


def _tracking_number(now) -> str:
    """Jalali day and second of that day in Tehran, then random digits: sorting by it sorts the mailbox by time."""
    local = in_tehran(now)
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    return day_of(now).replace("/", "") + f"{seconds:05d}" + random_digits(3)


def _verification_code() -> str:
    raw = "".join(secrets.choice(_VERIFICATION_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
