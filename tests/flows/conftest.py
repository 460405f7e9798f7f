"""Every test here talks to the emulated AWS."""

import contextlib

import pytest


@pytest.fixture(autouse=True, scope="session")
def _emulated_aws(emulator):
    return emulator


@pytest.fixture
def aws_events():
    """`hook(event, handler)` registers a botocore event handler (e.g. "before-call.dynamodb.Query") on every client
    the service holds right now (tests/faults.py `hooked`, the one implementation). Handlers go when the test ends.
    Call it after any change of table prefix, so the new tables' clients are hooked."""
    from tests.faults import hooked

    with contextlib.ExitStack() as stack:
        yield lambda event, handler: stack.enter_context(hooked(handler, event))


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
