"""The TOTP check staff and officers log in with: RFC 6238's own test vector, one step of slack either way."""

import base64
from datetime import datetime, timezone

from chalicelib.flows.staff_identity import matching_step

# RFC 6238 appendix B: the SHA-1 seed "12345678901234567890"; at T = 59 s the 8-digit code is 94287082.
SECRET = base64.b32encode(b"12345678901234567890").decode()
AT_59 = datetime.fromtimestamp(59, tz=timezone.utc)


def test_the_rfc_6238_vector_matches_its_step():
    assert matching_step(SECRET, "287082", AT_59) == 1


def test_one_step_either_side_is_accepted_two_are_not():
    """The vector at T = 1111111109 s: 07081804, so 081804 for six digits, in step 37037036."""

    def at(seconds):
        return datetime.fromtimestamp(seconds, tz=timezone.utc)

    assert matching_step(SECRET, "081804", at(1111111109)) == 37037036
    assert matching_step(SECRET, "081804", at(1111111109 + 30)) == 37037036, "a code one step old"
    assert matching_step(SECRET, "081804", at(1111111109 - 30)) == 37037036, "a code one step ahead of the clock"
    assert matching_step(SECRET, "081804", at(1111111109 + 60)) is None, "two steps old"
    assert matching_step(SECRET, "081804", at(1111111109 - 60)) is None, "two steps ahead"


def test_malformed_codes_never_match():
    for code in ("", "28708", "2870822", "۲۸۷۰۸۲", "28708a", " 287082"):
        assert matching_step(SECRET, code, AT_59) is None, code
    assert matching_step(None, "287082", AT_59) is None
