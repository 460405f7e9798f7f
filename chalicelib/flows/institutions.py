"""The institutions that may inquire records: adding one, its signing keys, disabling it.

Signing secrets live in the key vault (Secrets Manager, `ctx.vault`), shown once when issued. Each change takes
`puts`, the audit entries of the staff action it serves, written in its transaction (the local stage and the
command-line tool pass none). Disabling stops every key in one transaction; officers stop because every request
of theirs reads the institution (flows/institution_panel.py).
"""

from typing import NamedTuple

from chalicelib import normalize
from chalicelib.errors import NotFound, ValidationFailed
from chalicelib.inputs import Fields
from chalicelib.instants import stamped
from chalicelib.logs import log
from chalicelib.models import institutions as storage
from chalicelib.models.institutions import STATUSES, Institution, institutions_of_status
from chalicelib.paging import page_of
from chalicelib.ports import Context

TYPES = ("bank", "court", "embassy", "government", "employer")


class InstitutionRequest(NamedTuple):
    name: str
    kind: str

    @classmethod
    def read(cls, body: dict) -> "InstitutionRequest":
        fields = Fields(body)
        name = fields.text("name", max_length=120)
        kind = fields.text("type", required=False, max_length=20) or "bank"
        if kind not in TYPES:
            fields.reject("type", "UNKNOWN_TYPE")
        fields.done()
        return cls(normalize.persian_text(name), kind)


def add(body: dict, ctx: Context, puts=lambda institution: []) -> Institution:
    request = InstitutionRequest.read(body)
    institution = storage.new_institution(request.name, request.kind, ctx.now)
    storage.add_institution(institution, puts(institution))
    log("institution_added", institution_id=institution.institution_id)
    return institution


def issue_key(institution_id: str, ctx: Context, puts=lambda key: []) -> dict:
    """A 256-bit secret, stored in the vault before any record names its key; shown in this answer and never again."""
    import secrets

    institution = institution_of(institution_id)
    key = storage.new_key(institution, ctx.now)
    secret = secrets.token_urlsafe(32)
    ctx.vault.put(key.key_id, secret)
    storage.add_key(institution, key, puts(key))
    log("institution_key_issued", institution_id=institution_id, key_id=key.key_id)
    return {"institution_id": institution_id, "key_id": key.key_id, "secret": secret}


def add_with_key(body: dict, ctx: Context) -> dict:
    """An institution and its first key in one go: the local stage's POST /dev/institutions and the tool."""
    institution = add(body, ctx)
    issued = issue_key(institution.institution_id, ctx)
    return {
        "institution_id": institution.institution_id,
        "name": institution.name,
        "type": institution.type,
        "key_id": issued["key_id"],
        "secret": issued["secret"],
    }


def rotate_key(institution_id: str, ctx: Context) -> dict:
    """A new key, then every older one revoked: the tool's rotation."""
    older = sorted(institution_of(institution_id).key_ids or ())
    issued = issue_key(institution_id, ctx)
    for key_id in older:
        revoke_key(institution_id, key_id, ctx)
    return issued


def revoke_key(institution_id: str, key_id: str, ctx: Context, puts: list = ()) -> None:
    """The key stops working at once; its secret goes from the vault."""
    institution = institution_of(institution_id)
    if key_id not in (institution.key_ids or set()):
        raise NotFound()
    storage.revoke_key(institution, key_id, puts)
    ctx.vault.retire(key_id)
    log("institution_key_revoked", institution_id=institution_id, key_id=key_id)


def disable(institution_id: str, ctx: Context, puts: list = ()) -> None:
    """Every key the institution holds stops in the same transaction as its status; its officers are refused from
    the next request on."""
    keys = storage.disable_institution(institution_of(institution_id), puts)
    for key_id in keys:
        ctx.vault.retire(key_id)
    log("institution_disabled", institution_id=institution_id, keys=len(keys))


def listing(query: dict, caller: str) -> tuple[list[dict], str | None]:
    status = query.get("status") or "active"
    if status not in STATUSES:
        raise ValidationFailed({"status": "INVALID_STATUS"})
    list_name = f"institutions\x00{status}"
    items, cursor = institutions_of_status(status, page_of(query, list_name, caller), list_name, caller)
    return [view(item) for item in items], cursor


def view(institution: Institution) -> dict:
    return {
        "institution_id": institution.institution_id,
        "name": institution.name,
        "type": institution.type,
        "status": institution.status,
        "key_ids": sorted(institution.key_ids or ()),
        **stamped("created_at", institution.created_at),
    }


def institution_of(institution_id: str) -> Institution:
    found = storage.institution_or_none(institution_id) if 0 < len(institution_id) <= 64 else None
    if found is None:
        raise NotFound()
    return found
