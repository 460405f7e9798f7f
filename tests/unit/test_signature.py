"""The inquiry signature scheme, checked against vectors computed by hand with openssl, on both sides of the wire."""

from chalicelib.flows import inquiry
from tools import inquiry_client

BODY = b'{"identifier":"0012345679","access_code":"1234-5678-9012"}'
BODY_SHA256 = "068a609a6fb59771c4741ca29064f1da27594049c0aefcdce63c963264a69162"
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
SECRET = "test-secret-0123456789"
# printf 'POST\n/inquiries\n\n1700000000\nabcdefghijklmnop0123\n<BODY_SHA256>' | openssl dgst -sha256 -hmac "$SECRET"
SIGNATURE = "1e9bc40c7695cf1c098199b802ac77d1e289e9c906e32eb3062973a15371d9c9"
# the same canonical string, keyed with the UTF-8 bytes of a secret that is not ASCII
SIGNATURE_UTF8_SECRET = "2f96176b1d78baed508408e37aa1a621d3f75724aa043d60b54e5ab0e4b7890b"
# printf 'POST\n/inquiries\na=1&b=x%%20y\n1700000000\nabcdefghijklmnop0123\n<EMPTY_SHA256>' | openssl dgst -sha256 -hmac "$SECRET"
SIGNATURE_WITH_QUERY = "fa2c7ef3dd187985d485004d8502226b8a62c3f4a980b4e08c31bdb65507c2c2"


def test_canonical_string_is_six_lines_ending_in_the_body_digest():
    text = inquiry.canonical("POST", "/inquiries", "", "1700000000", "abcdefghijklmnop0123", BODY)
    assert text == f"POST\n/inquiries\n\n1700000000\nabcdefghijklmnop0123\n{BODY_SHA256}"
    assert inquiry_client.canonical("POST", "/inquiries", "", "1700000000", "abcdefghijklmnop0123", BODY) == text


def test_server_signature_matches_the_hand_computed_hmac():
    text = inquiry.canonical("POST", "/inquiries", "", "1700000000", "abcdefghijklmnop0123", BODY)
    assert inquiry.signature(SECRET, text) == SIGNATURE
    assert inquiry.signature("رمز-secret", text) == SIGNATURE_UTF8_SECRET


def test_reference_client_headers_carry_the_same_signature():
    headers = inquiry_client.sign(SECRET, "POST", "/inquiries", "", BODY, "1700000000", "abcdefghijklmnop0123")
    assert headers == {
        "X-Tamin-Timestamp": "1700000000",
        "X-Tamin-Nonce": "abcdefghijklmnop0123",
        "X-Tamin-Signature": SIGNATURE,
    }


def test_query_string_is_rebuilt_in_order_with_rfc3986_escapes():
    query = inquiry.canonical_query([("a", "1"), ("b", "x y")])
    assert query == "a=1&b=x%20y"
    assert inquiry.canonical_query([]) == ""
    text = inquiry.canonical("POST", "/inquiries", query, "1700000000", "abcdefghijklmnop0123", b"")
    assert text.endswith(EMPTY_SHA256) and inquiry.signature(SECRET, text) == SIGNATURE_WITH_QUERY


def test_any_change_to_the_request_changes_the_signature():
    base = ("POST", "/inquiries", "", "1700000000", "abcdefghijklmnop0123", BODY)
    for position, other in (
        (0, "GET"),
        (1, "/inquiries/"),
        (2, "a=1"),
        (3, "1700000001"),
        (4, "abcdefghijklmnop0124"),
        (5, BODY + b" "),
    ):
        changed = list(base)
        changed[position] = other
        assert inquiry.signature(SECRET, inquiry.canonical(*changed)) != SIGNATURE
