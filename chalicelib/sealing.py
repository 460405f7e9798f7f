"""Sealed values: what the service must show again (access codes, replayed answers) is kept under AES-256-GCM.

The key comes from the stage's SEALING_KEY (an SSM SecureString in deployed stages, like the pepper); the
`cryptography` package is imported on first use, so routes that never seal pay nothing at cold start.
"""

import base64
import hashlib
import os
from functools import lru_cache

from chalicelib.config import settings

VERSION = "g1"


@lru_cache(maxsize=4)
def _cipher(secret: bytes):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(hashlib.sha256(b"tamin-sealing\x00" + secret).digest())


def seal_text(text: str, context: str) -> str:
    """`context` is bound into the tag: a sealed value copied onto another item does not open there."""
    nonce = os.urandom(12)
    sealed = _cipher(settings().sealing_key).encrypt(nonce, text.encode("utf-8"), context.encode("utf-8"))
    return VERSION + ":" + base64.b64encode(nonce + sealed).decode()


def open_text(sealed: str, context: str) -> str:
    version, _, payload = sealed.partition(":")
    if version != VERSION:
        raise ValueError("unknown sealing version")
    raw = base64.b64decode(payload)
    return _cipher(settings().sealing_key).decrypt(raw[:12], raw[12:], context.encode("utf-8")).decode("utf-8")
