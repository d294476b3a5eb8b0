"""Variational free energy on a finite latent space (mirrors `lean/LearningRules/FreeEnergy.lean`).

Distributions are batched vectors of shape (B, m). The logarithm is the backend's float `log`
(numpy/torch), which satisfies the `LogLike` laws up to rounding; exact modes have no logarithm and
raise. The log-free parts (`evidence`, `posterior`) run in every mode. The Lean name `freeEnergy`
is kept verbatim.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import Backend, as_float_array, backend_of, check_finite, check_shapes
from ..errors import InvalidArgumentError

__all__ = ["kl", "evidence", "posterior", "freeEnergy", "check_distribution", "check_positive_joint"]


def _np(x: Any) -> np.ndarray:
    if hasattr(x, "detach"):
        return x.detach().cpu().double().numpy()
    return as_float_array(np.asarray(x))


def check_distribution(name: str, q: Any, bk: Backend | None = None) -> None:
    """Raise unless every row of `q` is a distribution with full support (`q > 0`, `Σ q = 1`)."""
    bk = bk or backend_of(q)
    check_finite(name, q)
    arr = _np(q)
    if arr.ndim < 1 or arr.shape[-1] == 0:
        raise InvalidArgumentError(f"{name} has shape {arr.shape}; pass distributions over m >= 1 points")
    if not np.all(arr > 0):
        raise InvalidArgumentError(f"{name} has entries <= 0; pass distributions with full support (all > 0)")
    sums = bk.sum(q, axis=-1) - 1
    ok = np.all(_np(sums) == 0) if bk.is_exact else np.all(np.abs(_np(sums)) <= arr.shape[-1] / 10**9)
    if not ok:
        raise InvalidArgumentError(f"{name} does not sum to 1; normalise it (divide by its sum)")


def check_positive_joint(pxz: Any) -> None:
    """Raise unless every entry of the joint `p(x, z)` is finite and positive."""
    check_finite("pxz", pxz)
    arr = _np(pxz)
    if arr.ndim < 1 or arr.shape[-1] == 0 or not np.all(arr > 0):
        raise InvalidArgumentError("pxz must have positive entries over m >= 1 points; pass p(x, z) > 0")


def kl(q: Any, p: Any, bk: Backend | None = None, *, validate: bool = False) -> Any:
    """`KL(q ‖ p) = Σ_i q_i log(q_i / p_i)` (Lean: `FreeEnergy.kl q p`); float modes only."""
    bk = bk or backend_of(q, p)
    if validate:
        check_shapes(q=(q, ("m",)), p=(p, ("m",)))
        check_distribution("q", q, bk)
        check_distribution("p", p, bk)
    return bk.sum(q * bk.log(q / p), axis=-1)


def evidence(pxz: Any, bk: Backend | None = None) -> Any:
    """`p(x) = Σ_z p(x, z)` (Lean: `FreeEnergy.evidence pxz`)."""
    bk = bk or backend_of(pxz)
    return bk.sum(pxz, axis=-1)


def posterior(pxz: Any, bk: Backend | None = None) -> Any:
    """`p(z | x) = p(x, z) / p(x)` (Lean: `FreeEnergy.posterior pxz`)."""
    bk = bk or backend_of(pxz)
    return pxz / evidence(pxz, bk)[..., None]


def freeEnergy(q: Any, pxz: Any, bk: Backend | None = None, *, validate: bool = False) -> Any:
    """`F(q) = Σ_z q_z log(q_z / p(x, z))` (Lean: `FreeEnergy.freeEnergy q pxz`); float modes only."""
    bk = bk or backend_of(q, pxz)
    if validate:
        check_shapes(q=(q, ("m",)), pxz=(pxz, ("m",)))
        check_distribution("q", q, bk)
        check_positive_joint(pxz)
    return bk.sum(q * bk.log(q / pxz), axis=-1)
