"""تامین اجتماعی من: everything the person asked of the organisation, and everything that happened to their account."""

from chalicelib.instants import stamped
from chalicelib.models.activity import ActivityEntry
from chalicelib.paging import page_of, query_page


def activity(national_code: str, query: dict) -> dict:
    """Newest first, paged; entries are only ever added, so a page once read never changes under the reader."""
    page = page_of(query, "activity", national_code)
    entries, cursor = query_page(
        ActivityEntry, national_code, page, "activity", national_code, scan_index_forward=False
    )
    return {
        "items": [
            {**stamped("at", e.at), "kind": e.kind, "actor": e.actor, "actor_label": e.actor_label, "detail": e.detail}
            for e in entries
        ],
        "next_cursor": cursor,
    }


def requests(national_code: str) -> dict:
    """Registrations, objections, disclosures and dependents in one list, newest first.

    Each source is one Query in the person's own partition (the registration: its head, then itself), and a person
    has few of each, so the list is read whole rather than paged.
    """
    from chalicelib.flows.registration import current_request
    from chalicelib.models.dependents import Dependent
    from chalicelib.models.disclosure import MailboxItem
    from chalicelib.models.records import objections_of

    registration = current_request(national_code)
    items = [
        _item("registration", registration.tracking_code, status, registration.created_at, registration.created_at)
        for registration, status in ([registration] if registration else [])
    ]
    items += [
        _item("objection", o.tracking_code, o.status, o.submitted_at, o.resolved_at or o.submitted_at)
        for o in objections_of(national_code)
    ]
    items += [
        _item("disclosure", m.tracking_number, "issued", m.sent_at, m.sent_at)
        for m in MailboxItem.query(national_code, attributes_to_get=["tracking_number", "sent_at"])
    ]
    items += [
        _item("dependent", d.dependent_id, d.status, d.created_at, d.created_at) for d in Dependent.query(national_code)
    ]
    return {"items": sorted(items, key=lambda item: item["submitted_at"], reverse=True)}


def _item(kind: str, tracking_code: str, status: str, submitted_at, updated_at) -> dict:
    return {
        "kind": kind,
        "tracking_code": tracking_code,
        "status": status,
        **stamped("submitted_at", submitted_at),
        **stamped("updated_at", updated_at),
    }
