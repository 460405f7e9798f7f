"""Registration (ثبت نام) through the HTTP layer: every error code the contract names."""

import json

import pytest

from tests.conftest import ANSWERS, PASSWORD, add_person, last_code, new_mobile, new_national_code, register


def _start(api, person, mobile=None):
    return api.post(
        "/registrations", {"national_code": person["national_code"], "mobile": mobile or person["mobiles"][0]}
    )


def _identity(person, **changes):
    identity = {k: person[k] for k in ("first_name", "last_name", "father_name", "birth_date", "gender")}
    identity.update(changes)
    return identity


def _verified(api, person):
    started = _start(api, person)
    rid = started.json["registration_id"]
    assert (
        api.post(f"/registrations/{rid}/mobile-verification", {"code": last_code(api, person["mobiles"][0])}).status
        == 200
    )
    return rid


def test_full_registration_activates_account_and_sms_tells_outcome(api):
    done = register(api)
    assert done["status"] == "active"
    sms = api.get(f"/dev/outbox?to={done['mobile']}").json["items"][0]
    assert done["tracking_code"] in sms["body"] and sms["channel"] == "sms"
    status = api.get(
        f"/registrations/status?national_code={done['person']['national_code']}&tracking_code={done['tracking_code']}"
    )
    assert status.json == {"status": "active"}


def test_persian_and_arabic_digits_with_spaces_are_accepted(api):
    person = add_person(api)
    to_persian = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    to_arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    code = person["national_code"]
    mobile = person["mobiles"][0]
    started = api.post(
        "/registrations",
        {
            "national_code": f"{code[:3]}-{code[3:9]}-{code[9]}".translate(to_persian),
            "mobile": f"+98 {mobile[1:4]} {mobile[4:]}".translate(to_arabic),
        },
    )
    assert started.status == 201, started
    rid = started.json["registration_id"]
    sms_code = last_code(api, mobile)
    reply = api.post(
        f"/registrations/{rid}/mobile-verification", {"code": f"{sms_code[:3]} {sms_code[3:]}".translate(to_persian)}
    )
    assert reply.status == 200 and reply.json == {"status": "identity_required"}
    reply = api.put(
        f"/registrations/{rid}/identity",
        _identity(person, birth_date=person["birth_date"].translate(to_persian), first_name="سارا", last_name="محمدي"),
    )
    assert reply.status == 200, reply


def test_invalid_fields_answer_422_with_field_codes(api):
    reply = api.post("/registrations", {"national_code": "1234567890", "mobile": "0912123"})
    assert reply.status == 422
    assert reply.error["code"] == "VALIDATION_FAILED"
    assert reply.error["fields"] == {"national_code": "INVALID_NATIONAL_CODE", "mobile": "INVALID_MOBILE"}
    assert api.post("/registrations", {"national_code": "1111111111", "mobile": new_mobile()}).error["fields"] == {
        "national_code": "INVALID_NATIONAL_CODE"
    }


@pytest.mark.parametrize(
    "raw,content_type",
    [
        ("not json", "application/json"),
        ("[1, 2]", "application/json"),
        ('{"national_code": 5', "text/plain"),
        ("{}", "application/x-www-form-urlencoded"),
    ],
)
def test_bodies_that_are_not_json_objects_get_the_contract_error(api, raw, content_type):
    reply = api.call("POST", "/registrations", raw=raw, headers={"Content-Type": content_type})
    assert reply.status in (400, 422)
    assert reply.error["code"] in ("MALFORMED_REQUEST", "VALIDATION_FAILED")
    if raw != "{}":
        assert reply.status == 400 and reply.error["code"] == "MALFORMED_REQUEST"


def test_text_that_is_not_unicode_is_malformed(api):
    reply = api.call("POST", "/registrations", raw='{"national_code": "\\ud800", "mobile": "09121234567"}')
    assert reply.status == 400 and reply.error["code"] == "MALFORMED_REQUEST"


def test_wrong_types_are_malformed(api):
    reply = api.post("/registrations", {"national_code": ["1"], "mobile": True})
    assert reply.status == 400 and reply.error["code"] == "MALFORMED_REQUEST"


def test_english_messages_on_request(api):
    api.language = "en"
    reply = api.post("/registrations", {"national_code": "12", "mobile": new_mobile()})
    assert reply.error["message"].startswith("Some of the data")


def test_already_registered_is_409(api):
    done = register(api)
    again = _start(api, done["person"])
    assert again.status == 409 and again.error["code"] == "ALREADY_REGISTERED"


def test_wrong_code_counts_down_then_throttles(api):
    person = add_person(api)
    rid = _start(api, person).json["registration_id"]
    real = last_code(api, person["mobiles"][0])
    wrong = "000000" if real != "000000" else "111111"
    lefts = []
    for _ in range(5):
        reply = api.post(f"/registrations/{rid}/mobile-verification", {"code": wrong})
        assert reply.status == 400 and reply.error["code"] == "INVALID_CODE"
        lefts.append(reply.error["attempts_left"])
    assert lefts == [4, 3, 2, 1, 0]
    blocked = api.post(f"/registrations/{rid}/mobile-verification", {"code": real})
    assert blocked.status == 429 and int(blocked.headers["retry-after"]) > 0


