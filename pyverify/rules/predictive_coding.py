"""Predictive-coding inference, linear Gaussian, two layers (mirrors `lean/LearningRules/PredictiveCoding.lean`).

The latent cause `mu` (n) explains the observation `x` (m) through `x ≈ W mu`, with a Gaussian prior of
precision `lam` around `mu0`; inference descends the free energy
`E(mu) = ½⟪x - W mu, x - W mu⟫ + ½ lam ⟪mu - mu0, mu - mu0⟫`. Arrays are batched: `W` (B, m, n),
`x` (B, m), `mu`, `mu0` (B, n), `lam` and `gamma` (B,) or scalars.

Lean names: `energy` ↔ `PredictiveCoding.energy`, `grad` ↔ `PredictiveCoding.grad`, `step` ↔
`PredictiveCoding.step`.
"""

from __future__ import annotations

from typing import Any

from ..backend import Backend, backend_of, check_finite, check_positive, check_shapes, col

__all__ = ["energy", "grad", "step", "prediction_error", "LEAN_NAMES"]

LEAN_NAMES: dict[str, str] = {
    "energy": "LearningRules.PredictiveCoding.energy",
    "grad": "LearningRules.PredictiveCoding.grad",
    "step": "LearningRules.PredictiveCoding.step",
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
