"""استعلام سند: institutions redeem a person's access code, and every attempt on a code is logged.

Two doors lead to one function: the signed API (`inquire`) and the institution panel, where an officer signed in
with password and TOTP types the codes (flows/institution_panel.py). Both call `redeem`, so the 404 rules, the
institution's rate limit and the per-national-code caps are the same code, not a copy. (The institutions
themselves are managed in flows/institutions.py.)
"""

import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import NamedTuple, NoReturn
from urllib.parse import quote

from chalicelib import limits, normalize
from chalicelib.crypto import same
from chalicelib.errors import Code, DomainError, NotFound, TooManyAttempts
from chalicelib.flows.notices import tell_owner
from chalicelib.flows.permits import code_hash
from chalicelib.frozen import frozen
from chalicelib.inputs import Fields, parse_json_object
from chalicelib.instants import stamped
from chalicelib.limits import Limit
from chalicelib.logs import log
from chalicelib.masking import mask_national_code
from chalicelib.models.accounts import account_or_none
from chalicelib.models.activity import ActivityEntry, activity_entry
from chalicelib.models.base import get_or_none
from chalicelib.models.disclosure import Grant, MailboxItem
from chalicelib.models.institutions import (
    AccessLogEntry,
    InstitutionInquiry,
    InstitutionKey,
    count_inquiry,
    log_access,
    note_inquiry,
    record_use,
    use_nonce,
)
from chalicelib.paging import page_of, query_page
from chalicelib.ports import LETTER_LINK_LIFETIME, Context
from chalicelib.text import message
from chalicelib.validators import is_valid_national_code

PATH = "/inquiries"
WINDOW = 300
# A nonce accepted at server time t rode a timestamp within t ± WINDOW, so no copy of it can pass the window after
# t + 2 × WINDOW; kept a minute longer than that.
NONCE_LIFETIME = timedelta(seconds=2 * WINDOW + 60)
HEADERS = ("x-tamin-key", "x-tamin-timestamp", "x-tamin-nonce", "x-tamin-signature")
_NONCE = re.compile(r"[A-Za-z0-9_-]{16,64}")
_KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
# Two a second on average per institution: well above a bank branch network's real traffic, far too slow to guess
# 12-digit codes; counted per clock minute with one atomic add.
RATE_PER_MINUTE = 120
# 10 failed codes against one national code within an hour close it to every institution for the next hour.
FAILURES = Limit("inquiry_failures", 10, 3600)
CAPPED = Limit("inquiry_capped", 1, 3600)
# How long an institution can look back at its own inquiries.
INSTITUTION_LOG_LIFETIME = timedelta(days=400)


@frozen
class Caller:
    """Who redeems a code: the institution, through which door ("api" or "panel"), and the panel's officer."""

    institution_id: str
    institution_name: str
    channel: str
    officer_username: str | None = None


@frozen
class SignedRequest:
    method: str
    query: str
    headers: Mapping[str, str]
    body: bytes


def canonical_query(pairs: Iterable[tuple[str, str]]) -> str:
    """The QUERY line as the service reads it.

    Chalice hands routes parsed parameters, not the raw string, so the string is rebuilt: pairs in the order received,
    each name and value percent-encoded per RFC 3986 (unreserved characters left as they are, a space as %20), joined
    by "&". A client that sends its query string in that form (or none, as /inquiries needs) signs what we check.
    """
    return "&".join(f"{quote(name, safe='-_.~')}={quote(value, safe='-_.~')}" for name, value in pairs)


def canonical(method: str, path: str, query: str, timestamp: str, nonce: str, body: bytes) -> str:
    return "\n".join((method, path, query, timestamp, nonce, hashlib.sha256(body).hexdigest()))


