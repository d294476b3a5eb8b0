"""SGD on a finite sum `F = (1/m) Σ_i f_i` (mirrors `lean/LearningRules/SGD.lean`).

The sample gradients are given as one callable `grads(w)` returning all `m` of them at once, shape
(B, m, n) for `w` of shape (B, n); the expectation over a uniformly drawn index is the exact finite
average over `i < m`. Division by `m` follows Lean's field convention `x / 0 = 0`, so that `m = 0`
computes what the Lean definitions compute.

Multi-step expectations are exact averages over every sample path: `path_iterates` lists the `m ** k`
iterates `w_k` of `k` steps (one per sequence of drawn indices), `path_mean` averages a function over them
(Lean's `SGD.pathMean`, which recurses on the last step; the uniform average over the paths is the same
number), and `draw_sums` / `minibatch_variance` do the same for the `m ** b` tuples of a minibatch drawn with
replacement (Lean's `SGD.drawMean`, `SGD.minibatchVariance`). Path callables take the iterates of shape
(B, P, n) and return the sample gradients of shape (B, P, m, n). These enumerations grow like `m ** k`: keep
`m` and `k` small (the module refuses more than `MAX_PATHS` paths).

Lean names: `step` ↔ `SGD.step`, `mean_grad` ↔ `SGD.meanGrad`, `variance` ↔ `SGD.variance`,
`expected_loss` ↔ `SGD.expectedLoss`, `path_mean` ↔ `SGD.pathMean`, `draw_sums` ↔ the tuples of
`SGD.drawMean`, `minibatch_variance` ↔ `SGD.minibatchVariance`.
"""

from __future__ import annotations

from typing import Any, Callable

from ..backend import Backend, backend_of, check_finite, check_positive, check_shapes, col
from ..errors import InvalidArgumentError

__all__ = ["step", "all_steps", "mean_grad", "variance", "expected_loss", "path_iterates", "path_mean",
           "draw_sums", "minibatch_variance", "MAX_PATHS", "LEAN_NAMES"]

LEAN_NAMES: dict[str, str] = {
    "step": "LearningRules.SGD.step",
    "mean_grad": "LearningRules.SGD.meanGrad",
    "variance": "LearningRules.SGD.variance",
    "expected_loss": "LearningRules.SGD.expectedLoss",
    "path_mean": "LearningRules.SGD.pathMean",
    "minibatch_variance": "LearningRules.SGD.minibatchVariance",
}

#: Most sample paths (or minibatch tuples) one enumeration may produce.
MAX_PATHS = 4096

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


def _count(name: str, base: int, k: Any) -> int:
    if isinstance(k, bool) or not isinstance(k, (int,)) or k < 0:
        raise InvalidArgumentError(f"{name}={k!r} must be a natural number; pass an int >= 0")
    if base ** k > MAX_PATHS:
        raise InvalidArgumentError(f"{name}={k} with m={base} gives {base ** k} paths, above MAX_PATHS={MAX_PATHS}; "
                                   f"use fewer samples or steps")
    return int(k)


def path_iterates(grads: Grads, eta: Any, w: Any, k: int, bk: Backend | None = None, *,
                  validate: bool = True) -> Any:
    """The iterates `w_k` of `k` SGD steps from `w` along all `m ** k` sample paths, shape (B, m ** k, n).

    `grads(W)` maps iterates of shape (B, P, n) to sample gradients of shape (B, P, m, n). Path `p` draws the
    indices of `p` written in base `m` (first draw most significant); every path has weight `1 / m ** k`.
    """
    bk = bk or backend_of(w)
    W = w[..., None, :]
    G0 = grads(W)
    m = G0.shape[-2]
    if validate:
        check_finite("w", w)
        check_positive("eta", eta)
        _count("k", m, k)
    e = eta[..., None, None, None] if getattr(eta, "ndim", 0) else eta
    for j in range(k):
        G = G0 if j == 0 else grads(W)
        nxt = W[..., :, None, :] - e * G
        W = nxt.reshape(tuple(nxt.shape[:-3]) + (nxt.shape[-3] * m, nxt.shape[-1]))
    return W


def path_mean(f: Callable[[Any], Any], grads: Grads, eta: Any, w: Any, k: int, bk: Backend | None = None, *,
              validate: bool = True) -> Any:
    """`E f (w_k)`, the exact average of `f` over the `m ** k` sample paths of `k` steps from `w` (Lean:
    `SGD.pathMean grads η k f w`). `f` maps points of shape (B, P, n) to values of shape (B, P). With `m = 0`
    and `k ≥ 1` it is 0, Lean's `(1/0) Σ_∅ = 0`."""
    bk = bk or backend_of(w)
    W = path_iterates(grads, eta, w, k, bk, validate=validate)
    if W.shape[-2] == 0:
        return bk.zeros_like(bk.sum(w, axis=-1))
    return bk.sum(f(W), axis=-1) / W.shape[-2]


def draw_sums(G: Any, b: int, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """The sums `g_{i_1} + … + g_{i_b}` over all `m ** b` tuples of samples drawn with replacement, shape
    (B, m ** b, n), from the samples `G` of shape (B, m, n) (the tuples of Lean's `SGD.drawMean`)."""
    bk = bk or backend_of(G)
    m = G.shape[-2]
    if validate:
        check_finite("G", G)
        _count("b", m, b)
    S = bk.zeros_like(G[..., :1, :])
    for _ in range(b):
        nxt = S[..., :, None, :] + G[..., None, :, :]
        S = nxt.reshape(tuple(nxt.shape[:-3]) + (nxt.shape[-3] * m, nxt.shape[-1]))
    return S


def minibatch_variance(grads: Grads, w: Any, b: int, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """`E ⟪(1/b) Σ_j g_{i_j} - ḡ, (1/b) Σ_j g_{i_j} - ḡ⟫` over all `m ** b` tuples drawn with replacement
    (Lean: `SGD.minibatchVariance grads b w`; `1/0 = 0` for `b = 0`, and the value is 0 when `m = 0`, `b ≥ 1`).
    It equals `variance / b` for `m ≥ 1`, `b ≥ 1` (`SGD.minibatch_variance`)."""
    bk = bk or backend_of(w)
    G = _sample_grads(grads, w, validate)
    S = draw_sums(G, b, bk, validate=validate)
    if S.shape[-2] == 0:
        return bk.zeros_like(bk.sum(w, axis=-1))
    gbar = mean_grad(grads, w, bk, validate=False)
    M = S / b if b else S * 0
    D = M - gbar[..., None, :]
    return bk.sum(bk.inner(D, D), axis=-1) / S.shape[-2]
