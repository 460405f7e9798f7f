"""DynamoDB round trips of the self-service flows, counted with a botocore event hook on every client the service holds.

Each count includes the session check every authenticated request makes (one GetItem; the sessions' last-seen
touch is skipped within a minute). The local stage's stand-ins (the registries and the outbox, tables `local_*`)
are left out: in the cloud they are outside systems, not our tables. So is the delivery of queued notices (its
reads and updates of the notices table): it runs on its own, in the cloud in its own function, and in this process
it may interleave with the next request; queueing a notice (its put) is the request's own and is counted. The lists are exact, so a flow that starts
reading more than it needs fails here.
"""

import pytest

from tests.conftest import PASSWORD, last_code, login
from tests.flows.test_account import owner  # noqa: F401 (a fixture)
from tests.flows.test_inquiry import inquire, institution
from tests.flows.test_permits import add_letter, issue


@pytest.fixture
def calls(aws_events):
    made = []

    def count(model, params, **_):
        body = params["body"]  # the request names its tables in its JSON body
        if b"local_" not in body and not (b'-notices"' in body and model.name != "PutItem"):
            made.append(model.name)

    aws_events("before-call.dynamodb", count)
    return made


def measured(calls, send):
    """The reply and the operations it took."""
    calls.clear()
    reply = send()
    assert reply.status < 300, reply
    return reply, list(calls)


AUTH = ["GetItem", "GetItem"]  # the session behind the bearer token, then the account's session generation
# the client's and the account's attempts reserved before bcrypt (read, conditional put each), the account, then
# the account's attempts cleared after the right password
PASSWORD_CHECK = ["GetItem", "PutItem", "GetItem", "PutItem", "GetItem", "DeleteItem"]
NOTICE = ["PutItem"]  # the sealed notice queued for delivery


def test_contact_change_round_trips(api, owner, calls):  # noqa: F811
    token = owner["token"]
    started, made = measured(
        calls, lambda: api.put("/me/mobile", {"mobile": owner["spare"], "current_password": PASSWORD}, token=token)
    )
    # + the send limit of the new number (read, conditional put), then the pending change
    assert made == AUTH + PASSWORD_CHECK + ["GetItem", "PutItem", "PutItem"] + NOTICE
    code = last_code(api, owner["spare"])
    _, made = measured(
        calls, lambda: api.post(f"/me/mobile/{started.json['change_id']}/verify", {"code": code}, token=token)
    )
    # the pending change, the try counted on it, the client's and the person's tries reserved (read, put each), the old
    # number, then one transaction (change spent, account, activity)
    assert (
        made
        == AUTH
        + ["GetItem", "UpdateItem", "GetItem", "PutItem", "GetItem", "PutItem", "GetItem", "TransactWriteItems"]
        + NOTICE
    )
    _, made = measured(calls, lambda: api.put("/me/email", {"email": None, "current_password": PASSWORD}, token=token))
    assert made == AUTH + PASSWORD_CHECK + ["DeleteItem", "TransactWriteItems"] + NOTICE
    answers = [
        {"question_id": "q3", "answer": "کارخانه"},
        {"question_id": "q5", "answer": "گلستان"},
        {"question_id": "q6", "answer": "پیکان"},
    ]
    _, made = measured(
        calls,
        lambda: api.put(
            "/me/security-answers", {"current_password": PASSWORD, "security_answers": answers}, token=token
        ),
    )
    assert made == AUTH + PASSWORD_CHECK + ["TransactWriteItems"] + NOTICE


def test_session_round_trips(api, member, calls):
    national_code = member["person"]["national_code"]
    _, made = measured(calls, lambda: api.post("/auth/login", {"national_code": national_code, "password": PASSWORD}))
    # the password check, then the session and its activity entry in one transaction
    assert made == PASSWORD_CHECK + ["TransactWriteItems"]
    listed, made = measured(calls, lambda: api.get("/me/sessions", token=member["token"]))
    assert made == AUTH + ["Query", "BatchGetItem"]
    other = next(item for item in listed.json["items"] if not item["current"])
    _, made = measured(calls, lambda: api.delete(f"/me/sessions/{other['session_id']}", token=member["token"]))
    assert made == AUTH + ["Query", "DeleteItem", "PutItem"]
    login(api, national_code)
    _, made = measured(calls, lambda: api.delete("/me/sessions", token=member["token"]))
    # the account's session generation moves on (ending every token at once) and this session follows it, then the
    # index query, one delete per other session, the activity entry
    assert made == AUTH + ["UpdateItem", "UpdateItem", "Query", "DeleteItem", "PutItem"]


def test_freeze_and_revoke_round_trips(api, member, calls):
    for _ in range(2):
        issue(api, member, add_letter(member))
    _, made = measured(calls, lambda: api.delete("/me/permits", token=member["token"]))
    # one Query for the running permits, one transaction per permit (item, grant, activity), the mobile for the notice
    assert made == AUTH + ["Query", "TransactWriteItems", "TransactWriteItems", "GetItem"] + NOTICE
    issue(api, member, add_letter(member))
    login(api, member["person"]["national_code"])
    _, made = measured(calls, lambda: api.post("/me/freeze", {"current_password": PASSWORD}, token=member["token"]))
    # status with its activity entry, the session generation moved on, the sessions (index query, one delete each),
    # the permits (query, one transaction), the notice
    assert (
        made
        == AUTH
        + PASSWORD_CHECK
        + ["TransactWriteItems", "UpdateItem", "Query", "DeleteItem", "DeleteItem", "Query", "TransactWriteItems"]
        + NOTICE
    )


def test_history_round_trips(api, member, calls):
    _, made = measured(calls, lambda: api.get("/me/activity", token=member["token"]))
    assert made == AUTH + ["Query"]
    _, made = measured(calls, lambda: api.get("/me/requests", token=member["token"]))
    # registration head and registration (and the account's status for a finished one), objections, letters, dependents
    assert made == AUTH + ["GetItem", "GetItem", "GetItem", "Query", "Query", "Query"]


def test_permit_and_inquiry_round_trips(api, member, calls):
    tracking_number = add_letter(member)
    reply, made = measured(calls, lambda: issue(api, member, tracking_number))
    # the letter, one transaction (item, grant, activity), then the account's mobile now for the notice
    assert made == AUTH + ["GetItem", "TransactWriteItems", "GetItem"] + NOTICE
    bank = institution(api)
    _, made = measured(calls, lambda: inquire(api, bank, member["person"]["national_code"], reply.json["access_code"]))
    # the key, its nonce, the institution's rate, the national code's cap, the grant, the letter, the use with its log
    # entries in one transaction, then the account's mobile now for the notice
    assert (
        made
        == ["GetItem", "PutItem", "UpdateItem", "GetItem", "GetItem", "GetItem", "TransactWriteItems", "GetItem"]
        + NOTICE
    )
