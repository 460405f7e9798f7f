"""The project's frozen dataclass, built without the __eq__, __hash__ and __repr__ that nothing here uses.

A Lambda that has served every kind of request has built every request body, realm and context class; on
Python 3.11 each generated method is one more `exec` at cold start, and those three were about 14 ms of the
36 ms our modules add to the dependencies' import (bench/cold_start.py, `app_and_every_flow_ratio`).
Instances compare by identity, as any object does.
"""

from dataclasses import dataclass
from typing import dataclass_transform


@dataclass_transform(frozen_default=True)
def frozen(cls):
    return dataclass(frozen=True, eq=False, repr=False)(cls)
