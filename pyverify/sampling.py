"""Building blocks for samplers: exact rational instances that hit the edges on purpose.

Samplers build integer numerators over chosen denominators (`QArray`), so that one sample feeds the
float, exact and torch checks alike. Edge regions every rule should cover: dimension 1 and dimension
≥ 64, ill-conditioned curvature, tiny gradients, and step sizes just below their bound.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import numpy as np

from .backend import QArray

__all__ = [
    "EDGE_DIMS",
    "split_counts",
    "rand_int",
    "rand_q",
    "psd_matrix",
    "row_sum_bound",
    "q_scalar",
    "near_below",
]

#: Dimensions every vector-valued sampler covers: 1, small, and ≥ 64.
EDGE_DIMS: tuple[int, ...] = (1, 2, 5, 64)


def split_counts(n: int, parts: int) -> list[int]:
    """Split `n` instances into `parts` near-equal positive counts (fewer parts if `n` is small)."""
    if n <= 0:
        return []
    parts = max(1, min(parts, n))
    base, extra = divmod(n, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def rand_int(rng: np.random.Generator, shape: Sequence[int], lo: int, hi: int) -> np.ndarray:
    """Uniform integers in [lo, hi] as int64."""
    return rng.integers(lo, hi + 1, size=tuple(shape), dtype=np.int64)


def rand_q(rng: np.random.Generator, shape: Sequence[int], max_num: int = 9, den: int = 4) -> QArray:
    """Rationals `k/den` with integer `k` in [-max_num, max_num]."""
    return QArray.of(rand_int(rng, shape, -max_num, max_num), den)


def psd_matrix(
    rng: np.random.Generator, batch: int, n: int, *, rank: int | None = None, spread: int = 1, max_entry: int = 3
) -> np.ndarray:
    """Symmetric positive semi-definite integer matrices `M Mᵀ` (optionally ill-conditioned).

    `spread > 1` scales the columns of `M` by powers of `spread`, giving curvature that differs by
    `spread²` per column (ill-conditioned); `rank < n` gives singular matrices.
    """
    r = n if rank is None else rank
    M = rand_int(rng, (batch, n, r), -max_entry, max_entry)
    if spread > 1:
        scales = spread ** np.arange(r) if r <= 8 else np.where(np.arange(r) % 2 == 0, spread, 1)
        M = M * scales.astype(np.int64)
    return M @ np.swapaxes(M, -1, -2)


def row_sum_bound(A: np.ndarray) -> np.ndarray:
    """Gershgorin bound `max_i Σ_j |A_ij|` ≥ λ_max for symmetric `A` (exact integers)."""
    return np.abs(A).sum(axis=-1).max(axis=-1)


def q_scalar(values: Sequence[Fraction | int]) -> QArray:
    """A batch of exact scalars from Fractions or ints."""
    return QArray.of(np.array([Fraction(v) for v in values], dtype=object))


def near_below(bound: Fraction, rng: np.random.Generator, *, closeness: int = 1000) -> Fraction:
    """A rational strictly below `bound > 0`, within `bound / closeness` of it some of the time."""
    choice = rng.integers(0, 3)
    if choice == 0:
        return bound * Fraction(closeness - 1, closeness)
    if choice == 1:
        return bound * Fraction(int(rng.integers(1, 100)), 100)
    return bound * Fraction(1, int(rng.integers(2, 9)))
