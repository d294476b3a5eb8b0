"""Gradient descent `w' = w - η • grad w` (mirrors `lean/LearningRules/GradientDescent.lean`) and Nesterov's
accelerated gradient method (mirrors `lean/LearningRules/GradientDescentNesterov.lean`)."""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from ..backend import Backend, backend_of, check_finite, check_positive, col
from ..errors import InvalidArgumentError

__all__ = ["step", "descent_bound_rhs", "lean_inv", "NesterovState", "nesterov_step", "nesterov"]


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


class NesterovState(NamedTuple):
    """A state `(x_k, y_k, t_k)` of Nesterov's method (Lean: `GradientDescent.NesterovState`).

    `x` and `y` have shape (B, n); `t` is the momentum parameter, one scalar for the whole batch (it does not
    depend on the instance: `t_k = (k + 2)/2`).
    """

    x: Any
    y: Any
    t: Any


def nesterov_step(grad: Callable[[Any], Any], L: Any, s: NesterovState, bk: Backend) -> NesterovState:
    """One step `x' = y - (1/L) • grad y`, `t' = t + 1/2`, `y' = x' + ((t - 1)/t') • (x' - x)`.

    Lean: `GradientDescent.nesterovStep grad L s`, with Lean's `1 / 0 = 0` for `L = 0` (the method stands
    still). `L` has shape (B,) or is a scalar.
    """
    inv_L = lean_inv(L if hasattr(L, "shape") else bk.asarray(L), bk)
    x1 = step(grad, inv_L, s.y, bk, validate=False)
    t1 = s.t + bk.const(1, 2)
    return NesterovState(x1, x1 + (s.t - 1) / t1 * (x1 - s.x), t1)


def nesterov(grad: Callable[[Any], Any], L: Any, w0: Any, k: int, bk: Backend | None = None, *,
             validate: bool = True) -> list[NesterovState]:
    """The states `[s_0, …, s_k]` of Nesterov's accelerated gradient method with step `1/L` and `t_j = (j + 2)/2`.

    Lean: `GradientDescent.nesterov grad L j w0` is `s_j` (start `(w₀, w₀, 1)`). `w0` has shape (B, n) and `L`
    shape (B,) or is a scalar; in exact modes every state is exact.
    """
    bk = bk or backend_of(w0)
    if validate:
        if isinstance(k, bool) or not isinstance(k, int) or k < 0:
            raise InvalidArgumentError(f"k={k!r} must be a natural number; pass the number of steps as an int ≥ 0")
        check_finite("w0", w0)
        check_finite("L", L)
    s = NesterovState(w0, w0, bk.const(1))
    out = [s]
    for _ in range(k):
        s = nesterov_step(grad, L, s, bk)
        out.append(s)
    return out
