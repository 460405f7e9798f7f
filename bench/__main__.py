"""`make bench`: every benchmark, each against a floor measured in the same run; writes bench/results.json
and prints the table. `python -m bench --smoke --out FILE` runs each part once at a small size (what the test
suite does so the bench cannot rot); budgets are judged only on a full run."""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from bench import cold_start, pdf_letter

RESULTS = Path(__file__).resolve().parent / "results.json"

# us-east-1 list prices; DynamoDB on-demand as reduced on 2024-11-01. Lambda memory is the prod stage's.
PRICES = {
    "as_of": "2024-11-01",
    "region": "us-east-1",
    "lambda_gb_second_usd": 0.0000166667,
    "lambda_request_usd": 0.20 / 1_000_000,
    "dynamodb_write_request_unit_usd": 0.625 / 1_000_000,
    "dynamodb_read_request_unit_usd": 0.125 / 1_000_000,
    "lambda_memory_mb": 1024,
    "sms": "counted, not priced: SNS charges per message by destination country, and Iranian numbers go "
    "through the national gateway (DESIGN.md)",
}

BUDGETS = {
    "cold_import_ratio": ("<=", 1.25),
    "app_and_every_flow_ratio": ("<=", 1.25),
    "pdf_40y_ratio": ("<=", 1.5),
    "pdf_40y_peer_ratio": ("<=", 1.0),
    "flows.*.ratio_to_floor": ("<=", 1.5),
    "expire_job.growth": ("<=", 1.1),
    "intake.ratio_to_floor": (">=", 0.7),
}


def cost_per_million(flow: dict, deliberate_unit: dict, deliberate: dict) -> dict:
    """Dollars per million runs of the flow: Lambda GB-seconds at the prod memory (bcrypt at the deployed cost in
    place of the bench's cheap one), requests, and DynamoDB units; SMS as a count."""
    seconds = flow["p50_ms"] / 1000
    bcrypt_bench = deliberate_unit["bcrypt_check"] / 1000
    bcrypt_deployed = deliberate_unit["bcrypt_deployed_check"] / 1000
    seconds += sum(n for kind, n in deliberate.items() if kind.startswith("bcrypt")) * (bcrypt_deployed - bcrypt_bench)
    gb_seconds = seconds * PRICES["lambda_memory_mb"] / 1024
    lambda_usd = gb_seconds * PRICES["lambda_gb_second_usd"] + flow["requests"] * PRICES["lambda_request_usd"]
    dynamodb_usd = (
        flow["capacity"]["rcu"] * PRICES["dynamodb_read_request_unit_usd"]
        + flow["capacity"]["wcu"] * PRICES["dynamodb_write_request_unit_usd"]
    )
    million = 1_000_000
    return {
        "lambda_usd": round(lambda_usd * million, 2),
        "dynamodb_usd": round(dynamodb_usd * million, 2),
        "total_usd": round((lambda_usd + dynamodb_usd) * million, 2),
        "sms_messages": flow["sms"] * million,
    }


def _verdicts(results: dict) -> dict:
    out = {}
    for name, (op, limit) in BUDGETS.items():
        if name == "flows.*.ratio_to_floor":
            values = {
                f"flows.{k}.ratio_to_floor": v.get("ratio_to_floor")
                for k, v in results["flows"].items()
                if not v.get("absent")
            }
        else:
            section, _, key = name.rpartition(".")
            values = {name: (results[section] if section else results)[key]}
        for label, value in values.items():
            met = value is not None and (value <= limit if op == "<=" else value >= limit)
            out[label] = {"value": value, "budget": f"{op} {limit}", "met": met}
    return out


