"""Masked identifiers, for logs and for what the service shows back to people."""


def mask_national_code(code: str) -> str:
    return code[:3] + "****" + code[-3:] if len(code) == 10 else "***"


def mask_mobile(number: str) -> str:
    return number[:4] + "***" + number[-4:] if len(number) == 11 else "***"


def mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    return (local[:1] + "***@" + domain) if domain else "***"


def mask_mobile_tail(number: str) -> str:
    """Only the last four digits: what recovery shows, so a decoy's mask reads like a real one."""
    return "09*****" + number[-4:] if len(number) == 11 else "***"


def mask_email_local(address: str) -> str:
    """The first letter only, never the domain (a rare domain would tell a real account apart)."""
    local, _, domain = address.partition("@")
    return (local[:1] + "***@***") if domain else "***"
