"""Gradient descent `w' = w - η • grad w` (mirrors `lean/LearningRules/GradientDescent.lean`)."""

from __future__ import annotations

from typing import Any, Callable

from ..backend import Backend, backend_of, check_finite, check_positive, col

__all__ = ["step", "descent_bound_rhs", "lean_inv"]


def step(grad: Callable[[Any], Any], eta: Any, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """One step `w - η • grad w`, batched (`eta` has shape (B,) or is a scalar; `w` has shape (B, n)).

    Lean: `GradientDescent.step grad η w`. `validate=False` skips input checks (for inner loops).
    """
    bk = bk or backend_of(w)
    if validate:
        check_finite("w", w)
        check_positive("eta", eta)
    return w - col(eta) * grad(w)


def descent_bound_rhs(F_w: Any, eta: Any, L: Any, g: Any, bk: Backend) -> Any:
    """The right side `F w - η (1 - L η / 2) ⟪g, g⟫` of the one-step descent bound."""
    return F_w - eta * (1 - L * eta / 2) * bk.inner(g, g)


def lean_inv(a: Any, bk: Backend) -> Any:
    """`1 / a` with Lean's convention `1 / 0 = 0` (the step `1 / L` of `convex_rate` at `L = 0`)."""
    zero = a == 0
    return bk.where(zero, bk.zeros_like(a), 1 / bk.where(zero, bk.zeros_like(a) + 1, a))
