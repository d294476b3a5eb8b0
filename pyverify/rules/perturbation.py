"""Weight and node perturbation (mirrors `lean/LearningRules/Perturbation.lean`).

Estimators take a batched objective `F` (a callable on weights of shape (B, ..., n) returning
(B, ...)), a perturbation size `sigma` (B,), weights `w` (B, n) and directions `xi` (B, n) — or a
whole direction set `dirs` (B, m, n), evaluated at once. The Lean names `twoPoint`, `onePoint`,
`pmAverage`, `meanUpdate` and `nodeStep` are kept verbatim.

Division follows Lean's convention `a / 0 = 0` (so that a necessity check with `σ = 0` computes
what the Lean definitions compute); pass `validate=True` to reject `σ = 0` instead.

The Rademacher estimator `rademacherEstimate(g, ξ) = ⟪g, ξ⟫ ξ` (the two-point estimate of a quadratic,
`σ → 0` for any smooth loss), its scalar means `listMean`, and `sgdExpectedLoss`, the exact average of
`F (w - η ⟪g, ξ⟫ ξ)` over a direction set, mirror `rademacher_estimator_second_moment_spec` and
`sgd_expected_descent_spec`.

The finite direction sets: `rademacher_set(n)` enumerates `{±1}^n` (n ≤ 10, second moment `I`),
`coordinate_set(n)` is `{±e_i}` (second moment `I/n`); `*_half` give one of each `±` pair.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ..backend import Backend, backend_of, check_finite, check_shapes, col
from ..errors import InvalidArgumentError

__all__ = [
    "twoPoint",
    "onePoint",
    "count",
    "average",
    "pmAverage",
    "variance",
    "meanUpdate",
    "nodeStep",
    "quadratic_objective",
    "rademacher",
    "rademacher_set",
    "rademacher_half",
    "coordinate_set",
    "coordinate_half",
    "second_moment",
    "rademacherEstimate",
    "listMean",
    "sgdExpectedLoss",
    "sgd_expected_descent_rhs",
    "MAX_RADEMACHER_DIM",
]

MAX_RADEMACHER_DIM = 10

Objective = Callable[[Any], Any]



def lean_div(a: Any, b: Any, bk: Backend) -> Any:
    """`a / b` with Lean's convention `a / 0 = 0`, elementwise."""
    zero = b == 0
    safe = bk.where(zero, bk.const(1) + bk.zeros_like(b), b)
    return bk.where(zero, bk.zeros_like(a / safe), a / safe)


def _check_sigma(sigma: Any) -> None:
    check_finite("sigma", sigma)
    arr = np.asarray(sigma.detach().cpu().numpy() if hasattr(sigma, "detach") else sigma)
    if np.any(arr == 0):
        raise InvalidArgumentError("sigma=0 is not a perturbation size; pass sigma != 0 (e.g. 1e-3)")


def _dirs_axis(sigma: Any, xi: Any) -> Any:
    """`sigma` shaped to broadcast against `xi` (B, n) or a direction set (B, m, n)."""
    s = col(sigma)
    return s[..., None] if (getattr(sigma, "ndim", 0) and xi.ndim == 3) else s


def _prepare(sigma: Any, w: Any, xi: Any, bk: Backend | None, validate: bool) -> tuple[Backend, Any, Any, Any]:
    """The backend, `σ` shaped to multiply `ξ`, `w` shaped to broadcast over a set of directions, and `σ`
    shaped like one value per direction (the divisor); validates first when asked."""
    bk = bk or backend_of(w, xi)
    if validate:
        _check_sigma(sigma)
        check_finite("w", w)
        check_finite("xi", xi)
    ww = w[..., None, :] if xi.ndim == 3 else w
    sc = sigma[..., None] if (getattr(sigma, "ndim", 0) and xi.ndim == 3) else sigma
    return bk, _dirs_axis(sigma, xi), ww, sc


def twoPoint(F: Objective, sigma: Any, w: Any, xi: Any, bk: Backend | None = None, *, validate: bool = False) -> Any:
    """`((F (w + σ ξ) - F (w - σ ξ)) / (2 σ)) • ξ` (Lean: `Perturbation.twoPoint F σ w ξ`).

    `xi` is one direction (B, n) or a set (B, m, n); `w` (B, n) broadcasts over the set.
    """
    bk, s, ww, sc = _prepare(sigma, w, xi, bk, validate)
    diff = F(ww + s * xi) - F(ww - s * xi)
    return lean_div(diff, 2 * sc + bk.zeros_like(diff), bk)[..., None] * xi


