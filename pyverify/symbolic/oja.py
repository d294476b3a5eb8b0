"""Symbolic cores of `proofs/LearningRulesProofs/Oja.lean` (dimension 3)."""

from __future__ import annotations

from typing import Any

import sympy

from . import dot, symbolic_check, vec

N = 3
eta = sympy.symbols("eta", real=True)


def _parts() -> tuple[Any, Any, Any, Any, Any]:
    x, w = vec("x", N), vec("w", N)
    y = dot(w, x)
    d = x - y * w
    return x, w, y, d, w + eta * y * d


@symbolic_check("oja", "inner_update", "LearningRules.Oja.inner_update_spec")
def inner_update() -> Any:
    """⟪w, w' - w⟫ = η y² (1 - ⟪w, w⟫)"""
    _, w, y, _, w1 = _parts()
    return dot(w, w1 - w) - eta * y**2 * (1 - dot(w, w))


@symbolic_check("oja", "norm_identity", "LearningRules.Oja.norm_identity_spec")
def norm_identity() -> Any:
    """⟪w', w'⟫ - 1 = (1 - 2ηy²)(⟪w, w⟫ - 1) + η² y² ⟪d, d⟫ with d = x - y w"""
    _, w, y, d, w1 = _parts()
    return dot(w1, w1) - 1 - ((1 - 2 * eta * y**2) * (dot(w, w) - 1) + eta**2 * y**2 * dot(d, d))


@symbolic_check("oja", "norm_change", "LearningRules.Oja.norm_decrease_spec")
def norm_change() -> Any:
    """⟪w', w'⟫ - ⟪w, w⟫ = η y² (η ⟪d, d⟫ - 2 (⟪w, w⟫ - 1)): the sign of the change (increase and decrease specs)"""
    _, w, y, d, w1 = _parts()
    return dot(w1, w1) - dot(w, w) - eta * y**2 * (eta * dot(d, d) - 2 * (dot(w, w) - 1))


@symbolic_check("oja", "eigen_fixed", "LearningRules.Oja.eigen_fixed_iff_spec")
def eigen_fixed() -> Any:
    """For C w = λ w: stepC η C w - w = η(C w - ⟪w, C w⟫ w) = η λ (1 - ⟪w, w⟫) w (C = λ I on w)"""
    lam = sympy.symbols("lam", real=True)
    w = vec("w", 3)
    C = lam * sympy.eye(3)
    Cw = C * w
    step = w + eta * (Cw - dot(w, Cw) * w)
    return (step - w) - eta * lam * (1 - dot(w, w)) * w

