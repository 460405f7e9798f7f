"""The local stage's stand-ins for what the outside world does: registry entries, a branch, the outbox."""

from typing import NamedTuple

from chalicelib import normalize
from chalicelib.adapters.registries import CivilRecord
from chalicelib.errors import NotFound
from chalicelib.flows.people import check_identity_fields, validated_national_code
from chalicelib.inputs import Fields
from chalicelib.instants import stamped
from chalicelib.models.accounts import Account, Registration, account_or_none, current_registration
from chalicelib.models.base import get_or_none
from chalicelib.models.local import OutboxMessage, RegistryPerson
from chalicelib.ports import Context
from chalicelib.validators import is_valid_mobile


class PersonEntry(NamedTuple):
    """A registry entry as POST /dev/people sends it: the civil record and the mobiles listed under the person."""

    record: CivilRecord
    mobiles: tuple[str, ...]

    @classmethod
    def read(cls, body: dict) -> "PersonEntry":
        fields = Fields(body)
        national_code = validated_national_code(fields, "national_code")
        identity = check_identity_fields(fields)
        mobiles = [normalize.mobile(str(m)) for m in (fields.items("mobiles", required=False) or [])]
        for number in mobiles:
            if not is_valid_mobile(number):
                fields.reject("mobiles", "INVALID_MOBILE")
        links = {
            name: _codes(fields, name)
            for name in (
                "spouse_national_code",
                "children_national_codes",
                "father_national_code",
                "mother_national_code",
            )
        }
        extra = {
            "marital_status": fields.text("marital_status", required=False, max_length=20),
            "first_name_en": fields.text("first_name_en", required=False, max_length=60),
            "last_name_en": fields.text("last_name_en", required=False, max_length=60),
            "employed": fields.flag("employed"),
            "pension": fields.flag("pension"),
            "alive": fields.flag("alive", True),
        }
        fields.done()
        spouses = tuple(links["spouse_national_code"])
        record = CivilRecord(
            national_code=national_code,
            **identity,
            **{k: v for k, v in extra.items() if v is not None},
            spouse_national_codes=spouses,
            children_national_codes=tuple(links["children_national_codes"]),
            father_national_code=(links["father_national_code"] or [None])[0],
            mother_national_code=(links["mother_national_code"] or [None])[0],
        )
        if spouses and not record.marital_status:
            record = CivilRecord(**{**record.__dict__, "marital_status": "married"})
        return cls(record, tuple(mobiles))


class BranchVisit(NamedTuple):
    """The tracking code the person brought to the branch, if any."""

    tracking_code: str | None

    @classmethod
    def read(cls, body: dict) -> "BranchVisit":
        fields = Fields(body)
        tracking_code = fields.code("tracking_code", required=False)
        fields.done()
        return cls(tracking_code)


def add_person(body: dict, ctx: Context) -> dict:
    """Adds a person to the local civil and mobile registries; family links given on either side are mirrored."""
    entry = PersonEntry.read(body)
    ctx.registry.add(_with_existing_links(entry.record), entry.mobiles)
    _mirror_links(entry.record, ctx)
    return {"national_code": entry.record.national_code}


def _codes(fields: Fields, name: str) -> list[str]:
    value = fields.body.get(name)
    values = value if isinstance(value, list) else ([] if value in (None, "") else [value])
    codes = [normalize.code(str(v)) for v in values]
    if any(not c.isdigit() or len(c) != 10 for c in codes):
        fields.reject(name, "INVALID_NATIONAL_CODE")
    return codes


def _with_existing_links(record: CivilRecord) -> CivilRecord:
    """Links recorded earlier from the other side survive when the person is added later."""
    existing = get_or_none(RegistryPerson, record.national_code)
    if existing is None:
        return record
    merged = dict(record.__dict__)
    merged["spouse_national_codes"] = tuple(
        dict.fromkeys([*existing.spouse_national_codes, *record.spouse_national_codes])
    )
    merged["children_national_codes"] = tuple(
        dict.fromkeys([*existing.children_national_codes, *record.children_national_codes])
    )
    merged["father_national_code"] = record.father_national_code or existing.father_national_code
    merged["mother_national_code"] = record.mother_national_code or existing.mother_national_code
    return CivilRecord(**merged)


def _mirror_links(record: CivilRecord, ctx: Context) -> None:
    for other in record.spouse_national_codes:
        _link(
            other,
            lambda p: (
                p.spouse_national_codes.append(record.national_code)
                if record.national_code not in p.spouse_national_codes
                else None
            ),
        )
    for child in record.children_national_codes:
        field = "father_national_code" if record.gender == "male" else "mother_national_code"
        _link(child, lambda p: setattr(p, field, record.national_code))
    for parent in (record.father_national_code, record.mother_national_code):
        if parent:
            _link(
                parent,
                lambda p: (
                    p.children_national_codes.append(record.national_code)
                    if record.national_code not in p.children_national_codes
                    else None
                ),
            )


def _link(national_code: str, change) -> None:
    person = get_or_none(RegistryPerson, national_code)
    if person is None:
        return
    change(person)
    person.save()


def outbox(query: dict, ctx) -> dict:
    """What was delivered, once the deliveries this process has started are done."""
    ctx.notifier.flush()
    to = query.get("to")
    if not to:
        return {"items": []}
    target = (normalize.mobile(to) if "@" not in to else to.strip())[:254]
    if not target:
        return {"items": []}
    items = OutboxMessage.query(target, scan_index_forward=False, limit=100)
    return {
        "items": [
            {"channel": m.channel, "to": m.to, "subject": m.subject, "body": m.body, **stamped("at", m.sent_at)}
            for m in items
        ]
    }


def activate_account(national_code: str, body: dict, ctx) -> None:
    """A branch has seen the person's ID card: with a tracking code, that registration's account opens (as staff do);
    without one, the account as it stands becomes active."""
    from chalicelib.flows import registration as registrations

    code = normalize.code(national_code)
    tracking_code = BranchVisit.read(body).tracking_code
    if not code.isdigit():
        raise NotFound()
    if tracking_code:
        registrations.activate(code, tracking_code, ctx)
        return
    account = account_or_none(code)
    if account is None:
        raise NotFound()
    account.update(actions=[Account.status.set("active")])
    registration = current_registration(code)
    if registration is not None:
        registration.update(actions=[Registration.status.set("active")])
