"""Dependents (افراد تبعی) through the HTTP layer: registry match, Article 58, coverage and certificate uploads."""

import base64
import json
from datetime import datetime, timedelta, timezone

import jdatetime
import requests

from chalicelib import eligibility, jalali
from chalicelib.flows import dependents
from chalicelib.text import en, fa
from tests.conftest import add_person, login, new_national_code, register

MB = 1024 * 1024


def insured(api, **person) -> dict:
    """A registered, logged-in insured person; `person` overrides their civil record."""
    done = register(api, add_person(api, **person))
    return {
        "person": done["person"],
        "code": done["person"]["national_code"],
        "token": login(api, done["person"]["national_code"]),
    }


def years_ago(years: int, days: int = 0, on: jdatetime.date | None = None) -> str:
    """The birth date of someone who turns `years` in `days` days (0: today is the birthday)."""
    today = on or jalali.parse_day(jalali.day_of(datetime.now(timezone.utc)))
    try:
        birthday = jdatetime.date(today.year - years, today.month, today.day)
    except ValueError:  # today is Esfand 30 of a leap year; that year had none
        birthday = jdatetime.date(today.year - years, today.month, 29)
    return jalali.format_day(birthday + timedelta(days=days))


def child_of(api, parent: dict, **overrides) -> dict:
    link = "mother_national_code" if parent["person"]["gender"] == "female" else "father_national_code"
    return add_person(
        api, **{"first_name": "رضا", "gender": "male", "birth_date": years_ago(10), link: parent["code"], **overrides}
    )


def request(person: dict, relation: str, **declared) -> dict:
    return {
        "national_code": person["national_code"],
        "birth_date": person["birth_date"],
        "relation": relation,
        **declared,
    }


def add(api, owner: dict, body: dict, **kw):
    return api.post("/me/dependents", body, token=owner["token"], **kw)


def items(api, owner: dict) -> list:
    reply = api.get("/me/dependents", token=owner["token"])
    assert reply.status == 200, reply
    return reply.json["items"]


def policy_of(fields: dict) -> dict:
    return json.loads(base64.b64decode(fields["policy"]))


def test_eligible_child_is_approved_with_registry_names(api):
    mother = insured(api)
    son = child_of(api, mother, first_name="علي", last_name="رضایی", father_name="حسن")
    reply = add(api, mother, request(son, "child"))
    assert reply.status == 201, reply
    assert reply.json["status"] == "approved"
    assert (reply.json["first_name"], reply.json["last_name"], reply.json["father_name"]) == ("علی", "رضایی", "حسن")
    assert reply.json["relation"] == "child" and reply.json["dependent_id"]
    [listed] = items(api, mother)
    assert listed["dependent_id"] == reply.json["dependent_id"] and listed["national_code"] == son["national_code"]
    assert listed["documents"] == {"required": [], "received": []}
    assert listed["created_at_jalali"] == jalali.day_of(datetime.now(timezone.utc))
    assert listed["created_at"].endswith("Z")


def test_birth_date_mismatch_and_unknown_code_answer_alike_without_registry_data(api):
    mother = insured(api)
    son = child_of(api, mother)
    wrong_date = add(api, mother, {**request(son, "child"), "birth_date": years_ago(11)})
    unknown = add(
        api, mother, {"national_code": new_national_code(), "birth_date": son["birth_date"], "relation": "child"}
    )
    assert wrong_date.status == unknown.status == 422
    assert wrong_date.error == unknown.error
    assert wrong_date.error["code"] == "REGISTRY_MISMATCH"
    shown = json.dumps(wrong_date.json, ensure_ascii=False)
    assert son["first_name"] not in shown and son["last_name"] not in shown and son["birth_date"] not in shown
    assert items(api, mother) == []


def test_relation_the_registry_does_not_support_is_a_mismatch(api):
    someone = insured(api)
    stranger = add_person(api, birth_date=years_ago(8))
    for relation in ("child", "spouse", "father", "mother"):
        reply = add(api, someone, request(stranger, relation, supported=True))
        assert reply.status == 422 and reply.error["code"] == "REGISTRY_MISMATCH", (relation, reply)
    # A real child claimed as a spouse is no better.
    son = child_of(api, someone)
    assert add(api, someone, request(son, "spouse")).error["code"] == "REGISTRY_MISMATCH"


