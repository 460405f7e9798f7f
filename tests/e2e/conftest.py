"""Every test here talks to the emulated AWS."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _emulated_aws(emulator):
    return emulator
