"""The person's own history (تامین اجتماعی من): an append-only trail of what happened to their account and data.

One partition per person, sorted by "ISO instant#random", so `GET /me/activity` is one Query read backwards.
Entries are only ever put, never updated or deleted: the person, staff and the service itself can add to it,
no one can change it. Writers that change something else put the entry in the same transaction.
"""

import secrets
from datetime import datetime

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from chalicelib.models.base import table

ACTORS = ("self", "staff", "institution", "system")


class ActivityEntry(Model):
    Meta = table("activity")
    national_code = UnicodeAttribute(hash_key=True)
    at_key = UnicodeAttribute(range_key=True)
    at = UTCDateTimeAttribute()
    kind = UnicodeAttribute()
    actor = UnicodeAttribute()
    actor_label = UnicodeAttribute(null=True)
    detail = UnicodeAttribute(null=True)


def activity_entry(
    national_code: str, at: datetime, kind: str, actor: str, actor_label: str | None = None, detail: str | None = None
) -> ActivityEntry:
    """A new entry, not yet saved: call `.save()` alone, or put it in the transaction that makes the change."""
    if actor not in ACTORS:
        raise ValueError(actor)
    key = f"{at.isoformat()}#{secrets.token_hex(4)}"
    return ActivityEntry(national_code, key, at=at, kind=kind, actor=actor, actor_label=actor_label, detail=detail)
