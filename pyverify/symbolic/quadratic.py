"""Symbolic cores of `proofs/LearningRulesProofs/Quadratic.lean` (dimension 3, symmetric `A`)."""

from __future__ import annotations

from typing import Any

import sympy

from . import dot, sym_matrix, symbolic_check, vec

N = 3


@symbolic_check("quadratic", "taylor", "LearningRules.Quadratic.taylor_spec")
def taylor() -> Any:
    """F y = F x + ⟪A x - b, y - x⟫ + ⟪y - x, A (y - x)⟫ / 2 for symmetric A"""
    A = sym_matrix("a", N, symmetric=True)
    b, x, y = vec("b", N), vec("x", N), vec("y", N)
    F = lambda w: dot(w, A * w) / 2 - dot(b, w)  # noqa: E731
    d = y - x
    return F(y) - (F(x) + dot(A * x - b, d) + dot(d, A * d) / 2)


@symbolic_check("quadratic", "smooth_slack", "LearningRules.Quadratic.is_l_smooth_spec")
def smooth_slack() -> Any:
    """F x + ⟪∇F x, d⟫ + L/2⟪d,d⟫ - F(x + d) = (L⟪d,d⟫ - ⟪d, A d⟫)/2 ≥ 0 under QuadBound A L"""
    A = sym_matrix("a", N, symmetric=True)
    b, x, d = vec("b", N), vec("x", N), vec("d", N)
    L = sympy.Symbol("L", real=True)
    F = lambda w: dot(w, A * w) / 2 - dot(b, w)  # noqa: E731
    return F(x) + dot(A * x - b, d) + L / 2 * dot(d, d) - F(x + d) - (L * dot(d, d) - dot(d, A * d)) / 2


@symbolic_check("quadratic", "gradient", "LearningRules.Quadratic.improves_spec")
def gradient() -> Any:
    """∂F/∂w = A w - b for symmetric A (grad is the true gradient)"""
    A = sym_matrix("a", N, symmetric=True)
    b, w = vec("b", N), vec("w", N)
    F = dot(w, A * w) / 2 - dot(b, w)
    return [sympy.diff(F, w[i]) - (A * w - b)[i] for i in range(N)]


@symbolic_check("quadratic", "beyond_edge", "LearningRules.Quadratic.beyond_edge_spec")
def beyond_edge() -> Any:
    """⟪(w - ηg) - w*, v⟫ = (1 - ηλ)⟪w - w*, v⟫ for g = A w - b, A w* = b, A v = λv, A symmetric (here A = λ v vᵀ/⟪v,v⟫
    + a part orthogonal to v), and (1 - ηλ)² - 1 = ηλ(ηλ - 2) > 0 for ηλ > 2"""
    eta, lam = sympy.symbols("eta lam", real=True)
    v, w, ws, p = vec("v", N), vec("w", N), vec("ws", N), vec("p", N)
    # a symmetric A with A v = λ v: λ v vᵀ/⟪v, v⟫ plus P (I - v vᵀ/⟪v,v⟫) P-type term orthogonal to v
    Pv = sympy.eye(N) - v * v.T / dot(v, v)
    A = lam * v * v.T / dot(v, v) + Pv * (p * p.T) * Pv
    b = A * ws
    g = A * w - b
    return [dot(w - eta * g - ws, v) - (1 - eta * lam) * dot(w - ws, v), A * v - lam * v,
            (1 - eta * lam) ** 2 - 1 - eta * lam * (eta * lam - 2)]
