"""Cold start: importing `app` against importing the bare dependency floor (chalice, boto3, pynamodb).

DESIGN.md budget: at most 1.25x. Each import runs in a fresh interpreter, alternating, median of N.
Run: python -m bench.cold_start
"""
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 1.25
RUNS = 15
FLOOR = "import chalice, boto3, pynamodb.models, pynamodb.attributes, pynamodb.indexes"
APP = "import app"
# What a Lambda that has served every kind of request holds: app plus every flow (letters excepted).
ALL_FLOWS = "import app, pkgutil, importlib, chalicelib.flows as f; [importlib.import_module('chalicelib.flows.' + m.name) for m in pkgutil.iter_modules(f.__path__)]"
HEAVY = ("fpdf", "uharfbuzz", "pydantic", "segno", "PIL", "fontTools", "requests")


def _time(statement: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], cwd=ROOT, check=True)
    return time.perf_counter() - started


def heavy_modules_loaded() -> list[str]:
    probe = f"import sys; {APP}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    return [m for m in out.split(",") if m]


def main() -> None:
    baseline = _time("pass")
    floors, apps, warm = [], [], []
    for _ in range(RUNS):
        floors.append(_time(FLOOR) - baseline)
        apps.append(_time(APP) - baseline)
        warm.append(_time(ALL_FLOWS) - baseline)
    floor, measured, everything = statistics.median(floors), statistics.median(apps), statistics.median(warm)
    ratio = measured / floor
    heavy = heavy_modules_loaded()
    print(f"cold_start      import_app_ms={measured * 1000:.0f}  floor_ms={floor * 1000:.0f}  ratio={ratio:.2f}  budget={BUDGET:.2f}  "
          f"heavy_loaded={heavy or 'none'}  {'OK' if ratio <= BUDGET and not heavy else 'OVER'}")
    print(f"cold_start      app_and_every_flow_ms={everything * 1000:.0f}  floor_ms={floor * 1000:.0f}  ratio={everything / floor:.2f}  "
          "(flows load on their first request)")


if __name__ == "__main__":
    main()
