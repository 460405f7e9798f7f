"""The project's frozen dataclass, built without the __eq__, __hash__ and __repr__ that nothing here uses.

A Lambda that has served every kind of request has built every class below chalicelib; on Python 3.11 each method
a dataclass generates is one more `exec` at cold start. Plain frozen dataclasses were a third of what our modules
add to the dependencies' import (bench/cold_start.py, `app_and_every_flow_ratio`), so request bodies are
`NamedTuple`s (immutable, typed, built with one `exec`) and the other value classes use this decorator.
Instances compare by identity, as any object does; eligibility's `Assessment`, compared by value, stays a dataclass.
"""

from dataclasses import dataclass
from typing import dataclass_transform


@dataclass_transform(frozen_default=True)
def frozen(cls):
    return dataclass(frozen=True, eq=False, repr=False)(cls)
