"""The intake ledger: one entry per distinct employer file (by content hash), so a file is applied once.

The entry holds where applying got to (how many of the file's lists are stored) and a lease, so a re-delivered
event waits for the invocation that holds the file, and a continuation or a retry after a crash resumes there.
"""

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist, PynamoDBException
from pynamodb.models import Model

from chalicelib.models.base import condition_failed, table


class IntakeFile(Model):
    Meta = table("intake_files")
    sha256 = UnicodeAttribute(hash_key=True)
    object_key = UnicodeAttribute()
    status = UnicodeAttribute()  # applying | applied | refused
    lists_done = NumberAttribute(default=0)
    rows_done = NumberAttribute(default=0)
    lease_until = UTCDateTimeAttribute()
    started_at = UTCDateTimeAttribute()
    finished_at = UTCDateTimeAttribute(null=True)


class FileBusy(Exception):
    """Another invocation holds the file's lease."""


def claim_file(sha256: str, object_key: str, now, lease_until) -> IntakeFile:
    """The file's entry, now leased to the caller; a file already finished comes back as it is, unleased."""
    entry = IntakeFile(sha256, object_key=object_key, status="applying", lease_until=lease_until, started_at=now)
    try:
        entry.save(condition=IntakeFile.sha256.does_not_exist())
        return entry
    except PynamoDBException as error:
        if not condition_failed(error):
            raise
    try:
        entry = IntakeFile.get(sha256, consistent_read=True)
    except DoesNotExist:
        raise FileBusy() from None
    if entry.status != "applying":
        return entry
    try:
        entry.update(
            [IntakeFile.lease_until.set(lease_until)],
            condition=(IntakeFile.status == "applying") & (IntakeFile.lease_until <= now),
        )
    except PynamoDBException as error:
        if condition_failed(error):
            raise FileBusy() from None
        raise
    return entry


def record_progress(entry: IntakeFile, lists: int, rows: int) -> None:
    """Counts lists and rows just stored; the entry reads back the totals."""
    entry.update([IntakeFile.lists_done.add(lists), IntakeFile.rows_done.add(rows)])


def finish_file(entry: IntakeFile, status: str, now) -> None:
    entry.update([IntakeFile.status.set(status), IntakeFile.finished_at.set(now), IntakeFile.lease_until.set(now)])


def release_file(entry: IntakeFile, now) -> None:
    """Gives the lease up early, so the continuation can take the file at once."""
    entry.update([IntakeFile.lease_until.set(now)])
