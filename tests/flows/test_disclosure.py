"""Record disclosure: letters into the mailbox, reading them back from the PDF, verification and the quota."""

import hashlib
import io
import re
import urllib.request

import pytest

DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def _load_records(api, national_code):
    months = [
        {
            "month": f"{1385 + (i // 12)}/{i % 12 + 1:02d}",
            "days": 30 if (i % 12) < 11 else 29,
            "wage": 5_000_000 + i * 100_000,
            "job_title": "کارگر ساده",
        }
        for i in range(36)
    ]
    reply = api.post(
        "/dev/contributions",
        {
            "national_code": national_code,
            "workshop_code": "1234567",
            "workshop_name": "کارگاه نساجی البرز",
            "employer_name": "شرکت نساجی البرز",
            "months": months,
        },
    )
    assert reply.status == 201, reply
    return months


def _issue(api, token, type_id="combined", language="fa", **headers):
    return api.post(
        "/me/disclosures",
        {"type": type_id, "accept_agreement": True, "language": language},
        token=token,
        headers=headers,
    )


def _shows(text: str, value: str) -> bool:
    """pypdf extracts right-to-left runs in visual order, so a number inside Persian text may come out reversed."""
    return value in text or value[::-1] in text


def _pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).translate(DIGITS)


@pytest.fixture
def holder(api, member):
    member["months"] = _load_records(api, member["person"]["national_code"])
    return member


def test_types_list_the_three_statements_with_agreement(api):
    types = {t["id"]: t for t in api.get("/disclosure-types").json}
    assert {"full", "wages_since_1386", "combined"} <= set(types)
    assert types["full"]["includes_wages"] is False and types["combined"]["includes_wages"] is True
    assert "کد دسترسی" in types["full"]["agreement"] and types["full"]["title_en"]


def test_agreement_is_required(api, holder):
    reply = api.post("/me/disclosures", {"type": "full", "language": "fa"}, token=holder["token"])
    assert reply.status == 422 and reply.error["code"] == "AGREEMENT_REQUIRED"
    assert api.post("/me/disclosures", {"type": "nope", "accept_agreement": True}, token=holder["token"]).error[
        "fields"
    ] == {"type": "UNKNOWN_TYPE"}


def test_issued_letter_reads_back_with_the_facts(api, holder):
    reply = _issue(api, holder["token"])
    assert reply.status == 201, reply
    item = reply.json["mailbox_item"]
    assert item["permit_status"] == "none" and item["access_code"] is None and item["viewed_at"] is None
    pdf = api.get(
        f"/me/mailbox/{reply.json['tracking_number']}/letter",
        token=holder["token"],
        headers={"Accept": "application/pdf"},
    )
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.raw.startswith(b"%PDF")
    text = _pdf_text(pdf.raw)
    assert _shows(text, holder["person"]["national_code"])
    assert _shows(text, reply.json["tracking_number"])
    assert item["verification_code"] in text
    assert _shows(text.replace("٬", "").replace(",", ""), str(sum(m["days"] for m in holder["months"])))
    assert "سارا" in text or "ارس" in text
    box = api.get("/me/mailbox", token=holder["token"]).json
    assert box["items"][0]["viewed_at"] is not None
    assert box["quota"]["used_bytes"] == len(pdf.raw) and box["quota"]["limit_bytes"] > len(pdf.raw)


def test_english_letter_uses_latin_names_from_the_registry(api, holder):
    reply = _issue(api, holder["token"], "full", "en")
    pdf = api.get(
        f"/me/mailbox/{reply.json['tracking_number']}/letter",
        token=holder["token"],
        headers={"Accept": "application/pdf"},
    )
    text = _pdf_text(pdf.raw)
    assert "Sara" in text and "Mohammadi" in text and holder["person"]["national_code"] in text
    assert reply.json["tracking_number"] in text


def test_letter_link_is_a_short_lived_redirect_and_verify_gives_the_digest(api, holder):
    reply = _issue(api, holder["token"])
    link = api.get(f"/me/mailbox/{reply.json['tracking_number']}/letter", token=holder["token"])
    assert (
        link.status == 302 and "Expires=" in link.headers["location"] or "X-Amz-Expires=300" in link.headers["location"]
    )
    with urllib.request.urlopen(link.headers["location"]) as response:
        served = response.read()
    facts = api.get(f"/verify/{reply.json['mailbox_item']['verification_code']}").json
    assert facts["valid"] is True and facts["sha256"] == hashlib.sha256(served).hexdigest()
    assert facts["tracking_number"] == reply.json["tracking_number"] and "****" in facts["national_code_masked"]
    page = api.get(
        f"/verify/{reply.json['mailbox_item']['verification_code'].lower()}", headers={"Accept": "text/html"}
    )
    assert (
        page.status == 200
        and "text/html" in page.headers["content-type"]
        and reply.json["tracking_number"] in page.raw.decode()
    )


def test_verify_unknown_code_is_404(api):
    assert api.get("/verify/AAAA-BBBB-CCCC").status == 404
    assert api.get("/verify/short").status == 404


