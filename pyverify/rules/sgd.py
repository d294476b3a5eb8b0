"""SGD on a finite sum `F = (1/m) Σ_i f_i` (mirrors `lean/LearningRules/SGD.lean`).

The sample gradients are given as one callable `grads(w)` returning all `m` of them at once, shape
(B, m, n) for `w` of shape (B, n); the expectation over a uniformly drawn index is the exact finite
average over `i < m`. Division by `m` follows Lean's field convention `x / 0 = 0`, so that `m = 0`
computes what the Lean definitions compute.

Lean names: `step` ↔ `SGD.step`, `mean_grad` ↔ `SGD.meanGrad`, `variance` ↔ `SGD.variance`,
`expected_loss` ↔ `SGD.expectedLoss`.
"""

from __future__ import annotations

from typing import Any, Callable

from ..backend import Backend, backend_of, check_finite, check_positive, check_shapes, col
from ..errors import InvalidArgumentError

__all__ = ["step", "all_steps", "mean_grad", "variance", "expected_loss", "LEAN_NAMES"]

LEAN_NAMES: dict[str, str] = {
    "step": "LearningRules.SGD.step",
    "mean_grad": "LearningRules.SGD.meanGrad",
    "variance": "LearningRules.SGD.variance",
    "expected_loss": "LearningRules.SGD.expectedLoss",
}

Grads = Callable[[Any], Any]



def _sample_grads(grads: Grads, w: Any, validate: bool) -> Any:
    G = grads(w)
    if validate:
        check_finite("w", w)
        check_finite("grads(w)", G)
        check_shapes(w=(w, ("n",)), **{"grads(w)": (G, ("m", "n"))})
    return G


def _div_m(x: Any, m: int, bk: Backend) -> Any:
    """`x / m` with Lean's convention `x / 0 = 0`."""
    return bk.zeros_like(x) if m == 0 else x / m


def step(grads: Grads, eta: Any, i: int, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """One SGD step on sample `i`: `w - η • grads i w` (Lean: `SGD.step grads η i w`)."""
    bk = bk or backend_of(w)
    G = _sample_grads(grads, w, validate)
    if validate:
        check_positive("eta", eta)
        if not 0 <= i < G.shape[-2]:
            raise InvalidArgumentError(f"i={i} is not a sample index; pass 0 <= i < m = {G.shape[-2]}")
    return w - col(eta) * G[..., i, :]


def all_steps(grads: Grads, eta: Any, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """The steps on every sample at once, shape (B, m, n): row `i` is `step grads η i w`."""
    G = _sample_grads(grads, w, validate)
    if validate:
        check_positive("eta", eta)
    e = eta[..., None, None] if getattr(eta, "ndim", 0) else eta
    return w[..., None, :] - e * G


def mean_grad(grads: Grads, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """`ḡ = (1/m) Σ_i grads i w` (Lean: `SGD.meanGrad grads w`)."""
    bk = bk or backend_of(w)
    G = _sample_grads(grads, w, validate)
    return _div_m(bk.sum(G, axis=-2), G.shape[-2], bk)


def variance(grads: Grads, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """`σ² = (1/m) Σ_i ⟪grads i w - ḡ, grads i w - ḡ⟫` (Lean: `SGD.variance grads w`)."""
    bk = bk or backend_of(w)
    G = _sample_grads(grads, w, validate)
    m = G.shape[-2]
    if m == 0:
        return bk.zeros_like(bk.sum(w, axis=-1))
    D = G - _div_m(bk.sum(G, axis=-2), m, bk)[..., None, :]
    return bk.sum(bk.inner(D, D), axis=-1) / m


def expected_loss(F: Callable[[Any], Any], grads: Grads, eta: Any, w: Any, bk: Backend | None = None,
                  *, validate: bool = True) -> Any:
    """`E_i[F (step grads η i w)] = (1/m) Σ_i F (step grads η i w)` (Lean: `SGD.expectedLoss F grads η w`).

    `F` maps an array of points with shape (B, m, n) to values of shape (B, m).
    """
    bk = bk or backend_of(w)
    W1 = all_steps(grads, eta, w, bk, validate=validate)
    m = W1.shape[-2]
    if m == 0:
        return bk.zeros_like(bk.sum(w, axis=-1))
    return bk.sum(F(W1), axis=-1) / m
