"""How the contract shows an instant: ISO-8601 UTC, with a `<name>_jalali` companion giving its day."""

from chalicelib.jalali import day_of


def iso(value) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def stamped(name: str, value) -> dict:
    return {name: iso(value), f"{name}_jalali": day_of(value) if value else None}
