"""The perceptron and its training loop (mirrors `lean/LearningRules/Perceptron.lean`).

Arrays are batched along a leading axis: a sample `x` has shape (B, n), a label `y` shape (B,),
weights `w` shape (B, n); a data set `xs` has shape (B, m, n) and `ys` shape (B, m). A sequence of
update indices (Lean: `l : List (Fin m)`) is given as one-hot selection rows `S` of shape (B, k, m),
so that the same code runs on floats, exact rationals and torch without gathers.
"""

from __future__ import annotations

from typing import Any

from ..backend import Backend, backend_of, check_finite, check_shapes
from ..errors import InvalidArgumentError

__all__ = ["update", "is_mistake", "run", "train", "visit", "check_labels", "check_data"]


def update(x: Any, y: Any, w: Any, bk: Backend | None = None) -> Any:
    """The perceptron update `w + y • x` (Lean: `Perceptron.update x y w`)."""
    bk = bk or backend_of(w, x)
    return w + y[..., None] * x


def is_mistake(x: Any, y: Any, w: Any, bk: Backend | None = None) -> Any:
    """`y * ⟪w, x⟫ ≤ 0` per instance (Lean: `Perceptron.IsMistake x y w`)."""
    bk = bk or backend_of(w, x)
    return y * bk.inner(w, x) <= 0


def check_labels(ys: Any, bk: Backend) -> None:
    """Raise unless every label is `1` or `-1` (Lean: `Perceptron.IsLabels ys`)."""
    ok = (ys - 1) * (ys + 1) == 0
    if not _all(ok, bk):
        raise InvalidArgumentError("ys holds a label other than 1 or -1; pass labels in {1, -1}")


def _all(mask: Any, bk: Backend) -> bool:
    if bk.is_torch:
        return bool(mask.all())
    import numpy as np

    return bool(np.all(np.asarray(mask, dtype=bool)))


def check_data(xs: Any, ys: Any, w: Any, bk: Backend) -> None:
    """Validate a batched data set `xs` (B, m, n), labels `ys` (B, m) and weights `w` (B, n)."""
    check_finite("xs", xs)
    check_finite("ys", ys)
    check_finite("w", w)
    check_shapes(xs=(xs, ("B", "m", "n")), ys=(ys, ("B", "m")), w=(w, ("B", "n")))
    check_labels(ys, bk)


def run(xs: Any, ys: Any, S: Any, w: Any, bk: Backend | None = None) -> Any:
    """The weights after updating on the selected samples in order (Lean: `Perceptron.run xs ys l w`).

    `S` has shape (B, k, m): row `t` is the one-hot indicator of the `t`-th index of `l`.
    """
    bk = bk or backend_of(w, xs)
    for t in range(S.shape[-2]):
        sel = S[..., t, :]
        w = update(bk.rmatvec(xs, sel), bk.inner(sel, ys), w, bk)
    return w


def visit(xs: Any, ys: Any, w: Any, count: Any, i: int, bk: Backend) -> tuple[Any, Any]:
    """Visit sample `i` of every instance: update and count where it is a mistake (Lean: `visit`)."""
    x, y = xs[..., i, :], ys[..., i]
    mistake = y * bk.inner(w, x) <= 0
    w = bk.where(mistake[..., None], update(x, y, w, bk), w)
    return w, count + bk.where(mistake, bk.const(1) + bk.zeros_like(y), bk.zeros_like(y))


def train(fuel: int, xs: Any, ys: Any, w: Any, bk: Backend | None = None, *, validate: bool = True) -> tuple[Any, Any]:
    """`fuel` cyclic passes over the data from `w`, updating on every mistake (Lean: `Perceptron.train`).

    Returns the final weights (B, n) and the number of updates per instance (B,), the latter as a
    backend array (exact integers in exact mode) so that `updates * γ * γ ≤ R2 * ⟪u, u⟫` can be
    compared without rounding. Once a whole pass makes no update in any instance the loop stops early:
    such a pass is a fixed point (Lean: `foldl_visit_of_separates`), so the result is that of all
    `fuel` passes.
    """
    bk = bk or backend_of(w, xs)
    if not isinstance(fuel, int) or isinstance(fuel, bool) or fuel < 0:
        raise InvalidArgumentError(f"fuel={fuel!r} must be a non-negative int; pass a number of passes")
    if validate:
        check_data(xs, ys, w, bk)
    count = bk.sum(bk.zeros_like(ys), axis=-1)  # zeros of shape (B,), also when m = 0
    for _ in range(fuel):
        before = count
        for i in range(xs.shape[-2]):
            w, count = visit(xs, ys, w, count, i, bk)
        if not _any_changed(before, count, bk):
            break  # a pass with no update is a fixed point: the remaining passes change nothing
    return w, count


def _any_changed(before: Any, after: Any, bk: Backend) -> bool:
    diff = after != before
    if bk.is_torch:
        return bool(diff.any())
    import numpy as np

    return bool(np.any(np.asarray(diff, dtype=bool)))
