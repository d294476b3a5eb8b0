"""Symbolic cores of `proofs/LearningRulesProofs/FeedbackAlignment.lean` (n = 2, h = 2, p = 2)."""

from __future__ import annotations

from typing import Any

import sympy

from . import dot, sym_matrix, symbolic_check, vec

eta = sympy.symbols("eta", real=True)


@symbolic_check("feedback_alignment", "first_order", "LearningRules.FeedbackAlignment.first_order_spec")
def first_order() -> Any:
    """loss(W₁ - η (B e) xᵀ) = loss - η ⟪e, W₂ B e⟫ ⟪x, x⟫ + η² ⟪x, x⟫² ⟪u, u⟫ / 2, u = W₂ B e"""
    W1, W2, B = sym_matrix("a", 2), sym_matrix("v", 2), sym_matrix("f", 2)
    x, y = vec("x", 2), vec("y", 2)
    loss = lambda W: dot(W2 * W * x - y, W2 * W * x - y) / 2  # noqa: E731
    e = W2 * W1 * x - y
    u = W2 * B * e
    W1n = W1 - eta * (B * e) * x.T
    xx = dot(x, x)
    return loss(W1n) - (loss(W1) - eta * dot(e, u) * xx + eta**2 * xx**2 * dot(u, u) / 2)


@symbolic_check("feedback_alignment", "descent_factor", "LearningRules.FeedbackAlignment.improves_spec")
def descent_factor() -> Any:
    """-η⟪e,u⟫s + η² s² ⟪u,u⟫/2 = η s (η s ⟪u,u⟫ - 2⟪e,u⟫)/2: negative iff η s ⟪u,u⟫ < 2⟪e,u⟫ (η, s > 0)"""
    s, eu, uu = sympy.symbols("s eu uu", real=True)
    return (-eta * eu * s + eta**2 * s**2 * uu / 2) - eta * s * (eta * s * uu - 2 * eu) / 2


@symbolic_check("feedback_alignment", "uniform_bound", "LearningRules.FeedbackAlignment.improves_spec")
def uniform_bound() -> Any:
    """2⟪e,u⟫ - t⟪u,u⟫ = 2(⟪e,u⟫ - αE) + (2α - tβ)E + t(βE - ⟪u,u⟫): each term ≥ 0 (one > 0) under the bounds"""
    t, al, be, E, eu, uu = sympy.symbols("t alpha beta E eu uu", real=True)
    return (2 * eu - t * uu) - (2 * (eu - al * E) + (2 * al - t * be) * E + t * (be * E - uu))


@symbolic_check("feedback_alignment", "bp_descent", "LearningRules.FeedbackAlignment.bp_descent_spec")
def bp_descent() -> Any:
    """loss(W₁ - η (W₂ᵀ e) xᵀ) = loss - η ⟪g, g⟫_F + η² ⟪x, x⟫² ⟪W₂ W₂ᵀ e, W₂ W₂ᵀ e⟫ / 2, g = (W₂ᵀ e) xᵀ"""
    W1, W2 = sym_matrix("a", 2), sym_matrix("v", 2)
    x, y = vec("x", 2), vec("y", 2)
    loss = lambda W: dot(W2 * W * x - y, W2 * W * x - y) / 2  # noqa: E731
    e = W2 * W1 * x - y
    g = (W2.T * e) * x.T
    w = W2 * W2.T * e
    frob = sum(g[i, j] ** 2 for i in range(2) for j in range(2))
    xx = dot(x, x)
    return loss(W1 - eta * g) - (loss(W1) - eta * frob + eta**2 * xx**2 * dot(w, w) / 2)


@symbolic_check("feedback_alignment", "bias", "LearningRules.FeedbackAlignment.bias_spec")
def bias() -> Any:
    """⟪(B e) xᵀ, (W₂ᵀ e) xᵀ⟫_F = ⟪W₂ᵀ e, B e⟫ ⟪x, x⟫"""
    W1, W2, B = sym_matrix("a", 2), sym_matrix("v", 2), sym_matrix("f", 2)
    x, y = vec("x", 2), vec("y", 2)
    e = W2 * W1 * x - y
    d, g = (B * e) * x.T, (W2.T * e) * x.T
    return sum(d[i, j] * g[i, j] for i in range(2) for j in range(2)) - dot(W2.T * e, B * e) * dot(x, x)
