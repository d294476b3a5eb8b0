"""Symbolic cores of `proofs/LearningRulesProofs/PredictiveCoding.lean` (m = 2 observations, n = 2 latents)."""

from __future__ import annotations

from typing import Any

import sympy

from . import dot, sym_matrix, symbolic_check, vec

M, N = 2, 2
lam, gam = sympy.symbols("lam gamma", real=True)


def _model() -> tuple[Any, Any, Any, Any, Any, Any]:
    W = sym_matrix("W", M, N)
    mu0, x, mu = vec("m0_", N), vec("x", M), vec("mu", N)
    E = lambda u: dot(x - W * u, x - W * u) / 2 + lam / 2 * dot(u - mu0, u - mu0)  # noqa: E731
    grad = lambda u: lam * (u - mu0) - W.T * (x - W * u)  # noqa: E731
    return W, mu0, x, mu, E, grad


@symbolic_check("predictive_coding", "energy_gradient", "LearningRules.PredictiveCoding.energy_decrease_spec")
def energy_gradient() -> Any:
    """∂E/∂mu = lam (mu - mu0) - Wᵀ(x - W mu)"""
    W, mu0, x, mu, E, grad = _model()
    return [sympy.diff(E(mu), mu[i]) - grad(mu)[i] for i in range(N)]


@symbolic_check("predictive_coding", "energy_expansion", "LearningRules.PredictiveCoding.energy_decrease_spec")
def energy_expansion() -> Any:
    """E(mu - γg) = E mu - γ⟪g,g⟫ + γ²/2 (⟪Wg, Wg⟫ + lam⟪g,g⟫), g = grad (exact second-order expansion)"""
    W, mu0, x, mu, E, grad = _model()
    g = grad(mu)
    return E(mu - gam * g) - (E(mu) - gam * dot(g, g) + gam**2 / 2 * (dot(W * g, W * g) + lam * dot(g, g)))


@symbolic_check("predictive_coding", "fixed_point", "LearningRules.PredictiveCoding.fixed_point_spec")
def fixed_point() -> Any:
    """solving grad = 0 for mu0 (lam ≠ 0) gives lam (mu - mu0) = Wᵀ (x - W mu)"""
    W, mu0, x, mu, E, grad = _model()
    sol = sympy.solve(list(grad(mu)), list(mu0), dict=True)[0]
    return [(lam * (mu - mu0) - W.T * (x - W * mu))[i].subs(sol) for i in range(N)]
