"""The LMS / delta rule of Widrow and Hoff (mirrors `lean/LearningRules/LMS.lean`).

For a sample `(x, y)` a linear unit with weights `w` makes the error `e = y - ⟪w, x⟫` and moves by
`η e x`. Arrays are batched along a leading axis: `x` and `w` have shape (B, n), `y` and `η` shape (B,)
(or are scalars). One implementation serves float64/float32, exact rationals and torch.

Lean names: `error` ↔ `LMS.error`, `loss` ↔ `LMS.loss`, `step` ↔ `LMS.step`, `iterate` ↔
`LearningRules.iterate (LMS.step η x y) k`.

On a data set `xs` of shape (B, m, n) with targets `ys` of shape (B, m): `corr` ↔ `LMS.corr` (the
correlation matrix `R = (1/m) Σ_i x_i x_iᵀ`), `cross_corr` ↔ `LMS.crossCorr` (`p = (1/m) Σ_i y_i x_i`),
`mse` ↔ `LMS.mse`, `mse_grad` ↔ `LMS.mseGrad` (`R w - p`), `avg_step` ↔ `LMS.avgStep` (the averaged LMS
update) and `avg_iterate` ↔ `LearningRules.iterate (LMS.avgStep η xs ys) k`. As in Lean (`x / 0 = 0`),
every mean over an empty data set (`m = 0`) is `0`.
"""

from __future__ import annotations

from typing import Any

from ..backend import Backend, backend_of, check_finite, check_positive, check_shapes, col

__all__ = ["error", "loss", "step", "iterate", "corr", "cross_corr", "mse", "mse_grad", "avg_step", "avg_iterate",
           "LEAN_NAMES"]

#: Python name → Lean definition it mirrors.
LEAN_NAMES: dict[str, str] = {
    "error": "LearningRules.LMS.error",
    "loss": "LearningRules.LMS.loss",
    "step": "LearningRules.LMS.step",
    "corr": "LearningRules.LMS.corr",
    "cross_corr": "LearningRules.LMS.crossCorr",
    "mse": "LearningRules.LMS.mse",
    "mse_grad": "LearningRules.LMS.mseGrad",
    "avg_step": "LearningRules.LMS.avgStep",
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


# -- averaged LMS on a data set ---------------------------------------------------------------------------
def _validate_data(xs: Any, ys: Any, w: Any) -> None:
    for name, arr in (("xs", xs), ("ys", ys), ("w", w)):
        check_finite(name, arr)
    check_shapes(xs=(xs, ("B", "m", "n")), ys=(ys, ("B", "m")), w=(w, ("B", "n")))


def _mean(total: Any, m: int, bk: Backend) -> Any:
    """`total / m`, and `0` for `m = 0` (Lean's `x / 0 = 0`)."""
    return total / m if m else bk.zeros_like(total)


def corr(xs: Any, bk: Backend | None = None) -> Any:
    """The correlation matrix `R = (1/m) Σ_i x_i x_iᵀ`, shape (B, n, n) (Lean: `LMS.corr xs`)."""
    bk = bk or backend_of(xs)
    return _mean(bk.transpose(xs) @ xs, xs.shape[-2], bk)


def cross_corr(xs: Any, ys: Any, bk: Backend | None = None) -> Any:
    """The cross-correlation `p = (1/m) Σ_i y_i x_i`, shape (B, n) (Lean: `LMS.crossCorr xs ys`)."""
    bk = bk or backend_of(xs)
    return _mean(bk.rmatvec(xs, ys), xs.shape[-2], bk)


def mse(xs: Any, ys: Any, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """The mean squared error `(1/m) Σ_i (y_i - ⟪w, x_i⟫)² / 2` per instance (Lean: `LMS.mse xs ys w`)."""
    bk = bk or backend_of(xs, w)
    if validate:
        _validate_data(xs, ys, w)
    e = ys - bk.matvec(xs, w)
    return _mean(bk.sum(e * e / 2, axis=-1), xs.shape[-2], bk)


def mse_grad(xs: Any, ys: Any, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """The gradient `R w - p` of the mean squared error (Lean: `LMS.mseGrad xs ys w`)."""
    bk = bk or backend_of(xs, w)
    if validate:
        _validate_data(xs, ys, w)
    return bk.matvec(corr(xs, bk), w) - cross_corr(xs, ys, bk)


def avg_step(eta: Any, xs: Any, ys: Any, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """The averaged LMS update `w + (η / m) Σ_i e_i x_i`, `e_i = y_i - ⟪w, x_i⟫` (Lean: `LMS.avgStep η xs ys w`).

    `validate=True` rejects NaN/inf, mismatched shapes and a non-positive `eta`; the catalog passes
    `validate=False` to study step sizes outside the convergent range on purpose.
    """
    bk = bk or backend_of(xs, w)
    if validate:
        _validate_data(xs, ys, w)
        check_positive("eta", eta)
    m = xs.shape[-2]
    if m == 0:
        return w
    e = ys - bk.matvec(xs, w)
    return w + col(eta / m) * bk.rmatvec(xs, e)


def avg_iterate(eta: Any, xs: Any, ys: Any, w: Any, k: int, bk: Backend | None = None, *,
                validate: bool = True) -> list[Any]:
    """The iterates `[w, avg_step w, …, avg_step^[k] w]` of averaged LMS (length `k + 1`)."""
    bk = bk or backend_of(xs, w)
    if validate:
        _validate_data(xs, ys, w)
        check_positive("eta", eta)
    out = [w]
    for _ in range(k):
        out.append(avg_step(eta, xs, ys, out[-1], bk, validate=False))
    return out
