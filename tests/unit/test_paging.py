"""Cursors are bound to their list and caller; limits stay within 1-100."""

import pytest

from chalicelib.errors import DomainError, ValidationFailed
from chalicelib.paging import DEFAULT_LIMIT, next_cursor, page_of

KEY = {"national_code": {"S": "0012345679"}, "at_key": {"S": "2026-11-22T13:00:00+00:00#ab12cd34"}}


def test_a_cursor_reopens_for_its_own_list_and_caller():
    cursor = next_cursor(KEY, "activity", "0012345679")
    assert page_of({"cursor": cursor, "limit": "۵"}, "activity", "0012345679").start_key == KEY
    assert page_of({"cursor": cursor}, "activity", "0012345679").limit == DEFAULT_LIMIT


@pytest.mark.parametrize("list_name, caller", [("activity", "0012345687"), ("mailbox", "0012345679")])
def test_someone_elses_or_another_lists_cursor_is_refused(list_name, caller):
    cursor = next_cursor(KEY, "activity", "0012345679")
    with pytest.raises(DomainError) as refused:
        page_of({"cursor": cursor}, list_name, caller)
    assert refused.value.code == "INVALID_CURSOR"


@pytest.mark.parametrize("cursor", ["x", "abc.def", "e30.0000", "." * 3000])
def test_forged_cursors_are_refused(cursor):
    with pytest.raises(DomainError) as refused:
        page_of({"cursor": cursor}, "activity", "0012345679")
    assert refused.value.code == "INVALID_CURSOR"


def test_the_last_page_has_no_cursor():
    assert next_cursor(None, "activity", "0012345679") is None


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten", ""])
def test_limits_outside_one_to_a_hundred_are_refused(limit):
    with pytest.raises(ValidationFailed) as refused:
        page_of({"limit": limit}, "activity", "0012345679")
    assert refused.value.fields == {"limit": "INVALID_LIMIT"}