def test_links_recorded_only_on_the_insured_persons_side_count(api):
    daughter_code, father_code = new_national_code(), new_national_code()
    mother = insured(api, children_national_codes=[daughter_code], father_national_code=father_code)
    daughter = add_person(api, national_code=daughter_code, birth_date=years_ago(5))
    father = add_person(api, national_code=father_code, first_name="محمود", gender="male", birth_date=years_ago(65))
    assert add(api, mother, request(daughter, "child")).json["status"] == "approved"
    assert add(api, mother, request(father, "father", supported=True)).json["status"] == "approved"


def test_wife_of_an_insured_man_linked_from_her_side(api):
    husband = insured(api, first_name="بهرام", gender="male", first_name_en="Bahram")
    wife = add_person(api, spouse_national_code=husband["code"], birth_date=years_ago(30))
    assert add(api, husband, request(wife, "spouse")).json["status"] == "approved"


def test_same_dependent_twice_is_a_conflict(api):
    mother = insured(api)
    son = child_of(api, mother)
    assert add(api, mother, request(son, "child")).status == 201
    again = add(api, mother, request(son, "child"))
    assert again.status == 409 and again.error["code"] == "DEPENDENT_EXISTS"
    assert len(items(api, mother)) == 1


def test_retry_with_the_same_idempotency_key_adds_nothing_new(api):
    mother = insured(api)
    son = child_of(api, mother)
    first = add(api, mother, request(son, "child"), headers={"Idempotency-Key": "add-son-1"})
    retry = add(api, mother, request(son, "child"), headers={"Idempotency-Key": "add-son-1"})
    assert first.status == retry.status == 201 and first.json == retry.json
    assert len(items(api, mother)) == 1


def test_insured_person_cannot_add_themselves(api):
    someone = insured(api)
    reply = add(api, someone, request(someone["person"], "child"))
    assert reply.status == 422 and reply.error["fields"] == {"national_code": "SELF"}


def test_invalid_input_is_named_field_by_field(api):
    someone = insured(api)
    reply = add(api, someone, {"national_code": "1234567890", "birth_date": "1403/13/01", "relation": "cousin"})
    assert reply.status == 422
    assert reply.error["fields"] == {
        "national_code": "INVALID_NATIONAL_CODE",
        "birth_date": "INVALID_DATE",
        "relation": "INVALID_RELATION",
    }
    assert add(api, someone, {**request(someone["person"], "child"), "student": "yes"}).status == 400


def test_ineligible_parent_names_the_rule_in_the_requests_language(api):
    child = insured(api)
    father = add_person(
        api, first_name="محمود", gender="male", birth_date=years_ago(50), children_national_codes=[child["code"]]
    )
    reply = add(api, child, request(father, "father", supported=True))
    assert reply.status == 422 and reply.error["code"] == "NOT_ELIGIBLE"
    assert reply.error["reason"] == "PARENT_UNDER_AGE"
    assert reply.error["reason_text"] == fa.ELIGIBILITY_REASONS["PARENT_UNDER_AGE"]
    english = add(api, child, request(father, "father", supported=True), headers={"Accept-Language": "en"})
    assert english.error["reason_text"] == en.ELIGIBILITY_REASONS["PARENT_UNDER_AGE"]
    unsupported = add(
        api,
        child,
        request(
            add_person(api, gender="male", birth_date=years_ago(70), children_national_codes=[child["code"]]), "father"
        ),
    )
    assert unsupported.error["reason"] == "PARENT_NOT_SUPPORTED"
    assert items(api, child) == []


def test_deceased_person_is_not_eligible(api):
    mother = insured(api)
    son = child_of(api, mother, alive=False)
    reply = add(api, mother, request(son, "child"))
    assert reply.status == 422 and reply.error["reason"] == "DECEASED"


