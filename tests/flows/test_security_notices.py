"""Issue 11, defects 4, 5, 8 and 9: notices are durable and reveal nothing; outsiders cannot lock a person out."""

import statistics
import time
from datetime import timedelta

from chalicelib import wiring
from tests.conftest import (
    ANSWERS,
    PASSWORD,
    Api,
    add_person,
    last_code,
    login,
    new_national_code,
    ready_to_submit,
    register,
)
from tests.faults import fault

NEW_PASSWORD = "Gilan#Baran2024"


def _later(minutes=3) -> str:
    return (wiring.now() + timedelta(minutes=minutes)).isoformat()


def _outbox(api, to):
    return api.get(f"/dev/outbox?to={to}").json["items"]


# 8. A storage fault while opening the account is not a refusal


def test_a_throttled_account_write_defers_verification_and_never_says_rejected(api):
    person = add_person(api)
    mobile = person["mobiles"][0]
    rid = ready_to_submit(api, person)["registration_id"]
    with fault("dynamodb", "PutItem", "throttle", table="accounts"):
        submitted = api.post(f"/registrations/{rid}/submit", {"accept_terms": True})
    assert submitted.status == 202 and submitted.json["status"] == "submitted"
    assert not [m for m in _outbox(api, mobile) if "تایید نشد" in m["body"]]
    assert api.post("/dev/jobs/verify_registrations", {}).json["processed"] >= 1
    assert login(api, person["national_code"])


# 9. Notices after a committed change never fail the request and are not lost


def test_a_failed_sms_after_a_password_change_is_204_and_delivered_later(api, member):
    with fault("sns", "Publish", "reject"):
        changed = api.put(
            "/me/password",
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD},
            token=member["token"],
        )
        assert changed.status == 204
        before = len(_outbox(api, member["mobile"]))
    login(api, member["person"]["national_code"], NEW_PASSWORD)
    api.post("/dev/jobs/deliver_notices", {"now": _later()})
    assert len(_outbox(api, member["mobile"])) == before + 1


def test_a_failed_sms_after_a_reset_is_204_and_the_token_is_not_wasted_on_a_503(api):
    done = register(api)
    mobile = done["mobile"]
    recovery_id = api.post("/password-recovery", {"national_code": done["person"]["national_code"]}).json["recovery_id"]
    api.post(f"/password-recovery/{recovery_id}/challenge", {"method": "sms"})
    token = api.post(f"/password-recovery/{recovery_id}/verify", {"code": last_code(api, mobile)}).json["reset_token"]
    with fault("sns", "Publish", "throttle"):
        reset = api.post(
            f"/password-recovery/{recovery_id}/reset",
            {"reset_token": token, "new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD},
        )
    assert reset.status == 204
    login(api, done["person"]["national_code"], NEW_PASSWORD)


def test_one_failing_outcome_sms_does_not_stop_the_verification_batch(api, monkeypatch):
    from chalicelib.adapters.registries import LocalMobileOperators
    from chalicelib.errors import ServiceUnavailable

    people = [add_person(api) for _ in range(2)]
    rids = [ready_to_submit(api, person)["registration_id"] for person in people]
    monkeypatch.setattr(
        LocalMobileOperators, "owner_of", lambda self, mobile: (_ for _ in ()).throw(ServiceUnavailable())
    )
    for rid in rids:
        assert api.post(f"/registrations/{rid}/submit", {"accept_terms": True}).json["status"] == "submitted"
    monkeypatch.undo()
    with fault("sns", "Publish", "reject"):
        assert api.post("/dev/jobs/verify_registrations", {}).json["processed"] >= 2
    for person in people:
        login(api, person["national_code"])
    api.post("/dev/jobs/deliver_notices", {"now": _later()})
    for person in people:
        assert any("فعال" in m["body"] for m in _outbox(api, person["mobiles"][0]))


# 4. Recovery answers alike for every national code, during an outage too


def _timed(api, national_code, method):
    started = time.perf_counter()
    rid = api.post("/password-recovery", {"national_code": national_code}).json["recovery_id"]
    reply = api.post(f"/password-recovery/{rid}/challenge", {"method": method})
    return time.perf_counter() - started, reply


def test_recovery_answers_alike_for_real_and_unknown_accounts_even_when_sns_is_down(api, clock):
    done = register(api, email="real.person@rare-domain.example")
    real = done["person"]["national_code"]
    for outage in (False, True):
        with fault("sns", "Publish", "reject") if outage else fault("sns", "None"):
            times = {"real": [], "unknown": []}
            for _ in range(8):
                for kind, code in (("real", real), ("unknown", new_national_code())):
                    for method in ("sms", "email"):
                        client = Api(api.client)
                        elapsed, reply = _timed(client, code, method)
                        assert reply.status == 202 and set(reply.json) == {"method", "sent_to"}, (kind, reply)
                        assert reply.json["sent_to"].startswith(("09*****",)) or reply.json["sent_to"].endswith(
                            "***@***"
                        )
                        times[kind].append(elapsed)
                        wiring.notifier().flush()  # deliveries run beside requests; measure the request path alone
                clock.advance(minutes=61)  # past the send caps, which real and decoy destinations share alike
            gap = abs(statistics.median(times["real"]) - statistics.median(times["unknown"]))
            quartiles = statistics.quantiles(times["unknown"] + times["real"], n=4)
            noise = quartiles[2] - quartiles[0]  # the spread of the answers themselves, on this machine now
            assert gap < noise + 0.01, (outage, gap, noise)


# 5. A stranger cannot lock the owner out


def test_a_stranger_spending_the_victims_sends_makes_them_wait_an_hour_at_most(api, clock):
    victim = add_person(api)
    mobile = victim["mobiles"][0]
    attacker = Api(api.client)
    refused = 0
    for _ in range(4):
        for _ in range(5):
            reply = attacker.post("/registrations", {"national_code": new_national_code(), "mobile": mobile})
            refused += reply.status == 429
        clock.advance(minutes=16)
    assert refused > 0
    clock.advance(minutes=61)
    owner = Api(api.client)
    assert owner.post("/registrations", {"national_code": victim["national_code"], "mobile": mobile}).status == 201


def test_a_strangers_wrong_codes_do_not_lock_the_owners_answers_for_a_day(api, clock):
    done = register(api)
    national_code = done["person"]["national_code"]
    attacker = Api(api.client)
    for _ in range(3):
        rid = attacker.post("/password-recovery", {"national_code": national_code}).json["recovery_id"]
        attacker.post(f"/password-recovery/{rid}/challenge", {"method": "sms"})
        for guess in range(5):
            attacker.post(f"/password-recovery/{rid}/verify", {"code": f"{guess:06d}"})
        clock.advance(minutes=2)
    assert attacker.post(f"/password-recovery/{rid}/verify", {"code": "123456"}).status == 429
    clock.advance(hours=1)
    owner = Api(api.client)
    rid = owner.post("/password-recovery", {"national_code": national_code}).json["recovery_id"]
    assert owner.post(f"/password-recovery/{rid}/verify", {"answers": ANSWERS}).status == 200
