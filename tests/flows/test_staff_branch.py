"""Branch work through the HTTP layer: lookup, activation by tracking code, unfreeze, in-person mobile, dependents."""

import requests

from chalicelib.models.accounts import Account
from tests.conftest import PASSWORD, add_person, login, new_mobile, register
from tests.flows.staffing import staff_member
from tests.flows.test_dependents import add, child_of, insured, items, request, years_ago


def activity_of(api, token: str) -> list[dict]:
    """What the person sees in GET /me/activity, newest first."""
    reply = api.get("/me/activity?limit=100", token=token)
    assert reply.status == 200, reply
    return reply.json["items"]


def outbox(api, to: str) -> list[str]:
    return [item["body"] for item in api.get(f"/dev/outbox?to={to}").json["items"]]


def branch_visit(api) -> dict:
    """A registration whose mobile is not the person's at the operator: the account waits for a branch."""
    person = add_person(api)
    done = register(api, person, mobile=new_mobile())
    assert done["status"] == "branch_visit_required"
    return done


def test_activation_by_the_tracking_code_the_person_brings(api, clock):
    officer = staff_member(api, clock, "branch_officer", branch_id="2051")
    done = branch_visit(api)
    code = done["person"]["national_code"]
    assert api.post("/auth/login", {"national_code": code, "password": PASSWORD}).error["code"] == "ACCOUNT_NOT_ACTIVE"
    wrong = officer.post(
        f"/staff/accounts/{code}/activate", {"tracking_code": "0000000000", "id_card_serial": "1234567890"}
    )
    assert wrong.status == 409 and wrong.error["code"] == "NOT_AWAITING_BRANCH"
    assert api.post("/auth/login", {"national_code": code, "password": PASSWORD}).error["code"] == "ACCOUNT_NOT_ACTIVE"
    right = officer.post(
        f"/staff/accounts/{code}/activate", {"tracking_code": done["tracking_code"], "id_card_serial": "۱۲۳۴۵۶۷۸۹۰"}
    )
    assert right.status == 204, right
    token = login(api, code)
    assert api.get("/me", token=token).json["status"] == "active"
    assert "فعال شد" in outbox(api, done["mobile"])[0]
    again = officer.post(
        f"/staff/accounts/{code}/activate", {"tracking_code": done["tracking_code"], "id_card_serial": "1234567890"}
    )
    assert again.status == 409 and again.error["code"] == "NOT_AWAITING_BRANCH"
    status = api.get(f"/registrations/status?national_code={code}&tracking_code={done['tracking_code']}").json["status"]
    assert status == "active"
    [activated] = [e for e in activity_of(api, token) if e["kind"] == "staff_account_activated"]
    assert activated["actor"] == "staff" and activated["actor_label"] == "شعبهٔ 2051، کارشناس شعبه"


def test_activation_refuses_an_active_account_and_unknown_people(api, clock, member):
    officer = staff_member(api, clock, "branch_officer")
    code = member["person"]["national_code"]
    reply = officer.post(
        f"/staff/accounts/{code}/activate", {"tracking_code": member["tracking_code"], "id_card_serial": "1234567890"}
    )
    assert reply.status == 409 and reply.error["code"] == "NOT_AWAITING_BRANCH"
    unknown = officer.post(
        "/staff/accounts/0012345679/activate", {"tracking_code": "1", "id_card_serial": "1234567890"}
    )
    assert unknown.status == 404
    missing = officer.post(f"/staff/accounts/{code}/activate", {"tracking_code": member["tracking_code"]})
    assert missing.status == 422 and missing.error["fields"] == {"id_card_serial": "REQUIRED"}


def test_a_staff_read_appears_in_the_persons_activity_without_the_officers_name(api, clock, member):
    officer = staff_member(api, clock, "branch_officer", branch_id="1187")
    code = member["person"]["national_code"]
    reply = officer.get(f"/staff/people/{code}")
    assert reply.status == 200, reply
    assert (
        reply.json["national_code"] == code
        and reply.json["account_status"] == "active"
        and reply.json["frozen"] is False
    )
    assert reply.json["registration"]["tracking_code"] == member["tracking_code"]
    assert reply.json["mobile_masked"].startswith(member["mobile"][:4]) and "***" in reply.json["mobile_masked"]
    [read] = [e for e in activity_of(api, member["token"]) if e["kind"] == "staff_read"]
    assert read["actor"] == "staff" and read["actor_label"] == "شعبهٔ 1187، کارشناس شعبه" and read["at_jalali"]
    assert "کاظمی" not in read["actor_label"] + (read["detail"] or "") and officer.username not in read["actor_label"]
    auditor = staff_member(api, clock, "auditor")
    trail = auditor.get(f"/staff/audit?national_code={code}").json["items"]
    assert trail[0]["action"] == "person_read" and trail[0]["staff_id"] == officer.member_id
    assert trail[0]["branch_id"] == "1187" and trail[0]["national_code_masked"] == code[:3] + "****" + code[-3:]


