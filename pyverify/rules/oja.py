"""Oja's rule (mirrors `lean/LearningRules/Oja.lean`).

`w' = w + η y (x - y w)` with output `y = ⟪w, x⟫`. Arrays are batched: `x`, `w` have shape (B, n),
`eta` shape (B,) or scalar.
"""

from __future__ import annotations

from typing import Any

from ..backend import Backend, backend_of, check_finite, check_positive, check_shapes, col

__all__ = ["step", "stepC", "residual", "norm_identity_rhs", "validate"]



def validate(eta: Any, x: Any, w: Any) -> None:
    """Check finite data, a positive step size and matching shapes."""
    check_positive("eta", eta)
    check_finite("x", x)
    check_finite("w", w)
    check_shapes(x=(x, ("n",)), w=(w, ("n",)))


def residual(x: Any, w: Any, bk: Backend | None = None) -> Any:
    """`d = x - ⟪w, x⟫ • w`, the direction of the update."""
    bk = bk or backend_of(w, x)
    return x - bk.inner(w, x)[..., None] * w


def step(eta: Any, x: Any, w: Any, bk: Backend | None = None, *, validate_input: bool = False) -> Any:
    """One step `w + (η ⟪w, x⟫) • (x - ⟪w, x⟫ • w)` (Lean: `Oja.step η x w`)."""
    bk = bk or backend_of(w, x)
    if validate_input:
        validate(eta, x, w)
    y = bk.inner(w, x)
    return w + (col(eta) * y[..., None]) * residual(x, w, bk)


def norm_identity_rhs(eta: Any, x: Any, w: Any, bk: Backend | None = None) -> Any:
    """`(1 - 2 η y²)(⟪w, w⟫ - 1) + η² y² ⟪d, d⟫`, which equals `⟪w', w'⟫ - 1`."""
    bk = bk or backend_of(w, x)
    y = bk.inner(w, x)
    d = residual(x, w, bk)
    return (1 - 2 * eta * (y * y)) * (bk.inner(w, w) - 1) + eta * eta * (y * y) * bk.inner(d, d)


def stepC(eta: Any, C: Any, w: Any, bk: Backend | None = None) -> Any:
    """The averaged step `w + η • (C w - ⟪w, C w⟫ • w)` (Lean: `Oja.stepC η C w`); `C` has shape (B, n, n)."""
    bk = bk or backend_of(w, C)
    Cw = bk.matvec(C, w)
    return w + col(eta) * (Cw - bk.inner(w, Cw)[..., None] * w)