def table(results: dict) -> str:
    lines = [f"bench {results['measured_at']}  ({results['mode']}, {results['machine']})", ""]
    top = results
    lines.append(f"{'figure':<34}{'value':>14}  {'budget':>8}  verdict")
    for label, verdict in results["budgets"].items():
        lines.append(
            f"{label:<34}{verdict['value']!s:>14}  {verdict['budget']:>8}  {'OK' if verdict['met'] else 'MISSED'}"
        )
    lines += [
        "",
        f"cold start: app {top['import_app_ms']} ms, app + every flow {top['app_and_every_flow_ms']} ms, "
        f"floor {top['floor_ms']} ms; from source (no bytecode) {top['app_and_every_flow_ratio_from_source']}x",
    ]
    lines.append(
        f"letter (40 y, fa): {top['pdf_40y_ms']} ms CPU, unshaped floor {top['pdf_40y_floor_ms']} ms, "
        f"ReportLab peer {top['pdf_40y_peer_ms']} ms; {top['pdf_40y_bytes']} bytes, {top['pdf_40y_pages']} pages"
    )
    lines += [
        "",
        f"{'flow':<18}{'p50 ms':>8}{'p95 ms':>8}{'IQR/p50':>8}{'floor':>8}{'delib.':>8}{'ratio':>7}{'RCU':>7}{'WCU':>7}"
        f"{'$/M':>9}  AWS calls",
    ]
    for name, flow in results["flows"].items():
        if flow.get("absent"):
            lines.append(f"{name:<18}absent: no {flow['route']} route on this app")
            continue
        if flow.get("failed"):
            lines.append(f"{name:<18}not measured: {flow['failed']}")
            continue
        calls = ", ".join(f"{op}x{n}" for op, n in flow["aws_calls"].items())
        lines.append(
            f"{name:<18}{flow['p50_ms']:>8}{flow['p95_ms']:>8}{flow['spread']!s:>8}{flow['floor_p50_ms']:>8}"
            f"{flow['deliberate_ms']:>8}"
            f"{flow['ratio_to_floor']:>7}{flow['capacity']['rcu']:>7}{flow['capacity']['wcu']:>7}"
            f"{flow['cost_per_million']['total_usd']:>9}  {calls}"
        )
    job = results["expire_job"]
    lines += ["", "expire_job: " + ", ".join(f"{k}={v}" for k, v in job.items() if k.startswith(("items_read", "rcu")))]
    intake = results["intake"]
    lines.append(
        f"intake: {intake['rows']} rows in {intake['lists']} lists, {intake['rows_per_s']} rows/s against "
        f"{intake['floor_rows_per_s']} rows/s raw BatchWriteItem ({intake['ratio_to_floor']}x); "
        f"{intake['wcu_per_row']} WCU per row"
    )
    lines.append(f"prices: {PRICES['region']} as of {PRICES['as_of']}; Lambda at {PRICES['lambda_memory_mb']} MB")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--smoke", action="store_true", help="each part once, small: proves the bench runs")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    smoke = args.smoke
    started = time.perf_counter()
    results: dict = {
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "mode": "smoke" if smoke else "full",
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores, Python {platform.python_version()}",
        "prices": PRICES,
    }
    sections: dict[str, float] = {}

    def timed(name: str, work):
        """Each section's wall time goes in the file and on the screen, so a slow run shows where it went."""
        section_started = time.perf_counter()
        answer = work()
        sections[name] = round(time.perf_counter() - section_started, 1)
        print(f"{name}: {sections[name]} s", file=sys.stderr, flush=True)
        return answer

    results.update(timed("cold_start", lambda: cold_start.measure(runs=1 if smoke else 11)))
    results.update(timed("pdf_letter", lambda: pdf_letter.measure(runs=1 if smoke else 9)))
    from bench import harness

    with harness.emulator():
        from bench import expire_job, flows, intake

        measured = timed("flows", lambda: flows.measure(iterations=1 if smoke else 11))
        results["flows"] = measured["flows"]
        results["deliberate_unit_ms"] = measured["deliberate_unit_ms"]
        for name, flow in results["flows"].items():
            if not flow.get("absent") and not flow.get("failed"):
                deliberate = next(f.deliberate for f in flows.FLOWS if f.name == name)
                flow["cost_per_million"] = cost_per_million(flow, measured["deliberate_unit_ms"], deliberate)
        results["expire_job"] = timed(
            "expire_job",
            lambda: expire_job.measure((100, 1_000) if smoke else (1_000, 10_000), due=10 if smoke else 100),
        )
        results["intake"] = timed("intake", lambda: intake.measure(rows=2_000 if smoke else 200_000, per_list=200))
    results["budgets"] = _verdicts(results)
    results["seconds"] = round(time.perf_counter() - started)
    results["section_seconds"] = sections
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(table(results))
    print(f"\nsections (s): {sections}\nwrote {args.out} in {results['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