def onePoint(F: Objective, sigma: Any, w: Any, xi: Any, bk: Backend | None = None, *, validate: bool = False) -> Any:
    """`((F (w + σ ξ) - F w) / σ) • ξ` (Lean: `Perturbation.onePoint F σ w ξ`)."""
    bk, s, ww, sc = _prepare(sigma, w, xi, bk, validate)
    base = F(w)[..., None] if xi.ndim == 3 else F(w)
    diff = F(ww + s * xi) - base
    return lean_div(diff, sc + bk.zeros_like(diff), bk)[..., None] * xi


def count(m: int) -> int:
    """The number `m` (Lean: `Perturbation.count m`, `Σ i < m, 1`)."""
    return m


def average(v: Any, bk: Backend | None = None) -> Any:
    """The mean over the family axis -2 of `v` (B, m, n); `0` for `m = 0` (Lean: `(count 0)⁻¹ = 0`)."""
    bk = bk or backend_of(v)
    m = v.shape[-2]
    if m == 0:
        return bk.sum(v, axis=-2)  # the empty sum, 0
    return bk.sum(v, axis=-2) / m


def pmAverage(half: Any, f: Callable[[Any], Any], bk: Backend | None = None) -> Any:
    """`(1/(2m)) Σ i, (f (half i) + f (-half i))` (Lean: `Perturbation.pmAverage half f`)."""
    bk = bk or backend_of(half)
    return bk.sum(f(half) + f(-half), axis=-2) / (2 * half.shape[-2])


def variance(v: Any, bk: Backend | None = None) -> Any:
    """`(1/m) Σ i, ⟪v i - mean, v i - mean⟫` over axis -2 (Lean: `Perturbation.variance v`)."""
    bk = bk or backend_of(v)
    m = v.shape[-2]
    mu = bk.sum(v, axis=-2) / m
    d = v - mu[..., None, :]
    return bk.sum(bk.sum(d * d, axis=-1), axis=-1) / m


def meanUpdate(dirs: Any, F: Objective, sigma: Any, eta: Any, w: Any, bk: Backend | None = None) -> Any:
    """`w - η • average_i (twoPoint F σ w ξ_i)` (Lean: `Perturbation.meanUpdate dirs F σ η w`)."""
    bk = bk or backend_of(w, dirs)
    return w - col(eta) * average(twoPoint(F, sigma, w, dirs, bk), bk)


def nodeStep(F: Objective, sigma: Any, eta: Any, W: Any, x: Any, xi: Any, bk: Backend | None = None) -> Any:
    """Node perturbation of `y = W x`: `W i j - η * (twoPoint F σ (W x) ξ) i * x j` (Lean: `nodeStep`)."""
    bk = bk or backend_of(W, x)
    g = twoPoint(F, sigma, bk.matvec(W, x), xi, bk)
    e = eta[..., None, None] if getattr(eta, "ndim", 0) else eta
    return W - e * bk.outer(g, x)


def quadratic_objective(A: Any, b: Any, bk: Backend | None = None) -> Objective:
    """`F w = ½⟪w, A w⟫ - ⟪b, w⟫` for weights of shape (B, n) or (B, m, n) (Lean: `Quadratic.loss A b`)."""
    bk = bk or backend_of(A, b)
    check_shapes(A=(A, ("n", "n")), b=(b, ("n",)))

    def F(w: Any) -> Any:
        if w.ndim == b.ndim + 1:  # a set of points per instance: (B, m, n)
            Aw = w @ bk.transpose(A)
            return bk.sum(w * Aw, axis=-1) / 2 - bk.sum(b[..., None, :] * w, axis=-1)
        return bk.inner(w, bk.matvec(A, w)) / 2 - bk.inner(b, w)

    return F


