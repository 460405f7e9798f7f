"""Imports an employer's monthly list (فهرست ماهانه) from a CSV file into the insurance records.

    python -m chalicelib.import_contributions FILE.csv

The file is UTF-8 (a BOM is allowed) with this header line, then one line per person and month:

    workshop_code,workshop_name,employer_name,year,month,national_code,days,wage,job_title

- workshop_code: the workshop's digits; workshop_name and employer_name the same on every line of a workshop.
- year, month: the Jalali month the line covers (e.g. 1402 and 7).
- national_code: the insured person's 10-digit national code.
- days: days worked that month, at most the month's length; wage: the month's wage in whole rials.
- job_title: may be empty.
Digits may be Persian or Arabic-Indic. Each (workshop, month) in the file is that month's whole list:
importing it again changes nothing, and a corrected list replaces the earlier one, so people it no
longer names lose that month at that workshop.

All or nothing: if any line is invalid, nothing is stored, each bad line is printed as
"line N: CODE" (the header is line 1), and the exit status is 1. Storage failures exit with 3;
importing the same file again completes an interrupted import.

It writes to whatever AWS the environment names: the stage's variables (APP_STAGE, TABLE_PREFIX and
the rest that chalicelib.config reads) and, for the local emulator, AWS_ENDPOINT_URL.
"""
import sys

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.exceptions import PynamoDBException

from chalicelib.config import ConfigError
from chalicelib.contributions import CsvImportError, parse_employer_csv
from chalicelib.errors import DomainError
from chalicelib.flows import records

USAGE = "usage: python -m chalicelib.import_contributions FILE.csv"


def main(argv: list[str], out=sys.stdout, err=sys.stderr) -> int:
    if len(argv) != 1:
        print(USAGE, file=err)
        return 2
    try:
        with open(argv[0], encoding="utf-8-sig") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        print(f"cannot read {argv[0]}: {type(error).__name__}", file=err)
        return 2
    try:
        lists = parse_employer_csv(text)
    except CsvImportError as error:
        for line, code in error.errors:
            print(f"line {line}: {code}", file=err)
        print(f"{len(error.errors)} problem(s); nothing was imported.", file=err)
        return 1
    try:
        records.store(lists)
    except ConfigError as error:
        print(f"configuration: {error}", file=err)
        return 2
    except DomainError as error:
        print(f"not imported: {error.code} (the list changed while importing); run it again.", file=err)
        return 3
    except (PynamoDBException, BotoCoreError, ClientError) as error:
        print(f"storage failed: {type(error).__name__}; importing the same file again completes it.", file=err)
        return 3
    rows = sum(len(entry.rows) for entry in lists)
    workshops = len({entry.workshop_code for entry in lists})
    print(f"imported {len(lists)} list(s): {rows} line(s) for {workshops} workshop(s).", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
