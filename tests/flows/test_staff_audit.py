"""The audit trail auditors read: every staff action, newest first, by actor, person and time, never editable."""

from datetime import timedelta

from tests.flows.staffing import new_username, staff_member


def test_every_staff_action_is_in_the_trail_newest_first(api, clock, member):
    admin = staff_member(api, clock, "admin")
    officer = staff_member(api, clock, "branch_officer", branch_id="3100")
    auditor = staff_member(api, clock, "auditor")
    code = member["person"]["national_code"]
    start = clock.now
    clock.advance(seconds=1)
    officer.get(f"/staff/people/{code}")
    clock.advance(seconds=1)
    officer.get(f"/staff/people/{code}")
    clock.advance(seconds=1)
    admin.post("/staff/members", {"username": new_username(), "full_name": "عضو تازه", "roles": ["auditor"]})

    mine = auditor.get(f"/staff/audit?actor={officer.member_id}").json["items"]
    assert [e["action"] for e in mine] == ["person_read", "person_read", "login"]
    assert mine[0]["at"] >= mine[1]["at"] and mine[0]["role"] == "branch_officer" and mine[0]["branch_id"] == "3100"
    assert all("full_name" not in e and "کاظمی" not in str(e) for e in mine)
    by_admin = auditor.get(f"/staff/audit?actor={admin.member_id}").json["items"]
    assert by_admin[0]["action"] == "member_created" and by_admin[0]["role"] == "admin"

    first = auditor.get(f"/staff/audit?national_code={code}&limit=1").json
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = auditor.get(f"/staff/audit?national_code={code}&limit=1&cursor={first['next_cursor']}").json
    assert second["items"][0]["at"] <= first["items"][0]["at"]
    other_list = auditor.get(f"/staff/audit?actor={admin.member_id}&limit=1&cursor={first['next_cursor']}")
    assert other_list.status == 400 and other_list.error["code"] == "INVALID_CURSOR"

    window = (start + timedelta(seconds=1, microseconds=500_000)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    later_only = auditor.get(f"/staff/audit?actor={officer.member_id}&from={window}").json["items"]
    assert len(later_only) == 1
    until_start = auditor.get(
        f"/staff/audit?actor={officer.member_id}&to={start.strftime('%Y-%m-%dT%H:%M:%S.%fZ')}"
    ).json["items"]
    assert [e["action"] for e in until_start] == ["login"]
    both = auditor.get(f"/staff/audit?actor={officer.member_id}&national_code={code}").json["items"]
    assert [e["action"] for e in both] == ["person_read", "person_read"]


def test_bad_filters_are_named_and_the_trail_cannot_be_changed(api, clock):
    auditor = staff_member(api, clock, "auditor")
    bad = auditor.get("/staff/audit?national_code=123&from=yesterday")
    assert bad.status == 422 and bad.error["fields"] == {
        "national_code": "INVALID_NATIONAL_CODE",
        "from": "INVALID_INSTANT",
    }
    for method in ("PUT", "PATCH", "DELETE", "POST"):
        reply = api.call(method, "/staff/audit", body={}, token=auditor.token)
        assert reply.status == 405, (method, reply)