def signature(secret: str, text: str) -> str:
    return hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def authenticate(request: SignedRequest, ctx: Context) -> InstitutionKey:
    """The calling institution's key; every way of failing is the same BAD_SIGNATURE, the reason only in the log."""
    key_id, timestamp, nonce, signed = (request.headers.get(name) for name in HEADERS)
    if not (key_id and timestamp and nonce and signed):
        _refuse_signature("missing_header")
    if not (_KEY_ID.fullmatch(key_id) and _NONCE.fullmatch(nonce) and _TIMESTAMP.fullmatch(timestamp)):
        _refuse_signature("malformed_header")
    if abs(int(timestamp) - ctx.now.timestamp()) > WINDOW:
        _refuse_signature("outside_window", key_id)
    key = get_or_none(InstitutionKey, key_id, consistent_read=True)  # a disabled key stops at once
    if key is None:
        _refuse_signature("unknown_key", key_id)
    if key.status != "active":
        _refuse_signature("disabled_key", key_id)
    expected = signature(
        ctx.vault.get(key_id), canonical(request.method, PATH, request.query, timestamp, nonce, request.body)
    )
    if not same(expected, signed):
        _refuse_signature("wrong_signature", key_id)
    if not use_nonce(key_id, nonce, ctx.now + NONCE_LIFETIME):
        _refuse_signature("reused_nonce", key_id)
    return key


def inquire(request: SignedRequest, ctx: Context) -> dict:
    """The body is read only once the signature holds, so an unsigned request learns nothing, not even about its JSON."""
    key = authenticate(request, ctx)
    return redeem(Caller(key.institution_id, key.institution_name, "api"), request.body, ctx)


def redeem(caller: Caller, raw_body, ctx: Context) -> dict:
    """A wrong identifier, and a wrong, expired, cancelled, deleted or foreign code all answer the same 404."""
    _enforce_rate(caller.institution_id, ctx.now)
    asked = InquiryRequest.read(parse_json_object(raw_body))
    national_code, code = asked.national_code, asked.access_code
    if not is_valid_national_code(national_code) or limits.retry_after(CAPPED, national_code, ctx.now) is not None:
        note_inquiry(_institution_entry(caller, national_code, None, "refused", ctx.now))
        raise NotFound()
    grant = _grant(code)
    outcome = _refusal(grant, national_code, caller.institution_id, ctx.now)
    item = _holding_item(grant) if outcome is None else None
    if outcome is None and item is None:
        outcome = "cancelled"  # the letter was deleted, or carries a newer permit
    outcome = outcome or _use(grant, caller, national_code, ctx.now)
    if outcome != "success":
        _refuse(national_code, grant, caller, outcome, ctx)
    log(
        "inquiry_answered",
        national_code=mask_national_code(national_code),
        institution_id=caller.institution_id,
        channel=caller.channel,
    )
    tell_owner(
        item.national_code,
        message("fa", "inquiry_done", tracking_number=item.tracking_number, institution=caller.institution_name),
        ctx,
        "inquiry_done",
    )
    statement = json.loads(item.statement)
    return {
        "tracking_number": item.tracking_number,
        "national_code": item.national_code,
        "first_name": statement["first_name"],
        "last_name": statement["last_name"],
        "type": statement["type"],
        **stamped("issued_at", item.sent_at),
        **stamped("inquirable_until", grant.inquirable_until),
        "records": statement["records"],
        "letter_url": ctx.letters.link(item.object_key, LETTER_LINK_LIFETIME),
    }


class InquiryRequest(NamedTuple):
    national_code: str
    access_code: str

    @classmethod
    def read(cls, body: dict) -> "InquiryRequest":
        fields = Fields(body)
        identifier, code = fields.code("identifier"), fields.code("access_code")
        fields.done()
        return cls(normalize.code(identifier), normalize.code(code))


def access_log(national_code: str, query: dict) -> dict:
    page = page_of(query, "access_log", national_code)
    entries, cursor = query_page(
        AccessLogEntry, national_code, page, "access_log", national_code, scan_index_forward=False
    )
    return {
        "items": [
            {
                **stamped("at", e.at),
                "institution_id": e.institution_id,
                "institution_name": e.institution_name,
                "tracking_number": e.tracking_number,
                "outcome": e.outcome,
                "channel": e.channel or "api",
            }
            for e in entries
        ],
        "next_cursor": cursor,
    }


def _refuse_signature(reason: str, key_id: str | None = None) -> NoReturn:
    log("bad_signature", reason=reason, key_id=key_id)
    raise DomainError(Code.BAD_SIGNATURE)


