"""Tabular TD(0) on a finite Markov reward process (mirrors `lean/LearningRules/TD0.lean`).

Arrays are batched: rewards `r` and values `V` have shape (B, n), transitions `P` shape (B, n, n),
the discount `gamma` and step size `alpha` shape (B,) (or scalars).

`bellman` and `step` are the synchronous expected update of the Lean spec (damped value iteration:
every state moves at once towards its expected target). `sampled_step` is Sutton's sampled TD(0)
update of one visited state, `expected_sampled_step` its exact average over `s ~ d`, `s' ~ P(s, ·)`
and `weighted_step` the `d`-weighted expected update it equals (Lean: `sampled_expectation_spec`).
`sampled_td` runs the stochastic algorithm on sampled transitions (float mode only); it is evidence,
not a theorem.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import Backend, as_float_array, backend_of, check_finite, check_positive, check_shapes, col
from ..errors import InvalidArgumentError

__all__ = [
    "bellman",
    "step",
    "iterate",
    "is_stationary",
    "diag_mul",
    "d_norm_sq",
    "td_mat",
    "lin_a",
    "lin_b",
    "lin_step",
    "sampled_step",
    "expected_sampled_step",
    "weighted_step",
    "sup_norm",
    "is_row_stochastic",
    "check_row_stochastic",
    "fixed_point",
    "validate_mrp",
    "sampled_td",
]



def bellman(r: Any, gamma: Any, P: Any, V: Any, bk: Backend | None = None) -> Any:
    """The Bellman operator `r + γ • P V` (Lean: `TD0.bellman r γ P V`)."""
    bk = bk or backend_of(V, P)
    return r + col(gamma) * bk.matvec(P, V)


def step(alpha: Any, r: Any, gamma: Any, P: Any, V: Any, bk: Backend | None = None, *, validate: bool = False) -> Any:
    """The expected TD(0) update `V + α • (bellman r γ P V - V)` (Lean: `TD0.step α r γ P V`).

    With `validate=True` the inputs are checked (see `validate_mrp`).
    """
    bk = bk or backend_of(V, P)
    if validate:
        validate_mrp(r, gamma, P, V, alpha=alpha, bk=bk)
    return V + col(alpha) * (bellman(r, gamma, P, V, bk) - V)


def sampled_step(alpha: Any, rew: Any, gamma: Any, s: int, s2: int, V: Any, bk: Backend | None = None) -> Any:
    """Sutton's sampled TD(0) update `V(s) ← V(s) + α (rew + γ V(s') - V(s))` of the visited state `s`
    after the transition `s → s2` (Lean: `TD0.sampledStep α rew γ s s' V`); other states keep their value.

    `alpha`, `rew`, `gamma` have shape (B,) (or are scalars), `V` shape (B, n); `s`, `s2` are state
    indices shared by the batch.
    """
    bk = bk or backend_of(V)
    n = V.shape[-1]
    if not (isinstance(s, int) and isinstance(s2, int) and 0 <= s < n and 0 <= s2 < n):
        raise InvalidArgumentError(f"s={s!r}, s2={s2!r} must be state indices in [0, {n}); pass ints below n")
    delta = alpha * (rew + gamma * V[..., s2] - V[..., s])
    onehot = bk.asarray([1 if i == s else 0 for i in range(n)])
    return V + col(delta) * onehot


def expected_sampled_step(alpha: Any, d: Any, r: Any, gamma: Any, P: Any, V: Any, bk: Backend | None = None) -> Any:
    """The exact average of `sampled_step(α, r_s, γ, s, s', V)` over `s ~ d`, `s' ~ P(s, ·)`:
    `Σ_s d_s Σ_s' P_ss' sampled_step(…)` (Lean: `TD0.expectedSampledStep α d r γ P V`).

    The outer sum over `s` is a loop; for each `s` the inner sum over `s'` is taken coordinatewise:
    every `sampled_step(…, s, s', V)` equals `V` off coordinate `s` and `V_s + α(r_s + γV_s' - V_s)` at
    `s`, so `Σ_s' P_ss' sampled_step(…) = (Σ_s' P_ss') V + e_s Σ_s' P_ss' α(r_s + γV_s' - V_s)`.
    """
    bk = bk or backend_of(V, P)
    n = V.shape[-1]
    total = None
    for s in range(n):
        Ps = P[..., s, :]  # (B, n): the distribution of s'
        delta = col(alpha) * (col(r[..., s]) + col(gamma) * V - col(V[..., s]))  # (B, n): the TD error per s'
        onehot = bk.asarray([1 if i == s else 0 for i in range(n)])
        inner = col(bk.sum(Ps, axis=-1)) * V + col(bk.sum(Ps * delta, axis=-1)) * onehot
        term = col(d[..., s]) * inner
        total = term if total is None else total + term
    return total


def weighted_step(alpha: Any, d: Any, r: Any, gamma: Any, P: Any, V: Any, bk: Backend | None = None) -> Any:
    """The `d`-weighted expected update `V + α D (bellman r γ P V - V)`, `D = diag d`
    (Lean: `TD0.weightedStep α d r γ P V`)."""
    bk = bk or backend_of(V, P)
    return V + col(alpha) * (d * (bellman(r, gamma, P, V, bk) - V))


def is_stationary(d: Any, P: Any, bk: Backend | None = None) -> Any:
    """`dᵀ P - dᵀ` per instance, shape (B, n): zero exactly when `d` is stationary for `P`
    (Lean: `TD0.Stationary d P`, `Σ_i d i * P i j = d j`)."""
    bk = bk or backend_of(d, P)
    return bk.rmatvec(P, d) - d


def diag_mul(d: Any, v: Any, bk: Backend | None = None) -> Any:
    """`D v` with `D = diag d` (Lean: `TD0.diagMul d v`)."""
    return d * v


def d_norm_sq(d: Any, v: Any, bk: Backend | None = None) -> Any:
    """The weighted squared norm `‖v‖²_D = ⟪v, D v⟫ = Σ_i d_i v_i²` (Lean: `TD0.dNormSq d v`)."""
    bk = bk or backend_of(d, v)
    return bk.inner(v, diag_mul(d, v, bk))


def td_mat(d: Any, gamma: Any, P: Any, bk: Backend | None = None) -> Any:
    """The matrix `D (γ P - I)`, shape (B, n, n) (Lean: `TD0.tdMat d γ P`)."""
    bk = bk or backend_of(P)
    n = P.shape[-1]
    eye = bk.asarray(np.eye(n, dtype=np.int64).astype(object) if bk.is_exact else np.eye(n))
    g = gamma[..., None, None] if getattr(gamma, "ndim", 0) else gamma
    return d[..., :, None] * (g * P - eye)


def lin_a(Phi: Any, d: Any, gamma: Any, P: Any, bk: Backend | None = None) -> Any:
    """The linear-TD matrix `A = Φᵀ D (γ P - I) Φ`, shape (B, k, k) (Lean: `TD0.linA Φ d γ P`);
    `Phi` has shape (B, n, k), row `i` the features of state `i`."""
    bk = bk or backend_of(Phi, P)
    return bk.transpose(Phi) @ (td_mat(d, gamma, P, bk) @ Phi)


def lin_b(Phi: Any, d: Any, r: Any, bk: Backend | None = None) -> Any:
    """The linear-TD vector `b = Φᵀ D r`, shape (B, k) (Lean: `TD0.linB Φ d r`)."""
    bk = bk or backend_of(Phi, r)
    return bk.rmatvec(Phi, diag_mul(d, r, bk))


def lin_step(alpha: Any, Phi: Any, d: Any, r: Any, gamma: Any, P: Any, theta: Any, bk: Backend | None = None) -> Any:
    """The expected linear TD(0) step `θ + α (A θ + b)` (Lean: `TD0.linStep α Φ d r γ P θ`)."""
    bk = bk or backend_of(theta, Phi)
    return theta + col(alpha) * (bk.matvec(lin_a(Phi, d, gamma, P, bk), theta) + lin_b(Phi, d, r, bk))


def iterate(k: int, alpha: Any, r: Any, gamma: Any, P: Any, V: Any, bk: Backend | None = None) -> list[Any]:
    """The iterates `[V, step V, …, step^k V]` (Lean: `iterate (TD0.step α r γ P) k V`)."""
    bk = bk or backend_of(V, P)
    if not isinstance(k, int) or k < 0:
        raise InvalidArgumentError(f"k={k!r} must be a non-negative int; pass a number of steps")
    out = [V]
    for _ in range(k):
        out.append(step(alpha, r, gamma, P, out[-1], bk))
    return out


def sup_norm(v: Any, bk: Backend | None = None) -> Any:
    """The max norm `max_i |v_i|` per instance (the least `e` with Lean's `SupBound v e`)."""
    bk = bk or backend_of(v)
    return bk.maximum(bk.abs(v), axis=-1)


def is_row_stochastic(P: Any, bk: Backend | None = None) -> Any:
    """Per instance: nonnegative entries and rows summing to 1 (exact; float with tolerance 1e-9)."""
    bk = bk or backend_of(P)
    nonneg = bk.all(bk.all(P >= 0, axis=-1), axis=-1)
    sums = bk.sum(P, axis=-1) - 1
    if bk.is_exact:
        rows = bk.all(sums == 0, axis=-1)
    else:
        rows = bk.all(bk.abs(sums) <= bk.const(P.shape[-1], 10**9), axis=-1)
    return nonneg & rows


def check_row_stochastic(P: Any, bk: Backend | None = None) -> None:
    """Raise `InvalidArgumentError` naming `P` unless every matrix is row-stochastic."""
    bk = bk or backend_of(P)
    if not np.all(_np(is_row_stochastic(P, bk)) > 0):
        raise InvalidArgumentError(
            "P is not row-stochastic; pass transition matrices with nonnegative entries whose rows sum to 1"
        )


def validate_mrp(r: Any, gamma: Any, P: Any, V: Any, *, alpha: Any = None, bk: Backend | None = None) -> None:
    """Check an MRP instance: finite data, matching shapes, row-stochastic `P`, `0 ≤ γ < 1`, `0 < α ≤ 1`."""
    bk = bk or backend_of(V, P)
    for name, a in (("r", r), ("gamma", gamma), ("P", P), ("V", V)):
        check_finite(name, a)
    check_shapes(r=(r, ("n",)), P=(P, ("n", "n")), V=(V, ("n",)))
    check_row_stochastic(P, bk)
    g = _np(gamma)
    if not np.all((g >= 0) & (g < 1)):
        raise InvalidArgumentError(f"gamma={_first(g)} must satisfy 0 <= gamma < 1; pass a discount in [0, 1)")
    if alpha is not None:
        check_positive("alpha", alpha)
        a = _np(alpha)
        if not np.all(a <= 1):
            raise InvalidArgumentError(f"alpha={_first(a)} must be at most 1; pass a step size in (0, 1]")


def _np(x: Any) -> np.ndarray:
    if hasattr(x, "detach"):
        return x.detach().cpu().double().numpy()
    return as_float_array(np.asarray(x))


def _first(a: np.ndarray) -> float:
    return float(np.asarray(a).reshape(-1)[0]) if np.asarray(a).size == 1 else float(np.asarray(a).max())


def fixed_point(r: Any, gamma: Any, P: Any, bk: Backend | None = None) -> Any:
    """The fixed point `V* = (I - γP)⁻¹ r` of the Bellman operator, float modes only."""
    bk = bk or backend_of(P)
    if bk.is_exact:
        raise InvalidArgumentError("fixed_point solves in floats; in exact mode build r = V* - γ P V* instead")
    Pn, rn, gn = as_float_array(bk.to_numpy(P)), as_float_array(bk.to_numpy(r)), _np(gamma)
    n = Pn.shape[-1]
    A = np.eye(n) - np.reshape(gn, (-1, 1, 1)) * Pn
    return bk.asarray(np.linalg.solve(A, rn[..., None])[..., 0])


def sampled_td(
    r: np.ndarray, gamma: float, P: np.ndarray, V0: np.ndarray, alpha: float, steps: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Synchronous *sampled* TD(0) for one MRP, float64: every state draws one successor per step.

    `V(s) ← V(s) + α (r(s) + γ V(s') - V(s))` with `s' ~ P(s, ·)`. Returns the iterates, shape
    (steps + 1, n). Stochastic: it is compared with the expected-update bound as evidence only.
    """
    r = np.asarray(r, dtype=np.float64)
    P = np.asarray(P, dtype=np.float64)
    V: np.ndarray = np.asarray(V0, dtype=np.float64).copy()
    validate_mrp(r[None], np.asarray([gamma]), P[None], V[None], alpha=np.asarray([alpha]), bk=None)
    n = r.shape[-1]
    cum = np.cumsum(P, axis=-1)
    out = [V.copy()]
    for _ in range(steps):
        u = rng.random(size=(n,))
        nxt = np.minimum((u[:, None] > cum).sum(axis=-1), n - 1)
        succ = np.take(V, nxt)
        V = np.asarray(V + alpha * (r + gamma * succ - V), dtype=np.float64)
        out.append(V.copy())
    return np.stack(out)
