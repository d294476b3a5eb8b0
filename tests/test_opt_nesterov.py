"""Nesterov's accelerated gradient method (issue #12): the rule `gradient_descent.nesterov` and the entry
`gradient_descent.nesterov_rate` (`lean/LearningRules/GradientDescentNesterov.lean`).

Behaviour pinned here: the states follow the Lean definition (`t_k = (k + 2)/2`, first step a plain `1/L` step,
Lean's `1 / 0 = 0`), the proof's potential is non-increasing on random convex quadratics in exact arithmetic, the
rate holds there, and breaking minimality of `x*` breaks it at `k = 0`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.backend import QArray, get_backend
from pyverify.errors import InvalidArgumentError
from pyverify.invariants.gradient_descent import nesterov_comparator_instances
from pyverify.rules import gradient_descent as gd
from pyverify.rules import quadratic

pytest.importorskip("flint")

BK = get_backend("exact")


@st.composite
def convex_quadratics(draw: Any, *, max_dim: int = 3) -> dict[str, Any]:
    """`A = MᵀM` (PSD, integer), a minimiser `x*` with `b = A x*`, a start `w₀` and `L = trace A ≥ λ_max(A)`."""
    n = draw(st.integers(1, max_dim))
    ints = st.integers(-3, 3)
    M = np.array([[draw(ints) for _ in range(n)] for _ in range(n)], dtype=np.int64)
    A = M.T @ M
    if np.trace(A) == 0:
        A = np.eye(n, dtype=np.int64)
    xs = np.array([Fraction(draw(st.integers(-6, 6)), 2) for _ in range(n)], dtype=object)
    w0 = np.array([Fraction(draw(st.integers(-6, 6)), draw(st.integers(1, 3))) for _ in range(n)], dtype=object)
    b = np.array([sum((int(A[i, j]) * xs[j] for j in range(n)), Fraction(0)) for i in range(n)], dtype=object)
    return {"A": BK.from_q(QArray.of(A[None])), "b": BK.from_q(QArray.of(b[None])),
            "w": BK.from_q(QArray.of(w0[None])), "xstar": BK.from_q(QArray.of(xs[None])),
            "L": BK.from_q(QArray.of(np.array([int(np.trace(A))], dtype=np.int64)))}


def _grad(x: dict[str, Any]) -> Any:
    return lambda v: quadratic.grad(x["A"], x["b"], v, BK)


def _F(x: dict[str, Any], v: Any) -> Any:
    return quadratic.loss(x["A"], x["b"], v, BK)


def test_start_and_momentum_parameter_follow_lean() -> None:
    A = BK.from_q(QArray.of(np.array([[[2, 1], [1, 3]]])))
    b = BK.from_q(QArray.of(np.array([[1, -1]])))
    w = BK.from_q(QArray.of(np.array([[0, 2]])))
    L = BK.from_q(QArray.of(np.array([4])))
    states = gd.nesterov(lambda v: quadratic.grad(A, b, v, BK), L, w, 5, BK)
    assert len(states) == 6
    assert [s.t for s in states] == [BK.const(k + 2, 2) for k in range(6)]
    assert (states[0].x == w).all() and (states[0].y == w).all()
    # t₀ = 1: the first momentum coefficient (t₀ - 1)/t₁ is 0, so the first step is a plain 1/L step
    one_step = gd.step(lambda v: quadratic.grad(A, b, v, BK), 1 / L, w, BK, validate=False)
    assert (states[1].x == one_step).all() and (states[1].y == one_step).all()
    # the momentum step y₂ = x₂ + ((t₁ - 1)/t₂)(x₂ - x₁) with (t₁ - 1)/t₂ = 1/4
    assert (states[2].y == states[2].x + BK.const(1, 4) * (states[2].x - states[1].x)).all()


def test_zero_curvature_constant_stands_still_like_lean() -> None:
    b = BK.from_q(QArray.of(np.array([[1, -2]])))
    A = BK.from_q(QArray.of(np.zeros((1, 2, 2), dtype=np.int64)))
    w = BK.from_q(QArray.of(np.array([[3, 1]])))
    L = BK.from_q(QArray.of(np.array([0])))
    for s in gd.nesterov(lambda v: quadratic.grad(A, b, v, BK), L, w, 3, BK):
        assert (s.x == w).all() and (s.y == w).all()


@pytest.mark.parametrize("k", [-1, 1.5, True, "3"])
def test_step_count_must_be_a_natural_number(k: Any) -> None:
    w = BK.from_q(QArray.of(np.array([[1]])))
    with pytest.raises(InvalidArgumentError, match="natural number"):
        gd.nesterov(lambda v: v, BK.from_q(QArray.of(np.array([1]))), w, k, BK)


@settings(max_examples=40, deadline=None)
@given(convex_quadratics())
def test_rate_holds_exactly_on_convex_quadratics(x: dict[str, Any]) -> None:
    Fs = _F(x, x["xstar"])
    d0 = x["w"] - x["xstar"]
    D0 = BK.inner(d0, d0)
    for k, s in enumerate(gd.nesterov(_grad(x), x["L"], x["w"], 8, BK)):
        assert (_F(x, s.x) - Fs <= 2 * x["L"] * D0 / (k + 1) ** 2).all()


@settings(max_examples=40, deadline=None)
@given(convex_quadratics())
def test_potential_of_the_proof_is_bounded_and_z_moves_along_the_gradient(x: dict[str, Any]) -> None:
    """`z' = z - (t/L) g(y)` (`nesterov_z_step`) and `t_k² (F x_{k+1} - F*) + L/2 ⟪z_{k+1} - x*, …⟫ ≤ L/2 ⟪w₀ - x*, …⟫`
    (`nesterov_potential`), non-increasing in `k`."""
    Fs = _F(x, x["xstar"])
    d0 = x["w"] - x["xstar"]
    bound = x["L"] / 2 * BK.inner(d0, d0)
    states = gd.nesterov(_grad(x), x["L"], x["w"], 8, BK)
    z = [s.t * s.y - (s.t - 1) * s.x for s in states]
    prev = bound
    for k in range(len(states) - 1):
        s, s1 = states[k], states[k + 1]
        assert (z[k + 1] == z[k] - s.t / x["L"][:, None] * _grad(x)(s.y)).all()
        dz = z[k + 1] - x["xstar"]
        pot = s.t * s.t * (_F(x, s1.x) - Fs) + x["L"] / 2 * BK.inner(dz, dz)
        assert (pot <= prev).all()
        prev = pot


def test_comparator_down_the_gradient_breaks_the_rate_at_k_zero() -> None:
    rng = np.random.default_rng(7)
    for batch in nesterov_comparator_instances(rng, 12):
        x = batch.to(BK)
        d0 = x["w"] - x["xstar"]
        gap0 = _F(x, x["w"]) - _F(x, x["xstar"])
        assert (gap0 > 2 * x["L"] * BK.inner(d0, d0)).all()
