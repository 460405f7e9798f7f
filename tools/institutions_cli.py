"""Managing the institutions that may inquire records, against whatever AWS endpoint the environment names.

    python -m tools.institutions_cli add NAME [--type bank|court|embassy|government|employer]
    python -m tools.institutions_cli rotate INSTITUTION_ID
    python -m tools.institutions_cli disable INSTITUTION_ID

`add` and `rotate` print the new signing secret: this is the only time it is shown. Hand it to the institution over
a channel you trust. The back office (POST /staff/institutions...) does the same with an audit trail.
"""

import argparse
import sys

from chalicelib import wiring
from chalicelib.errors import DomainError
from chalicelib.flows import institutions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.institutions_cli", description="Institutions and their signing keys."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add an institution and issue its first key")
    add.add_argument("name")
    add.add_argument("--type", default="bank", choices=institutions.TYPES)
    for name, text in (
        ("rotate", "issue a new key; the old one stops working at once"),
        ("disable", "stop the institution's key at once"),
    ):
        commands.add_parser(name, help=text).add_argument("institution_id")
    args = parser.parse_args(argv)
    try:
        if args.command == "add":
            result = institutions.add_with_key({"name": args.name, "type": args.type}, wiring.context())
        elif args.command == "rotate":
            result = institutions.rotate_key(args.institution_id, wiring.context())
        else:
            institutions.disable(args.institution_id, wiring.context())
            result = {"institution_id": args.institution_id, "status": "disabled"}
    except DomainError as error:
        print(f"refused: {error.code} {getattr(error, 'fields', '')}".rstrip(), file=sys.stderr)
        return 1
    for name, value in result.items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
