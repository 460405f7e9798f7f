"""Cold start: importing `app` against importing the bare dependency floor (chalice, boto3, pynamodb), and a
Lambda that has served every kind of request (app plus every flow module) against the same floor.

DESIGN.md budget: at most 1.25x for both. Each import runs in a fresh interpreter, alternating, median of N.
Both sides import from bytecode, as the floor's packages do once pip has installed them (this machine sets
PYTHONDONTWRITEBYTECODE, which would leave only our modules compiling from source at every start): the bench
keeps the project's bytecode in .local/pycache. The from-source figure is reported beside it.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.harness import spread

ROOT = Path(__file__).resolve().parent.parent
# The deployed package holds only requirements.txt. jdatetime imports greenlet whenever it is installed, and here
# only playwright (a dev dependency) installs it, so both sides run as the package would: without it.
AS_PACKAGED = "import sys; sys.modules['greenlet'] = None; "
FLOOR = AS_PACKAGED + "import chalice, boto3, pynamodb.models, pynamodb.attributes, pynamodb.indexes"
APP = AS_PACKAGED + "import app"
# The /dev routes answer only on the local stage, so no deployed Lambda ever loads flows/local_stage.
DEV_ONLY_FLOWS = ("local_stage",)
ALL_FLOWS = AS_PACKAGED + (
    "import app, pkgutil, importlib, chalicelib.flows as f; "
    f"[importlib.import_module('chalicelib.flows.' + m.name) for m in pkgutil.iter_modules(f.__path__) "
    f"if m.name not in {DEV_ONLY_FLOWS!r}]"
)
HEAVY = ("fpdf", "uharfbuzz", "pydantic", "segno", "PIL", "fontTools", "requests", "bcrypt")


def _environment(bytecode: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(ROOT / ".local" / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # the packages' own __pycache__ still serves; ours has none
        env.pop("PYTHONPYCACHEPREFIX", None)
    return env


def _time(statement: str, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], cwd=ROOT, check=True, env=env)
    return time.perf_counter() - started


def heavy_modules_loaded(statement: str = APP) -> list[str]:
    probe = f"import sys; {statement}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, check=True, capture_output=True, text=True, env=_environment(True)
    ).stdout.strip()
    return [m for m in out.split(",") if m]


def measure(runs: int) -> dict:
    compiled, source = _environment(True), _environment(False)
    _time(ALL_FLOWS, compiled)  # writes the bytecode once
    baseline = statistics.median(_time("pass", compiled) for _ in range(3))
    floors, apps, everything, from_source = [], [], [], []
    for _ in range(runs):
        floors.append(_time(FLOOR, compiled) - baseline)
        apps.append(_time(APP, compiled) - baseline)
        everything.append(_time(ALL_FLOWS, compiled) - baseline)
        from_source.append(_time(ALL_FLOWS, source) - baseline)
    floor = statistics.median(floors)
    median = statistics.median
    return {
        "cold_import_ratio": round(median(apps) / floor, 2),
        "app_and_every_flow_ratio": round(median(everything) / floor, 2),
        "app_and_every_flow_ratio_from_source": round(median(from_source) / floor, 2),
        "import_app_ms": round(median(apps) * 1000),
        "app_and_every_flow_ms": round(median(everything) * 1000),
        "floor_ms": round(floor * 1000),
        "runs": runs,
        "spread": {"floor": spread(floors), "app": spread(apps), "every_flow": spread(everything)},
        "heavy_loaded_by_app": heavy_modules_loaded(),
        "heavy_loaded_by_every_flow": heavy_modules_loaded(ALL_FLOWS),
    }


if __name__ == "__main__":
    print(measure(15))
