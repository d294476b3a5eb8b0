"""Smoke test of the P1/P2 benchmark structure (never asserts timings)."""

from __future__ import annotations

import json
import math

import pytest

from pyverify.bench import run_benchmarks
from pyverify.cli import main


def test_p1_and_p2_quick_results_are_well_formed() -> None:
    results = run_benchmarks(["P1", "P2"], quick=True)
    names = [r.name for r in results]
    for rule in ("gradient_descent", "lms", "sgd"):
        assert f"P1 {rule} vs loop" in names and f"P1 {rule} vs bare" in names and f"P2 {rule}" in names
    for r in results:
        j = r.to_json()
        assert {"name", "ratio", "target", "met", "hardware"} <= set(j)
        assert math.isfinite(r.ratio) and r.ratio > 0 and isinstance(r.met, bool)
        held = j.get("batched_all_held", j.get("both_held"))
        assert held is True  # the timed checks also held on their instances
        if r.name.startswith("P1"):
            # the bare products compute the same check, and the ceiling is the loop over the bare time
            assert j["bare_all_held"] is True
            assert j["bare_vs_loop"] == pytest.approx(j["loop_s_scaled"] / j["bare_s"])


def test_cli_bench_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--name", "P2", "--quick", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [b["name"] for b in doc["benchmarks"]] == ["P2 gradient_descent", "P2 lms", "P2 sgd"]
