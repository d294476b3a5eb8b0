"""Predictive-coding inference, linear Gaussian, two layers (mirrors `lean/LearningRules/PredictiveCoding.lean`).

The latent cause `mu` (n) explains the observation `x` (m) through `x ≈ W mu`, with a Gaussian prior of
precision `lam` around `mu0`; inference descends the free energy
`E(mu) = ½⟪x - W mu, x - W mu⟫ + ½ lam ⟪mu - mu0, mu - mu0⟫`. Arrays are batched: `W` (B, m, n),
`x` (B, m), `mu`, `mu0` (B, n), `lam` and `gamma` (B,) or scalars.

Lean names: `energy` ↔ `PredictiveCoding.energy`, `grad` ↔ `PredictiveCoding.grad`, `step` ↔
`PredictiveCoding.step`.

Two-layer linear network against backpropagation (Whittington and Bogacz, 2017): input `x` (n), hidden
value node `mu` (h), output clamped to `y` (p), `W1` (h, n), `W2` (p, h). `hidden_error` ↔ `hiddenError`,
`output_error` ↔ `outputError`, `net_energy` ↔ `netEnergy`, `net_grad` ↔ `netGrad`, `bp_error` ↔ `bpError`,
`pc_update1`/`pc_update2` ↔ `pcUpdate₁`/`pcUpdate₂`, `bp_update1`/`bp_update2` ↔ `bpUpdate₁`/`bpUpdate₂`,
`outer` ↔ `outer` (see `LEAN_NAMES`).
"""

from __future__ import annotations

from typing import Any

from ..backend import Backend, backend_of, check_finite, check_positive, check_shapes, col

__all__ = ["energy", "grad", "step", "prediction_error", "outer", "hidden_error", "output_error", "net_energy",
           "net_grad", "bp_error", "pc_update1", "pc_update2", "bp_update1", "bp_update2", "LEAN_NAMES"]

LEAN_NAMES: dict[str, str] = {
    "energy": "LearningRules.PredictiveCoding.energy",
    "grad": "LearningRules.PredictiveCoding.grad",
    "step": "LearningRules.PredictiveCoding.step",
    "outer": "LearningRules.PredictiveCoding.outer",
    "hidden_error": "LearningRules.PredictiveCoding.hiddenError",
    "output_error": "LearningRules.PredictiveCoding.outputError",
    "net_energy": "LearningRules.PredictiveCoding.netEnergy",
    "net_grad": "LearningRules.PredictiveCoding.netGrad",
    "bp_error": "LearningRules.PredictiveCoding.bpError",
    "pc_update1": "LearningRules.PredictiveCoding.pcUpdate₁",
    "pc_update2": "LearningRules.PredictiveCoding.pcUpdate₂",
    "bp_update1": "LearningRules.PredictiveCoding.bpUpdate₁",
    "bp_update2": "LearningRules.PredictiveCoding.bpUpdate₂",
}



def _validate(W: Any, lam: Any, mu0: Any, x: Any, mu: Any) -> None:
    for name, arr in (("W", W), ("lam", lam), ("mu0", mu0), ("x", x), ("mu", mu)):
        check_finite(name, arr)
    check_shapes(W=(W, ("m", "n")), mu0=(mu0, ("n",)), x=(x, ("m",)), mu=(mu, ("n",)))


def prediction_error(W: Any, x: Any, mu: Any, bk: Backend | None = None) -> Any:
    """The bottom-up prediction error `x - W mu`."""
    bk = bk or backend_of(W, x, mu)
    return x - bk.matvec(W, mu)


