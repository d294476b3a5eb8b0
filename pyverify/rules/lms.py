"""The LMS / delta rule of Widrow and Hoff (mirrors `lean/LearningRules/LMS.lean`).

For a sample `(x, y)` a linear unit with weights `w` makes the error `e = y - ⟪w, x⟫` and moves by
`η e x`. Arrays are batched along a leading axis: `x` and `w` have shape (B, n), `y` and `η` shape (B,)
(or are scalars). One implementation serves float64/float32, exact rationals and torch.

Lean names: `error` ↔ `LMS.error`, `loss` ↔ `LMS.loss`, `step` ↔ `LMS.step`, `iterate` ↔
`LearningRules.iterate (LMS.step η x y) k`.
"""

from __future__ import annotations

from typing import Any

from ..backend import Backend, backend_of, check_finite, check_positive, check_shapes, col

__all__ = ["error", "loss", "step", "iterate", "LEAN_NAMES"]

#: Python name → Lean definition it mirrors.
LEAN_NAMES: dict[str, str] = {
    "error": "LearningRules.LMS.error",
    "loss": "LearningRules.LMS.loss",
    "step": "LearningRules.LMS.step",
}



def _validate(x: Any, y: Any, w: Any) -> None:
    for name, arr in (("x", x), ("y", y), ("w", w)):
        check_finite(name, arr)
    check_shapes(x=(x, ("n",)), w=(w, ("n",)))


def error(x: Any, y: Any, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """The error `y - ⟪w, x⟫` per instance (Lean: `LMS.error x y w`)."""
    bk = bk or backend_of(x, w)
    if validate:
        _validate(x, y, w)
    return y - bk.inner(w, x)


def loss(x: Any, y: Any, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """The squared error `e * e / 2` per instance (Lean: `LMS.loss x y w`)."""
    e = error(x, y, w, bk, validate=validate)
    return e * e / 2


def step(eta: Any, x: Any, y: Any, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """One update `w + (η e) x` with `e = y - ⟪w, x⟫` (Lean: `LMS.step η x y w`).

    `validate=True` rejects NaN/inf, mismatched shapes and a non-positive `eta`; the catalog passes
    `validate=False` to study step sizes outside the convergent range on purpose.
    """
    bk = bk or backend_of(x, w)
    if validate:
        _validate(x, y, w)
        check_positive("eta", eta)
    e = error(x, y, w, bk, validate=False)
    return w + col(eta * e) * x


def iterate(eta: Any, x: Any, y: Any, w: Any, k: int, bk: Backend | None = None, *, validate: bool = True) -> list[Any]:
    """The iterates `[w, step w, …, step^[k] w]` on the repeated sample `(x, y)` (length `k + 1`)."""
    bk = bk or backend_of(x, w)
    if validate:
        _validate(x, y, w)
        check_positive("eta", eta)
    out = [w]
    for _ in range(k):
        out.append(step(eta, x, y, out[-1], bk, validate=False))
    return out
