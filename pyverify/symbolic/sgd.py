"""Symbolic cores of `proofs/LearningRulesProofs/SGD.lean` (m = 3 samples in dimension 2)."""

from __future__ import annotations

from typing import Any

import sympy

from . import dot, sym_matrix, symbolic_check, vec

M, N = 3, 2
eta, L = sympy.symbols("eta L", real=True)


def _grads() -> list[Any]:
    return [vec(f"g{i}_", N) for i in range(M)]


def _mean(vs: list[Any]) -> Any:
    return sum(vs, sympy.zeros(N, 1)) / M


@symbolic_check("sgd", "bias_variance", "LearningRules.SGD.expected_descent_spec")
def bias_variance() -> Any:
    """(1/m) Σ ⟪g_i, g_i⟫ = ⟪ḡ, ḡ⟫ + σ² with σ² = (1/m) Σ ⟪g_i - ḡ, g_i - ḡ⟫"""
    gs = _grads()
    gbar = _mean(gs)
    var = sum(dot(g - gbar, g - gbar) for g in gs) / M
    return sum(dot(g, g) for g in gs) / M - (dot(gbar, gbar) + var)


@symbolic_check("sgd", "expected_slack", "LearningRules.SGD.expected_descent_spec")
def expected_slack() -> Any:
    """for a quadratic F with ∇F = ḡ: E F(w - ηg_i) - [F - η(1 - Lη/2)⟪ḡ,ḡ⟫ + Lη²σ²/2] = η²/2 · E(⟪g_i, A g_i⟫ - L⟪g_i, g_i⟫)"""
    A = sym_matrix("a", N, symmetric=True)
    w = vec("w", N)
    deltas = [vec(f"d{i}_", N) for i in range(M - 1)]
    deltas.append(-sum(deltas, sympy.zeros(N, 1)))  # the deviations of the samples from ∇F sum to 0
    b = vec("b", N)
    grad = A * w - b
    gs = [grad + dlt for dlt in deltas]
    F = lambda u: dot(u, A * u) / 2 - dot(b, u)  # noqa: E731
    gbar = _mean(gs)
    var = sum(dot(g - gbar, g - gbar) for g in gs) / M
    EF = sum(F(w - eta * g) for g in gs) / M
    bound = F(w) - eta * (1 - L * eta / 2) * dot(gbar, gbar) + L * eta**2 * var / 2
    slack = eta**2 / 2 * sum(dot(g, A * g) - L * dot(g, g) for g in gs) / M
    return EF - bound - slack


@symbolic_check("sgd", "threshold", "LearningRules.SGD.expected_improves_spec")
def threshold() -> Any:
    """-η(1 - Lη/2)⟪ḡ,ḡ⟫ + Lη²σ²/2 = (η/2)(Lησ² - (2 - Lη)⟪ḡ,ḡ⟫): negative exactly under the stated threshold"""
    g2, s2 = sympy.symbols("g2 sigma2", real=True)
    return -eta * (1 - L * eta / 2) * g2 + L * eta**2 * s2 / 2 - eta / 2 * (L * eta * s2 - (2 - L * eta) * g2)


@symbolic_check("sgd", "shifted_mean_square", "LearningRules.SGD.minibatch_variance_spec")
def shifted_mean_square() -> Any:
    """(1/m) Σ ⟪v + g_i, v + g_i⟫ = ⟪v + ḡ, v + ḡ⟫ + σ² (mean_dot_add_self, the step of drawMean_dist)"""
    gs = _grads()
    v = vec("v", N)
    gbar = _mean(gs)
    var = sum(dot(g - gbar, g - gbar) for g in gs) / M
    return sum(dot(v + g, v + g) for g in gs) / M - (dot(v + gbar, v + gbar) + var)


@symbolic_check("sgd", "minibatch_variance", "LearningRules.SGD.minibatch_variance_spec")
def minibatch_variance() -> Any:
    """E⟪(1/b) Σ_j g_{i_j} - ḡ, ·⟫ over all m^b tuples = σ²/b (m = 3 samples, b = 1, 2, 3)"""
    import itertools

    gs = _grads()
    gbar = _mean(gs)
    var = sum(dot(g - gbar, g - gbar) for g in gs) / M
    out = []
    for b in (1, 2, 3):
        tuples = list(itertools.product(range(M), repeat=b))
        devs = [sum((gs[i] for i in t), sympy.zeros(N, 1)) / b - gbar for t in tuples]
        out.append(sum(dot(d, d) for d in devs) / len(tuples) - var / b)
    return out


@symbolic_check("sgd", "nonconvex_steps", "LearningRules.SGD.nonconvex_rate_spec")
def nonconvex_steps() -> Any:
    """η(1 - Lη/2) = η/2 + η(1 - Lη)/2 (so ηL ≤ 1 gives the η/2 descent), the telescoped difference
    (V_j - j C) - (V_{j+1} - (j+1) C) = V_j - V_{j+1} + C, and (2Δ + T·Lη²σ²)/(ηT) = 2Δ/(ηT) + Lησ²"""
    j, T, s2, d, v0, v1 = sympy.symbols("j T sigma2 Delta V0 V1", positive=True)
    C = L * eta * eta * s2 / 2
    return [
        eta * (1 - L * eta / 2) - (eta / 2 + eta * (1 - L * eta) / 2),
        (v0 - j * C) - (v1 - (j + 1) * C) - (v0 - v1 + C),
        (2 * d + T * L * eta**2 * s2) / (eta * T) - (2 * d / (eta * T) + L * eta * s2),
    ]