def test_expired_code_is_410(api, clock):
    person = add_person(api)
    rid = _start(api, person).json["registration_id"]
    code = last_code(api, person["mobiles"][0])
    clock.advance(minutes=5, seconds=1)
    reply = api.post(f"/registrations/{rid}/mobile-verification", {"code": code})
    assert reply.status == 410 and reply.error["code"] == "CODE_EXPIRED"


def test_sending_is_throttled_per_mobile(api):
    person = add_person(api)
    statuses = [_start(api, person).status for _ in range(6)]
    assert statuses == [201] * 5 + [429]


def test_starting_again_replaces_the_unfinished_registration(api):
    person = add_person(api)
    first = _start(api, person).json
    second = _start(api, person).json
    assert api.get(f"/registrations/{first['registration_id']}").status == 404
    assert api.get(f"/registrations/{second['registration_id']}").json["status"] == "mobile_verification_required"
    old = api.get(
        f"/registrations/status?national_code={person['national_code']}&tracking_code={first['tracking_code']}"
    )
    assert old.status == 404


def test_steps_out_of_order_are_409(api):
    person = add_person(api)
    rid = _start(api, person).json["registration_id"]
    assert api.put(f"/registrations/{rid}/identity", _identity(person)).error["code"] == "STEP_OUT_OF_ORDER"
    assert api.post(f"/registrations/{rid}/submit", {"accept_terms": True}).status == 409


def test_identity_mismatch_names_fields_without_echoing_registry(api):
    person = add_person(api)
    rid = _verified(api, person)
    reply = api.put(f"/registrations/{rid}/identity", _identity(person, father_name="محمود", birth_date="1366/04/12"))
    assert reply.status == 422 and reply.error["code"] == "IDENTITY_MISMATCH"
    assert reply.error["fields"] == {"father_name": "MISMATCH", "birth_date": "MISMATCH"}
    assert "علی" not in json.dumps(reply.json, ensure_ascii=False) and "1365/04/12" not in reply.raw.decode()


def test_fifth_mismatch_closes_and_refuses_new_registrations_for_a_day(api, clock):
    person = add_person(api)
    rid = _verified(api, person)
    for _ in range(2):
        assert api.put(f"/registrations/{rid}/identity", _identity(person, first_name="نادرست")).status == 422
    rid = _verified(api, person)
    for _ in range(2):
        assert api.put(f"/registrations/{rid}/identity", _identity(person, first_name="نادرست")).status == 422
    fifth = api.put(f"/registrations/{rid}/identity", _identity(person, first_name="نادرست"))
    assert fifth.status == 410 and fifth.error["code"] == "REGISTRATION_CLOSED"
    assert api.put(f"/registrations/{rid}/identity", _identity(person)).status == 410
    refused = _start(api, person)
    assert refused.status == 429 and int(refused.headers["retry-after"]) > 80000
    clock.advance(hours=24, minutes=1)
    assert _start(api, person).status == 201


def test_unknown_person_in_registry_is_a_mismatch(api):
    person = {
        "national_code": new_national_code(),
        "mobiles": [new_mobile()],
        "first_name": "نیما",
        "last_name": "نوری",
        "father_name": "جواد",
        "birth_date": "1360/01/01",
        "gender": "male",
    }
    rid = _verified(api, person)
    assert api.put(f"/registrations/{rid}/identity", _identity(person)).error["code"] == "IDENTITY_MISMATCH"


def _to_credentials(api):
    person = add_person(api)
    rid = _verified(api, person)
    assert api.put(f"/registrations/{rid}/identity", _identity(person)).status == 200
    return person, rid


@pytest.mark.parametrize(
    "password,violation",
    [
        ("Short1a", "LENGTH"),
        ("alllower12", "UPPER"),
        ("ALLUPPER12", "LOWER"),
        ("NoDigitsHere", "DIGIT"),
        ("1StartsWithDigit", "FIRST_CHAR"),
        ("Has Space12", "CHARSET"),
        ("Persian۱۲۳Abc", "CHARSET"),
        ("Password1", "COMMON"),
        ("SaraSecret#12", "CONTAINS_PERSONAL"),
        ("MohammadiX#12", "CONTAINS_PERSONAL"),
    ],
)
def test_password_policy_violations(api, password, violation):
    _, rid = _to_credentials(api)
    reply = api.put(
        f"/registrations/{rid}/credentials",
        {"password": password, "password_repeat": password, "security_answers": ANSWERS},
    )
    assert reply.status == 422 and reply.error["code"] == "PASSWORD_POLICY"
    assert violation in reply.error["violations"]


def test_password_containing_national_code_and_mismatch(api):
    person, rid = _to_credentials(api)
    password = "Ab" + person["national_code"]
    reply = api.put(
        f"/registrations/{rid}/credentials",
        {"password": password, "password_repeat": password + "x", "security_answers": ANSWERS},
    )
    assert set(reply.error["violations"]) >= {"CONTAINS_PERSONAL", "MISMATCH"}


