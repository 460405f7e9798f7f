"""Creates the first back-office admin and prints the one-time enrolment id (there is no default account).

    python -m tools.first_admin USERNAME "FULL NAME"

Runs against whatever AWS endpoint the environment names (`.local/env` after `make run`, or real credentials).
Refuses while an admin already exists: later members are added by an admin through POST /staff/members.
The enrolment id works once, for 72 hours, at POST /staff/enrolments/{enrolment_id}.
"""

import argparse
import sys

from chalicelib import wiring
from chalicelib.errors import DomainError
from chalicelib.flows import staff_members


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.first_admin", description="Create the first back-office admin."
    )
    parser.add_argument("username")
    parser.add_argument("full_name")
    args = parser.parse_args(argv)
    if staff_members.active_admins():
        print("refused: an admin already exists; add members through POST /staff/members", file=sys.stderr)
        return 1
    try:
        created = staff_members.first_admin(args.username, args.full_name, wiring.context())
    except DomainError as error:
        print(f"refused: {error.code} {getattr(error, 'fields', '')}".rstrip(), file=sys.stderr)
        return 1
    print(f"staff_id: {created['staff_id']}")
    print(f"enrolment_id: {created['enrolment_id']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