def test_studying_son_of_19_waits_for_his_certificate_until_it_is_uploaded(api):
    mother = insured(api)
    son = child_of(api, mother, birth_date=years_ago(19))
    assert add(api, mother, request(son, "child")).error["reason"] == "CHILD_OVER_AGE"
    reply = add(api, mother, request(son, "child", student=True))
    assert reply.status == 201 and reply.json["status"] == "pending_documents"
    dependent_id = reply.json["dependent_id"]
    assert items(api, mother)[0]["documents"] == {"required": ["student_certificate"], "received": []}

    upload = api.post(
        f"/me/dependents/{dependent_id}/documents",
        {"kind": "student_certificate", "filename": "گواهی.pdf", "content_type": "application/pdf"},
        token=mother["token"],
    )
    assert upload.status == 201, upload
    assert upload.json["expires_in"] == 600
    fields = upload.json["fields"]
    conditions = policy_of(fields)["conditions"]
    assert ["content-length-range", 1, 5 * MB] in conditions
    assert {"Content-Type": "application/pdf"} in conditions and fields["Content-Type"] == "application/pdf"
    assert {"key": fields["key"]} in conditions
    assert (
        dependent_id in fields["key"]
        and mother["code"] not in fields["key"]
        and son["national_code"] not in fields["key"]
    )
    assert items(api, mother)[0]["status"] == "pending_documents"

    sent = requests.post(
        upload.json["upload_url"],
        data=fields,
        files={"file": ("certificate.pdf", b"%PDF-1.4 certificate", "application/pdf")},
        timeout=10,
    )
    assert sent.status_code in (200, 201, 204), sent.text
    [listed] = items(api, mother)
    assert listed["status"] == "submitted"
    assert listed["documents"] == {"required": ["student_certificate"], "received": ["student_certificate"]}
    assert items(api, mother)[0]["status"] == "submitted"


def test_upload_requests_outside_the_rules_are_refused(api):
    mother = insured(api)
    student = add(api, mother, request(child_of(api, mother, birth_date=years_ago(19)), "child", student=True)).json[
        "dependent_id"
    ]
    approved = add(api, mother, request(child_of(api, mother), "child")).json["dependent_id"]
    path = f"/me/dependents/{student}/documents"
    wrong = api.post(
        path,
        {"kind": "disability_certificate", "filename": "a.exe", "content_type": "application/x-msdownload"},
        token=mother["token"],
    )
    assert wrong.status == 422 and wrong.error["fields"] == {"kind": "NOT_REQUIRED", "content_type": "UNSUPPORTED_TYPE"}
    image = api.post(
        path,
        {"kind": "student_certificate", "filename": "scan.png", "content_type": "image/png"},
        token=mother["token"],
    )
    assert {"Content-Type": "image/png"} in policy_of(image.json["fields"])["conditions"]
    needless = api.post(
        f"/me/dependents/{approved}/documents",
        {"kind": "student_certificate", "filename": "a.pdf", "content_type": "application/pdf"},
        token=mother["token"],
    )
    assert needless.status == 422 and needless.error["code"] == "DOCUMENT_NOT_NEEDED"


def test_empty_upload_does_not_count_as_a_certificate(api):
    mother = insured(api)
    dependent_id = add(
        api, mother, request(child_of(api, mother, birth_date=years_ago(19)), "child", student=True)
    ).json["dependent_id"]
    upload = api.post(
        f"/me/dependents/{dependent_id}/documents",
        {"kind": "student_certificate", "filename": "a.pdf", "content_type": "application/pdf"},
        token=mother["token"],
    ).json
    requests.post(
        upload["upload_url"], data=upload["fields"], files={"file": ("a.pdf", b"", "application/pdf")}, timeout=10
    )
    assert items(api, mother)[0]["status"] == "pending_documents"


def test_another_persons_dependent_is_not_found(api):
    mother, other = insured(api), insured(api)
    dependent_id = add(
        api, mother, request(child_of(api, mother, birth_date=years_ago(19)), "child", student=True)
    ).json["dependent_id"]
    assert api.delete(f"/me/dependents/{dependent_id}", token=other["token"]).status == 404
    documents = api.post(
        f"/me/dependents/{dependent_id}/documents",
        {"kind": "student_certificate", "filename": "a.pdf", "content_type": "application/pdf"},
        token=other["token"],
    )
    assert documents.status == 404 and documents.error["code"] == "NOT_FOUND"
    assert items(api, other) == []
    assert len(items(api, mother)) == 1
    assert api.get("/me/dependents").status == 401