def test_security_answers_rules(api):
    _, rid = _to_credentials(api)
    two = api.put(
        f"/registrations/{rid}/credentials",
        {"password": PASSWORD, "password_repeat": PASSWORD, "security_answers": ANSWERS[:2]},
    )
    assert two.status == 422 and two.error["fields"]["security_answers"] == "EXACTLY_THREE"
    same = [ANSWERS[0], ANSWERS[0], ANSWERS[1]]
    dup = api.put(
        f"/registrations/{rid}/credentials",
        {"password": PASSWORD, "password_repeat": PASSWORD, "security_answers": same},
    )
    assert dup.error["fields"]["security_answers"] == "DUPLICATE_QUESTION"
    short = [ANSWERS[0], ANSWERS[1], {"question_id": "q5", "answer": " ا "}]
    assert api.put(
        f"/registrations/{rid}/credentials",
        {"password": PASSWORD, "password_repeat": PASSWORD, "security_answers": short},
    ).error["fields"] == {"security_answers[2].answer": "LENGTH"}


def test_security_questions_list(api):
    questions = api.get("/security-questions").json
    assert len(questions) >= 6 and all(q["id"] and q["text"] for q in questions)


def test_review_never_shows_password_or_answers(api):
    person, rid = _to_credentials(api)
    api.put(
        f"/registrations/{rid}/credentials",
        {"email": "sara@example.com", "password": PASSWORD, "password_repeat": PASSWORD, "security_answers": ANSWERS},
    )
    review = api.get(f"/registrations/{rid}")
    assert review.json["status"] == "ready_to_submit" and review.json["question_ids"] == ["q1", "q2", "q4"]
    assert review.json["email"] == "sara@example.com"
    text = review.raw.decode()
    assert PASSWORD not in text and "شیراز" not in text and "hash" not in text


def test_submit_requires_terms(api):
    person, rid = _to_credentials(api)
    api.put(
        f"/registrations/{rid}/credentials",
        {"password": PASSWORD, "password_repeat": PASSWORD, "security_answers": ANSWERS},
    )
    reply = api.post(f"/registrations/{rid}/submit", {"accept_terms": False})
    assert reply.status == 422 and reply.error["fields"] == {"accept_terms": "MUST_ACCEPT"}


def test_mobile_of_someone_else_needs_a_branch_visit_then_branch_activates(api):
    person = add_person(api)
    other_mobile = add_person(api)["mobiles"][0]
    done = register(api, person=person, mobile=other_mobile)
    assert done["status"] == "branch_visit_required"
    login = api.post("/auth/login", {"national_code": person["national_code"], "password": PASSWORD})
    assert login.status == 403 and login.error["code"] == "ACCOUNT_NOT_ACTIVE"
    wrong = api.post("/auth/login", {"national_code": person["national_code"], "password": "Wrong#Pass99"})
    assert wrong.status == 401
    assert api.post(f"/dev/accounts/{person['national_code']}/activate").status == 204
    assert api.post("/auth/login", {"national_code": person["national_code"], "password": PASSWORD}).status == 200
    status = api.get(
        f"/registrations/status?national_code={person['national_code']}&tracking_code={done['tracking_code']}"
    )
    assert status.json == {"status": "active"}


def test_deceased_person_is_rejected_at_verification(api):
    person = add_person(api)
    rid = _verified(api, person)
    api.put(f"/registrations/{rid}/identity", _identity(person))
    api.put(
        f"/registrations/{rid}/credentials",
        {"password": PASSWORD, "password_repeat": PASSWORD, "security_answers": ANSWERS},
    )
    api.post("/dev/people", {**person, "alive": False})
    assert api.post(f"/registrations/{rid}/submit", {"accept_terms": True}).json["status"] == "rejected"


def test_status_with_wrong_pair_is_404(api):
    done = register(api)
    assert (
        api.get(
            f"/registrations/status?national_code={done['person']['national_code']}&tracking_code=0000000000"
        ).status
        == 404
    )
    assert api.get("/registrations/status?national_code=0012345679&tracking_code=1").status == 404


def test_unfinished_registration_expires_after_a_day(api, clock):
    person = add_person(api)
    rid = _start(api, person).json["registration_id"]
    clock.advance(hours=24, seconds=1)
    assert api.get(f"/registrations/{rid}").status == 404


def test_registration_ids_are_long_and_random(api):
    ids = {_start(api, add_person(api)).json["registration_id"] for _ in range(3)}
    assert len(ids) == 3 and all(len(i) >= 22 for i in ids)


def test_idempotent_start_returns_first_answer(api):
    person = add_person(api)
    body = {"national_code": person["national_code"], "mobile": person["mobiles"][0]}
    first = api.post("/registrations", body, headers={"Idempotency-Key": "reg-1"})
    second = api.post("/registrations", body, headers={"Idempotency-Key": "reg-1"})
    assert first.status == second.status == 201 and first.json == second.json
    assert len(api.get(f"/dev/outbox?to={person['mobiles'][0]}").json["items"]) == 1
