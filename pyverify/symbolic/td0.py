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
