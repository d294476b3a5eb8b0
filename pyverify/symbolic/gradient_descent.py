"""Symbolic cores of `proofs/LearningRulesProofs/GradientDescent.lean`, on a quadratic in dimension 3."""

from __future__ import annotations

from typing import Any

import sympy

from . import dot, sym_matrix, symbolic_check, vec

N = 3
eta, L, mu, Fs = sympy.symbols("eta L mu Fstar", real=True)


def _quad() -> tuple[Any, Any, Any]:
    A = sym_matrix("a", N, symmetric=True)
    b = vec("b", N)
    F = lambda w: dot(w, A * w) / 2 - dot(b, w)  # noqa: E731
    return A, b, F


@symbolic_check("gradient_descent", "descent_slack", "LearningRules.GradientDescent.descent_bound_spec")
def descent_slack() -> Any:
    """F(w - ηg) - F w + η(1 - Lη/2)⟪g,g⟫ = η²/2 (⟪g, A g⟫ - L⟪g,g⟫) for a quadratic (the smoothness slack)"""
    A, b, F = _quad()
    w = vec("w", N)
    g = A * w - b
    return F(w - eta * g) - F(w) + eta * (1 - L * eta / 2) * dot(g, g) - eta**2 / 2 * (dot(g, A * g) - L * dot(g, g))


@symbolic_check("gradient_descent", "improvement_factor", "LearningRules.GradientDescent.improves_spec")
def improvement_factor() -> Any:
    """η(1 - Lη/2) = η(2 - Lη)/2, positive exactly for 0 < ηL < 2 (η > 0)"""
    return eta * (1 - L * eta / 2) - eta * (2 - L * eta) / 2


@symbolic_check("gradient_descent", "best_step", "LearningRules.GradientDescent.best_step_decrease_spec")
def best_step() -> Any:
    """at η = 1/L the descent coefficient η(1 - Lη/2) is 1/(2L)"""
    e = 1 / L
    return e * (1 - L * e / 2) - 1 / (2 * L)


@symbolic_check("gradient_descent", "pl_recursion", "LearningRules.GradientDescent.pl_rate_spec")
def pl_recursion() -> Any:
    """(F - F*) - η(1 - Lη/2)·2μ(F - F*) = (1 - μη(2 - Lη))(F - F*): PL turns the descent bound into a contraction"""
    gap = sympy.Symbol("gap", real=True)
    return gap - eta * (1 - L * eta / 2) * 2 * mu * gap - (1 - mu * eta * (2 - L * eta)) * gap


@symbolic_check("gradient_descent", "telescoping", "LearningRules.GradientDescent.nonconvex_min_grad_spec")
def telescoping() -> Any:
    """Σ_{k<T} (F_k - F_{k+1}) = F_0 - F_T and 2η(1 - Lη/2) = η(2 - Lη) (T = 4), the sum behind the min-gradient bound"""
    Fk = sympy.symbols("F0:5", real=True)
    return [sum(Fk[k] - Fk[k + 1] for k in range(4)) - (Fk[0] - Fk[4]), 2 * eta * (1 - L * eta / 2) - eta * (2 - L * eta)]
