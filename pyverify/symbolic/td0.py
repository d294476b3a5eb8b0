"""Symbolic cores of `proofs/LearningRulesProofs/TD0.lean` (3 states)."""

from __future__ import annotations

from typing import Any

import sympy

from . import sym_matrix, symbolic_check, vec

N = 3
alpha, gamma = sympy.symbols("alpha gamma", real=True)


def _bellman(r: Any, P: Any, V: Any) -> Any:
    return r + gamma * P * V


@symbolic_check("td0", "bellman_difference", "LearningRules.TD0.bellman_contraction_spec")
def bellman_difference() -> Any:
    """T V - T U = γ P (V - U): the rewards cancel, so the max-norm bound scales by γ (rows of P sum to 1)"""
    r, V, U = vec("r", N), vec("V", N), vec("U", N)
    P = sym_matrix("p", N)
    return list(_bellman(r, P, V) - _bellman(r, P, U) - gamma * P * (V - U))


@symbolic_check("td0", "step_error", "LearningRules.TD0.step_contraction_spec")
def step_error() -> Any:
    """With r = V* - γ P V*: step V - V* = (1 - α)(V - V*) + α γ P (V - V*)"""
    Vs, V = vec("s", N), vec("V", N)
    P = sym_matrix("p", N)
    r = Vs - gamma * P * Vs
    step = V + alpha * (_bellman(r, P, V) - V)
    return list(step - Vs - ((1 - alpha) * (V - Vs) + alpha * gamma * P * (V - Vs)))


@symbolic_check("td0", "rate_factor", "LearningRules.TD0.linear_rate_spec")
def rate_factor() -> Any:
    """(1 - α) + α γ = 1 - α (1 - γ): the bounds of the two terms add up to the contraction factor"""
    return (1 - alpha) + alpha * gamma - (1 - alpha * (1 - gamma))


@symbolic_check("td0", "sampled_expectation", "LearningRules.TD0.sampled_expectation_spec")
def sampled_expectation() -> Any:
    """Σ_s d_s Σ_s' P_ss' sampledStep(α, r_s, γ, s, s', V) = V + α D (T V - V) once Σ d = 1 and every
    row of P sums to 1 (the last weight of d and of each row solved from its sum)"""
    d = vec("d", N)
    d[N - 1] = 1 - sum(d[i] for i in range(N - 1))
    P = sym_matrix("p", N)
    for i in range(N):
        P[i, N - 1] = 1 - sum(P[i, j] for j in range(N - 1))
    r, V = vec("r", N), vec("V", N)

    def sampled(s: int, s2: int) -> Any:
        out = sympy.Matrix(V)
        out[s] = V[s] + alpha * (r[s] + gamma * V[s2] - V[s])
        return out

    expected = sum((d[s] * P[s, s2] * sampled(s, s2) for s in range(N) for s2 in range(N)), sympy.zeros(N, 1))
    TV = _bellman(r, P, V)
    weighted = sympy.Matrix([V[i] + alpha * d[i] * (TV[i] - V[i]) for i in range(N)])
    return list(expected - weighted)


@symbolic_check("td0", "jensen_variance", "LearningRules.TD0.stationary_nonexpansive_spec")
def jensen_variance() -> Any:
    """Σ_j p_j (v_j - m)² = Σ_j p_j v_j² - m² for m = Σ_j p_j v_j and Σ_j p_j = 1 (Jensen for finite averages)"""
    p, v = vec("p", N), vec("v", N)
    p[N - 1] = 1 - sum(p[j] for j in range(N - 1))
    m = sum(p[j] * v[j] for j in range(N))
    return sum(p[j] * (v[j] - m) ** 2 for j in range(N)) - (sum(p[j] * v[j] ** 2 for j in range(N)) - m ** 2)


@symbolic_check("td0", "stationary_sum", "LearningRules.TD0.stationary_nonexpansive_spec")
def stationary_sum() -> Any:
    """Σ_i d_i Σ_j P_ij f_j = Σ_j d_j f_j once dᵀP = dᵀ (the last row of P solved from stationarity)"""
    d, f = vec("d", N), vec("f", N)
    P = sym_matrix("p", N)
    for j in range(N):  # d_{N-1} P_{N-1, j} = d_j - Σ_{i < N-1} d_i P_ij
        P[N - 1, j] = (d[j] - sum(d[i] * P[i, j] for i in range(N - 1))) / d[N - 1]
    return sum(d[i] * sum(P[i, j] * f[j] for j in range(N)) for i in range(N)) - sum(d[j] * f[j] for j in range(N))


@symbolic_check("td0", "key_lemma_expansion", "LearningRules.TD0.key_lemma_spec")
def key_lemma_expansion() -> Any:
    """With w = P v, A = ‖v‖²_D, B = ⟪v, D w⟫, C = ‖w‖²_D: ‖v - w‖²_D = (A - B) + (C - B), and
    ⟪v, D(γ w - v)⟫ + (1 - γ) A = γ (B - A) (so B ≤ A gives the key lemma for γ ≥ 0)"""
    d, v = vec("d", N), vec("v", N)
    P = sym_matrix("p", N)
    w = P * v
    ip = lambda x, y: sum(d[i] * x[i] * y[i] for i in range(N))  # noqa: E731
    A, B, C = ip(v, v), ip(v, w), ip(w, w)
    return [ip(v - w, v - w) - ((A - B) + (C - B)), ip(v, gamma * w - v) + (1 - gamma) * A - gamma * (B - A)]


@symbolic_check("td0", "linear_quadratic_form", "LearningRules.TD0.linear_negdef_spec")
def linear_quadratic_form() -> Any:
    """⟪θ, Φᵀ D(γP - I)Φ θ⟫ = ⟪Φθ, D(γPΦθ - Φθ)⟫ (3 states, 2 features): the key lemma applies to v = Φθ"""
    d, theta = vec("d", N), vec("t", 2)
    P, Phi = sym_matrix("p", N), sym_matrix("f", N, 2)
    D = sympy.diag(*d)
    A = Phi.T * D * (gamma * P - sympy.eye(N)) * Phi
    v = Phi * theta
    return (theta.T * A * theta)[0] - (v.T * D * (gamma * P * v - v))[0]


@symbolic_check("td0", "linear_step_direction", "LearningRules.TD0.linear_toward_fixed_point_spec")
def linear_step_direction() -> Any:
    """With b = -A θ* (the TD fixed point): θ + α(Aθ + b) - θ = α A(θ - θ*)"""
    theta, ts = vec("t", 2), vec("s", 2)
    A = sym_matrix("a", 2)
    b = -A * ts
    return list(theta + alpha * (A * theta + b) - theta - alpha * A * (theta - ts))
