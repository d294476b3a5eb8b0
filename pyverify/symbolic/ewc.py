"""Symbolic cores of `proofs/LearningRulesProofs/EWC.lean` (dimension 3)."""

from __future__ import annotations

from typing import Any

import sympy

from . import dot, sym_matrix, symbolic_check, vec

N = 3
lam, eta = sympy.symbols("lam eta", real=True)


def _penalty(f: Any, ws: Any, w: Any) -> Any:
    return lam / 2 * sum(f[i] * (w[i] - ws[i]) ** 2 for i in range(N))


def _pgrad(f: Any, ws: Any, w: Any) -> Any:
    return sympy.Matrix([lam * f[i] * (w[i] - ws[i]) for i in range(N)])


@symbolic_check("ewc", "penalty_grad", "LearningRules.EWC.total_smooth_spec")
def penalty_grad() -> Any:
    """∂ penalty / ∂w_i = lam·fisher_i·(w_i - wstar_i) (penaltyGrad is the gradient)"""
    f, ws, w = vec("f", N), vec("s", N), vec("w", N)
    P = _penalty(f, ws, w)
    return [sympy.diff(P, w[i]) - _pgrad(f, ws, w)[i] for i in range(N)]


@symbolic_check("ewc", "penalty_taylor", "LearningRules.EWC.total_smooth_spec")
def penalty_taylor() -> Any:
    """penalty(x + d) = penalty x + ⟪penaltyGrad x, d⟫ + lam/2 Σ fisher_i d_i²: curvature lam·fisher_i ≤ lam·Fmax"""
    f, ws, x, d = vec("f", N), vec("s", N), vec("x", N), vec("d", N)
    return _penalty(f, ws, x + d) - _penalty(f, ws, x) - dot(_pgrad(f, ws, x), d) - lam / 2 * sum(
        f[i] * d[i] ** 2 for i in range(N))


@symbolic_check("ewc", "step_bound", "LearningRules.EWC.penalty_step_bound_spec")
def step_bound() -> Any:
    """penalty w' - (totalLoss w - Lnew w') = totalLoss w' - totalLoss w (the step bound is the non-strict descent)"""
    A = sym_matrix("a", N, symmetric=True)
    b, f, ws, w = vec("b", N), vec("f", N), vec("s", N), vec("w", N)
    Lnew = lambda u: dot(u, A * u) / 2 - dot(b, u)  # noqa: E731
    total = lambda u: Lnew(u) + _penalty(f, ws, u)  # noqa: E731
    w1 = w - eta * (A * w - b + _pgrad(f, ws, w))
    return _penalty(f, ws, w1) - (total(w) - Lnew(w1)) - (total(w1) - total(w))


@symbolic_check("ewc", "joint_objective", "LearningRules.EWC.joint_objective_spec")
def joint_objective() -> Any:
    """totalLoss Lnew lam h s w - (Lnew w + lam (diagQuad w - diagQuad s)) = -lam ⟪h∘s - g, w - s⟫ for a general g;
    zero once g = h∘s (the old loss is stationary at s). Lnew is an arbitrary function: it cancels."""
    h, g, ws, w = vec("h", N), vec("g", N), vec("s", N), vec("w", N)
    c, Lw = sympy.symbols("c Lnew_w", real=True)
    quad = lambda u: sum(h[i] * u[i] ** 2 for i in range(N)) / 2 - dot(g, u) + c  # noqa: E731
    diff = (Lw + _penalty(h, ws, w)) - (Lw + lam * (quad(w) - quad(ws)))
    general = sympy.expand(diff + lam * sum((h[i] * ws[i] - g[i]) * (w[i] - ws[i]) for i in range(N)))
    stationary = diff.subs({g[i]: h[i] * ws[i] for i in range(N)}, simultaneous=True)
    return [general, stationary]
