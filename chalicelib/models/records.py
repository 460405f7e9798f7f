"""Insurance records, the employer lists they came from, and objections to them.

A person's whole history is one partition of `records`, sorted by "YYYY/MM#workshop_code", so it
comes back in month order from a single query. `employer_lists` keeps, per workshop and month, who
was on the list, so a corrected list can take the month away from people it no longer names.
Objections live in `objections`, one open objection per person and kind held by `objection_locks`.
"""

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import TransactWriteError, UpdateError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.errors import Code, DomainError
from chalicelib.models import batches
from chalicelib.models.base import condition_failed, get_or_none, index, refused, table, transaction

OPEN_STATUSES = ("submitted", "under_review")


class Record(Model):
    Meta = table("records")
    national_code = UnicodeAttribute(hash_key=True)
    month_workshop = UnicodeAttribute(range_key=True)
    workshop_code = UnicodeAttribute()
    workshop_name = UnicodeAttribute()
    employer_name = UnicodeAttribute()
    days = NumberAttribute()
    wage = NumberAttribute()
    job_title = UnicodeAttribute(null=True)
    objection = UnicodeAttribute(null=True)

    @property
    def month(self) -> str:
        return self.month_workshop.partition("#")[0]


def record_key(month: str, workshop_code: str) -> str:
    return f"{month}#{workshop_code}"


def correction_key(month: str, workshop_code: str) -> str:
    """A month corrected by an accepted objection: its own item beside the list's (sorting right after it), which
    employer lists never write or drop, so a later list cannot silently erase the correction."""
    return f"{month}#{workshop_code}#corrected"


class ListEntry(Model):
    """One person named on a workshop's list for a month; the list is the partition "workshop_code#YYYY/MM".

    A partition rather than one item holding a set: no 400 KB cap on how many people a list names, the
    entries of many lists go in one batch, and lists loaded side by side cannot lose each other's names.
    The partition's HEAD entry carries the revision that guards replacing the list.
    """

    Meta = table("employer_lists")
    list_key = UnicodeAttribute(hash_key=True)
    national_code = UnicodeAttribute(range_key=True)
    revision = NumberAttribute(null=True)


HEAD = "#"  # sorts before every national code


def list_key(workshop_code: str, month: str) -> str:
    return f"{workshop_code}#{month}"


def person_records(national_code: str) -> list[Record]:
    """One Query (more only past DynamoDB's 1 MB page), in month order."""
    return list(Record.query(national_code))


def list_members(key: str) -> tuple[int | None, set[str]]:
    """The list's revision and the people it names now."""
    revision, people = None, set()
    for entry in ListEntry.query(key, consistent_read=True):
        if entry.national_code == HEAD:
            revision = entry.revision
        else:
            people.add(entry.national_code)
    return revision, people


def claim_list(key: str, revision: int | None) -> None:
    """Moves the list's revision on, so of two corrections read at the same revision only one goes ahead."""
    condition = ListEntry.revision.does_not_exist() if revision is None else ListEntry.revision == revision
    try:
        ListEntry(key, HEAD).update([ListEntry.revision.add(1)], condition=condition)
    except UpdateError as error:
        if condition_failed(error):
            raise DomainError(Code.CONFLICT) from error
        raise


def claim_lists(keys: list[str]) -> dict[str, set[str]]:
    """The people each list names now, with each list's revision moved on (`claim_list`).

    Every list that names anyone has a HEAD (claiming creates it, and names come after), so one batch read of
    the HEADs tells new lists, the bulk of a month's intake, from lists being corrected; only those are queried
    for their people. The lists are claimed side by side, each claim being a round trip of its own."""
    from concurrent.futures import ThreadPoolExecutor

    existing = {head.list_key for head in ListEntry.batch_get([(key, HEAD) for key in keys], consistent_read=True)}

    def claim(key: str) -> set[str]:
        revision, people = list_members(key) if key in existing else (None, set())
        claim_list(key, revision)
        return people

    if len(keys) == 1:
        return {keys[0]: claim(keys[0])}
    with ThreadPoolExecutor(batches.WRITERS) as pool:
        return dict(zip(keys, pool.map(claim, keys)))


