"""The local/biological family as a whole: CLI checks hold, necessity finds counterexamples, torch
agrees, test vectors match, and the catalog mirrors the Lean spec files one-to-one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pyverify.catalog import entries_for
from pyverify.checking import check_entry
from pyverify.cli import main
from pyverify.vectors import check_vectors, collect

ROOT = Path(__file__).resolve().parent.parent
RULES = {
    "perceptron": "Perceptron",
    "td0": "TD0",
    "hebbian": "Hebbian",
    "oja": "Oja",
    "perturbation": "Perturbation",
    "feedback_alignment": "FeedbackAlignment",
    "free_energy": "FreeEnergy",
}
# hypotheses that no instance can break alone (each documented in its entry's notes)
NO_SAMPLER = {
    ("td0.step_contraction", "gamma_lt_one"), ("td0.linear_rate", "gamma_lt_one"),
    ("oja.norm_decrease", "outside"),
    ("perturbation.variance_eq", "m_pos"), ("perturbation.two_point_variance", "m_pos"),
    ("perturbation.one_point_variance", "m_pos"), ("perturbation.expected_improves", "symm"),
    ("free_energy.free_energy_ge_surprise", "pxz_pos"), ("free_energy.free_energy_eq_posterior", "m_pos"),
    ("free_energy.free_energy_decomposition", "pxz_pos"),
    ("free_energy.free_energy_eq_posterior", "pxz_pos"),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_cli_check_json_holds_in_float_and_exact(rule: str, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["check", "--rule", rule, "--samples", "40", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["summary"]["all_held"], [r for r in data["results"] if r["status"] != "held"]
    for r in data["results"]:
        assert r["status"] == "skipped" or r["instances"] > 0, r
    float_only = {e.id for e in entries_for(rule=rule) if not e.exact}
    skipped = [r for r in data["results"] if r["status"] == "skipped"]
    assert {s["id"] for s in skipped} == float_only
    assert all(s["mode"] == "exact" and s["message"] for s in skipped)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_cli_necessity_finds_a_counterexample_for_every_sampled_hypothesis(
    rule: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = main(["check", "--rule", rule, "--samples", "40", "--necessity", "--json"])
    rows = json.loads(capsys.readouterr().out)["results"]
    assert rc == 0
    for r in rows:
        if (r["id"], r["hypothesis"]) in NO_SAMPLER:
            assert r["status"] == "no_sampler", r
        else:
            assert r["status"] == "counterexample", r


@pytest.mark.parametrize("rule", sorted(RULES))
def test_torch_mode_agrees(rule: str) -> None:
    pytest.importorskip("torch")
    for e in entries_for(rule=rule):
        res = check_entry(e, "torch", samples=24, seed=1)
        assert res.status == "held", res.to_json()


def _spec_names(lean_file: Path) -> set[str]:
    return set(re.findall(r"^def (\w+_spec) : Prop", lean_file.read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize("rule, module", sorted(RULES.items()))
def test_one_catalog_entry_per_lean_spec(rule: str, module: str) -> None:
    specs = _spec_names(ROOT / "lean" / "LearningRules" / f"{module}.lean")
    entries = entries_for(rule=rule)
    assert {e.lean_spec for e in entries} == {f"LearningRules.{module}.{s}" for s in specs}
    for e in entries:
        theorem = e.lean_spec.rsplit(".", 1)[1].removesuffix("_spec")
        assert e.id == f"{rule}.{theorem}"
        assert e.lean_proof == f"LearningRules.{module}.{theorem}"


@pytest.mark.parametrize("rule, module", sorted(RULES.items()))
def test_vector_templates_name_existing_lean_defs(rule: str, module: str) -> None:
    text = (ROOT / "lean" / "LearningRules" / f"{module}.lean").read_text(encoding="utf-8")
    defs = set(re.findall(r"^def (\w+)", text, re.M))
    cases = collect()[rule]
    assert cases
    for c in cases:
        for name in re.findall(rf"LearningRules\.{module}\.(\w+)", c.lean):
            assert name in defs, (c.key, name)


def test_vectors_of_this_family_match_python() -> None:
    report = check_vectors(ROOT)
    mine = [p for p in report.problems if any(r in p for r in RULES)]
    assert mine == []


def test_default_check_of_this_family_holds() -> None:
    for rule in RULES:
        for e in entries_for(rule=rule):
            for mode in ("float64", "exact"):
                expected = "skipped" if mode == "exact" and not e.exact else "held"
                assert check_entry(e, mode, samples=200, seed=0).status == expected, (e.id, mode)
