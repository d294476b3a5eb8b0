"""Symbolic cores of `proofs/LearningRulesProofs/Perceptron.lean` (dimension 3)."""

from __future__ import annotations

from typing import Any

import sympy

from . import dot, symbolic_check, vec

N = 3
y = sympy.symbols("y", real=True)


@symbolic_check("perceptron", "inner_step", "LearningRules.Perceptron.inner_growth_spec")
def inner_step() -> Any:
    """⟪w + y x, u⟫ = ⟪w, u⟫ + y ⟪x, u⟫: each update adds y⟪u, x⟫ ≥ γ"""
    w, x, u = vec("w", N), vec("x", N), vec("u", N)
    return dot(w + y * x, u) - (dot(w, u) + y * dot(x, u))


@symbolic_check("perceptron", "norm_step", "LearningRules.Perceptron.norm_growth_spec")
def norm_step() -> Any:
    """With y² = 1: ⟪w + y x, w + y x⟫ = ⟪w, w⟫ + 2 y⟪w, x⟫ + ⟪x, x⟫ (a mistake makes the middle term ≤ 0)"""
    w, x = vec("w", N), vec("x", N)
    lhs = sympy.expand(dot(w + y * x, w + y * x))
    return lhs.subs(y**2, 1) - (dot(w, w) + 2 * y * dot(w, x) + dot(x, x))


@symbolic_check("perceptron", "lagrange_identity", "LearningRules.Perceptron.mistake_bound_spec")
def lagrange_identity() -> Any:
    """⟪w, w⟫⟪u, u⟫ - ⟪w, u⟫² = Σ_{i<j} (w_i u_j - w_j u_i)²: Cauchy–Schwarz in squared form"""
    w, u = vec("w", N), vec("u", N)
    return dot(w, w) * dot(u, u) - dot(w, u) ** 2 - sum(
        (w[i] * u[j] - w[j] * u[i]) ** 2 for i in range(N) for j in range(i + 1, N))