def write_lists(lists, removed: dict[str, list[str]]) -> None:
    """Stores each list (an EmployerList, its text already canonical): its people named on it and their records,
    and takes the people in `removed` (list key to national codes) off it with their records for its month.

    People are named on their lists before their records land, and names are taken off only after their records
    are gone: an interruption at any point leaves lists that still name everyone holding a record from them, so
    loading the same lists again finishes the job. Batches, not transactions: a list may name more people than a
    transaction's 100 items. The items are built in DynamoDB's own shape, one dict a row, not a model instance
    each: an intake writes two items for every row of a month's lists (`Record`, `ListEntry` remain the schema,
    and a unit test holds the two equal)."""
    named, puts, dropped, unnamed = [], [], [], []
    lists_table, records_table = ListEntry.Meta.table_name, Record.Meta.table_name
    for entry in lists:
        key = list_key(entry.workshop_code, entry.month)
        month_workshop = record_key(entry.month, entry.workshop_code)
        for code in removed.get(key, ()):
            dropped.append(Record(code, month_workshop))
            unnamed.append(ListEntry(key, code))
        key_value, month_workshop_value = {"S": key}, {"S": month_workshop}
        shared = {
            "workshop_code": {"S": entry.workshop_code},
            "workshop_name": {"S": entry.workshop_name},
            "employer_name": {"S": entry.employer_name},
        }
        for row in entry.rows:
            person = {"S": row.national_code}
            named.append((lists_table, {"PutRequest": {"Item": {"list_key": key_value, "national_code": person}}}))
            item = {"national_code": person, "month_workshop": month_workshop_value, **shared}
            item["days"], item["wage"] = {"N": str(row.days)}, {"N": str(row.wage)}
            if row.job_title:
                item["job_title"] = {"S": row.job_title}
            puts.append((records_table, {"PutRequest": {"Item": item}}))
    batches.send(named)
    batches.send(puts)
    batches.write(deletes=dropped)
    batches.write(deletes=unnamed)


class ObjectionsByPerson(GlobalSecondaryIndex):
    Meta = index("by_person", AllProjection())
    national_code = UnicodeAttribute(hash_key=True)
    submitted_at = UTCDateTimeAttribute(range_key=True)


class ObjectionsByStatus(GlobalSecondaryIndex):
    """The records officers' queue: one status, oldest first."""

    Meta = index("by_status", AllProjection())
    status = UnicodeAttribute(hash_key=True)
    submitted_at = UTCDateTimeAttribute(range_key=True)


class Objection(Model):
    """Keyed by its tracking code, which the create-once condition keeps unique."""

    Meta = table("objections")
    tracking_code = UnicodeAttribute(hash_key=True)
    national_code = UnicodeAttribute()
    kind = UnicodeAttribute()
    status = UnicodeAttribute()
    workshop_code = UnicodeAttribute()
    workshop_name = UnicodeAttribute()
    from_month = UnicodeAttribute()
    to_month = UnicodeAttribute()
    days = NumberAttribute()
    description = UnicodeAttribute()
    submitted_at = UTCDateTimeAttribute()
    resolved_at = UTCDateTimeAttribute(null=True)
    assigned_to = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    by_person = ObjectionsByPerson()
    by_status = ObjectionsByStatus()


class OpenObjection(Model):
    """Exists exactly while the person has an open objection of this kind: the lock that makes it one at a time."""

    Meta = table("objection_locks")
    national_code = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute(range_key=True)
    tracking_code = UnicodeAttribute()


class TrackingCodeTaken(Exception):
    pass


