"""Faults and observations at the AWS boundary, through botocore's own event hooks (no mock of any AWS call).

Every botocore client the service uses (PynamoDB's, the transaction connection's, and wiring's) gets a
`before-call` handler: it may record the call, or answer it with an AWS error or raise a timeout before the
request leaves, exactly as a throttled or unreachable service would.
"""

import contextlib
import threading

from botocore.awsrequest import AWSResponse
from botocore.exceptions import ReadTimeoutError


def _clients() -> list:
    """Every client the service holds right now: each model's table connection, the transaction connection, boto3's."""
    from chalicelib import wiring
    from chalicelib.models import base
    from infra.local_stack import all_models

    clients = [model._get_connection().connection.client for model in all_models()]
    clients.append(base._connection().client)
    clients += [wiring.aws(service) for service in ("s3", "sns", "ses", "secretsmanager")]
    unique = {id(client): client for client in clients}
    return list(unique.values())


@contextlib.contextmanager
def hooked(handler, event: str = "before-call.*.*"):
    """`handler` on `event` of every client (see _clients) until the block ends; the one way tests hook botocore.
    No unique_id: botocore keeps those per client across events, so one handler on two events would leak."""
    clients = _clients()
    for client in clients:
        client.meta.events.register(event, handler)
    try:
        yield
    finally:
        for client in clients:
            client.meta.events.unregister(event, handler)


def _body(params: dict) -> dict:
    """The request as sent: DynamoDB's is a JSON document."""
    import json

    body = params.get("body", params)
    if isinstance(body, (bytes, str)):
        try:
            return json.loads(body or b"{}")
        except ValueError:
            return {}
    return body if isinstance(body, dict) else {}


def _table(params: dict) -> str:
    if "TableName" in params:
        return params["TableName"]
    items = params.get("TransactItems") or []
    return ",".join(next(iter(item.values())).get("TableName", "") for item in items)


@contextlib.contextmanager
def dynamodb_calls():
    """Records each DynamoDB call: operation, table and parameters."""
    calls, lock = [], threading.Lock()

    def handler(model, params, **kwargs):
        if model.service_model.service_name == "dynamodb":
            with lock:
                calls.append({"operation": model.name, "table": _table(params), "params": dict(params)})

    with hooked(handler, "before-parameter-build.dynamodb.*"):
        yield calls


def _error(code: str, status: int, message: str = "injected") -> tuple:
    response = AWSResponse("https://fault.invalid", status, {}, None)
    return response, {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}


@contextlib.contextmanager
def fault(service: str, operation: str, kind: str = "throttle", table: str | None = None, times: int | None = None):
    """Makes `operation` on `service` (optionally one touching a table, alone or in a transaction) fail: "throttle", "timeout", "conditional" or "reject"."""
    left = {"n": times}

    def handler(model, params, **kwargs):
        if model.service_model.service_name != service or (operation != "*" and model.name != operation):
            return None
        if table is not None and not any(name.endswith(table) for name in _table(_body(params)).split(",")):
            return None
        if left["n"] is not None:
            if left["n"] <= 0:
                return None
            left["n"] -= 1
        if kind == "timeout":
            raise ReadTimeoutError(endpoint_url=f"https://{service}.invalid")
        if kind == "conditional":
            return _error("ConditionalCheckFailedException", 400)
        if kind == "reject":
            return _error("InvalidParameter" if service == "sns" else "MessageRejected", 400)
        code = "ProvisionedThroughputExceededException" if service == "dynamodb" else "Throttling"
        return _error(code, 400)

    with hooked(handler):
        yield
