"""Password recovery through the HTTP layer: each method end to end, the limits, and no account enumeration."""

import random
import re

from chalicelib.text import en, fa
from tests.conftest import ANSWERS, PASSWORD, add_person, login, new_mobile, new_national_code, register

NEW_PASSWORD = "Gilan#Baran2024"
MASKED_MOBILE = re.compile(r"^09\*\*\*\*\*\d{4}$")
MASKED_EMAIL = re.compile(r"^[^@*]\*\*\*@\*\*\*$")
# The registered answers (آقای بهرامی، شیراز، کامران) typed with Arabic ي/ك, a ZWNJ and stray spaces.
ARABIC_TYPED = [
    {"question_id": "q4", "answer": "  كامران "},
    {"question_id": "q1", "answer": "آقاي\u200cبهرامي"},
    {"question_id": "q2", "answer": "شيراز  "},
]
WRONG_ANSWERS = [
    {"question_id": "q1", "answer": "نمی‌دانم"},
    {"question_id": "q2", "answer": "تهران"},
    {"question_id": "q4", "answer": "بهروز"},
]


def start(api, national_code):
    reply = api.post("/password-recovery", {"national_code": national_code})
    assert reply.status == 202, reply
    return reply.json["recovery_id"]


def challenge(api, recovery_id, method, **kw):
    return api.post(f"/password-recovery/{recovery_id}/challenge", {"method": method}, **kw)


def verify(api, recovery_id, **body):
    return api.post(f"/password-recovery/{recovery_id}/verify", body)


def reset(api, recovery_id, token, password=NEW_PASSWORD, repeat=None):
    return api.post(
        f"/password-recovery/{recovery_id}/reset",
        {"reset_token": token, "new_password": password, "new_password_repeat": repeat or password},
    )


def outbox(api, to):
    return api.get(f"/dev/outbox?to={to}").json["items"]


def recovery_code(api, to):
    """The newest recovery code sent to `to`; under the frozen test clock other messages can share its instant."""
    bodies = [item["body"] for item in outbox(api, to) if "کد بازیابی" in item["body"]]
    return re.search(r"\b(\d{6})\b", bodies[0]).group(1)


def new_email():
    return f"reza.{random.randint(0, 10**9)}@example.com"


def sms_token(api, done):
    """A reset token for a registered person, proved by SMS."""
    recovery_id = start(api, done["person"]["national_code"])
    assert challenge(api, recovery_id, "sms").status == 202
    reply = verify(api, recovery_id, code=recovery_code(api, done["mobile"]))
    assert reply.status == 200, reply
    return recovery_id, reply.json["reset_token"]


def assert_password_now(api, national_code, old, new):
    assert login(api, national_code, new)
    assert (
        api.post("/auth/login", {"national_code": national_code, "password": old}).error["code"]
        == "INVALID_CREDENTIALS"
    )


def test_recovery_by_sms(api):
    done = register(api)
    national_code, mobile = done["person"]["national_code"], done["mobile"]
    started = api.post("/password-recovery", {"national_code": national_code})
    assert started.status == 202 and started.json["methods"] == ["sms", "email", "questions"]
    recovery_id = started.json["recovery_id"]
    sent = challenge(api, recovery_id, "sms")
    assert sent.status == 202 and sent.json == {"method": "sms", "sent_to": "09*****" + mobile[-4:]}
    assert "کد بازیابی" in outbox(api, mobile)[0]["body"]
    verified = verify(api, recovery_id, code=recovery_code(api, mobile))
    assert verified.status == 200 and set(verified.json) == {"reset_token"}
    assert reset(api, recovery_id, verified.json["reset_token"]).status == 204
    assert_password_now(api, national_code, PASSWORD, NEW_PASSWORD)
    notice = outbox(api, mobile)[0]["body"]
    assert "گذرواژهٔ حساب کاربری شما تغییر کرد" in notice and NEW_PASSWORD not in notice


def test_recovery_by_email(api):
    email = new_email()
    done = register(api, email=email)
    recovery_id = start(api, done["person"]["national_code"])
    sent = challenge(api, recovery_id, "email")
    assert sent.status == 202 and sent.json == {"method": "email", "sent_to": "r***@***"}
    verified = verify(api, recovery_id, code=recovery_code(api, email))
    assert verified.status == 200, verified
    assert reset(api, recovery_id, verified.json["reset_token"]).status == 204
    assert_password_now(api, done["person"]["national_code"], PASSWORD, NEW_PASSWORD)
    mails = outbox(api, email)
    assert mails[0]["channel"] == "email" and "تغییر کرد" in mails[0]["body"] and NEW_PASSWORD not in mails[0]["body"]
    assert "کد بازیابی" in mails[1]["body"]