def _enforce_rate(institution_id: str, now) -> None:
    minute = int(now.timestamp()) // 60
    if count_inquiry(f"{institution_id}#{minute}", now + timedelta(minutes=2)) > RATE_PER_MINUTE:
        raise TooManyAttempts((minute + 1) * 60 - now.timestamp())


def _grant(code: str) -> Grant | None:
    if not (len(code) == 12 and code.isdigit()):
        return None
    return get_or_none(Grant, code_hash(code), consistent_read=True)


def _refusal(grant: Grant | None, national_code: str, institution_id: str, now) -> str | None:
    """Why this grant cannot answer this inquiry, as the owner's access log names it; None when it can."""
    if grant is None:
        return "unknown_code"
    if not same(grant.national_code, national_code):
        return "wrong_identifier"
    if grant.status == "cancelled":
        return "cancelled"
    if grant.status != "active" or grant.inquirable_until <= now:
        return "expired"
    if grant.institution_id and grant.institution_id != institution_id:
        return "other_institution"
    return None


def _holding_item(grant: Grant) -> MailboxItem | None:
    """The letter, while it still carries this very permit (compared in constant time)."""
    item = get_or_none(MailboxItem, grant.national_code, grant.tracking_number, consistent_read=True)
    return item if item is not None and same(item.permit_hash or "", grant.code_hash) else None


def _use(grant: Grant, caller: Caller, national_code: str, now) -> str:
    """Counts the use and writes its log entries in one transaction: no use goes unlogged, no spent code is used."""
    own = _institution_entry(caller, national_code, grant.tracking_number, "success", now)
    used = record_use(grant, _entry(grant, caller, "success", now), now, _activity(grant, caller, "success", now), own)
    return "success" if used else "cancelled"


def _refuse(national_code: str, grant: Grant | None, caller: Caller, outcome: str, ctx: Context) -> NoReturn:
    """Logs the attempt on a real code for its owner (and for the institution, never saying why), counts the
    failure against the national code, answers 404."""
    own = _institution_entry(caller, national_code, None, "refused", ctx.now)
    if grant is None:
        note_inquiry(own)
    else:
        log_access(_entry(grant, caller, outcome, ctx.now), _activity(grant, caller, outcome, ctx.now), own)
    log(
        "inquiry_refused",
        national_code=mask_national_code(national_code),
        institution_id=caller.institution_id,
        outcome=outcome,
    )
    if (
        limits.record(FAILURES, national_code, ctx.now) >= FAILURES.events
        and limits.record(CAPPED, national_code, ctx.now) == 1
    ):
        _tell_capped(national_code, ctx)
    raise NotFound()


def _tell_capped(national_code: str, ctx: Context) -> None:
    log("inquiry_capped", national_code=mask_national_code(national_code))
    account = account_or_none(national_code)
    if account is not None and account.mobile:
        ctx.notifier.sms_after_commit(account.mobile, message("fa", "inquiry_capped"), ctx.now)


def _entry(grant: Grant, caller: Caller, outcome: str, now) -> AccessLogEntry:
    return AccessLogEntry(
        grant.national_code,
        f"{now.isoformat()}#{secrets.token_hex(4)}",
        at=now,
        institution_id=caller.institution_id,
        institution_name=caller.institution_name,
        tracking_number=grant.tracking_number,
        outcome=outcome,
        channel=caller.channel,
    )


def _activity(grant: Grant, caller: Caller, outcome: str, now) -> ActivityEntry:
    """The same attempt in the person's own history, named by the institution (and the panel, when typed there)."""
    channel = " panel" if caller.channel == "panel" else ""
    return activity_entry(
        grant.national_code,
        now,
        "inquiry",
        "institution",
        actor_label=caller.institution_name,
        detail=f"{grant.tracking_number} {outcome}{channel}",
    )


def _institution_entry(
    caller: Caller, national_code: str, tracking_number: str | None, outcome: str, now
) -> InstitutionInquiry:
    return InstitutionInquiry(
        caller.institution_id,
        f"{now.isoformat()}#{secrets.token_hex(4)}",
        at=now,
        channel=caller.channel,
        officer_username=caller.officer_username,
        tracking_number=tracking_number,
        national_code_masked=mask_national_code(national_code),
        outcome=outcome,
        expires=now + INSTITUTION_LOG_LIFETIME,
    )
