"""Every test here talks to the emulated AWS."""
import pytest


@pytest.fixture(autouse=True, scope="session")
def _emulated_aws(emulator):
    return emulator


@pytest.fixture
def aws_events():
    """`hook(event, handler)` registers a botocore event handler (e.g. "before-call.dynamodb.Query") on every client
    the service holds right now: each model's table connection, the transaction connection and the boto3 clients.
    Handlers go when the test ends. Call it after any change of table prefix, so the new tables' clients are hooked."""
    from chalicelib import wiring
    from chalicelib.models.base import _connection
    from infra.local_stack import all_models

    registered = []

    def hook(event: str, handler) -> None:
        clients = [model._get_connection().connection.client for model in all_models()]
        clients += [_connection().client] + [wiring.aws(name) for name in ("s3", "sns", "ses", "secretsmanager")]
        for client in {id(c): c for c in clients}.values():
            client.meta.events.register(event, handler)
            registered.append((client, event, handler))

    yield hook
    for client, event, handler in registered:
        client.meta.events.unregister(event, handler)


@pytest.fixture
def own_tables():
    """Tables of this test's own (a fresh prefix, dropped afterwards), so a job's count is exactly what the test
    put there. Request it before `api` and `member`, so they write to these tables too. (The prefix is set by hand,
    not with monkeypatch, so a test's own `monkeypatch.undo()` keeps it.)"""
    import os
    import secrets

    from infra.local_stack import all_models

    shared = os.environ["TABLE_PREFIX"]
    os.environ["TABLE_PREFIX"] = f"tamin-own-{secrets.token_hex(4)}-"
    models = all_models()
    try:
        for model in models:
            model.create_table(wait=True)
        yield os.environ["TABLE_PREFIX"]
    finally:
        for model in models:
            if model.exists():
                model.delete_table()
        os.environ["TABLE_PREFIX"] = shared
