"""Employers' monthly lists (فهرست ماهانه) arriving as files in the intake bucket.

A file is read twice as it streams from the bucket, never held whole: the first pass checks every line and
hashes the file; the second stores the lists through the one loader, `records.store`, a few thousand rows to a
batch of writes. Each (workshop, month) list stands alone: a list with a bad line is refused whole (applying
the rest of it would take the month from the person on that line) while the file's other lists go in. A file
that is not a list at all (no header, broken CSV, not UTF-8), or whose bad line names no list, applies nothing.

The ledger (`models.intake`) makes a file, by its content, apply once: a re-delivered event or the same file
uploaded again finds it applied. It also records how many lists are stored, so an invocation running out of
time hands the file on (`continue_later`) and the next one carries on from there.
"""

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

from chalicelib.contributions import CsvImportError, EmployerList, check_lines
from chalicelib.flows import records
from chalicelib.logs import log
from chalicelib.models.intake import FileBusy, claim_file, finish_file, record_progress, release_file
from chalicelib.text import catalogue

BATCH_ROWS = 2000
# Left for the last batch and the hand-over; a batch of 2,000 rows takes well under a second on DynamoDB.
MARGIN = timedelta(seconds=30)
MAX_REPORTED_LINES = 1000


@dataclass
class _List:
    last_line: int
    rows: int = 0
    refused: bool = False


@dataclass
class _Checked:
    """What the first pass keeps: per list its last line and size, and the problems (the first thousand)."""

    sha256: str = ""
    lists: dict[tuple[str, str], _List] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)
    problem_count: int = 0
    unplaced: bool = False


def _hashed(lines, digest):
    for line in lines:
        digest.update(line.encode("utf-8"))
        yield line


def _check(lines) -> _Checked:
    checked, digest = _Checked(), hashlib.sha256()
    for line in check_lines(_hashed(lines, digest)):
        placed = bool(line.workshop_code and line.month)
        if placed:
            entry = checked.lists.setdefault((line.workshop_code, line.month), _List(line.line))
            entry.last_line, entry.rows = line.line, entry.rows + 1
            entry.refused |= bool(line.codes)
        elif line.codes:
            checked.unplaced = True
        for code in line.codes:
            checked.problem_count += 1
            if len(checked.problems) < MAX_REPORTED_LINES:
                checked.problems.append((line.line, code))
    checked.sha256 = digest.hexdigest()
    return checked


def _problems(pairs, language: str = "fa") -> list[dict]:
    reasons = catalogue(language).LIST_PROBLEMS
    return [{"line": line, "code": code, "reason": reasons[code]} for line, code in pairs]


def _refusal(key: str, problems: list[tuple[int, str]], count: int, sha256: str | None = None) -> dict:
    return {
        "file": key,
        "sha256": sha256,
        "status": "refused",
        "lists_applied": 0,
        "rows_applied": 0,
        "lists_refused": None,
        "problem_count": count,
        "problems": _problems(problems),
        "message": catalogue("fa").LIST_PROBLEMS["FILE_REFUSED"],
    }


def uploaded_keys(event: dict) -> list[str]:
    """The object keys of an S3 event (S3 sends them URL-encoded, spaces as +), lists only."""
    from urllib.parse import unquote_plus

    keys = [unquote_plus(record["s3"]["object"]["key"]) for record in event.get("Records", []) if "s3" in record]
    return [key for key in keys if key.endswith(".csv")]


