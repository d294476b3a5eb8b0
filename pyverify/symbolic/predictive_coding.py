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


def _net() -> tuple[Any, ...]:
    """Two-layer network n = h = p = 2 at the equilibrium built from an output error ε:
    mu = W1 x + W2ᵀ ε, y = ε + W2 mu."""
    W1, W2 = sym_matrix("A", 2, 2), sym_matrix("B", 2, 2)
    x, eps = vec("x", 2), vec("e", 2)
    mu = W1 * x + W2.T * eps
    y = eps + W2 * mu
    return W1, W2, x, eps, mu, y


@symbolic_check("predictive_coding", "net_gradient", "LearningRules.PredictiveCoding.equilibrium_spec")
def net_gradient() -> Any:
    """∂/∂mu [½‖mu - W1 x‖² + ½‖y - W2 mu‖²] = (mu - W1 x) - W2ᵀ(y - W2 mu) (netGrad is the energy's gradient)"""
    W1, W2 = sym_matrix("A", 2, 2), sym_matrix("B", 2, 2)
    x, y, mu = vec("x", 2), vec("y", 2), vec("m", 2)
    E = dot(mu - W1 * x, mu - W1 * x) / 2 + dot(y - W2 * mu, y - W2 * mu) / 2
    g = (mu - W1 * x) - W2.T * (y - W2 * mu)
    return [sympy.diff(E, mu[i]) - g[i] for i in range(2)]


@symbolic_check("predictive_coding", "equilibrium", "LearningRules.PredictiveCoding.equilibrium_spec")
def equilibrium() -> Any:
    """at mu = W1 x + W2ᵀ ε, y = ε + W2 mu: netGrad = 0, y - W2 mu = ε and ε + W2 W2ᵀ ε = y - W2 W1 x"""
    W1, W2, x, eps, mu, y = _net()
    g = (mu - W1 * x) - W2.T * (y - W2 * mu)
    delta = y - W2 * W1 * x
    return list(g) + list(y - W2 * mu - eps) + list(eps + W2 * W2.T * eps - delta)


@symbolic_check("predictive_coding", "weight_updates", "LearningRules.PredictiveCoding.weight_updates_spec")
def weight_updates() -> Any:
    """at equilibrium: (mu - W1 x) xᵀ = (W2ᵀ ε) xᵀ and ε muᵀ = ε (W1 x)ᵀ + ε (W2ᵀ ε)ᵀ"""
    W1, W2, x, eps, mu, y = _net()
    d1 = (mu - W1 * x) * x.T - (W2.T * eps) * x.T
    d2 = (y - W2 * mu) * mu.T - (eps * (W1 * x).T + eps * (W2.T * eps).T)
    return list(d1) + list(d2)
