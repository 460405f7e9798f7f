"""`make bench` once, at a small size, so the benchmark cannot rot; its budgets are judged only by a full run."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FLOWS = (
    "register",
    "login",
    "me_records_40y",
    "issue_disclosure",
    "issue_permit",
    "inquiry",
    "recovery_sms",
    "staff_activate",
)


def test_the_benchmark_runs_and_writes_every_figure(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text())
    for figure in (
        "cold_import_ratio",
        "app_and_every_flow_ratio",
        "pdf_40y_ratio",
        "pdf_40y_ms",
        "pdf_40y_bytes",
        "pdf_40y_pages",
        "pdf_40y_peer_ratio",
    ):
        assert isinstance(results[figure], (int, float)), figure
    assert set(FLOWS) <= set(results["flows"])
    for name, flow in results["flows"].items():
        assert not flow.get("absent") and not flow.get("failed"), (name, flow)
        assert flow["aws_calls"] and flow["p50_ms"] > 0 and flow["ratio_to_floor"] > 0, name
        assert flow["cost_per_million"]["total_usd"] > 0 and not flow["scan"], name
    assert set(results["expire_job"]) >= {"items_read_1000", "rcu_1000", "items_read_100", "rcu_100"}
    assert results["intake"]["rows_per_s"] > 0 and results["intake"]["floor_rows_per_s"] > 0
    assert results["prices"]["as_of"] and results["budgets"]
    assert "intake" in done.stdout and "pdf_40y_peer_ratio" in done.stdout