def test_recovery_by_questions_accepts_arabic_letters_and_spaces(api):
    done = register(api)
    recovery_id = start(api, done["person"]["national_code"])
    asked = challenge(api, recovery_id, "questions")
    assert asked.status == 202
    assert asked.json == {
        "method": "questions",
        "questions": [{"id": q, "text": fa.SECURITY_QUESTIONS[q]} for q in ("q1", "q2", "q4")],
    }
    in_english = challenge(api, recovery_id, "questions", headers={"Accept-Language": "en"})
    assert [q["text"] for q in in_english.json["questions"]] == [en.SECURITY_QUESTIONS[q] for q in ("q1", "q2", "q4")]
    verified = verify(api, recovery_id, answers=ARABIC_TYPED)
    assert verified.status == 200, verified
    assert reset(api, recovery_id, verified.json["reset_token"]).status == 204
    assert_password_now(api, done["person"]["national_code"], PASSWORD, NEW_PASSWORD)


def test_wrong_answers_count_down(api):
    done = register(api)
    recovery_id = start(api, done["person"]["national_code"])
    lefts = [verify(api, recovery_id, answers=WRONG_ANSWERS).error.get("attempts_left") for _ in range(2)]
    assert lefts == [4, 3]
    one_wrong = [*ANSWERS[:2], {"question_id": "q4", "answer": "کامبیز"}]
    refused = verify(api, recovery_id, answers=one_wrong)
    assert refused.status == 400 and refused.error["code"] == "INVALID_ANSWERS" and refused.error["attempts_left"] == 2


def test_wrong_code_counts_down_then_throttles(api):
    done = register(api)
    recovery_id = start(api, done["person"]["national_code"])
    challenge(api, recovery_id, "sms")
    code = recovery_code(api, done["mobile"])
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    replies = [verify(api, recovery_id, code=wrong) for _ in range(5)]
    assert {r.status for r in replies} == {400} and {r.error["code"] for r in replies} == {"INVALID_CODE"}
    assert [r.error["attempts_left"] for r in replies] == [4, 3, 2, 1, 0]
    blocked = verify(api, recovery_id, code=code)
    assert (
        blocked.status == 429
        and blocked.error["code"] == "TOO_MANY_ATTEMPTS"
        and int(blocked.headers["retry-after"]) > 0
    )


def test_code_expires_after_five_minutes(api, clock):
    done = register(api)
    recovery_id = start(api, done["person"]["national_code"])
    challenge(api, recovery_id, "sms")
    code = recovery_code(api, done["mobile"])
    clock.advance(minutes=5)
    expired = verify(api, recovery_id, code=code)
    assert expired.status == 410 and expired.error["code"] == "CODE_EXPIRED"
    challenge(api, recovery_id, "sms")
    assert verify(api, recovery_id, code=recovery_code(api, done["mobile"])).status == 200


def test_recovery_and_reset_token_expire(api, clock):
    done = register(api)
    recovery_id, token = sms_token(api, done)
    clock.advance(minutes=10)
    stale = reset(api, recovery_id, token)
    assert stale.status == 400 and stale.error["code"] == "INVALID_RESET_TOKEN"
    other = start(api, done["person"]["national_code"])
    clock.advance(minutes=30)
    assert challenge(api, other, "sms").status == 404
    assert verify(api, other, code="123456").status == 404


def test_code_and_token_are_single_use(api):
    done = register(api)
    recovery_id = start(api, done["person"]["national_code"])
    challenge(api, recovery_id, "sms")
    code = recovery_code(api, done["mobile"])
    token = verify(api, recovery_id, code=code).json["reset_token"]
    again = verify(api, recovery_id, code=code)
    assert again.status == 410 and again.error["code"] == "CODE_EXPIRED"
    assert reset(api, recovery_id, token).status == 204
    reused = reset(api, recovery_id, token, password="Another#Pass77")
    assert reused.status == 400 and reused.error["code"] == "INVALID_RESET_TOKEN"
    assert_password_now(api, done["person"]["national_code"], PASSWORD, NEW_PASSWORD)