def open_objection(objection: Objection) -> None:
    """Creates the objection and its lock together; OBJECTION_ALREADY_OPEN when the lock is held."""
    lock = OpenObjection(objection.national_code, objection.kind, tracking_code=objection.tracking_code)
    try:
        with transaction() as tx:
            tx.save(lock, condition=OpenObjection.national_code.does_not_exist())
            tx.save(objection, condition=Objection.tracking_code.does_not_exist())
    except TransactWriteError as error:
        lock_taken, code_taken = refused(error, 2)
        if lock_taken:
            raise DomainError(Code.OBJECTION_ALREADY_OPEN) from error
        if code_taken:
            raise TrackingCodeTaken() from error
        raise


def close_objection(
    objection: Objection,
    outcome: str,
    now,
    condition=None,
    puts: list = (),
    note: str | None = None,
    refusal: Code = Code.OBJECTION_ALREADY_RESOLVED,
) -> None:
    """Sets the outcome and frees the kind in one step; refuses an objection that is not open (or fails `condition`).

    `puts` are (item, condition) pairs written in the same transaction: corrected records, audit and activity
    entries, so the decision and everything it changes land together or not at all."""
    lock = OpenObjection(objection.national_code, objection.kind)
    actions = [Objection.status.set(outcome), Objection.resolved_at.set(now)] + (
        [Objection.note.set(note)] if note else []
    )
    is_open = Objection.status.is_in(*OPEN_STATUSES)
    try:
        with transaction() as tx:
            tx.update(objection, actions, condition=is_open if condition is None else is_open & condition)
            tx.delete(lock, condition=OpenObjection.tracking_code == objection.tracking_code)
            for item, item_condition in puts:
                tx.save(item, condition=item_condition)
    except TransactWriteError as error:
        if any(refused(error, 2 + len(puts))):
            raise DomainError(refusal) from None
        raise


def decide_objection(
    objection: Objection, outcome: str, now, member_id: str, note: str | None, corrections: list[Record], puts: list
) -> None:
    """Closes an objection under review by this member; its corrected months (put in the same transaction, each
    marked with the objection) and the audit entries land with it or not at all. NOT_UNDER_REVIEW otherwise."""
    taken = (Objection.status == "under_review") & (Objection.assigned_to == member_id)
    close_objection(
        objection,
        outcome,
        now,
        condition=taken,
        puts=[(record, None) for record in corrections] + list(puts),
        note=note,
        refusal=Code.NOT_UNDER_REVIEW,
    )


def correction(
    national_code: str,
    month: str,
    workshop_code: str,
    workshop_name: str,
    employer_name: str,
    days: int,
    wage: int,
    job_title: str | None,
    objection_code: str,
) -> Record:
    return Record(
        national_code,
        correction_key(month, workshop_code),
        workshop_code=workshop_code,
        workshop_name=workshop_name,
        employer_name=employer_name,
        days=days,
        wage=wage,
        job_title=job_title,
        objection=objection_code,
    )


def objections_page(status: str, page, list_name: str, caller: str):
    """The records officers' queue of one status, oldest first."""
    from chalicelib.paging import query_page

    return query_page(Objection.by_status, status, page, list_name, caller, scan_index_forward=True)


def take_objection(objection: Objection, member_id: str, puts: list) -> None:
    """submitted → under_review, assigned to the member, with its audit entries; NOT_AWAITING_REVIEW otherwise."""
    try:
        with transaction() as tx:
            tx.update(
                objection,
                [Objection.status.set("under_review"), Objection.assigned_to.set(member_id)],
                condition=Objection.status == "submitted",
            )
            for item, item_condition in puts:
                tx.save(item, condition=item_condition)
    except TransactWriteError as error:
        if any(refused(error, 1 + len(puts))):
            raise DomainError(Code.NOT_AWAITING_REVIEW) from None
        raise


def objection(tracking_code: str) -> Objection | None:
    return get_or_none(Objection, tracking_code, consistent_read=True)


def objections_of(national_code: str) -> list[Objection]:
    return list(Objection.by_person.query(national_code, scan_index_forward=False))
