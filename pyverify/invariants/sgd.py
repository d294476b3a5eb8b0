"""Catalog entries for SGD on a finite sum (`lean/LearningRules/SGD.lean`).

Instances: `m` quadratic samples `f_i w = ½⟪w, A_i w⟫ - ⟪b_i, w⟫` (symmetric PSD integer `A_i`), with
sample gradients `grads i w = A_i w - b_i`, and the objective `F w = ½⟪w, Ā w⟫ - ⟪b̄, w⟫ + c` given
separately (Lean's `F` is any function): for `m ≥ 1`, `Ā`, `b̄` are the means and `c = 0`, so `meanGrad`
is `∇F` and `F` is `L`-smooth with `L` the Gershgorin bound of `Ā`. The expectation over the drawn
index is the exact average over `i < m`. Regions: dimensions 1, 2, 5 and 64; `m ∈ {1, 3, 6}`
(`m = 2` at dimension 64); equal sample gradients (`σ² = 0`), low and high variance, ill-conditioned
curvature; for the improvement, `η` up to just below the threshold
`L η σ² < (2 - L η) ⟪ḡ, ḡ⟫`, i.e. `η < 2⟪ḡ, ḡ⟫ / (L (σ² + ⟪ḡ, ḡ⟫))`.

Multi-step instances (`sgd.nonconvex_rate`, `nonconvex_instances`): the quadratics of
`gradient_descent.spectral_instances` (`A = Q diag(d) Q`, exact `L = max d` and exact minimum `F*`), with
`m` samples sharing the curvature `As_i = A` and linear terms `bs_i = b + ξ_i` for zero-mean integer noise
`ξ_i`, so that the oracle variance `(1/m) Σ ⟪ξ_i, ξ_i⟫` is the same at every point and `σ²` can be checked in
full. The expectation over `k` steps is the exact average over all `m ** k` sample paths (`m ≤ 3`, `T ≤ 3`,
`m = 2`, `T = 2` at dimension 64). Minibatch instances (`sgd.minibatch_variance`, `minibatch_instances`): the
`m` sample gradients `G` at one point (Lean: `grads = fun i _ => G i`) and a batch size, every `m ** batch`
tuple enumerated.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np

from ..backend import Backend, QArray
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import gradient_descent as gd
from ..rules import quadratic, sgd
from ..sampling import EDGE_DIMS, psd_matrix, rand_int, row_sum_bound
from ..vectors import VectorCase
from .gradient_descent import BIG_DIM, cell_counts, spectral_instances

__all__ = ["ENTRIES", "VECTORS", "sgd_instances", "nonconvex_instances", "minibatch_instances"]

REGIMES = ("plain", "ill-conditioned", "equal gradients", "high variance", "near threshold")


def sgd_instances(
    rng: np.random.Generator, n: int, *, dims: Sequence[int] = EDGE_DIMS, regimes: Sequence[str] = REGIMES,
    eta_mode: str = "any", L_scale: Fraction = Fraction(1), eta_t: Fraction | None = None, m_zero: bool = False,
    same_curvature: bool = False, m: int | None = None,
) -> list[Batch]:
    """Batches of `(As, bs, A, b, c, w, L, eta)`.

    `eta_mode`: ``any`` (η of either sign, large or small: the descent inequality claims all),
    ``threshold`` (`0 < η` below the improvement threshold, near it in the ``near threshold`` regime),
    ``over`` (η twice the threshold, capped below `2/L`, breaking only the threshold). `eta_t` fixes
    `η = eta_t / L`. `L_scale` scales the claimed smoothness constant. `m_zero` gives `m = 0` samples and
    the constant objective `F = -1`. `same_curvature` makes all `A_i` equal to `a I` (`L` exact). `m`
    fixes the number of samples.
    """
    m_fixed = m
    out: list[Batch] = []
    cells = [(d, r) for d in dims for r in regimes]
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(regimes))):
        if k == 0:
            continue
        m = 0 if m_zero else (m_fixed if m_fixed is not None else
                              (2 if dim >= BIG_DIM else int(rng.choice([1, 3, 6]))))
        if regime == "equal gradients" and m:
            m = max(m, 2)
        if same_curvature:
            As = np.broadcast_to(np.eye(dim, dtype=np.int64) * rand_int(rng, (k, 1, 1, 1), 1, 4), (k, m, dim, dim)).copy()
        else:
            As = psd_matrix(rng, k * max(m, 1), dim, spread=10 if regime == "ill-conditioned" else 1)
            As = (As + np.eye(dim, dtype=np.int64) * (dim == 1))[: k * m].reshape(k, m, dim, dim)
        spread = 40 if regime == "high variance" else 6
        bs = rand_int(rng, (k, m, dim), -spread, spread)
        w = rand_int(rng, (k, dim), -10, 10)
        wden = 4
        if regime == "equal gradients" and m:
            As[:] = As[:, :1]
            bs[:] = bs[:, :1]
        if m_zero:
            A_num, A_den = np.zeros((k, dim, dim), dtype=np.int64), 1
            b_num, b_den = np.zeros((k, dim), dtype=np.int64), 1
            c = [Fraction(-1)] * k
            L = [Fraction(0)] * k
        else:
            A_num, A_den = As.sum(axis=1), m
            b_num, b_den = None, m
            c = [Fraction(0)] * k
            L = [Fraction(int(v), m) * L_scale for v in row_sum_bound(A_num)]
        # exact ḡ and σ² at w, for the step-size choice
        Ff = lambda a: np.array(a, dtype=object)  # noqa: E731
        etas = []
        if eta_mode == "any" or eta_t is not None:
            for i in range(k):
                Lv = L[i]
                if eta_t is not None:
                    etas.append(eta_t / Lv if Lv > 0 else eta_t)
                else:
                    etas.append(Fraction(int(rng.integers(-20, 60)), 10) / (Lv if Lv > 0 else 1))
        Gi = np.einsum("bmij,bj->bmi", As, w)  # A_i w * wden
        G = [[[Fraction(int(Gi[i, j, r]), wden) - int(bs[i, j, r]) for r in range(dim)] for j in range(m)]
             for i in range(k)] if not etas else []
        for i in range(k if not etas else 0):
            gbar = [sum((G[i][j][r] for j in range(m)), Fraction(0)) / m if m else Fraction(0) for r in range(dim)]
            g2 = sum((v * v for v in gbar), Fraction(0))
            if g2 == 0 and m and dim and eta_mode != "any":
                # move every b_i by -1 in coordinate 0, so that ḡ gains +1 there (σ² is unchanged)
                bs[i, :, 0] -= 1
                for j in range(m):
                    G[i][j][0] += 1
                gbar[0] += 1
                g2 = sum((v * v for v in gbar), Fraction(0))
            s2 = (sum((sum(((G[i][j][r] - gbar[r]) ** 2 for r in range(dim)), Fraction(0)) for j in range(m)),
                      Fraction(0)) / m) if m else Fraction(0)
            Lv = L[i]
            if eta_t is not None:
                etas.append(eta_t / Lv if Lv > 0 else eta_t)
            elif eta_mode == "any":
                etas.append(Fraction(int(rng.integers(-20, 60)), 10) / (Lv if Lv > 0 else 1))
            else:
                thr = 2 * g2 / (Lv * (s2 + g2)) if Lv > 0 and g2 > 0 else Fraction(1)
                if eta_mode == "over":
                    etas.append(min(2 * thr, Fraction(1999, 1000) / Lv) if Lv > 0 else 2 * thr)
                elif regime == "near threshold":
                    etas.append(thr * Fraction(999, 1000))
                else:
                    etas.append(thr * Fraction(int(rng.integers(1, 100)), 100))
        del Ff
        if not m_zero:
            b_num = bs.sum(axis=1)
        obj = lambda vals: QArray.of(np.array(vals, dtype=object))  # noqa: E731
        out.append(Batch(
            {"As": QArray.of(As), "bs": QArray.of(bs), "A": QArray.of(A_num, A_den), "b": QArray.of(b_num, b_den),
             "c": obj(c), "w": QArray.of(w, wden), "L": obj(L), "eta": obj(etas)},
            label=f"dim={dim}, m={m}, {regime}", meta={"dim": dim, "m": m},
        ))
    return out


_CACHE: dict[tuple[int, str], tuple[Any, Any, Any]] = {}


def _grads(x: Mapping[str, Any], bk: Backend) -> Any:
    """`w ↦ (A_i w - b_i)_i`, shape (B, m, n); the value at `x["w"]` is cached per instance dict (the
    cache holds the dict itself, so its id cannot be reused while the entry lives)."""
    def grads(w: Any) -> Any:
        key = (id(x), bk.mode)
        hit = _CACHE.get(key)
        if w is x["w"] and hit is not None and hit[0] is x and hit[1] is w:
            return hit[2]
        G = (x["As"] @ w[..., None, :, None])[..., 0] - x["bs"]
        if w is x["w"]:
            if len(_CACHE) > 16:
                _CACHE.clear()
            _CACHE[key] = (x, w, G)
        return G
    return grads


def _F(x: Mapping[str, Any], bk: Backend) -> Any:
    """`F` on points of shape (B, n) or (B, m, n)."""
    def F(w: Any) -> Any:
        if w.ndim == 3:
            A, b, c = x["A"][:, None], x["b"][:, None], x["c"][:, None]
        else:
            A, b, c = x["A"], x["b"], x["c"]
        return quadratic.loss(A, b, w, bk) + c
    return F


def _parts(x: Mapping[str, Any], bk: Backend) -> tuple[Any, Any, Any, Any]:
    grads = _grads(x, bk)
    g = sgd.mean_grad(grads, x["w"], bk, validate=False)
    s2 = sgd.variance(grads, x["w"], bk, validate=False)
    EF = sgd.expected_loss(_F(x, bk), grads, x["eta"], x["w"], bk, validate=False)
    return g, s2, EF, _F(x, bk)(x["w"])


def _smooth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    """IsLSmooth F meanGrad L along the directions the proof uses: the sample gradients."""
    G = _grads(x, bk)(x["w"])
    if G.shape[-2] == 0:
        return [Relation(0, "<=", x["L"])]
    AG = (x["A"][:, None] @ G[..., None])[..., 0]
    return [Relation(0, "<=", x["L"]), Relation(bk.inner(G, AG), "<=", x["L"][..., None] * bk.inner(G, G))]


def _m(x: Mapping[str, Any]) -> Any:
    return np.full(np.shape(x["w"])[0], x["As"].shape[1], dtype=np.int64)


SMOOTH = Hypothesis("smooth", "F is L-smooth with gradient map meanGrad (checked: 0 ≤ L and ⟪v, Ā v⟫ ≤ L⟪v, v⟫ "
                              "for every sample gradient v; L ≥ Gershgorin bound of Ā)", _smooth, sampled=True)
M_POS = Hypothesis("m_pos", "0 < m", lambda x, bk: [Relation(0, "<", _m(x))])
STEP_POS = Hypothesis("step_pos", "0 < η", lambda x, bk: [Relation(0, "<", x["eta"])])
STEP_LT = Hypothesis("step_mul_lt_two", "η L < 2", lambda x, bk: [Relation(x["eta"] * x["L"], "<", 2)])


def _threshold(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g, s2, _, _ = _parts(x, bk)
    return [Relation(x["L"] * x["eta"] * s2, "<", (2 - x["L"] * x["eta"]) * bk.inner(g, g))]


THRESHOLD = Hypothesis("variance_small", "L η σ² < (2 - L η) ⟪ḡ, ḡ⟫", _threshold)


def _descent(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g, s2, EF, F0 = _parts(x, bk)
    L, eta = x["L"], x["eta"]
    return [Relation(EF, "<=", F0 - eta * (1 - L * eta / 2) * bk.inner(g, g) + L * eta * eta * s2 / 2)]


def _improves(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    _, _, EF, F0 = _parts(x, bk)
    return [Relation(EF, "<", F0)]


_SMALL = (1, 2)

ENTRIES = [
    Entry(
        id="sgd.expected_descent", rule="sgd", kind="bound",
        lean_spec="LearningRules.SGD.expected_descent_spec", lean_proof="LearningRules.SGD.expected_descent",
        statement="For F L-smooth with gradient meanGrad and m ≥ 1: E[F w'] ≤ F w - η(1 - Lη/2)⟪ḡ, ḡ⟫ + Lη²σ²/2 "
                  "(any η; the expectation is the exact average over the m samples).",
        hypotheses=(SMOOTH, M_POS), conclusion=_descent,
        sample=lambda rng, n: sgd_instances(rng, n, eta_mode="any"),
        necessity={"smooth": lambda rng, n: sgd_instances(rng, n, dims=_SMALL, regimes=("plain",),
                                                          L_scale=Fraction(1, 8), eta_t=Fraction(19, 10)),
                   "m_pos": lambda rng, n: sgd_instances(rng, n, dims=_SMALL, regimes=("plain",), m_zero=True)},
        notes="The m_pos counterexample uses Lean's convention 1/0 = 0: with m = 0 the expected loss, ḡ and σ² "
              "are 0, and a constant F = -1 (smooth for any L ≥ 0) violates 0 ≤ F w.",
    ),
    Entry(
        id="sgd.expected_improves", rule="sgd", kind="improvement",
        lean_spec="LearningRules.SGD.expected_improves_spec", lean_proof="LearningRules.SGD.expected_improves",
        statement="For 0 < η, ηL < 2, m ≥ 1 and Lησ² < (2 - Lη)⟪ḡ, ḡ⟫, one SGD step lowers F in expectation.",
        hypotheses=(SMOOTH, STEP_POS, STEP_LT, M_POS, THRESHOLD), conclusion=_improves,
        sample=lambda rng, n: sgd_instances(rng, n, eta_mode="threshold"),
        necessity={"smooth": lambda rng, n: sgd_instances(rng, n, dims=_SMALL, regimes=("equal gradients",),
                                                          L_scale=Fraction(1, 8), eta_t=Fraction(19, 10)),
                   "step_pos": lambda rng, n: sgd_instances(rng, n, dims=_SMALL, regimes=("plain",),
                                                            eta_t=Fraction(0)),
                   "variance_small": lambda rng, n: sgd_instances(rng, n, dims=(1,), regimes=("high variance",),
                                                                  eta_mode="over", same_curvature=True)},
        notes="No counterexample can exist for step_mul_lt_two or m_pos: the threshold implies both (for ηL ≥ 2 "
              "its right side is ≤ 0 ≤ its left side; for m = 0 both sides are 0).",
    ),
]

# -- the non-convex rate over T steps --------------------------------------------------------------------
NC_NOISE = ("exact variance", "loose variance", "noiseless", "high variance")


def nonconvex_instances(
    rng: np.random.Generator, n: int, *, dims: Sequence[int] = EDGE_DIMS, T: int | None = None,
    m: int | None = None, eta_t: Fraction | None = None, L_scale: Fraction = Fraction(1),
    sigma_scale: Fraction | None = None, Fstar_shift: Fraction = Fraction(0), noise: Sequence[str] = NC_NOISE,
) -> list[Batch]:
    """Batches of `(As, bs, A, b, w, L, eta, sigma2, Fstar, T)` for `sgd.nonconvex_rate`.

    `η = eta_t / L` when `eta_t` is given, else `1/L` exactly in the spectral ``near-bound`` cells and a
    random fraction of `1/L` elsewhere. `sigma2` is the exact oracle variance (times 2 plus 1 in the
    ``loose variance`` cells), or `sigma_scale` times it. `L_scale` and `Fstar_shift` break smoothness and
    the lower bound on purpose (as in `spectral_instances`); `T`, `m` fix the step and sample counts.
    """
    out: list[Batch] = []
    for bi, base in enumerate(spectral_instances(rng, n, dims=dims, L_scale=L_scale, Fstar_shift=Fstar_shift)):
        k, dim = base.size, int(base.meta["dim"])
        big = dim >= BIG_DIM
        mm = m if m is not None else (2 if big else int(rng.integers(1, 4)))
        TT = T if T is not None else (2 if big else int(rng.integers(1, 4)))
        regime = noise[bi % len(noise)]
        spread = {"noiseless": 0, "high variance": 40}.get(regime, 3)
        A = base.data["A"].fractions()
        b = base.data["b"].fractions()
        L = base.data["L"].fractions()
        xi = rand_int(rng, (k, mm, dim), -spread, spread)
        xi_c = [[[Fraction(int(xi[i, j, r])) - Fraction(int(xi[i, :, r].sum()), mm) for r in range(dim)]
                 for j in range(mm)] for i in range(k)]
        bs = np.array([[[b[i, r] + xi_c[i][j][r] for r in range(dim)] for j in range(mm)] for i in range(k)],
                      dtype=object).reshape(k, mm, dim)
        As = np.repeat(A[:, None], mm, axis=1)
        var = [sum((v * v for j in range(mm) for v in xi_c[i][j]), Fraction(0)) / mm for i in range(k)]
        if sigma_scale is not None:
            s2 = [v * sigma_scale for v in var]
        elif regime == "loose variance":
            s2 = [2 * v + 1 for v in var]
        else:
            s2 = list(var)
        etas = []
        for i in range(k):
            if eta_t is not None:
                etas.append(eta_t / L[i])
            elif "near-bound" in base.label:
                etas.append(1 / L[i])
            else:
                etas.append(Fraction(int(rng.integers(1, 101)), 100) / L[i])
        obj = lambda vals: QArray.of(np.array(vals, dtype=object))  # noqa: E731
        out.append(Batch(
            {"As": QArray.of(As), "bs": QArray.of(bs), "A": base.data["A"], "b": base.data["b"],
             "w": base.data["w"], "L": base.data["L"], "eta": obj(etas), "sigma2": obj(s2),
             "Fstar": base.data["Fstar"], "T": QArray.of(np.full(k, TT, dtype=np.int64))},
            label=f"{base.label.rsplit(', T=', 1)[0]}, m={mm}, {regime}, T={TT}", meta={"dim": dim, "m": mm, "T": TT},
        ))
    return out


_PATHS: dict[tuple[int, str], tuple[Any, list[Any]]] = {}


def _path_grads(x: Mapping[str, Any]) -> Any:
    """`W ↦ (As_i W - bs_i)_i` on path iterates of shape (B, P, n), shape (B, P, m, n)."""
    return lambda W: (x["As"][:, None] @ W[..., None, :, None])[..., 0] - x["bs"][:, None]


def _paths(x: Mapping[str, Any], bk: Backend, T: int) -> list[Any]:
    """`[W_k for k ≤ T]`, the iterates of every sample path, `W_k` of shape (B, m ** k, n); cached per instance
    dict (the cache holds the dict itself, so its id cannot be reused while the entry lives)."""
    key = (id(x), bk.mode)
    hit = _PATHS.get(key)
    if hit is not None and hit[0] is x and len(hit[1]) > T:
        return hit[1][: T + 1]
    grads = _path_grads(x)
    out = [sgd.path_iterates(grads, x["eta"], x["w"], k, bk, validate=False) for k in range(T + 1)]
    if len(_PATHS) > 16:
        _PATHS.clear()
    _PATHS[key] = (x, out)
    return out


def _T_of(x: Mapping[str, Any]) -> int:
    from ..backend import as_float_array

    t = as_float_array(x["T"]).reshape(-1)
    return int(t[0]) if t.size else 0


def _Fq(x: Mapping[str, Any], bk: Backend, W: Any) -> Any:
    """`F W = ½⟪W, A W⟫ - ⟪b, W⟫` on points of shape (B, P, n)."""
    return quadratic.loss(x["A"][:, None], x["b"][:, None], W, bk)


def _mean_sq_grad(x: Mapping[str, Any], bk: Backend, W: Any) -> Any:
    """`E ⟪∇F, ∇F⟫` over the paths: the mean of `⟪A W - b, A W - b⟫` over axis P (0 for no paths)."""
    if W.shape[-2] == 0:
        return bk.zeros_like(bk.sum(x["w"], axis=-1))
    g = quadratic.grad(x["A"][:, None], x["b"][:, None], W, bk)
    return bk.sum(bk.inner(g, g), axis=-1) / W.shape[-2]


def _nc_bound(x: Mapping[str, Any], bk: Backend) -> Any:
    F0 = quadratic.loss(x["A"], x["b"], x["w"], bk)
    return 2 * (F0 - x["Fstar"]) * gd.lean_inv(x["eta"] * x["T"], bk) + x["L"] * x["eta"] * x["sigma2"]


def _nonconvex_rate(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    T = _T_of(x)
    bound = _nc_bound(x, bk)
    if T == 0:  # `∃ k < 0` is false: no witness
        return [Relation(bk.zeros_like(bound), "==", 1)]
    E = [_mean_sq_grad(x, bk, W) for W in _paths(x, bk, T - 1)]
    smallest = -bk.maximum(bk.stack([-v for v in E], axis=-1), axis=-1)
    return [Relation(smallest, "<=", bound)]


def _variance_le(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    As = x["As"]
    spread = bk.sum(bk.sum(bk.sum(bk.abs(As - As[:, :1]), axis=-1), axis=-1), axis=-1)
    s2 = sgd.variance(_grads(x, bk), x["w"], bk, validate=False)
    return [Relation(spread, "==", 0), Relation(s2, "<=", x["sigma2"])]


def _lower_paths(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(x["Fstar"][..., None], "<=", _Fq(x, bk, W)) for W in _paths(x, bk, _T_of(x)) if W.shape[-2]]


STEP_LE_ONE = Hypothesis("step_mul_le_one", "η L ≤ 1", lambda x, bk: [Relation(x["eta"] * x["L"], "<=", 1)])
VARIANCE_LE = Hypothesis(
    "variance_le", "∀ w, variance grads w ≤ σ² (checked in full: the As_i are all equal, so the oracle variance "
                   "is the same at every w, and it is ≤ sigma2 at w)", _variance_le)
LOWER = Hypothesis("lower", "∀ w, F* ≤ F w (checked at w₀ and at every iterate of every sample path; F* ≤ min F "
                            "exactly)", _lower_paths, sampled=True)
T_POS = Hypothesis("T_pos", "0 < T", lambda x, bk: [Relation(0, "<", x["T"])])


# -- the minibatch variance ---------------------------------------------------------------------------
MB_REGIMES = ("plain", "equal samples", "one sample", "large batch")


def minibatch_instances(rng: np.random.Generator, n: int, *, dims: Sequence[int] = EDGE_DIMS,
                        regimes: Sequence[str] = MB_REGIMES, batch: int | None = None,
                        m_zero: bool = False) -> list[Batch]:
    """Batches of `(G, batch)`: `m` sample gradients `G` (rationals with denominator 3) at one point and a batch
    size. ``large batch`` enumerates up to `3 ** 4` tuples (`2 ** 3` at dimension 64); `batch` fixes the size
    and `m_zero` gives no samples."""
    out: list[Batch] = []
    cells = [(d, r) for d in dims for r in regimes]
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(regimes))):
        if k == 0:
            continue
        big = dim >= BIG_DIM
        if m_zero:
            mm = 0
        elif regime == "one sample":
            mm = 1
        else:
            mm = 2 if big else int(rng.integers(2, 4))
        if batch is not None:
            bb = batch
        elif regime == "large batch":
            bb = 3 if big else (4 if mm == 3 else 6)
        else:
            bb = int(rng.integers(1, 3 if big else 4))
        G = rand_int(rng, (k, mm, dim), -9, 9)
        if regime == "equal samples" and mm:
            G[:] = G[:, :1]
        out.append(Batch({"G": QArray.of(G, 3), "batch": QArray.of(np.full(k, bb, dtype=np.int64))},
                         label=f"dim={dim}, m={mm}, batch={bb}, {regime}", meta={"dim": dim, "m": mm, "batch": bb}))
    return out


def _const_grads(x: Mapping[str, Any]) -> Any:
    """`grads = fun i _ => G i` on points of shape (B, n)."""
    return lambda w: x["G"]


def _minibatch(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    bb = _batch_of(x)
    w = bk.zeros_like(x["G"][:, 0, :]) if x["G"].shape[-2] else bk.zeros_like(bk.sum(x["G"], axis=-2))
    grads = _const_grads(x)
    lhs = sgd.minibatch_variance(grads, w, bb, bk, validate=False)
    rhs = sgd.variance(grads, w, bk, validate=False) * gd.lean_inv(x["batch"], bk)
    return [Relation(lhs, "==", rhs)]


def _batch_of(x: Mapping[str, Any]) -> int:
    from ..backend import as_float_array

    t = as_float_array(x["batch"]).reshape(-1)
    return int(t[0]) if t.size else 0


MB_M_POS = Hypothesis("m_pos", "0 < m", lambda x, bk: [Relation(0, "<", np.full(x["G"].shape[0], x["G"].shape[1],
                                                                                   dtype=np.int64))])
BATCH_POS = Hypothesis("batch_pos", "0 < batch", lambda x, bk: [Relation(0, "<", x["batch"])])

_NC_SMALL = (1, 2)

ENTRIES += [
    Entry(
        id="sgd.nonconvex_rate", rule="sgd", kind="convergence",
        lean_spec="LearningRules.SGD.nonconvex_rate_spec", lean_proof="LearningRules.SGD.nonconvex_rate",
        statement="For F L-smooth with gradient meanGrad, 0 < η, ηL ≤ 1, an oracle of variance ≤ σ² at every w, "
                  "F* ≤ F, m ≥ 1 and T ≥ 1, some k < T has E⟪∇F(w_k), ∇F(w_k)⟫ ≤ 2(F w₀ - F*)/(ηT) + Lησ², the "
                  "expectation being the exact average over the m^k sample paths (the min over k < T is at most "
                  "the bound).",
        hypotheses=(SMOOTH, STEP_POS, STEP_LE_ONE, VARIANCE_LE, LOWER, M_POS, T_POS), conclusion=_nonconvex_rate,
        sample=nonconvex_instances,
        necessity={
            "smooth": lambda rng, n: nonconvex_instances(rng, n, dims=_NC_SMALL, L_scale=Fraction(1, 8),
                                                         eta_t=Fraction(1), T=2, noise=("noiseless",)),
            "step_pos": lambda rng, n: nonconvex_instances(rng, n, dims=_NC_SMALL, eta_t=Fraction(-1), T=2),
            "step_mul_le_one": lambda rng, n: nonconvex_instances(rng, n, dims=(1,), eta_t=Fraction(3), T=1,
                                                                  noise=("noiseless",)),
            "variance_le": lambda rng, n: nonconvex_instances(rng, n, dims=(1,), eta_t=Fraction(1), T=2,
                                                              sigma_scale=Fraction(0), noise=("high variance",)),
            "lower": lambda rng, n: nonconvex_instances(rng, n, dims=_NC_SMALL, Fstar_shift=Fraction(10**6), T=2),
            "T_pos": lambda rng, n: nonconvex_instances(rng, n, dims=_NC_SMALL, T=0),
        },
        notes="No counterexample can exist for m_pos: with m = 0, meanGrad = 0 (Lean's 1/0 = 0), smoothness forces "
              "F's own gradient to vanish, every E⟪∇F, ∇F⟫ is 0 and the bound is ≥ 0 (F* ≤ F w₀, σ² ≥ variance = "
              "0). The counterexamples: L claimed 8 times too small with η = 1/L (the true ηL is up to 8); η = -1/L "
              "(a negative bound); η = 3/L in dimension 1 (T = 1: ⟪g₀, g₀⟫ = 3 × the bound); σ² claimed 0 under "
              "high noise with η = 1/L (the second iterate's expected squared gradient is the noise variance); "
              "F* 10⁶ above the minimum; T = 0 (no k < 0).",
    ),
    Entry(
        id="sgd.minibatch_variance", rule="sgd", kind="identity",
        lean_spec="LearningRules.SGD.minibatch_variance_spec", lean_proof="LearningRules.SGD.minibatch_variance",
        statement="For m ≥ 1 samples and a batch of batch ≥ 1 samples drawn with replacement, the minibatch mean has "
                  "variance exactly σ²/batch: E⟪(1/batch)Σ_j g_{i_j} - ḡ, (1/batch)Σ_j g_{i_j} - ḡ⟫ over all "
                  "m^batch tuples equals (1/m)Σ_i ⟪g_i - ḡ, g_i - ḡ⟫ / batch.",
        hypotheses=(MB_M_POS, BATCH_POS), conclusion=_minibatch,
        sample=minibatch_instances,
        necessity={"batch_pos": lambda rng, n: minibatch_instances(rng, n, dims=_SMALL, regimes=("plain",),
                                                                   batch=0)},
        notes="No counterexample can exist for m_pos: with m = 0 and batch ≥ 1 both sides are 0 (Lean's 1/0 = 0 "
              "empties every average). With batch = 0 the one empty tuple has mean 0, so the left side is ⟪ḡ, ḡ⟫ "
              "while σ²/0 = 0.",
    ),
]


# Lean: samples `f_i w = ½⟪w, A w⟫ - ⟪B i, w⟫` with a shared `A` and the rows `B i`, so that
# `grads = fun i w => Quadratic.grad A (B i) w` (a `Mat K m n` is `Fin m → Vec K n` by definition).
_GR = "(fun i w => LearningRules.Quadratic.grad {A} ({B} i) w)"


def _vgrads(a: Mapping[str, Any]) -> Any:
    return lambda w: (a["A"][:, None] @ w[:, None, :, None])[..., 0] - a["B"]


_V1 = {"A": [["2", "1"], ["1", "3"]], "B": [["1", "0"], ["-1", "2"], ["0", "1/2"]], "w": ["1/2", "-1"], "eta": "1/4"}
_V2 = {"A": [["3/2"]], "B": [["1"], ["-2/3"]], "w": ["2"], "eta": "1/3"}


def _sgd_vectors(tag: str, args: dict[str, Any]) -> list[VectorCase]:
    return [
        VectorCase("sgd", f"meanGrad.{tag}", f"LearningRules.SGD.meanGrad {_GR} {{w}}", args,
                   lambda a, bk: sgd.mean_grad(_vgrads(a), a["w"], bk)),
        VectorCase("sgd", f"variance.{tag}", f"LearningRules.SGD.variance {_GR} {{w}}", args,
                   lambda a, bk: sgd.variance(_vgrads(a), a["w"], bk)),
        VectorCase("sgd", f"step1.{tag}", f"LearningRules.SGD.step {_GR} {{eta}} (1 : Fin {len(args['B'])}) {{w}}", args,
                   lambda a, bk: sgd.step(_vgrads(a), a["eta"], 1, a["w"], bk)),
        VectorCase("sgd", f"expectedLoss.{tag}",
                   f"LearningRules.SGD.expectedLoss (LearningRules.Quadratic.loss {{A}} {{bbar}}) {_GR} {{eta}} {{w}}",
                   {**args, "bbar": [str(sum((Fraction(r[j]) for r in args["B"]), Fraction(0)) / len(args["B"]))
                                     for j in range(len(args["w"]))]},
                   lambda a, bk: sgd.expected_loss(lambda W: quadratic.loss(a["A"][:, None], a["bbar"][:, None], W, bk),
                                                   _vgrads(a), a["eta"], a["w"], bk)),
    ]


def _vpath_grads(a: Mapping[str, Any]) -> Any:
    """The sample gradients on path iterates of shape (1, P, n): shape (1, P, m, n)."""
    return lambda W: (a["A"][:, None, None] @ W[..., None, :, None])[..., 0] - a["B"][:, None]


def _vsq_mean_grad(a: Mapping[str, Any], bk: Backend) -> Any:
    def f(W: Any) -> Any:
        g = bk.mean(_vpath_grads(a)(W), axis=-2)
        return bk.inner(g, g)
    return f


_SQ = f"(fun v => LearningRules.Vec.dot (LearningRules.SGD.meanGrad {_GR} v) (LearningRules.SGD.meanGrad {_GR} v))"


def _path_case(k: int) -> Any:
    def compute(a: Mapping[str, Any], bk: Backend) -> Any:
        return sgd.path_mean(_vsq_mean_grad(a, bk), _vpath_grads(a), a["eta"], a["w"], k, bk)
    return compute


def _minibatch_case(bb: int) -> Any:
    def compute(a: Mapping[str, Any], bk: Backend) -> Any:
        return sgd.minibatch_variance(_vgrads(a), a["w"], bb, bk)
    return compute


def _path_loss(a: Mapping[str, Any], bk: Backend) -> Any:
    return sgd.path_mean(lambda W: quadratic.loss(a["A"][:, None], a["bbar"][:, None], W, bk),
                         _vpath_grads(a), a["eta"], a["w"], 2, bk)


def _multi_vectors(tag: str, args: dict[str, Any]) -> list[VectorCase]:
    bbar = [str(sum((Fraction(r[j]) for r in args["B"]), Fraction(0)) / len(args["B"])) for j in range(len(args["w"]))]
    out = [VectorCase("sgd", f"pathMean_sq_grad{k}.{tag}", f"LearningRules.SGD.pathMean {_GR} {{eta}} {k} {_SQ} {{w}}",
                      args, _path_case(k)) for k in (0, 1, 2)]
    out.append(VectorCase(
        "sgd", f"pathMean_loss2.{tag}",
        f"LearningRules.SGD.pathMean {_GR} {{eta}} 2 (LearningRules.Quadratic.loss {{A}} {{bbar}}) {{w}}",
        {**args, "bbar": bbar}, _path_loss))
    out += [VectorCase("sgd", f"minibatchVariance{bb}.{tag}", f"LearningRules.SGD.minibatchVariance {_GR} {bb} {{w}}",
                       args, _minibatch_case(bb)) for bb in (0, 2, 3)]
    return out


VECTORS: list[VectorCase] = [*_sgd_vectors("m3", _V1), *_sgd_vectors("m2", _V2), *_multi_vectors("m3", _V1),
                             *_multi_vectors("m2", _V2)]
