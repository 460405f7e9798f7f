"""نام نویسی افراد تبعی: family members an insured person covers, checked against the civil registry and Article 58.

Choices the contract leaves open:
- A wrong birth date, an unknown national code and a relation the registry's family links do not
  support all answer the same 422 REGISTRY_MISMATCH, so the endpoint cannot be used to learn
  anyone's birth date or family; mismatches are also capped per insured person.
- A deceased person passes the registry match and is then refused as NOT_ELIGIBLE with reason
  DECEASED (the eligibility rules' own answer), so the person learns why.
- A refusal names the rule: `reason` is the stable code and `reason_text` its explanation in the
  request's language; `message` stays the generic NOT_ELIGIBLE text.
"""

from typing import NamedTuple
from urllib.parse import quote

from chalicelib import jalali, limits
from chalicelib.crypto import keyed_hash, new_id
from chalicelib.errors import Code, DomainError, NotFound
from chalicelib.flows.people import valid_jalali_day, validated_national_code
from chalicelib.inputs import Fields
from chalicelib.instants import stamped
from chalicelib.limits import Limit
from chalicelib.logs import log
from chalicelib.masking import mask_national_code
from chalicelib.models.accounts import account_or_none
from chalicelib.models.dependents import Dependent, add_dependent, record_documents, remove_dependent
from chalicelib.paging import page_of, query_page
from chalicelib.ports import Context
from chalicelib.text import catalogue

# The contract's relations and statuses (chalicelib.eligibility, loaded only when a dependent is assessed,
# names the same values: its rule table is costly to build on a cold start).
RELATIONS = ("spouse", "child", "father", "mother")
PENDING_DOCUMENTS, SUBMITTED, BRANCH_REVIEW = "pending_documents", "submitted", "branch_review"
DOCUMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
# A scanned certificate: a few pages of PDF or a phone photo fit well under 5 MB.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
# Long enough to pick a file and upload it on a slow mobile connection.
UPLOAD_EXPIRES_IN = 600
# Registry mismatches per insured person over a rolling day: ample for typing mistakes about one's own
# family, far too few to probe the registry.
MISMATCH_LIMIT = Limit("dependent_mismatch", 12, 86400)  # each check counted before the registry is asked


def add(insured: str, body: dict, ctx: Context) -> dict:
    from chalicelib import eligibility

    today = jalali.day_of(ctx.now)
    request = DependentRequest.read(body, insured, today)
    national_code, birth_date, relation, declared = (
        request.national_code,
        request.birth_date,
        request.relation,
        request.declared,
    )
    count = limits.reserve(MISMATCH_LIMIT, insured, ctx.now)
    # Both records are always read, so a right birth date costs exactly what a wrong one does.
    record, own = ctx.registry.lookup(national_code), ctx.registry.lookup(insured)
    if not (_same_day(record, birth_date) & _related(record, own, insured, relation)):
        log("dependent_registry_mismatch", insured=mask_national_code(insured), count=count)
        raise DomainError(Code.REGISTRY_MISMATCH)

    assessment = eligibility.assess(
        relation=relation,
        insured_gender=_gender(insured),
        dependent_gender=record.gender,
        dependent_birth=jalali.parse_day(birth_date),
        dependent_married=record.marital_status == "married",
        dependent_employed=record.employed,
        dependent_pension=record.pension,
        dependent_alive=record.alive,
        today=jalali.parse_day(today),
        **declared,
    )
    if not assessment.eligible:
        raise DomainError(
            Code.NOT_ELIGIBLE,
            reason=assessment.reason,
            reason_text=catalogue(ctx.language).ELIGIBILITY_REASONS[assessment.reason],
        )

    dependent = Dependent(
        insured,
        national_code,
        dependent_id=new_id(),
        relation=relation,
        first_name=record.first_name,
        last_name=record.last_name,
        father_name=record.father_name,
        birth_date=birth_date,
        status=assessment.status,
        documents_required=list(assessment.documents),
        documents_received=[],
        created_at=ctx.now,
        **declared,
    )
    if not add_dependent(dependent, first_holder=True):
        dependent.status = BRANCH_REVIEW
        add_dependent(dependent, first_holder=False)
    log("dependent_added", insured=mask_national_code(insured), relation=relation, status=dependent.status)
    return _view(dependent)


def list_for(insured: str, query: dict, ctx: Context) -> dict:
    """In national-code order (the table's own), paged; pending uploads are looked for on read, page by page."""
    page = page_of(query, "dependents", insured)
    dependents, cursor = query_page(Dependent, insured, page, "dependents", insured, consistent_read=True)
    return {
        "items": [_view(dependent) for dependent in dependents if _collect_documents(dependent, ctx)],
        "next_cursor": cursor,
    }


def remove(insured: str, dependent_id: str) -> None:
    """The person's coverage goes with the dependent; someone else's covering the same person stays as it is."""
    remove_dependent(_find(insured, dependent_id))
    log("dependent_removed", insured=mask_national_code(insured))


