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


# -- averaged LMS on a data set (m = 3 samples, dimension 2) ---------------------------------------------
M_SAMPLES, N_DATA = 3, 2


def _data() -> tuple[list[Any], list[Any], Any, Any, Any]:
    xs = [vec(f"x{i}_", N_DATA) for i in range(M_SAMPLES)]
    ys = list(sympy.symbols(f"y0:{M_SAMPLES}", real=True))
    w = vec("w", N_DATA)
    R = sum((x * x.T for x in xs), sympy.zeros(N_DATA, N_DATA)) / M_SAMPLES
    p = sum((y_ * x for x, y_ in zip(xs, ys)), sympy.zeros(N_DATA, 1)) / M_SAMPLES
    return xs, ys, w, R, p


def _mse(xs: list[Any], ys: list[Any], u: Any) -> Any:
    return sum(((y_ - dot(u, x)) ** 2 / 2 for x, y_ in zip(xs, ys)), sympy.Integer(0)) / M_SAMPLES


@symbolic_check("lms", "avg_step_eq_gd", "LearningRules.LMS.avg_step_eq_gd_spec")
def avg_step_eq_gd() -> Any:
    """w + (η/m) Σ e_i x_i = w - η (R w - p) with R = (1/m) Σ x_i x_iᵀ, p = (1/m) Σ y_i x_i"""
    xs, ys, w, R, p = _data()
    avg = w + (eta / M_SAMPLES) * sum(((y_ - dot(w, x)) * x for x, y_ in zip(xs, ys)), sympy.zeros(N_DATA, 1))
    return avg - (w - eta * (R * w - p))


@symbolic_check("lms", "mse_taylor", "LearningRules.LMS.mse_taylor_spec")
def mse_taylor() -> Any:
    """mse(w + d) = mse w + ⟪R w - p, d⟫ + ⟪d, R d⟫/2"""
    xs, ys, w, R, p = _data()
    d = vec("d", N_DATA)
    return _mse(xs, ys, w + d) - (_mse(xs, ys, w) + dot(R * w - p, d) + dot(d, R * d) / 2)


@symbolic_check("lms", "pl_square", "LearningRules.LMS.avg_contraction_spec")
def pl_square() -> Any:
    """PL by completing the square: with d = w⋆ - w, ⟪g,g⟫ - 2μ(mse w - mse w⋆) = ⟪g + μd, g + μd⟫ + μ(⟪d,Rd⟫ - μ⟪d,d⟫)"""
    xs, ys, w, R, p = _data()
    mu = sympy.Symbol("mu", real=True)
    ws = vec("ws", N_DATA)
    g, d = R * w - p, ws - w
    lhs = dot(g, g) - 2 * mu * (_mse(xs, ys, w) - _mse(xs, ys, ws))
    return lhs - (dot(g + mu * d, g + mu * d) + mu * (dot(d, R * d) - mu * dot(d, d)))


@symbolic_check("lms", "contraction_factor", "LearningRules.LMS.avg_rate_spec")
def contraction_factor() -> Any:
    """descent + PL: (2Mw - η(2 - Lη)·2μ(Mw - Ms) - 2Ms) = 2ρ(Mw - Ms), and 1 - Lη(2 - Lη) = (1 - Lη)² ≥ 0"""
    Mw, Ms, mu, L_ = sympy.symbols("Mw Ms mu L", real=True)
    rho = 1 - mu * eta * (2 - L_ * eta)
    first = (2 * Mw - eta * (2 - L_ * eta) * 2 * mu * (Mw - Ms) - 2 * Ms) - 2 * rho * (Mw - Ms)
    second = (1 - L_ * eta * (2 - L_ * eta)) - (1 - L_ * eta) ** 2
    return [first, second]
