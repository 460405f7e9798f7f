"""Reference client for institutions: signs and sends one inquiry (استعلام سند) with the standard library only.

    python -m tools.inquiry_client --base http://127.0.0.1:8000 --key-id K --secret S IDENTIFIER ACCESS_CODE

The signature, as the contract gives it:

    canonical = METHOD "\\n" PATH "\\n" QUERY "\\n" TIMESTAMP "\\n" NONCE "\\n" hex(SHA256(body bytes))
    X-Tamin-Signature = hex(HMAC-SHA256(UTF-8 bytes of the secret, UTF-8 bytes of canonical))

Sign the exact bytes you send. Send no query string, or one whose names and values are percent-encoded per RFC 3986
in the order you sign them: the service rebuilds QUERY that way.
"""

import argparse
import hashlib
import hmac
import json
import secrets
import sys
import time
import urllib.error
import urllib.request

PATH = "/inquiries"


def canonical(method: str, path: str, query: str, timestamp: str, nonce: str, body_bytes: bytes) -> str:
    return "\n".join((method, path, query, timestamp, nonce, hashlib.sha256(body_bytes).hexdigest()))


def sign(secret: str, method: str, path: str, query: str, body_bytes: bytes, timestamp: str, nonce: str) -> dict:
    """The signature headers for one request; the caller adds X-Tamin-Key."""
    text = canonical(method, path, query, timestamp, nonce, body_bytes)
    digest = hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()
    return {"X-Tamin-Timestamp": timestamp, "X-Tamin-Nonce": nonce, "X-Tamin-Signature": digest}


def inquire(base: str, key_id: str, secret: str, identifier: str, access_code: str) -> tuple[int, dict]:
    body = json.dumps({"identifier": identifier, "access_code": access_code}, ensure_ascii=False).encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "X-Tamin-Key": key_id,
        **sign(secret, "POST", PATH, "", body, str(int(time.time())), secrets.token_urlsafe(24)),
    }
    request = urllib.request.Request(base.rstrip("/") + PATH, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Send one signed inquiry to the Tamin e-services API.")
    parser.add_argument("--base", required=True, help="the API's base URL, e.g. http://127.0.0.1:8000")
    parser.add_argument("--key-id", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("identifier", help="the insured person's national code")
    parser.add_argument("access_code", help="the code the person gave you, e.g. 1234-5678-9012")
    args = parser.parse_args(argv)
    status, answer = inquire(args.base, args.key_id, args.secret, args.identifier, args.access_code)
    print(status)
    print(json.dumps(answer, ensure_ascii=False, indent=2))
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
