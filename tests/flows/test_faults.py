"""AWS faults reach the client as 503 with Retry-After, never as a 500 or a stack trace."""

from datetime import timedelta

from botocore.exceptions import ClientError, EndpointConnectionError

from chalicelib import wiring
from tests.conftest import add_person, login, register


def test_sms_throttled_by_sns_is_queued_and_the_job_delivers_it(api, monkeypatch):
    person = add_person(api)
    mobile = person["mobiles"][0]
    sns = wiring.aws("sns")
    original = sns.publish

    def throttled(**kwargs):
        raise ClientError({"Error": {"Code": "Throttling", "Message": "Rate exceeded"}}, "Publish")

    monkeypatch.setattr(sns, "publish", throttled)
    reply = api.post("/registrations", {"national_code": person["national_code"], "mobile": mobile})
    assert reply.status == 201 and "Throttling" not in reply.raw.decode()
    assert api.get(f"/dev/outbox?to={mobile}").json["items"] == []
    monkeypatch.setattr(sns, "publish", original)
    later = (wiring.now() + timedelta(minutes=2)).isoformat()
    assert api.post("/dev/jobs/deliver_notices", {"now": later}).json["processed"] >= 1
    assert len(api.get(f"/dev/outbox?to={mobile}").json["items"]) == 1


def test_storage_outage_is_503(api, monkeypatch):
    from pynamodb.connection.base import Connection

    token = login(api, register(api)["person"]["national_code"])

    def unreachable(self, operation, kwargs):
        raise EndpointConnectionError(endpoint_url="https://dynamodb.me-central-1.amazonaws.com")

    monkeypatch.setattr(Connection, "_make_api_call", unreachable)
    reply = api.get("/me", token=token)
    assert reply.status == 503 and reply.error["code"] == "SERVICE_UNAVAILABLE" and reply.headers["retry-after"]
    assert "amazonaws" not in reply.raw.decode()


def test_registry_outage_at_submit_defers_verification_to_the_job(own_tables, api, monkeypatch):
    from chalicelib.adapters.registries import LocalMobileOperators
    from chalicelib.errors import ServiceUnavailable
    from tests.conftest import ready_to_submit

    person = add_person(api)
    started = ready_to_submit(api, person)
    rid = started["registration_id"]

    def down(self, mobile):
        raise ServiceUnavailable()

    monkeypatch.setattr(LocalMobileOperators, "owner_of", down)
    submitted = api.post(f"/registrations/{rid}/submit", {"accept_terms": True})
    assert submitted.status == 202 and submitted.json["status"] == "submitted"
    monkeypatch.undo()
    ran = api.post("/dev/jobs/verify_registrations", {})
    assert ran.status == 200 and ran.json["processed"] == 1
    status = api.get(
        f"/registrations/status?national_code={person['national_code']}&tracking_code={started['tracking_code']}"
    )
    assert status.json == {"status": "active"}


def test_unexpected_error_is_a_clean_500_and_logs_no_input(api, monkeypatch, capsys):
    from chalicelib.flows import registration

    def broken(body, ctx):
        raise ValueError(f"secret input {body['national_code']}")

    monkeypatch.setattr(registration, "start", broken)
    capsys.readouterr()
    reply = api.post("/registrations", {"national_code": "0012345679", "mobile": "09121234567"})
    assert reply.status == 500 and reply.error["code"] == "INTERNAL" and "secret" not in reply.raw.decode()
    logged = [line for line in capsys.readouterr().out.splitlines() if '"unexpected_error"' in line]
    assert logged and "secret" not in logged[0] and "0012345679" not in logged[0] and "test_faults.py" in logged[0]
