"""Sends an employer's monthly list (فهرست ماهانه) to the intake bucket, where the intake stores it.

    python -m tools.import_contributions FILE.csv [--wait SECONDS]

The file is UTF-8 (a BOM is allowed) with this header line, then one line per person and month:

    workshop_code,workshop_name,employer_name,year,month,national_code,days,wage,job_title

- workshop_code: the workshop's digits; workshop_name and employer_name the same on every line of a workshop.
- year, month: the Jalali month the line covers (e.g. 1402 and 7).
- national_code: the insured person's 10-digit national code.
- days: days worked that month, at most the month's length; wage: the month's wage in whole rials.
- job_title: may be empty.
Digits may be Persian or Arabic-Indic. Each (workshop, month) in the file is that month's whole list: sending it
again changes nothing, and a corrected list replaces the earlier one, so people it no longer names lose that month
at that workshop. A list with a bad line is refused whole; the file's other lists are stored.

With --wait the tool waits for the intake's result (written beside the file as FILE.csv.result.json), prints each
refused line as "line N: CODE reason", and exits 0 when everything was stored, 1 when something was refused and 3
when no result came in time. In the cloud the bucket's event starts the intake; locally `make run` watches the
bucket. It uses whatever AWS the environment names: INTAKE_BUCKET and, for the local emulator, AWS_ENDPOINT_URL
(load `.local/env`).
"""

import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

USAGE = "usage: python -m tools.import_contributions FILE.csv [--wait SECONDS]"


def upload(path: str, s3, bucket: str) -> str:
    """The object key the list was stored under: one per upload, so sending a file again is a new event."""
    stamp = datetime.now(timezone.utc).strftime("%Y/%m/%d")
    key = f"incoming/{stamp}/{uuid.uuid4().hex}-{Path(path).name}"
    if not key.endswith(".csv"):
        key += ".csv"
    with open(path, "rb") as file:
        s3.put_object(Bucket=bucket, Key=key, Body=file, ContentType="text/csv")
    return key


def wait_for_result(intake, key: str, seconds: float) -> dict | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = intake.result(key)
        if result is not None:
            return result
        time.sleep(0.2)
    return None


def main(argv: list[str], out=sys.stdout, err=sys.stderr) -> int:
    if len(argv) not in (1, 3) or (len(argv) == 3 and argv[1] != "--wait"):
        print(USAGE, file=err)
        return 2
    from chalicelib import wiring
    from chalicelib.config import ConfigError, settings

    try:
        bucket = settings().intake_bucket
    except ConfigError as error:
        print(f"configuration: {error}", file=err)
        return 2
    try:
        key = upload(argv[0], wiring.aws("s3"), bucket)
    except OSError as error:
        print(f"cannot read {argv[0]}: {type(error).__name__}", file=err)
        return 2
    print(f"sent as s3://{bucket}/{key}", file=out)
    if len(argv) == 1:
        return 0
    result = wait_for_result(wiring.intake_bucket(), key, float(argv[2]))
    if result is None:
        print("no result yet; it will appear beside the file.", file=err)
        return 3
    for problem in result.get("problems", []):
        print(f"line {problem['line']}: {problem['code']} {problem['reason']}", file=err)
    print(
        f"{result['status']}: {result.get('lists_applied', 0)} list(s), {result.get('rows_applied', 0)} line(s) stored.",
        file=out,
    )
    return 0 if result["status"] in ("applied", "duplicate") else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