def test_policy_refusal_keeps_the_token(api):
    done = register(api)
    recovery_id, token = sms_token(api, done)
    weak = reset(api, recovery_id, token, password="short")
    assert weak.status == 422 and weak.error["code"] == "PASSWORD_POLICY"
    assert {"LENGTH", "UPPER", "DIGIT"} <= set(weak.error["violations"])
    mismatch = reset(api, recovery_id, token, repeat="Gilan#Baran2025")
    assert mismatch.status == 422 and "MISMATCH" in mismatch.error["violations"]
    assert reset(api, recovery_id, token).status == 204


def test_reset_ends_every_session(api):
    done = register(api)
    token = login(api, done["person"]["national_code"])
    assert api.get("/me", token=token).status == 200
    recovery_id, reset_token = sms_token(api, done)
    assert reset(api, recovery_id, reset_token).status == 204
    assert api.get("/me", token=token).status == 401


def test_the_persons_cap_survives_new_codes_and_recoveries_and_then_waits(api, clock):
    """Registration's own code was the person's first try today; 9 wrong recovery codes make 10, the free share."""
    done = register(api)
    national_code, mobile = done["person"]["national_code"], done["mobile"]
    recovery_id = start(api, national_code)
    replies = []
    for _ in range(2):
        assert challenge(api, recovery_id, "sms").status == 202
        wrong = f"{(int(recovery_code(api, mobile)) + 1) % 10**6:06d}"
        replies += [verify(api, recovery_id, code=wrong) for _ in range(5)]
        clock.advance(minutes=8)
    assert [r.error.get("attempts_left") for r in replies[:9]] == [4, 3, 2, 1, 0, 4, 3, 2, 1]
    assert replies[9].status == 429 and 0 < int(replies[9].headers["retry-after"]) <= 60
    fresh = start(api, national_code)
    assert challenge(api, fresh, "sms").status == 202
    assert verify(api, fresh, code="000000").status == 400  # the wait has passed: the 11th try is taken
    capped = verify(api, fresh, code=recovery_code(api, mobile))
    assert capped.status == 429 and capped.error["code"] == "TOO_MANY_ATTEMPTS"
    assert 60 < int(capped.headers["retry-after"]) <= 120
    assert verify(api, fresh, answers=ANSWERS).status == 429
    clock.advance(minutes=3)
    assert verify(api, start(api, national_code), answers=ANSWERS).status == 200


def test_resend_cooldown_and_send_cap(api, clock):
    done = register(api)
    mobile = done["mobile"]
    recovery_id = start(api, done["person"]["national_code"])
    assert challenge(api, recovery_id, "sms").status == 202
    first = recovery_code(api, mobile)
    soon = challenge(api, recovery_id, "sms")
    assert soon.status == 429 and 0 < int(soon.headers["retry-after"]) <= 60
    clock.advance(seconds=61)
    assert challenge(api, recovery_id, "sms").status == 202
    second = recovery_code(api, mobile)
    assert verify(api, recovery_id, code=first).error["code"] == "INVALID_CODE"
    # The registration code counts too: with the two recovery codes that is three to this mobile in 15 minutes;
    # starting over gets the fourth and fifth, never a sixth.
    for _ in range(2):
        clock.advance(seconds=61)
        assert challenge(api, start(api, done["person"]["national_code"]), "sms").status == 202
    capped = challenge(api, start(api, done["person"]["national_code"]), "sms")
    assert capped.status == 429 and int(capped.headers["retry-after"]) > 60
    assert verify(api, recovery_id, code=second).status == 200


def test_unknown_national_code_looks_like_a_known_one(api):
    known = register(api)["person"]["national_code"]
    unknown = new_national_code()
    seen = {}
    for national_code in (known, unknown):
        started = api.post("/password-recovery", {"national_code": national_code})
        recovery_id = started.json["recovery_id"]
        sms, email = challenge(api, recovery_id, "sms"), challenge(api, recovery_id, "email")
        questions = challenge(api, recovery_id, "questions")
        wrong_code = verify(api, recovery_id, code="000000")
        wrong_answers = verify(api, recovery_id, answers=WRONG_ANSWERS)
        bad_token = reset(api, recovery_id, "x" * 43)
        replies = (started, sms, email, questions, wrong_code, wrong_answers, bad_token)
        seen[national_code] = [(r.status, _shape(r.json)) for r in replies]
        assert MASKED_MOBILE.match(sms.json["sent_to"]) and MASKED_EMAIL.match(email.json["sent_to"])
        assert len(started.json["recovery_id"]) >= 22
        assert len({q["id"] for q in questions.json["questions"]}) == 3
        assert all(q["text"] == fa.SECURITY_QUESTIONS[q["id"]] for q in questions.json["questions"])
        assert wrong_answers.error["attempts_left"] == 4
        again = start(api, national_code)
        assert challenge(api, again, "questions").json == questions.json
    assert seen[known] == seen[unknown]
    assert seen[known][4][0] == 400 and seen[known][6][0] == 400


