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


@symbolic_check("gradient_descent", "convex_step", "LearningRules.GradientDescent.convex_rate_spec")
def convex_step() -> Any:
    """L/2 (⟪u, u⟫ - ⟪u - g/L, u - g/L⟫) = ⟪u, g⟫ - ⟪g, g⟫/(2L) with u = w - x* (the distance to x* pays for the
    1/L step; convexity bounds F w - F x* by ⟪u, g⟫), and (T + 1) e - (T e + e) = 0 (the telescoping induction)"""
    u, g = vec("u", N), vec("g", N)
    up = u - g / L
    e, T = sympy.symbols("e T", real=True)
    return [L / 2 * (dot(u, u) - dot(up, up)) - (dot(u, g) - dot(g, g) / (2 * L)), (T + 1) * e - (T * e + e)]


@symbolic_check("gradient_descent", "strongly_convex_step", "LearningRules.GradientDescent.strongly_convex_rate_spec")
def strongly_convex_step() -> Any:
    """(2/L)(L/2 (c - c') - μ/2 c) = (1 - μ/L) c - c': squeezing F x* ≤ F w' between strong convexity and the 1/L
    descent bound contracts the squared distance c = ⟪w - x*, w - x*⟫ by 1 - μ/L"""
    c, cp = sympy.symbols("c cp", real=True)
    return 2 / L * (L / 2 * (c - cp) - mu / 2 * c) - ((1 - mu / L) * c - cp)


@symbolic_check("gradient_descent", "strongly_convex_pl", "LearningRules.GradientDescent.strongly_convex_pl_spec")
def strongly_convex_pl() -> Any:
    """⟪g, g⟫ - 2μ(-⟪g, d⟫ - μ/2 ⟪d, d⟫) = ⟪g + μd, g + μd⟫ (d = x* - w): strong convexity at (w, x*) gives PL"""
    g, d = vec("g", N), vec("d", N)
    return dot(g, g) - 2 * mu * (-dot(g, d) - mu / 2 * dot(d, d)) - dot(g + mu * d, g + mu * d)


@symbolic_check("gradient_descent", "nesterov_step", "LearningRules.GradientDescent.nesterov_rate_spec")
def nesterov_step() -> Any:
    """z' = z - (t/L) g for the point z = t y - (t - 1) x of Nesterov's method, so that the potential pays for the step
    (x' = y - g/L, t' = t + 1/2, y' = x' + ((t - 1)/t')(x' - x)): L/2 (⟪z - x*, z - x*⟫ - ⟪z' - x*, z' - x*⟫) = t⟪z - x*, g⟫ - t²⟪g, g⟫/(2L) (the potential
    identity); the convexity weights t(t - 1)(x - y) + t(x* - y) = -t(z - x*); and t_k = (k + 2)/2 gives
    t_k² - (t_{k+1}² - t_{k+1}) = 1/4"""
    x, y, g, xs = vec("x", N), vec("y", N), vec("g", N), vec("xs", N)
    t, k = sympy.symbols("t k", real=True)
    x1 = y - g / L
    t1 = t + sympy.Rational(1, 2)
    y1 = x1 + (t - 1) / t1 * (x1 - x)
    z = t * y - (t - 1) * x
    z1 = t1 * y1 - (t1 - 1) * x1
    tk = (k + 2) / 2
    tk1 = (k + 3) / 2
    return [z1 - (z - t / L * g),
            L / 2 * (dot(z - xs, z - xs) - dot(z1 - xs, z1 - xs)) - (t * dot(z - xs, g) - t**2 * dot(g, g) / (2 * L)),
            t * (t - 1) * (x - y) + t * (xs - y) + t * (z - xs),
            tk**2 - (tk1**2 - tk1) - sympy.Rational(1, 4)]