def energy(W: Any, lam: Any, mu0: Any, x: Any, mu: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """`⟪x - W mu, x - W mu⟫ / 2 + lam / 2 * ⟪mu - mu0, mu - mu0⟫` (Lean: `PredictiveCoding.energy`)."""
    bk = bk or backend_of(W, x, mu)
    if validate:
        _validate(W, lam, mu0, x, mu)
    r = prediction_error(W, x, mu, bk)
    d = mu - mu0
    return bk.inner(r, r) / 2 + lam / 2 * bk.inner(d, d)


def grad(W: Any, lam: Any, mu0: Any, x: Any, mu: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """`lam • (mu - mu0) - Wᵀ (x - W mu)` (Lean: `PredictiveCoding.grad W lam mu0 x mu`)."""
    bk = bk or backend_of(W, x, mu)
    if validate:
        _validate(W, lam, mu0, x, mu)
    return col(lam) * (mu - mu0) - bk.rmatvec(W, prediction_error(W, x, mu, bk))


def step(gamma: Any, W: Any, lam: Any, mu0: Any, x: Any, mu: Any, bk: Backend | None = None,
         *, validate: bool = True) -> Any:
    """One inference step `mu - γ • grad` (Lean: `PredictiveCoding.step γ W lam mu0 x mu`)."""
    if validate:
        _validate(W, lam, mu0, x, mu)
        check_positive("gamma", gamma)
    return mu - col(gamma) * grad(W, lam, mu0, x, mu, bk, validate=False)


# -- two-layer linear network against backpropagation ------------------------------------------------------
def outer(a: Any, b: Any, bk: Backend | None = None) -> Any:
    """The outer product `a bᵀ`, `(i, j) ↦ a_i b_j` (Lean: `PredictiveCoding.outer a b`)."""
    bk = bk or backend_of(a, b)
    return bk.outer(a, b)


def hidden_error(W1: Any, x: Any, mu: Any, bk: Backend | None = None) -> Any:
    """`mu - W1 x` (Lean: `PredictiveCoding.hiddenError W₁ x μ`)."""
    bk = bk or backend_of(W1, x, mu)
    return mu - bk.matvec(W1, x)


def output_error(W2: Any, y: Any, mu: Any, bk: Backend | None = None) -> Any:
    """`y - W2 mu` (Lean: `PredictiveCoding.outputError W₂ y μ`)."""
    bk = bk or backend_of(W2, y, mu)
    return y - bk.matvec(W2, mu)


def net_energy(W1: Any, W2: Any, x: Any, y: Any, mu: Any, bk: Backend | None = None) -> Any:
    """`½⟪mu - W1 x, mu - W1 x⟫ + ½⟪y - W2 mu, y - W2 mu⟫` (Lean: `PredictiveCoding.netEnergy`)."""
    bk = bk or backend_of(W1, W2, x, y, mu)
    e1, e2 = hidden_error(W1, x, mu, bk), output_error(W2, y, mu, bk)
    return bk.inner(e1, e1) / 2 + bk.inner(e2, e2) / 2


def net_grad(W1: Any, W2: Any, x: Any, y: Any, mu: Any, bk: Backend | None = None) -> Any:
    """`hiddenError - W2ᵀ outputError`, the gradient of `net_energy` in `mu` (Lean: `PredictiveCoding.netGrad`)."""
    bk = bk or backend_of(W1, W2, x, y, mu)
    check_shapes(W1=(W1, ("h", "n")), W2=(W2, ("p", "h")), x=(x, ("n",)), y=(y, ("p",)), mu=(mu, ("h",)))
    return hidden_error(W1, x, mu, bk) - bk.rmatvec(W2, output_error(W2, y, mu, bk))


def bp_error(W1: Any, W2: Any, x: Any, y: Any, bk: Backend | None = None) -> Any:
    """Backpropagation's output error `δ = y - W2 (W1 x)` (Lean: `PredictiveCoding.bpError`)."""
    bk = bk or backend_of(W1, W2, x, y)
    return y - bk.matvec(W2, bk.matvec(W1, x))


def pc_update1(W1: Any, x: Any, mu: Any, bk: Backend | None = None) -> Any:
    """PC's first-layer update `(mu - W1 x) xᵀ` (Lean: `PredictiveCoding.pcUpdate₁ W₁ x μ`)."""
    bk = bk or backend_of(W1, x, mu)
    return bk.outer(hidden_error(W1, x, mu, bk), x)


def pc_update2(W2: Any, y: Any, mu: Any, bk: Backend | None = None) -> Any:
    """PC's second-layer update `(y - W2 mu) muᵀ` (Lean: `PredictiveCoding.pcUpdate₂ W₂ y μ`)."""
    bk = bk or backend_of(W2, y, mu)
    return bk.outer(output_error(W2, y, mu, bk), mu)


def bp_update1(W2: Any, x: Any, d: Any, bk: Backend | None = None) -> Any:
    """Backprop's first-layer update with output error `d`: `(W2ᵀ d) xᵀ` (Lean: `PredictiveCoding.bpUpdate₁`)."""
    bk = bk or backend_of(W2, x, d)
    return bk.outer(bk.rmatvec(W2, d), x)


def bp_update2(W1: Any, x: Any, d: Any, bk: Backend | None = None) -> Any:
    """Backprop's second-layer update with output error `d`: `d (W1 x)ᵀ` (Lean: `PredictiveCoding.bpUpdate₂`)."""
    bk = bk or backend_of(W1, x, d)
    return bk.outer(d, bk.matvec(W1, x))