def test_decoys_are_stable_per_national_code(api):
    unknown = new_national_code()
    first, second = start(api, unknown), start(api, unknown)
    for method in ("sms", "email"):
        assert challenge(api, first, method).json == challenge(api, second, method).json
    other = challenge(api, start(api, new_national_code()), "questions").json
    assert len(other["questions"]) == 3


def test_inactive_account_and_missing_email_send_nothing(api):
    person = add_person(api)
    done = register(api, person=person, mobile=new_mobile())
    assert done["status"] == "branch_visit_required"
    before = len(outbox(api, done["mobile"]))
    recovery_id = start(api, person["national_code"])
    sms = challenge(api, recovery_id, "sms")
    assert sms.status == 202 and MASKED_MOBILE.match(sms.json["sent_to"])
    assert challenge(api, recovery_id, "questions").status == 202
    assert len(outbox(api, done["mobile"])) == before
    refused = verify(api, recovery_id, answers=ANSWERS)
    assert refused.status == 400 and refused.error["code"] == "INVALID_ANSWERS"
    active = register(api)
    email = challenge(api, start(api, active["person"]["national_code"]), "email")
    assert email.status == 202 and MASKED_EMAIL.match(email.json["sent_to"])


def test_bad_input(api):
    malformed = api.post("/password-recovery", {"national_code": "1234567890"})
    assert malformed.status == 422 and malformed.error["fields"] == {"national_code": "INVALID_NATIONAL_CODE"}
    recovery_id = start(api, new_national_code())
    unknown_method = challenge(api, recovery_id, "fax")
    assert unknown_method.status == 422 and unknown_method.error["fields"] == {"method": "UNKNOWN_METHOD"}
    assert verify(api, recovery_id).error["fields"] == {"code": "REQUIRED"}
    both = verify(api, recovery_id, code="123456", answers=WRONG_ANSWERS)
    assert both.status == 422 and both.error["fields"] == {"code": "CODE_OR_ANSWERS"}
    assert verify(api, recovery_id, answers=WRONG_ANSWERS[:2]).error["fields"] == {"answers": "EXACTLY_THREE"}
    assert api.post("/password-recovery/not-a-recovery/challenge", {"method": "sms"}).status == 404


def test_racing_verifies_spend_one_code(api, monkeypatch):
    """The second request reads the code while it is still unspent, and spends it before the first one writes."""
    from chalicelib import wiring
    from chalicelib.flows import codes, recovery

    done = register(api)
    recovery_id = start(api, done["person"]["national_code"])
    challenge(api, recovery_id, "sms")
    code = recovery_code(api, done["mobile"])
    real_check, racer = codes.check, []

    def check_while_another_verifies(*args):
        spent = real_check(*args)
        if not racer:
            racer.append("started")
            racer.append(recovery.verify(recovery_id, {"code": code}, wiring.context()))
        return spent

    monkeypatch.setattr(codes, "check", check_while_another_verifies)
    slower = verify(api, recovery_id, code=code)
    assert slower.status == 410 and slower.error["code"] == "CODE_EXPIRED"
    assert reset(api, recovery_id, racer[1]["reset_token"]).status == 204


def test_racing_resets_use_one_token(api, monkeypatch):
    from chalicelib import wiring
    from chalicelib.flows import recovery

    done = register(api)
    recovery_id, token = sms_token(api, done)
    real_policy, racer = recovery.check_password, []

    def policy_while_another_resets(*args):
        real_policy(*args)
        if not racer:
            racer.append("started")
            recovery.reset(
                recovery_id,
                {"reset_token": token, "new_password": "Another#Pass77", "new_password_repeat": "Another#Pass77"},
                wiring.context(),
            )

    monkeypatch.setattr(recovery, "check_password", policy_while_another_resets)
    slower = reset(api, recovery_id, token)
    assert slower.status == 400 and slower.error["code"] == "INVALID_RESET_TOKEN"
    assert_password_now(api, done["person"]["national_code"], PASSWORD, "Another#Pass77")


def _shape(value):
    """Keys and types, not values: what would tell a known account from an unknown one."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return type(value).__name__