def process(bucket, key: str, now, time_left, continue_later) -> dict:
    """Takes one uploaded file as far as this invocation's time allows; the result is also written beside it.

    `time_left()` answers the invocation's remaining time (a timedelta); `continue_later()` asks for another
    invocation on the same file, which picks up where this one stopped.
    """
    try:
        checked = _check(bucket.lines(key))
    except CsvImportError as error:
        return _finish(bucket, key, _refusal(key, error.errors, len(error.errors)))
    except UnicodeDecodeError:
        return _finish(bucket, key, _refusal(key, [(1, "NOT_UTF8")], 1))
    if not checked.lists and not checked.problems:
        return _finish(bucket, key, _refusal(key, [(1, "EMPTY")], 1, checked.sha256))
    if checked.unplaced or all(entry.refused for entry in checked.lists.values()):
        return _finish(bucket, key, _refusal(key, checked.problems, checked.problem_count, checked.sha256))
    try:
        entry = claim_file(checked.sha256, key, now, now + time_left())
    except FileBusy:
        log("intake_busy", file=key)
        return {"file": key, "status": "busy"}
    if entry.status != "applying":
        if entry.object_key == key:
            return bucket.result(key) or {"file": key, "status": entry.status}
        return _finish(
            bucket,
            key,
            {
                "file": key,
                "sha256": checked.sha256,
                "status": "duplicate",
                "duplicate_of": entry.object_key,
                "lists_applied": 0,
                "rows_applied": 0,
                "problem_count": 0,
                "problems": [],
                "message": catalogue("fa").LIST_PROBLEMS["DUPLICATE_FILE"],
            },
        )
    if not _apply(bucket, key, checked, entry, time_left):
        release_file(entry, now)
        continue_later()
        log("intake_continues", file=key, lists_done=entry.lists_done)
        return {"file": key, "status": "continuing", "lists_applied": entry.lists_done, "rows_applied": entry.rows_done}
    refused = sorted(f"{code}#{month}" for (code, month), item in checked.lists.items() if item.refused)
    result = {
        "file": key,
        "sha256": checked.sha256,
        "status": "partly_applied" if refused else "applied",
        "lists_applied": entry.lists_done,
        "rows_applied": entry.rows_done,
        "lists_refused": refused,
        "problem_count": checked.problem_count,
        "problems": _problems(checked.problems),
    }
    finish_file(entry, result["status"], now)
    return _finish(bucket, key, result)


def _apply(bucket, key: str, checked: _Checked, entry, time_left) -> bool:
    """Stores the accepted lists in the order they end in the file, skipping the ones a previous invocation
    stored; False when time ran out first.

    One batch is stored while the next is read from the file: reading is this process's CPU, storing mostly
    waiting on DynamoDB. Batches are stored one after another, so the ledger's count of lists done only grows
    over lists that are wholly stored."""
    accepted = sorted((item.last_line, list_id) for list_id, item in checked.lists.items() if not item.refused)
    wanted = {list_id: ordinal for ordinal, (_, list_id) in enumerate(accepted) if ordinal >= entry.lists_done}
    open_lists: dict[tuple[str, str], list] = {}
    ready: list[EmployerList] = []
    ready_rows = 0
    with ThreadPoolExecutor(1) as storing:
        stored = None
        for line in check_lines(bucket.lines(key)):
            list_id = (line.workshop_code, line.month)
            if list_id not in wanted:
                continue
            open_lists.setdefault(list_id, []).append(line.row)
            if line.line != checked.lists[list_id].last_line:
                continue
            ready.append(EmployerList(line.workshop_code, *line.names, line.month, tuple(open_lists.pop(list_id))))
            ready_rows += len(ready[-1].rows)
            if ready_rows >= BATCH_ROWS:
                if stored is not None:
                    stored.result()
                    if time_left() < MARGIN:
                        return False
                stored, ready, ready_rows = storing.submit(_store, entry, ready), [], 0
        if stored is not None:
            stored.result()
    _store(entry, ready)
    return True


def _store(entry, ready: list[EmployerList]) -> None:
    if ready:
        records.store(ready)
        record_progress(entry, len(ready), sum(len(item.rows) for item in ready))


def _finish(bucket, key: str, result: dict) -> dict:
    bucket.write_result(key, result)
    log(
        "intake_done",
        file=key,
        status=result["status"],
        rows=result.get("rows_applied", 0),
        problems=result.get("problem_count", 0),
    )
    return result
