"""Secrets the service mints and the one-way forms it stores them in.

bcrypt (20 ms to import) loads on the first password or answer hashed: most requests only use keyed hashes.
"""

import base64
import hashlib
import hmac
import secrets
from functools import lru_cache

from chalicelib.config import settings


def _prehash(secret: str) -> bytes:
    """Peppered HMAC-SHA384 in base64 (64 bytes): under bcrypt's 72-byte limit, and no hash shucking."""
    digest = hmac.new(settings().password_pepper, secret.encode("utf-8"), hashlib.sha384).digest()
    return base64.b64encode(digest)


def hash_secret(secret: str) -> str:
    import bcrypt

    return bcrypt.hashpw(_prehash(secret), bcrypt.gensalt(settings().bcrypt_cost)).decode()


def check_secret(secret: str, hashed: str | None) -> bool:
    """Always spends one bcrypt verification, so unknown accounts cost the same time as known ones."""
    import bcrypt

    candidate = _prehash(secret)
    if hashed is None:
        bcrypt.checkpw(candidate, _decoy_hash(settings().bcrypt_cost))
        return False
    return bcrypt.checkpw(candidate, hashed.encode())


@lru_cache(maxsize=4)
def _decoy_hash(cost: int) -> bytes:
    import bcrypt

    return bcrypt.hashpw(secrets.token_bytes(16), bcrypt.gensalt(cost))


def keyed_hash(purpose: str, value: str) -> str:
    """Lookup form of codes and tokens: stolen tables reveal nothing without the server key."""
    return hmac.new(settings().hash_key, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def new_id() -> str:
    """Ids handed to unauthenticated clients: 192 random bits."""
    return secrets.token_urlsafe(24)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def random_digits(count: int) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(count))