def upload_url(insured: str, dependent_id: str, body: dict, ctx: Context) -> dict:
    """A presigned S3 POST that S3 itself holds to the declared type, 1 byte to 5 MB, and one key."""
    dependent = _find(insured, dependent_id)
    if not dependent.documents_required:
        raise DomainError(Code.DOCUMENT_NOT_NEEDED)
    request = DocumentRequest.read(body, dependent.documents_required)
    if request.kind in dependent.documents_received:
        raise DomainError(Code.DOCUMENT_ALREADY_RECEIVED)  # a received certificate is evidence: it is never replaced
    kind, filename, content_type = request.kind, request.filename, request.content_type
    disposition = "attachment; filename*=UTF-8''" + quote(
        filename.strip().replace("\\", "/").rsplit("/", 1)[-1], safe=""
    )
    post = ctx.uploads.presigned_post(
        document_key(insured, dependent, kind),
        {"Content-Type": content_type, "Content-Disposition": disposition},
        [
            {"Content-Type": content_type},
            {"Content-Disposition": disposition},
            ["content-length-range", 1, MAX_DOCUMENT_BYTES],
        ],
        UPLOAD_EXPIRES_IN,
    )
    return {"upload_url": post["url"], "fields": post["fields"], "expires_in": UPLOAD_EXPIRES_IN}


class DependentRequest(NamedTuple):
    national_code: str
    birth_date: str
    relation: str
    declared: dict  # student, disabled, supported: what the insured person declares for Article 58

    @classmethod
    def read(cls, body: dict, insured: str, today: str) -> "DependentRequest":
        fields = Fields(body)
        national_code = validated_national_code(fields, "national_code")
        birth_date = valid_jalali_day(fields, "birth_date")
        relation = (fields.text("relation", max_length=20) or "").strip().lower()
        declared = {name: fields.flag(name) for name in ("student", "disabled", "supported")}
        if relation and relation not in RELATIONS:
            fields.reject("relation", "INVALID_RELATION")
        if national_code == insured:
            fields.reject("national_code", "SELF")
        if birth_date and birth_date > today:
            fields.reject("birth_date", "INVALID_DATE")
        fields.done()
        return cls(national_code, birth_date, relation, declared)


class DocumentRequest(NamedTuple):
    kind: str
    filename: str
    content_type: str

    @classmethod
    def read(cls, body: dict, required: list[str]) -> "DocumentRequest":
        fields = Fields(body)
        kind = fields.choice("kind", required, "NOT_REQUIRED", max_length=40)
        filename = fields.text("filename", max_length=255)
        content_type = (fields.text("content_type", max_length=100) or "").strip().lower()
        if content_type and content_type not in DOCUMENT_TYPES:
            fields.reject("content_type", "UNSUPPORTED_TYPE")
        fields.done()
        return cls(kind, filename, content_type)


def _same_day(record, birth_date: str) -> bool:
    if record is None:
        return False
    try:
        return jalali.format_day(jalali.parse_day(record.birth_date)) == birth_date
    except ValueError:
        return False


def _related(record, own, insured: str, relation: str) -> bool:
    """The link may be recorded on either side: the dependent's record or the insured person's own."""
    if record is None:
        return False
    code = record.national_code
    if relation == "child":
        return insured in (record.father_national_code, record.mother_national_code) or (
            own is not None and code in own.children_national_codes
        )
    if relation == "spouse":
        return insured in record.spouse_national_codes or (own is not None and code in own.spouse_national_codes)
    parent_field = "father_national_code" if relation == "father" else "mother_national_code"
    return insured in record.children_national_codes or (own is not None and getattr(own, parent_field) == code)


def _gender(insured: str) -> str:
    account = account_or_none(insured, attributes_to_get=["gender"])
    if account is None:
        raise DomainError(Code.UNAUTHENTICATED)
    return account.gender


def _find(insured: str, dependent_id: str) -> Dependent:
    """Only the person's own partition is searched, so another person's id is simply not found."""
    found = next(
        iter(Dependent.query(insured, filter_condition=Dependent.dependent_id == dependent_id, consistent_read=True)),
        None,
    )
    if found is None:
        raise NotFound()
    return found


def document_key(insured: str, dependent: Dependent, kind: str) -> str:
    """Under the person's prefix (a keyed hash, so no national code lands in S3 keys or logs); the id makes it unguessable."""
    return f"people/{keyed_hash('uploads', insured)[:32]}/dependents/{dependent.dependent_id}/{kind}"


def _collect_documents(dependent: Dependent, ctx: Context) -> bool:
    """Records certificates that have arrived; False when the dependent was deleted meanwhile."""
    missing = [kind for kind in dependent.documents_required if kind not in dependent.documents_received]
    arrived = [
        kind for kind in missing if _uploaded(ctx, document_key(dependent.insured_national_code, dependent, kind))
    ]
    if not arrived:
        return True
    received = [*dependent.documents_received, *arrived]
    complete = dependent.status == PENDING_DOCUMENTS and set(received) >= set(dependent.documents_required)
    return record_documents(dependent, received, SUBMITTED if complete else None)


def _uploaded(ctx, key: str) -> bool:
    """An object within the upload policy's limits: the emulator, unlike S3, does not enforce them."""
    head = ctx.uploads.head(key)
    if head is None:
        return False
    return head.get("ContentType") in DOCUMENT_TYPES and 1 <= head.get("ContentLength", 0) <= MAX_DOCUMENT_BYTES


def _view(dependent: Dependent) -> dict:
    created = dependent.created_at
    return {
        "dependent_id": dependent.dependent_id,
        "national_code": dependent.dependent_national_code,
        "first_name": dependent.first_name,
        "last_name": dependent.last_name,
        "father_name": dependent.father_name,
        "birth_date": dependent.birth_date,
        "relation": dependent.relation,
        "status": dependent.status,
        "documents": {"required": list(dependent.documents_required), "received": list(dependent.documents_received)},
        **stamped("created_at", created),
    }
