"""The sympy checks pass, cover every optimization rule, and can fail."""

from __future__ import annotations

import json

import pytest
import sympy

from pyverify.catalog import entries_for
from pyverify.cli import main
from pyverify.errors import UnknownNameError
from pyverify.symbolic import SYMBOLIC_CHECKS, SymbolicCheck, dot, evaluate_check, run_symbolic_checks, vec

RULES = ("gradient_descent", "quadratic", "sgd", "lms", "ewc", "predictive_coding")


@pytest.mark.parametrize("rule", RULES)
def test_symbolic_checks_pass_for_rule(rule: str) -> None:
    results = run_symbolic_checks(rule)
    assert results and all(r.status == "passed" for r in results), [r.detail for r in results]


@pytest.mark.parametrize("rule", RULES)
def test_symbolic_checks_name_real_specs(rule: str) -> None:
    specs = {e.lean_spec for e in entries_for(rule=rule)}
    for c in [c for c in SYMBOLIC_CHECKS.values() if c.rule == rule]:
        assert c.lean_spec in specs


def test_a_wrong_identity_fails() -> None:
    def wrong() -> object:
        x, eta, y = vec("x", 2), sympy.Symbol("eta"), sympy.Symbol("y")
        w = vec("w", 2)
        err = lambda u: y - dot(u, x)  # noqa: E731
        return err(w + eta * err(w) * x) - (1 - 2 * eta * dot(x, x)) * err(w)  # factor 2 is wrong

    res = evaluate_check(SymbolicCheck("lms", "wrong", "LearningRules.LMS.error_step_spec", "deliberately wrong", wrong))
    assert res.status == "failed" and "residual" in res.detail


def test_a_broken_check_is_reported_as_error() -> None:
    res = evaluate_check(SymbolicCheck("lms", "boom", "x", "raises", lambda: 1 / 0))
    assert res.status == "error" and "ZeroDivisionError" in res.detail


def test_sign_slip_in_descent_slack_is_caught() -> None:
    check = SYMBOLIC_CHECKS["gradient_descent.descent_slack"]
    res = evaluate_check(SymbolicCheck(check.rule, "slip", check.lean_spec, "sign slip",
                                       lambda: check.build() + sympy.Symbol("eta") ** 2 * sympy.Symbol("L")))
    assert res.status == "failed"


def test_cli_symbolic_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["symbolic", "--rule", "sgd", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["all_passed"] and {r["name"] for r in doc["symbolic"]} >= {"bias_variance", "expected_slack"}
    assert all(r["checked_by"] == "sympy" for r in doc["symbolic"])


def test_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UnknownNameError):
        run_symbolic_checks("nope")
    assert main(["symbolic", "--rule", "nope"]) == 2
    assert "no symbolic checks for rule 'nope'" in capsys.readouterr().err
