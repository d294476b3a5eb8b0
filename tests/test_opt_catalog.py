"""The optimization-family catalog: every spec has an entry, checks hold, hypotheses are necessary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.backend import get_backend
from pyverify.catalog import entries_for
from pyverify.checking import check_entry, check_necessity
from pyverify.cli import main

RULES = ("gradient_descent", "quadratic", "sgd", "lms", "ewc", "predictive_coding")
LEAN = {"gradient_descent": "GradientDescent", "quadratic": "Quadratic", "sgd": "SGD", "lms": "LMS", "ewc": "EWC",
        "predictive_coding": "PredictiveCoding"}
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("rule", RULES)
def test_every_spec_def_has_exactly_one_entry(rule: str) -> None:
    # a rule's statements live in `<Rule>.lean` and in companion modules `<Rule><Topic>.lean` (same namespace),
    # e.g. `GradientDescentNesterov.lean`
    folder = ROOT / "lean" / "LearningRules"
    paths = [folder / f"{LEAN[rule]}.lean", *sorted(folder.glob(f"{LEAN[rule]}[A-Z]*.lean"))]
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    specs = {f"LearningRules.{LEAN[rule]}.{m}" for m in re.findall(r"^def (\w+_spec) : Prop", text, re.M)}
    entries = [e.lean_spec for e in entries_for(rule=rule)]
    assert sorted(entries) == sorted(specs)
    for e in entries_for(rule=rule):
        assert e.id == f"{rule}.{e.lean_spec.rsplit('.', 1)[1].removesuffix('_spec')}"
        assert e.lean_proof == e.lean_spec.removesuffix("_spec")


@pytest.mark.parametrize("rule", RULES)
def test_cli_check_holds_for_rule(rule: str, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["check", "--rule", rule, "--json", "--samples", "120"])
    doc = json.loads(capsys.readouterr().out)
    assert rc == 0, [r for r in doc["results"] if r["status"] != "held"]
    assert doc["summary"]["all_held"] and {r["mode"] for r in doc["results"]} == {"float64", "exact"}
    assert all(r["instances"] > 0 for r in doc["results"])


HEADLINE = [e for r in RULES for e in entries_for(rule=r) if e.kind in ("improvement", "convergence", "bound")]


@pytest.mark.parametrize("entry", HEADLINE, ids=lambda e: e.id)
def test_headline_hypotheses_are_necessary_or_explained(entry: object) -> None:
    results = check_necessity(entry, samples=80)  # type: ignore[arg-type]
    for r in results:
        assert r.status != "error", r.message
        if r.status == "counterexample":
            assert r.counterexample is not None and r.counterexample["margin"] <= 0
        else:  # no sampler: the entry's notes must say why no counterexample can exist
            assert r.status == "no_sampler" and r.hypothesis in entry.notes, r.hypothesis  # type: ignore[attr-defined]
    assert any(r.status == "counterexample" for r in results)


def test_necessity_counterexample_is_a_real_violation_in_exact_arithmetic() -> None:
    (entry,) = [e for e in entries_for(rule="lms") if e.id == "lms.convergence"]
    res = {r.hypothesis: r for r in check_necessity(entry, samples=40)}
    inst = res["step_mul_lt_two"].counterexample["instance"]  # type: ignore[index]
    from fractions import Fraction
    x = [Fraction(v) for v in inst["x"]]
    t = Fraction(inst["eta"]) * sum(v * v for v in x)
    assert t >= 2 and (1 - t) ** 2 >= 1


@pytest.mark.parametrize("entry", [e for r in RULES for e in entries_for(rule=r)], ids=lambda e: e.id)
def test_samplers_cover_dimension_one_and_at_least_64(entry: object) -> None:
    dims = {b.meta.get("dim") for b in entry.sample(np.random.default_rng(0), 200)}  # type: ignore[attr-defined]
    assert 1 in dims and max(d for d in dims if d is not None) >= 64


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_single_instances_hold_exactly(seed: int) -> None:
    for rule in ("lms", "ewc", "predictive_coding"):
        for e in entries_for(rule=rule):
            r = check_entry(e, "exact", samples=12, seed=seed)
            assert r.status == "held", (e.id, r.counterexample)


def test_a_broken_rule_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyverify.rules import lms

    original = lms.step
    monkeypatch.setattr(lms, "step", lambda eta, x, y, w, bk=None, validate=True: original(eta * 2, x, y, w, bk,
                                                                                          validate=validate))
    (entry,) = [e for e in entries_for(rule="lms") if e.id == "lms.error_step"]
    assert check_entry(entry, "exact", samples=40).status == "violated"
    assert get_backend("exact") is not None