# -- finite direction sets -------------------------------------------------------------------
def rademacher(n: int) -> np.ndarray:
    """`{±1}^n` in the order of Lean's `Perturbation.rademacher n` (0 ≤ n ≤ 10), shape (2^n, n).

    `rademacher 0 = [()]` and `rademacher (n+1) = signExtend (rademacher n)`, which puts `+1` then
    `-1` in front of each vector in turn.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n > MAX_RADEMACHER_DIM:
        raise InvalidArgumentError(
            f"n={n!r}: the Rademacher set is enumerated for 0 <= n <= {MAX_RADEMACHER_DIM}; "
            "use the coordinate set for larger n"
        )
    out = np.zeros((1, 0), dtype=np.int64)
    for _ in range(n):
        rows = [np.concatenate([[sign], xi]) for xi in out for sign in (1, -1)]
        out = np.array(rows, dtype=np.int64).reshape(len(rows), -1)
    return out


def rademacher_set(n: int) -> np.ndarray:
    """All `2^n` vectors of `{±1}^n` (1 ≤ n ≤ 10, Lean's order): second moment `(1/2^n) Σ ξ ξᵀ = I`."""
    if isinstance(n, int) and n == 0:
        raise InvalidArgumentError("n=0: a direction set needs n >= 1 coordinates; use the coordinate set for larger n")
    return rademacher(n)


def rademacher_half(n: int) -> np.ndarray:
    """One vector of each `±` pair of `{±1}^n` (first coordinate `+1`): `2^(n-1)` vectors."""
    full = rademacher_set(n)
    return full[full[:, 0] == 1]


def coordinate_set(n: int) -> np.ndarray:
    """The `2n` vectors `{±e_i}` as int64: second moment `(1/2n) Σ ξ ξᵀ = I/n`."""
    if not isinstance(n, int) or n < 1:
        raise InvalidArgumentError(f"n={n!r} must be a positive int")
    eye = np.eye(n, dtype=np.int64)
    return np.concatenate([eye, -eye])


def coordinate_half(n: int) -> np.ndarray:
    """The basis `{e_i}`: the half of the coordinate set."""
    return coordinate_set(n)[:n]


def second_moment(dirs: Any, bk: Backend | None = None) -> Any:
    """`(1/m) Σ_i ξ_i ξ_iᵀ` of a direction set (B, m, n) → (B, n, n)."""
    bk = bk or backend_of(dirs)
    return (bk.transpose(dirs) @ dirs) / dirs.shape[-2]


# -- the Rademacher estimator and perturbation SGD ----------------------------------------------------
def rademacherEstimate(g: Any, xi: Any, bk: Backend | None = None) -> Any:
    """`⟪g, ξ⟫ • ξ` for one direction `xi` (B, n) or a set (B, m, n), with `g` (B, n).

    (Lean: the estimator `ĝ ξ` written inline in `rademacher_estimator_second_moment_spec`.)
    """
    bk = bk or backend_of(g, xi)
    if xi.ndim not in (2, 3) or g.ndim != 2 or g.shape[-1] != xi.shape[-1]:
        raise InvalidArgumentError(
            f"g has shape {tuple(g.shape)} and xi {tuple(xi.shape)}: pass g (B, n) and xi (B, n) or a set (B, m, n)"
        )
    if xi.ndim == 3:
        return bk.sum(g[..., None, :] * xi, axis=-1)[..., None] * xi
    return bk.inner(g, xi)[..., None] * xi


def listMean(values: Any, bk: Backend | None = None) -> Any:
    """The mean over the last axis of `values` (B, m) → (B,); `0` for `m = 0` (Lean: `listMean`,
    `(count 0)⁻¹ = 0`)."""
    bk = bk or backend_of(values)
    if values.ndim < 1:
        raise InvalidArgumentError("values must have a family axis (B, m); pass one value per direction")
    m = values.shape[-1]
    if m == 0:
        return bk.sum(values, axis=-1)  # the empty sum, 0
    return bk.sum(values, axis=-1) / m


def sgdExpectedLoss(F: Objective, g: Any, eta: Any, w: Any, dirs: Any, bk: Backend | None = None,
                    *, validate: bool = False) -> Any:
    """`listMean dirs (fun ξ => F (w - η • (⟪g, ξ⟫ • ξ)))`: the exact expected loss after one perturbation
    SGD step over the direction set `dirs` (B, m, n), with `g = ∇F w` (B, n), `eta` (B,), `w` (B, n)."""
    bk = bk or backend_of(w, dirs)
    if validate:
        check_finite("eta", eta)
        check_finite("w", w)
        check_finite("g", g)
    if dirs.ndim != 3:
        raise InvalidArgumentError(f"dirs has shape {tuple(dirs.shape)}: pass a direction set (B, m, n)")
    est = rademacherEstimate(g, dirs, bk)
    return listMean(F(w[..., None, :] - col(eta)[..., None] * est), bk)


def sgd_expected_descent_rhs(F0: Any, eta: Any, L: Any, n: int, g: Any, bk: Backend | None = None) -> Any:
    """`F w - η (1 - L η n / 2) ⟪g, g⟫`, the bound of `sgd_expected_descent_spec`."""
    bk = bk or backend_of(g)
    return F0 - eta * (1 - L * eta * n / 2) * bk.inner(g, g)
