"""Flows called directly with the project's own fakes for the outside world: what was sent and stored is read from
the fakes, not from /dev/outbox. Storage is the emulated DynamoDB."""

import re

from chalicelib.adapters.registries import CivilRecord
from chalicelib.text import message
from tests.conftest import ANSWERS, PASSWORD, new_mobile, new_national_code
from tests.fakes import Fakes


def _code(body: str) -> str:
    return re.search(r"\b(\d{6})\b", body).group(1)


def _registered(fakes: Fakes) -> tuple[str, str]:
    """A person walked through every registration step by the flows themselves; answers (national code, mobile)."""
    from chalicelib.flows import registration

    national_code, mobile = new_national_code(), new_mobile()
    record = CivilRecord(
        national_code, "سارا", "محمدی", "علی", "1365/04/12", "female", first_name_en="Sara", last_name_en="Mohammadi"
    )
    fakes.registry.records[national_code] = record
    fakes.registry.mobiles[mobile] = national_code
    ctx = fakes.context()
    started = registration.start({"national_code": national_code, "mobile": mobile}, ctx)
    rid = started["registration_id"]
    assert registration.verify_mobile(rid, {"code": _code(fakes.notifier.to(mobile)[-1])}, ctx) == {
        "status": "identity_required"
    }
    identity = {
        "first_name": "سارا",
        "last_name": "محمدی",
        "father_name": "علی",
        "birth_date": "1365/04/12",
        "gender": "female",
    }
    assert registration.submit_identity(rid, identity, ctx)["status"] == "credentials_required"
    credentials = {"password": PASSWORD, "password_repeat": PASSWORD, "security_answers": ANSWERS}
    assert registration.submit_credentials(rid, credentials, ctx)["status"] == "ready_to_submit"
    assert registration.submit(rid, {"accept_terms": True}, ctx)["status"] == "active"
    assert fakes.notifier.to(mobile)[-1] == message("fa", "registration_active", tracking_code=started["tracking_code"])
    return national_code, mobile


def test_registration_sends_one_code_then_the_outcome_and_opens_the_account():
    from chalicelib.models.accounts import account_or_none

    fakes = Fakes()
    national_code, mobile = _registered(fakes)
    assert [m.channel for m in fakes.notifier.sent] == ["sms", "sms"] and {m.to for m in fakes.notifier.sent} == {
        mobile
    }
    assert account_or_none(national_code).status == "active"


def test_letter_permit_cancel_and_delete_leave_nothing_behind_in_the_letter_store():
    from chalicelib.flows import disclosure, permits
    from chalicelib.models.disclosure import owned_item

    fakes = Fakes()
    national_code, mobile = _registered(fakes)
    ctx = fakes.context()
    issued = disclosure.issue(national_code, {"type": "full", "accept_agreement": True}, ctx)
    ((key, pdf),) = fakes.letters.objects.items()
    assert pdf.startswith(b"%PDF")
    tracking_number = issued["tracking_number"]

    permit = permits.issue(national_code, tracking_number, {"validity": "day"}, ctx)
    assert re.fullmatch(r"\d{4}-\d{4}-\d{4}", permit["access_code"])
    assert any(f"{tracking_number}" in body for body in fakes.notifier.to(mobile))
    permits.cancel(national_code, tracking_number, ctx)
    assert owned_item(national_code, tracking_number).permit_status == "cancelled"

    kind, link = disclosure.letter(national_code, tracking_number, False, ctx)
    assert kind == "redirect" and link == f"https://letters.test/{key}?expires_in=300"
    disclosure.delete(national_code, tracking_number, ctx)
    assert fakes.letters.objects == {}


def test_the_expiry_job_counts_exactly_the_permits_due_and_tells_each_owner(own_tables):
    from chalicelib.flows import disclosure, permits

    fakes = Fakes()
    national_code, mobile = _registered(fakes)
    ctx = fakes.context()
    due = disclosure.issue(national_code, {"type": "full", "accept_agreement": True}, ctx)["tracking_number"]
    kept = disclosure.issue(national_code, {"type": "full", "accept_agreement": True}, ctx)["tracking_number"]
    permits.issue(national_code, due, {"validity": "day"}, ctx)
    permits.issue(national_code, kept, {"validity": "year"}, ctx)

    assert permits.expire_due(fakes.later(ctx, days=2)) == 1
    assert fakes.notifier.to(mobile)[-1] == message("fa", "permit_expired", tracking_number=due)
    assert permits.expire_due(fakes.later(ctx, days=2)) == 0