def test_unfreeze_restores_a_frozen_account(api, clock, member):
    officer = staff_member(api, clock, "branch_officer")
    code = member["person"]["national_code"]
    not_frozen = officer.post(f"/staff/accounts/{code}/unfreeze", {"id_card_serial": "1234567890"})
    assert not_frozen.status == 409 and not_frozen.error["code"] == "NOT_FROZEN"
    Account.get(code).update(actions=[Account.status.set("frozen")])
    assert officer.get(f"/staff/people/{code}").json["frozen"] is True
    assert officer.post(f"/staff/accounts/{code}/unfreeze", {"id_card_serial": "1234567890"}).status == 204
    assert api.get("/me", token=login(api, code)).json["status"] == "active"


def test_in_person_mobile_change_tells_both_numbers(api, clock, member):
    officer = staff_member(api, clock, "branch_officer")
    code, old, new = member["person"]["national_code"], member["mobile"], new_mobile()
    bad = officer.put(f"/staff/accounts/{code}/mobile", {"mobile": "0912", "id_card_serial": "1234567890"})
    assert bad.status == 422 and bad.error["fields"]["mobile"] == "INVALID_MOBILE"
    assert (
        officer.put(
            f"/staff/accounts/{code}/mobile", {"mobile": "+98" + new[1:], "id_card_serial": "1234567890"}
        ).status
        == 204
    )
    assert new[-4:] in outbox(api, old)[0]
    assert outbox(api, new), "the new number is told too"
    token = login(api, code)
    assert api.get("/me", token=token).json["mobile_masked"].endswith(new[-4:])


def test_dependents_queue_detail_with_document_links_and_decision(api, clock):
    officer = staff_member(api, clock, "branch_officer")
    mother = insured(api)
    son = child_of(api, mother, birth_date=years_ago(19))
    dependent_id = add(api, mother, request(son, "child", student=True)).json["dependent_id"]
    upload = api.post(
        f"/me/dependents/{dependent_id}/documents",
        {"kind": "student_certificate", "filename": "گواهی.pdf", "content_type": "application/pdf"},
        token=mother["token"],
    ).json
    requests.post(
        upload["upload_url"],
        data=upload["fields"],
        files={"file": ("c.pdf", b"%PDF-1.4 certificate", "application/pdf")},
        timeout=10,
    )
    assert items(api, mother)[0]["status"] == "submitted"

    listed, cursor = [], None
    while True:
        page = officer.get(
            "/staff/dependents?status=submitted&limit=100" + (f"&cursor={cursor}" if cursor else "")
        ).json
        listed += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert dependent_id in [item["dependent_id"] for item in listed]
    detail = officer.get(f"/staff/dependents/{dependent_id}")
    assert detail.status == 200 and detail.json["status"] == "submitted"
    [document] = detail.json["documents"]
    assert document["kind"] == "student_certificate" and document["expires_in"] <= 600
    assert requests.get(document["url"], timeout=10).content == b"%PDF-1.4 certificate"
    refused = officer.post(f"/staff/dependents/{dependent_id}/decision", {"outcome": "rejected"})
    assert refused.status == 422 and refused.error["fields"] == {"reason": "REQUIRED"}
    assert officer.post(f"/staff/dependents/{dependent_id}/decision", {"outcome": "approved"}).status == 204
    assert items(api, mother)[0]["status"] == "approved"
    assert "تایید شد" in outbox(api, mother["person"]["mobiles"][0])[0]
    twice = officer.post(
        f"/staff/dependents/{dependent_id}/decision", {"outcome": "rejected", "reason": "مدرک نامعتبر"}
    )
    assert twice.status == 409 and twice.error["code"] == "NOT_AWAITING_DECISION"


def test_rejecting_a_branch_review_dependent_ends_that_coverage(api, clock):
    officer = staff_member(api, clock, "branch_officer")
    mother = insured(api)
    father = insured(api, first_name="بهرام", gender="male", first_name_en="Bahram")
    son = child_of(api, mother, father_national_code=father["code"])
    add(api, mother, request(son, "child"))
    dependent_id = add(api, father, request(son, "child")).json["dependent_id"]
    reply = officer.post(
        f"/staff/dependents/{dependent_id}/decision", {"outcome": "rejected", "reason": "مادر پوشش داده است"}
    )
    assert reply.status == 204, reply
    [mine] = items(api, father)
    assert mine["status"] == "rejected"
    assert "مادر پوشش داده است" in outbox(api, father["person"]["mobiles"][0])[0]
    bad_status = officer.get("/staff/dependents?status=approved")
    assert bad_status.status == 422