def test_statement_is_frozen_at_issue_time(api, holder):
    reply = _issue(api, holder["token"])
    first = api.get(
        f"/me/mailbox/{reply.json['tracking_number']}/letter",
        token=holder["token"],
        headers={"Accept": "application/pdf"},
    ).raw
    api.post(
        "/dev/contributions",
        {
            "national_code": holder["person"]["national_code"],
            "workshop_code": "7654321",
            "workshop_name": "کارگاه دوم",
            "employer_name": "کارفرمای دوم",
            "months": [{"month": "1400/01", "days": 31, "wage": 1, "job_title": "نگهبان"}],
        },
    )
    again = api.get(
        f"/me/mailbox/{reply.json['tracking_number']}/letter",
        token=holder["token"],
        headers={"Accept": "application/pdf"},
    ).raw
    assert first == again


def test_idempotent_retry_creates_one_item(api, holder):
    first = _issue(api, holder["token"], **{"Idempotency-Key": "letter-1"})
    second = _issue(api, holder["token"], **{"Idempotency-Key": "letter-1"})
    assert first.status == second.status == 201 and first.json == second.json
    assert len(api.get("/me/mailbox", token=holder["token"]).json["items"]) == 1
    other = api.post(
        "/me/disclosures",
        {"type": "full", "accept_agreement": True},
        token=holder["token"],
        headers={"Idempotency-Key": "letter-1"},
    )
    assert other.status == 422 and other.error["code"] == "IDEMPOTENCY_KEY_REUSED"


def test_another_person_gets_404(api, holder):
    from tests.conftest import login, register

    reply = _issue(api, holder["token"])
    stranger = register(api)
    token = login(api, stranger["person"]["national_code"])
    tracking = reply.json["tracking_number"]
    assert api.get(f"/me/mailbox/{tracking}/letter", token=token).status == 404
    assert api.delete(f"/me/mailbox/{tracking}", token=token).status == 404
    assert api.get("/me/mailbox", token=token).json["items"] == []


def test_delete_removes_item_and_object_but_verify_still_answers(api, holder):
    import boto3

    from chalicelib.config import settings
    from chalicelib.models.disclosure import MailboxItem

    reply = _issue(api, holder["token"])
    tracking = reply.json["tracking_number"]
    key = MailboxItem.get(holder["person"]["national_code"], tracking).object_key
    assert api.delete(f"/me/mailbox/{tracking}", token=holder["token"]).status == 204
    listing = boto3.client("s3").list_objects_v2(Bucket=settings().letters_bucket, Prefix=key)
    assert listing.get("KeyCount", 0) == 0
    box = api.get("/me/mailbox", token=holder["token"]).json
    assert box["items"] == [] and box["quota"]["used_bytes"] == 0
    assert api.get(f"/verify/{reply.json['mailbox_item']['verification_code']}").status == 200
    assert api.delete(f"/me/mailbox/{tracking}", token=holder["token"]).status == 404


def test_quota_is_enforced(api, holder, monkeypatch):
    first = _issue(api, holder["token"], "full")
    size = first.json["mailbox_item"]["size_bytes"]
    monkeypatch.setenv("MAILBOX_QUOTA_BYTES", str(size + size // 2))
    full = _issue(api, holder["token"], "full")
    assert full.status == 409 and full.error["code"] == "MAILBOX_FULL"
    assert len(api.get("/me/mailbox", token=holder["token"]).json["items"]) == 1


def test_mailbox_is_newest_first(api, holder, clock):
    first = _issue(api, holder["token"], "full").json["tracking_number"]
    clock.advance(seconds=5)
    second = _issue(api, holder["token"], "combined").json["tracking_number"]
    items = api.get("/me/mailbox", token=holder["token"]).json["items"]
    assert [i["tracking_number"] for i in items] == [second, first]
    assert set(items[0]) >= {
        "tracking_number",
        "sent_at",
        "system",
        "subject",
        "national_code",
        "mobile",
        "email",
        "viewed_at",
        "inquirable_until",
        "access_code",
        "permit_status",
        "verification_code",
    }
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", items[0]["sent_at_jalali"])


def test_a_letter_issued_after_midnight_in_tehran_carries_the_tehran_day(api, holder, clock):
    """21:00 UTC on 22 November 2027 is 00:30 on 2 Azar 1406 in Tehran: the letter, its number and its mailbox row say so."""
    from datetime import datetime, timezone

    clock.now = datetime(2027, 11, 22, 21, 0, tzinfo=timezone.utc)
    token = api.post(
        "/auth/login", {"national_code": holder["person"]["national_code"], "password": "Sepehr#Kavir92"}
    ).json["access_token"]
    reply = _issue(api, token, "full")
    assert reply.status == 201, reply
    item = reply.json["mailbox_item"]
    assert item["sent_at"] == "2027-11-22T21:00:00Z" and item["sent_at_jalali"] == "1406/09/02"
    assert reply.json["tracking_number"].startswith("14060902" + f"{30 * 60:05d}")
    pdf = api.get(
        f"/me/mailbox/{reply.json['tracking_number']}/letter", token=token, headers={"Accept": "application/pdf"}
    ).raw
    assert _shows(_pdf_text(pdf), "1406/09/02")
