"""Symbolic cores of `proofs/LearningRulesProofs/Hebbian.lean` (dimension 3)."""

from __future__ import annotations

from typing import Any

import sympy

from . import dot, sym_matrix, symbolic_check, vec

N = 3
eta = sympy.symbols("eta", real=True)


@symbolic_check("hebbian", "increment", "LearningRules.Hebbian.increment_spec")
def increment() -> Any:
    """objective(step) - objective = η y² s + η² y² s² / 2 (y = ⟪w, x⟫, s = ⟪x, x⟫)"""
    x, w = vec("x", N), vec("w", N)
    y, s = dot(w, x), dot(x, x)
    w1 = w + eta * y * x
    return dot(w1, x) ** 2 / 2 - y**2 / 2 - (eta * y**2 * s + eta**2 * y**2 * s**2 / 2)


@symbolic_check("hebbian", "incrementC", "LearningRules.Hebbian.incrementC_spec")
def incrementC() -> Any:
    """For symmetric C: objectiveC(w + ηCw) - objectiveC(w) = η⟪Cw, Cw⟫ + η²/2 ⟪Cw, C Cw⟫"""
    C = sym_matrix("c", N, symmetric=True)
    w = vec("w", N)
    Cw = C * w
    F = lambda v: dot(v, C * v) / 2  # noqa: E731
    return F(w + eta * Cw) - F(w) - (eta * dot(Cw, Cw) + eta**2 / 2 * dot(Cw, C * Cw))


@symbolic_check("hebbian", "output_growth", "LearningRules.Hebbian.growth_spec")
def output_growth() -> Any:
    """⟪step w, x⟫ = (1 + η⟪x, x⟫) ⟪w, x⟫: the output grows geometrically"""
    x, w = vec("x", N), vec("w", N)
    return dot(w + eta * dot(w, x) * x, x) - (1 + eta * dot(x, x)) * dot(w, x)


@symbolic_check("hebbian", "rayleigh", "LearningRules.Hebbian.rayleigh_spec")
def rayleigh() -> Any:
    """For symmetric C, w' = w + ηCw: ⟪w', Cw'⟫⟪w, w⟫ - ⟪w, Cw⟫⟪w', w'⟫ = 2η(a₀a₂ - a₁²) + η²(a₀a₃ - a₁a₂),
    a₀ = ⟪w, w⟫, a₁ = ⟪w, Cw⟫, a₂ = ⟪Cw, Cw⟫, a₃ = ⟪Cw, C Cw⟫ (both brackets ≥ 0 by Cauchy–Schwarz)"""
    C = sym_matrix("c", N, symmetric=True)
    w = vec("w", N)
    Cw = C * w
    w1 = w + eta * Cw
    a0, a1, a2, a3 = dot(w, w), dot(w, Cw), dot(Cw, Cw), dot(Cw, C * Cw)
    lhs = dot(w1, C * w1) * a0 - a1 * dot(w1, w1)
    return lhs - (2 * eta * (a0 * a2 - a1**2) + eta**2 * (a0 * a3 - a1 * a2))


@symbolic_check("hebbian", "cauchy_schwarz_quad", "LearningRules.Hebbian.rayleigh_spec")
def cauchy_schwarz_quad() -> Any:
    """q(s, t) = ⟪s x - t y, C (s x - t y)⟫ = s²A - 2stB + t²D, and q(D, B) = D(AD - B²) (symmetric C)"""
    C = sym_matrix("c", N, symmetric=True)
    x, y = vec("x", N), vec("y", N)
    A, B, D = dot(x, C * x), dot(x, C * y), dot(y, C * y)
    v = D * x - B * y
    return dot(v, C * v) - D * (A * D - B**2)
