"""Sympy checks of the algebraic cores of the local/biological family, each with a deliberately
wrong counterpart that must fail (so that the check can fail at all)."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import sympy

from pyverify.symbolic import SymbolicCheck, dot, evaluate_check, run_symbolic_checks, sym_matrix, vec

RULES = ("perceptron", "td0", "hebbian", "oja", "perturbation", "feedback_alignment", "free_energy")
eta, sigma, alpha, gamma, y = sympy.symbols("eta sigma alpha gamma y", real=True)


@pytest.mark.parametrize("rule", RULES)
def test_registered_checks_pass(rule: str) -> None:
    results = run_symbolic_checks(rule)
    assert len(results) >= 2
    for r in results:
        assert r.status == "passed", r.to_json()
        assert r.lean_spec.startswith("LearningRules.")


def _oja_plain_contraction() -> Any:
    # claim: ⟪w', w'⟫ - 1 = (1 - 2ηy²)(⟪w, w⟫ - 1), dropping the η² term that overshoots on the sphere
    x, w = vec("x", 2), vec("w", 2)
    yy = dot(w, x)
    w1 = w + eta * yy * (x - yy * w)
    return dot(w1, w1) - 1 - (1 - 2 * eta * yy**2) * (dot(w, w) - 1)


def _hebb_first_order_only() -> Any:
    x, w = vec("x", 2), vec("w", 2)
    yy, s = dot(w, x), dot(x, x)
    return dot(w + eta * yy * x, x) ** 2 / 2 - yy**2 / 2 - eta * yy**2 * s


def _fa_with_transpose() -> Any:
    # claim: the first-order term uses W₂ W₂ᵀ instead of W₂ B (1 × 1 layers keep sympy's failure path fast)
    W1, W2, B = sym_matrix("a", 1), sym_matrix("v", 1), sym_matrix("f", 1)
    x, t = vec("x", 1), vec("t", 1)
    loss = lambda W: dot(W2 * W * x - t, W2 * W * x - t) / 2  # noqa: E731
    e = W2 * W1 * x - t
    u = W2 * W2.T * e
    return loss(W1 - eta * (B * e) * x.T) - (loss(W1) - eta * dot(e, u) * dot(x, x) + eta**2 * dot(x, x) ** 2 * dot(u, u) / 2)


def _two_point_wrong_scale() -> Any:
    A, b, w, xi = sym_matrix("a", 2, symmetric=True), vec("b", 2), vec("w", 2), vec("xi", 2)
    F = lambda v: dot(v, A * v) / 2 - dot(b, v)  # noqa: E731
    return (F(w + sigma * xi) - F(w - sigma * xi)) / sigma - dot(A * w - b, xi)


def _one_point_single_unbiased() -> Any:
    # claim: a single one-point estimate is already the directional derivative (it is biased by σ/2 ⟪ξ, Aξ⟫)
    A, b, w, xi = sym_matrix("a", 2, symmetric=True), vec("b", 2), vec("w", 2), vec("xi", 2)
    F = lambda v: dot(v, A * v) / 2 - dot(b, v)  # noqa: E731
    return (F(w + sigma * xi) - F(w)) / sigma - dot(A * w - b, xi)


def _one_point_variance_without_sigma_term() -> Any:
    # claim: the one-point variance over {±1}² equals the two-point closed form (it has an extra σ-term)
    A, b, w = sym_matrix("a", 2, symmetric=True), vec("b", 2), vec("w", 2)
    F = lambda v: dot(v, A * v) / 2 - dot(b, v)  # noqa: E731
    g = A * w - b
    dirs = [sympy.Matrix([s, t]) for s in (1, -1) for t in (1, -1)]
    ests = [(F(w + sigma * d) - F(w)) / sigma * d for d in dirs]
    mean = sum(ests, sympy.zeros(2, 1)) / 4
    var = sum(dot(e - mean, e - mean) for e in ests) / 4
    return var - (sum(dot(g, d) ** 2 * dot(d, d) for d in dirs) / 4 - dot(g, g))


def _perturbation_sgd_without_dimension() -> Any:
    # claim: averaged perturbation SGD on A = a I decreases like exact GD, F w - η(1 - aη/2)⟪g, g⟫ (it loses
    # the factor n of E⟪ĝ, ĝ⟫ = n⟪g, g⟫)
    a = sympy.symbols("a", real=True)
    b, w = vec("b", 2), vec("w", 2)
    F = lambda v: a * dot(v, v) / 2 - dot(b, v)  # noqa: E731
    g = a * w - b
    dirs = [sympy.Matrix([s, t]) for s in (1, -1) for t in (1, -1)]
    mean = sum(F(w - eta * dot(g, d) * d) for d in dirs) / 4
    return mean - (F(w) - eta * (1 - a * eta / 2) * dot(g, g))


def _td_wrong_rate() -> Any:
    return (1 - alpha) + alpha * gamma - (1 - alpha) * gamma


def _perceptron_no_label_square() -> Any:
    w, x = vec("w", 2), vec("x", 2)
    return dot(w + y * x, w + y * x) - (dot(w, w) + 2 * y * dot(w, x) + dot(x, x))  # needs y² = 1


def _free_energy_wrong_sign() -> Any:
    q = list(sympy.symbols("q0:2", positive=True))
    j = list(sympy.symbols("j0:2", positive=True))
    q = [q[0], 1 - q[0]]
    ev = sum(j)
    F = sum(a * sympy.log(a / b) for a, b in zip(q, j))
    KL = sum(a * sympy.log(a / (b / ev)) for a, b in zip(q, j))
    return sympy.expand_log(F - (KL + sympy.log(ev)), force=True)


WRONG: dict[str, Callable[[], Any]] = {
    "oja": _oja_plain_contraction,
    "hebbian": _hebb_first_order_only,
    "feedback_alignment": _fa_with_transpose,
    "perturbation": _two_point_wrong_scale,
    "perturbation_one_point": _one_point_single_unbiased,
    "perturbation_one_point_variance": _one_point_variance_without_sigma_term,
    "perturbation_sgd_without_dimension": _perturbation_sgd_without_dimension,
    "td0": _td_wrong_rate,
    "perceptron": _perceptron_no_label_square,
    "free_energy": _free_energy_wrong_sign,
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_deliberately_wrong_counterpart_fails(name: str) -> None:
    check = SymbolicCheck(name, "wrong", "none", f"wrong claim for {name}", WRONG[name])
    res = evaluate_check(check)
    assert res.status == "failed", res.to_json()
    assert "≠ 0" in res.detail
