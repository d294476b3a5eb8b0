"""Symbolic cores of `proofs/LearningRulesProofs/LMS.lean` (dimension 3)."""

from __future__ import annotations

from typing import Any

import sympy

from . import dot, symbolic_check, vec

N = 3
eta, y = sympy.symbols("eta y", real=True)


def _parts() -> tuple[Any, Any, Any, Any]:
    x, w = vec("x", N), vec("w", N)
    err = lambda u: y - dot(u, x)  # noqa: E731
    step = w + (eta * err(w)) * x
    return x, w, err, step


@symbolic_check("lms", "error_step", "LearningRules.LMS.error_step_spec")
def error_step() -> Any:
    """error(w + η e x) = (1 - η⟪x,x⟫) error(w)"""
    x, w, err, step = _parts()
    return err(step) - (1 - eta * dot(x, x)) * err(w)


@symbolic_check("lms", "loss_change", "LearningRules.LMS.loss_decrease_iff_spec")
def loss_change() -> Any:
    """loss(w') - loss(w) = -t(2 - t)·loss(w) with t = η⟪x,x⟫: negative iff 0 < t < 2 when e ≠ 0"""
    x, w, err, step = _parts()
    t = eta * dot(x, x)
    return err(step) ** 2 / 2 - err(w) ** 2 / 2 + t * (2 - t) * err(w) ** 2 / 2


@symbolic_check("lms", "iterate", "LearningRules.LMS.error_iterate_spec")
def iterate() -> Any:
    """three steps on the same sample multiply the error by (1 - η⟪x,x⟫)³"""
    x, w, err, _ = _parts()
    u = w
    for _ in range(3):
        u = u + (eta * err(u)) * x
    return err(u) - (1 - eta * dot(x, x)) ** 3 * err(w)


@symbolic_check("lms", "rate", "LearningRules.LMS.convergence_spec")
def rate() -> Any:
    """ρ - 1 = (1 - t)² - 1 = -t(2 - t), so ρ < 1 iff 0 < t < 2"""
    t = sympy.Symbol("t", real=True)
    return (1 - t) * (1 - t) - 1 + t * (2 - t)