def test_delete_removes_the_dependent(api):
    mother = insured(api)
    son = child_of(api, mother)
    dependent_id = add(api, mother, request(son, "child")).json["dependent_id"]
    assert api.delete(f"/me/dependents/{dependent_id}", token=mother["token"]).status == 204
    assert items(api, mother) == []
    assert api.delete(f"/me/dependents/{dependent_id}", token=mother["token"]).status == 404
    assert add(api, mother, request(son, "child")).status == 201


def test_child_already_covered_by_another_insured_goes_to_branch_review(api):
    mother = insured(api)
    father = insured(api, first_name="بهرام", gender="male", first_name_en="Bahram")
    son = child_of(api, mother, father_national_code=father["code"])
    first = add(api, mother, request(son, "child"))
    assert first.json["status"] == "approved"
    assert add(api, father, request(son, "child")).json["status"] == "branch_review"
    assert items(api, mother)[0]["status"] == "approved"


def test_deleting_a_dependent_ends_its_coverage(api):
    mother = insured(api)
    father = insured(api, first_name="بهرام", gender="male", first_name_en="Bahram")
    son = child_of(api, mother, father_national_code=father["code"])
    dependent_id = add(api, mother, request(son, "child")).json["dependent_id"]
    assert api.delete(f"/me/dependents/{dependent_id}", token=mother["token"]).status == 204
    assert add(api, father, request(son, "child")).json["status"] == "approved"
    assert add(api, mother, request(son, "child")).json["status"] == "branch_review"


def test_a_son_is_a_child_until_his_18th_jalali_birthday(api, clock):
    clock.now = datetime(2024, 11, 20, 9, 0, tzinfo=timezone.utc)  # 1403/08/30
    today = jalali.parse_day("1403/08/30")
    mother = insured(api)
    turns_18_tomorrow = child_of(api, mother, birth_date=years_ago(18, days=1, on=today))
    turns_18_today = child_of(api, mother, birth_date=years_ago(18, on=today))
    assert turns_18_tomorrow["birth_date"] == "1385/09/01" and turns_18_today["birth_date"] == "1385/08/30"
    assert add(api, mother, request(turns_18_tomorrow, "child")).json["status"] == "approved"
    refused = add(api, mother, request(turns_18_today, "child"))
    assert refused.status == 422 and refused.error["reason"] == "CHILD_OVER_AGE"
    assert add(api, mother, request(turns_18_today, "child", student=True)).json["status"] == "pending_documents"


def test_a_mother_is_covered_from_her_55th_birthday(api, clock):
    clock.now = datetime(2024, 11, 20, 9, 0, tzinfo=timezone.utc)  # 1403/08/30
    today = jalali.parse_day("1403/08/30")
    child = insured(api)
    mother = add_person(api, birth_date=years_ago(55, days=1, on=today), children_national_codes=[child["code"]])
    assert add(api, child, request(mother, "mother", supported=True)).error["reason"] == "PARENT_UNDER_AGE"
    clock.advance(days=1)
    child["token"] = login(api, child["code"])
    assert add(api, child, request(mother, "mother", supported=True)).json["status"] == "approved"


def test_repeated_registry_mismatches_are_capped(api):
    someone = insured(api)
    stranger = add_person(api, birth_date=years_ago(8))
    for _ in range(dependents.MISMATCH_LIMIT.events):
        assert add(api, someone, request(stranger, "child")).error["code"] == "REGISTRY_MISMATCH"
    capped = add(api, someone, request(stranger, "child"))
    assert capped.status == 429 and int(capped.headers["retry-after"]) > 0


def test_the_flows_relations_and_statuses_are_the_rules_own():
    assert set(dependents.RELATIONS) == {eligibility.SPOUSE, eligibility.CHILD, eligibility.FATHER, eligibility.MOTHER}
    assert dependents.PENDING_DOCUMENTS == eligibility.PENDING_DOCUMENTS
