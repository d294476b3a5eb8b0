"""Quadratic objectives `F w = ½⟪w, A w⟫ - ⟪b, w⟫` (mirrors `lean/LearningRules/Quadratic.lean`).

Arrays are batched: `A` has shape (B, n, n), `b` and `w` have shape (B, n).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import Backend, backend_of, check_finite, check_shapes, to_fraction_array
from ..errors import InvalidArgumentError

__all__ = ["loss", "grad", "psd_matrix", "is_psd"]


def loss(A: Any, b: Any, w: Any, bk: Backend | None = None) -> Any:
    """`½⟪w, A w⟫ - ⟪b, w⟫` per instance (Lean: `Quadratic.loss A b w`)."""
    bk = bk or backend_of(A, b, w)
    return bk.inner(w, bk.matvec(A, w)) / 2 - bk.inner(b, w)


def grad(A: Any, b: Any, w: Any, bk: Backend | None = None) -> Any:
    """`A w - b` per instance (Lean: `Quadratic.grad A b w`)."""
    bk = bk or backend_of(A, b, w)
    return bk.matvec(A, w) - b


def is_psd(A: Any) -> bool:
    """Whether every matrix in the batch is symmetric positive semi-definite.

    Exact data is decided exactly (an LDLᵀ pivot test in rational arithmetic); float data with an
    eigenvalue test at tolerance `1e-10 · max|A|`.
    """
    arr = np.asarray(A.detach().cpu().numpy() if hasattr(A, "detach") else A)
    if arr.ndim < 2 or arr.shape[-1] != arr.shape[-2]:
        raise InvalidArgumentError(f"A has shape {arr.shape}; a quadratic needs square matrices (..., n, n)")
    mats = arr.reshape(-1, arr.shape[-2], arr.shape[-1])
    if arr.dtype == object:
        return all(_exact_psd(to_fraction_array(m)) for m in mats)
    if not np.allclose(mats, np.swapaxes(mats, -1, -2)):
        return False
    scale = max(float(np.abs(mats).max()), 1.0)
    return bool(np.all(np.linalg.eigvalsh(mats.astype(np.float64)) >= -1e-10 * scale))


def _exact_psd(m: np.ndarray) -> bool:
    n = m.shape[0]
    if any(m[i, j] != m[j, i] for i in range(n) for j in range(n)):
        return False
    a = m.copy()
    for k in range(n):
        if a[k, k] < 0:
            return False
        if a[k, k] == 0:
            if any(a[k, j] != 0 for j in range(k, n)):
                return False
            continue
        for i in range(k + 1, n):
            f = a[i, k] / a[k, k]
            for j in range(k, n):
                a[i, j] -= f * a[k, j]
    return True


def psd_matrix(A: Any) -> Any:
    """Validate and return `A` as the curvature of a quadratic: finite, square, symmetric PSD.

    Raises `InvalidArgumentError` naming `A` when it is not (the PSD-only constructor of the spec).
    """
    check_finite("A", A)
    check_shapes(A=(A, ("n", "n")))
    if not is_psd(A):
        raise InvalidArgumentError(
            "A is not symmetric positive semi-definite; pass A = M Mᵀ or add a multiple of the identity"
        )
    return A
