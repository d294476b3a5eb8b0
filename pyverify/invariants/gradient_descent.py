"""Catalog entries for gradient descent (`lean/LearningRules/GradientDescent.lean`).

The numeric instances are quadratics `F w = ½⟪w, A w⟫ - ⟪b, w⟫` with symmetric PSD integer `A` and
`L` the Gershgorin bound `max_i Σ_j |A_ij| ≥ λ_max(A)`, so `F` is `L`-smooth exactly
(`Quadratic.is_l_smooth`). Regions covered: dimensions 1, 2, 5 and 64; ill-conditioned `A`; tiny
gradients (`w` within `10⁻⁶` of a minimizer); step sizes just below `2/L`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..backend import Backend, QArray, as_float_array
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import gradient_descent as gd
from ..rules import quadratic
from ..vectors import VectorCase
from ..sampling import EDGE_DIMS, near_below, psd_matrix, rand_int, row_sum_bound, split_counts

__all__ = ["ENTRIES", "VECTORS", "memo", "quadratic_instances", "spectral_instances", "convex_instances", "cell_counts", "BIG_DIM", "BIG_CAP"]

REGIMES = ("plain", "ill-conditioned", "tiny-gradient", "near-bound")

#: Dimensions from here on count as "big": exact arithmetic there is slow, so their cells are capped.
BIG_DIM = 64
#: Instances per big-dimension cell (the rest of the budget goes to the small cells).
BIG_CAP = 3


def cell_counts(n: int, dims: Sequence[int], n_cells_per_dim: int, *, big_cap: int = BIG_CAP) -> list[int]:
    """Instance counts for the cells `(dim, regime)` in row-major order, `n` in all.

    Cells with `dim >= BIG_DIM` get at most `big_cap` instances (at least one each when `n` allows),
    so that exact checks at dimension 64 stay cheap; the remainder is split over the small cells.
    """
    cells = [d for d in dims for _ in range(n_cells_per_dim)]
    big = [i for i, d in enumerate(cells) if d >= BIG_DIM]
    small = [i for i, d in enumerate(cells) if d < BIG_DIM]
    counts = [0] * len(cells)
    if n <= 0:
        return counts
    if not small:
        for i, k in zip(big, split_counts(n, len(big))):
            counts[i] = k
        return counts
    per_big = min(big_cap, max(n // (2 * len(cells)), 1)) if big else 0
    for i in big:
        counts[i] = per_big
    rest = max(n - per_big * len(big), 0)
    for i, k in zip(small, split_counts(rest, len(small))):
        counts[i] = k
    return counts


def quadratic_instances(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = EDGE_DIMS, eta_scale: Fraction | None = None,
    L_scale: Fraction = Fraction(1), zero_grad: bool = False,
) -> list[Batch]:
    """Batches of (A, b, w, L, eta) over the edge dimensions and regimes.

    `eta_scale` fixes `η = eta_scale / L` instead of sampling `η ∈ (0, 2/L)`; `L_scale` multiplies the
    smoothness bound (a value < 1 breaks it on purpose); `zero_grad` puts `w` at a minimizer.
    """
    batches: list[Batch] = []
    cells = [(d, r) for d in dims for r in REGIMES]
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(REGIMES))):
        if k == 0:
            continue
        spread = 10 if regime == "ill-conditioned" else 1
        A = psd_matrix(rng, k, dim, spread=spread) + np.eye(dim, dtype=np.int64) * (dim == 1)
        w_num = rand_int(rng, (k, dim), -20, 20)
        w_den = 4
        if regime == "tiny-gradient" or zero_grad:
            # b = A w + δ: the gradient A w - b = -δ is exactly tiny (or zero)
            delta_num = np.zeros((k, dim), dtype=np.int64)
            if not zero_grad:
                delta_num[:, 0] = rng.choice([-1, 1], size=k)
            b = QArray.of(np.einsum("bij,bj->bi", A, w_num) * 10**6 + delta_num * w_den, w_den * 10**6)
        else:
            b = QArray.of(rand_int(rng, (k, dim), -20, 20), 1)
            if not zero_grad:
                # make sure the gradient is non-zero: nudge b where A w = b
                g0 = np.einsum("bij,bj->bi", A, w_num) - b.num * w_den
                hit = np.all(g0 == 0, axis=1)
                b = QArray.of(np.where(hit[:, None], b.num + 1, b.num), 1)
        L_int = row_sum_bound(A)
        Ls = [Fraction(int(x)) * L_scale for x in L_int]
        etas = []
        for Lf in Ls:
            if eta_scale is not None:
                etas.append(eta_scale / Lf)
            elif regime == "near-bound":
                etas.append(Fraction(2) / Lf * Fraction(999, 1000))
            else:
                etas.append(near_below(Fraction(2) / Lf, rng))
        batches.append(Batch(
            {"A": QArray.of(A), "b": b, "w": QArray.of(w_num, w_den),
             "L": QArray.of(np.array(Ls, dtype=object)), "eta": QArray.of(np.array(etas, dtype=object))},
            label=f"dim={dim}, {regime}", meta={"dim": dim},
        ))
    return batches


_MEMO: dict[int, tuple[Mapping[str, Any], dict[Any, Any]]] = {}


def memo(x: Mapping[str, Any], key: Any, fn: Callable[[], Any]) -> Any:
    """`fn()` computed once per instance dict `x` and `key` (hypotheses and conclusion share it).

    The cache holds `x` itself, so its id cannot be reused while the entry lives; it keeps the last few
    instance dicts only.
    """
    slot = _MEMO.get(id(x))
    if slot is None or slot[0] is not x:
        if len(_MEMO) >= 4:
            _MEMO.clear()
        slot = (x, {})
        _MEMO[id(x)] = slot
    if key not in slot[1]:
        slot[1][key] = fn()
    return slot[1][key]


def _g(x: Mapping[str, Any], bk: Backend) -> Any:
    return memo(x, ("g", bk.mode), lambda: quadratic.grad(x["A"], x["b"], x["w"], bk))


def _parts(x: Mapping[str, Any], bk: Backend) -> tuple[Any, Any, Any, Any]:
    def compute() -> tuple[Any, Any, Any, Any]:
        g = _g(x, bk)
        w1 = gd.step(lambda v: g, x["eta"], x["w"], bk, validate=False)
        return g, w1, quadratic.loss(x["A"], x["b"], x["w"], bk), quadratic.loss(x["A"], x["b"], w1, bk)
    return memo(x, ("parts", bk.mode), compute)


def _smooth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g = _g(x, bk)
    return [Relation(0, "<=", x["L"]),
            Relation(bk.inner(g, bk.matvec(x["A"], g)), "<=", x["L"] * bk.inner(g, g))]


SMOOTH = Hypothesis(
    "smooth", "F is L-smooth: 0 ≤ L and ⟪v, A v⟫ ≤ L⟪v, v⟫ (checked along v = g; L ≥ Gershgorin bound)", _smooth,
    sampled=True,
)
STEP_POS = Hypothesis("step_pos", "0 < η", lambda x, bk: [Relation(0, "<", x["eta"])])
STEP_LT = Hypothesis("step_mul_lt_two", "η L < 2", lambda x, bk: [Relation(x["eta"] * x["L"], "<", 2)])
GRAD_NE = Hypothesis(
    "grad_ne_zero", "grad w ≠ 0",
    lambda x, bk: [Relation(bk.inner(_g(x, bk), _g(x, bk)), "!=", 0)],
)


def _descent_bound(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g, _, F0, F1 = _parts(x, bk)
    return [Relation(F1, "<=", gd.descent_bound_rhs(F0, x["eta"], x["L"], g, bk))]


def _improves(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    _, _, F0, F1 = _parts(x, bk)
    return [Relation(F1, "<", F0)]


def _sample(rng: np.random.Generator, n: int) -> list[Batch]:
    return quadratic_instances(rng, n)



# -- spectral quadratics: exact eigenvalues, for the Polyak–Łojasiewicz and non-convex entries ------
def spectral_instances(
    rng: np.random.Generator, n: int, *, dims: Sequence[int] = EDGE_DIMS, eta_t: Fraction | None = None,
    L_scale: Fraction = Fraction(1), mu_scale: Fraction = Fraction(1), T: int = 4, Fstar_shift: Fraction = Fraction(0),
) -> list[Batch]:
    """Quadratics `A = Q diag(d) Q` with a rational Householder reflection `Q = I - 2vvᵀ/⟪v,v⟫`.

    The eigenvalues `d` are exact positive integers, so `μ = min d` (the PL constant, with
    `F* = F(A⁻¹ b)`, the exact minimum) and `L = max d` are exact. Regimes: well-conditioned, ill-conditioned
    (`max d / min d = 10⁴`), `w₀` near the minimiser, and `η L` near 2. `eta_t` fixes `η = eta_t / L`;
    `L_scale`, `mu_scale` scale the claimed constants (values ≠ 1 break smoothness or PL on purpose);
    `Fstar_shift` raises `F*` above the minimum (breaking the lower bound); `T` is the iteration count.
    """
    regimes = ("plain", "ill-conditioned", "near-minimiser", "near-bound")
    out: list[Batch] = []
    cells = [(d, r) for d in dims for r in regimes]
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(regimes))):
        if k == 0:
            continue
        d = rand_int(rng, (k, dim), 1, 9)
        if regime == "ill-conditioned":
            d[:, 0] = 10**4 * rand_int(rng, (k,), 1, 3)
            if dim > 1:
                d[:, 1] = 1
        v = rand_int(rng, (k, dim), -3, 3)
        v[np.all(v == 0, axis=1), 0] = 1
        s = (v * v).sum(axis=1)  # ⟪v, v⟫
        Dv = d * v
        vDv = (v * Dv).sum(axis=1)
        s2 = (s * s)[:, None, None]
        A_num = (s2 * (np.eye(dim, dtype=np.int64)[None] * d[:, None, :])
                 - 2 * s[:, None, None] * (v[:, :, None] * Dv[:, None, :] + Dv[:, :, None] * v[:, None, :])
                 + 4 * vDv[:, None, None] * v[:, :, None] * v[:, None, :])
        A = QArray.of(A_num, s2)
        b_num = rand_int(rng, (k, dim), -10, 10)
        # the minimiser w* = Q diag(1/d) Q b, computed exactly
        wstar = np.empty((k, dim), dtype=object)
        Fstar, w0, Ls, mus, etas = [], np.empty((k, dim), dtype=object), [], [], []
        for i in range(k):
            vi = [Fraction(int(t)) for t in v[i]]
            si = Fraction(int(s[i]))
            bi = [Fraction(int(t)) for t in b_num[i]]
            qb = _householder(vi, si, bi)
            ws = _householder(vi, si, [qb[j] / int(d[i, j]) for j in range(dim)])
            wstar[i] = ws
            Fstar.append(-sum(bj * wj for bj, wj in zip(bi, ws)) / 2 + Fstar_shift)
            off = rand_int(rng, (dim,), -8, 8)
            if not off.any():
                off[0] = 1
            scale = Fraction(1, 10**6) if regime == "near-minimiser" else Fraction(1, 2)
            w0[i] = [ws[j] + scale * int(off[j]) for j in range(dim)]
            L = Fraction(int(d[i].max())) * L_scale
            mu = Fraction(int(d[i].min())) * mu_scale
            Ls.append(L)
            mus.append(mu)
            if eta_t is not None:
                etas.append(eta_t / L)
            elif regime == "near-bound":
                etas.append(Fraction(1999, 1000) / L)
            else:
                etas.append(near_below(Fraction(2) / L, rng))
        out.append(Batch(
            {"A": A, "b": QArray.of(b_num), "w": QArray.of(w0), "L": QArray.of(np.array(Ls, dtype=object)),
             "eta": QArray.of(np.array(etas, dtype=object)), "mu": QArray.of(np.array(mus, dtype=object)),
             "Fstar": QArray.of(np.array(Fstar, dtype=object)), "T": QArray.of(np.full(k, T, dtype=np.int64))},
            label=f"dim={dim}, {regime}, T={T}", meta={"dim": dim, "T": T},
        ))
    return out


def _householder(v: list[Fraction], s: Fraction | int, x: list[Fraction]) -> list[Fraction]:
    """`(I - 2vvᵀ/s) x` exactly."""
    c = Fraction(2 * sum(a * b for a, b in zip(v, x))) / Fraction(s)
    return [xi - c * vi for xi, vi in zip(x, v)]


_ITER_CACHE: dict[tuple[int, str], tuple[Any, list[tuple[Any, Any, Any]]]] = {}


def _const(g: Any) -> Callable[[Any], Any]:
    """The gradient map that returns the already computed `g` (the step is the rule's own `step`)."""
    return lambda v: g


def _trajectory(x: Mapping[str, Any], bk: Backend, T: int) -> list[tuple[Any, Any, Any]]:
    """`[(w_k, g_k, F w_k) for k ≤ T]`: GD on the quadratic `(A, b)` with step `η`.

    Hypotheses and conclusion of one batch share the trajectory: it is cached per instance dict (the
    cache holds the dict itself, so its id cannot be reused while the entry lives).
    """
    key = (id(x), bk.mode)
    hit = _ITER_CACHE.get(key)
    if hit is not None and hit[0] is x and len(hit[1]) > T:
        return hit[1][: T + 1]
    A, b = x["A"], x["b"]
    w = x["w"]
    out = []
    for k in range(T + 1):
        g = quadratic.grad(A, b, w, bk)
        out.append((w, g, quadratic.loss(A, b, w, bk)))
        if k < T:
            w = gd.step(_const(g), x["eta"], w, bk, validate=False)
    if len(_ITER_CACHE) > 16:
        _ITER_CACHE.clear()
    _ITER_CACHE[key] = (x, out)
    return out


def _T(x: Mapping[str, Any], bk: Backend) -> int:
    return int(as_float_array(x["T"]).reshape(-1)[0]) if np.size(as_float_array(x["T"])) else 0


def _best_step(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g = quadratic.grad(x["A"], x["b"], x["w"], bk)
    w1 = gd.step(lambda v: quadratic.grad(x["A"], x["b"], v, bk), 1 / x["L"], x["w"], bk, validate=False)
    F0, F1 = quadratic.loss(x["A"], x["b"], x["w"], bk), quadratic.loss(x["A"], x["b"], w1, bk)
    return [Relation(F1, "<=", F0 - bk.inner(g, g) / (2 * x["L"]))]


def _pl_rate(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    traj = _trajectory(x, bk, _T(x, bk))
    gap0 = traj[0][2] - x["Fstar"]
    rho = 1 - x["mu"] * x["eta"] * (2 - x["L"] * x["eta"])
    return [Relation(F - x["Fstar"], "<=", rho ** k * gap0) for k, (_, _, F) in enumerate(traj)]


def _pl_hyp(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(2 * x["mu"] * (F - x["Fstar"]), "<=", bk.inner(g, g)) for _, g, F in _trajectory(x, bk, _T(x, bk))]


def _lower_hyp(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(x["Fstar"], "<=", F) for _, _, F in _trajectory(x, bk, _T(x, bk))]


def _min_grad(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    T = _T(x, bk)
    traj = _trajectory(x, bk, max(T - 1, 0))
    rhs = 2 * (traj[0][2] - x["Fstar"])
    c = x["eta"] * (2 - x["L"] * x["eta"]) * x["T"]
    if T == 0:  # `∃ k < 0` is false: no witness
        return [Relation(bk.zeros_like(rhs), "==", 1)]
    sq = [bk.inner(g, g) * c for _, g, _ in traj]
    smallest = -bk.maximum(bk.stack([-v for v in sq], axis=-1), axis=-1)
    return [Relation(smallest, "<=", rhs)]


def _smooth_traj(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    """Smoothness along every direction the proofs use: the gradients at the iterates."""
    out = [Relation(0, "<=", x["L"])]
    for _, g, _ in _trajectory(x, bk, _T(x, bk)):
        out.append(Relation(bk.inner(g, bk.matvec(x["A"], g)), "<=", x["L"] * bk.inner(g, g)))
    return out


SMOOTH_T = Hypothesis("smooth", "F is L-smooth (checked: 0 ≤ L, ⟪v, A v⟫ ≤ L⟪v, v⟫ along the gradients of the iterates; "
                                "L = λ_max(A) exactly)", _smooth_traj, sampled=True)
L_POS = Hypothesis("L_pos", "0 < L", lambda x, bk: [Relation(0, "<", x["L"])])
MU_POS = Hypothesis("mu_pos", "0 < μ", lambda x, bk: [Relation(0, "<", x["mu"])])
LOWER = Hypothesis("lower", "F* ≤ F w (checked at the iterates; F* = min F exactly)", _lower_hyp, sampled=True)
PL = Hypothesis("pl", "2μ (F w - F*) ≤ ⟪∇F w, ∇F w⟫ (checked at the iterates; μ = λ_min(A) exactly)", _pl_hyp, sampled=True)
T_POS = Hypothesis("T_pos", "0 < T", lambda x, bk: [Relation(0, "<", x["T"])])


def _pl_constant_below(rng: np.random.Generator, n: int) -> list[Batch]:
    """`F ≡ 0` (A = 0, b = 0) with `F* = 1 > F`: PL holds for every μ (its left side is negative), smoothness
    with L = 1, η ∈ {1/2, 1}, μ = 10 (ρ = 1 - μη(2 - Lη) ≤ -6); the gap -1 never moves and ρ²·(-1) < -1 at k = 2."""
    k = max(n, 1)
    dims = (1, 2)
    out = []
    for dim, kk in zip(dims, split_counts(k, len(dims))):
        etas = [Fraction(1, 2) if i % 2 else Fraction(1) for i in range(kk)]
        out.append(Batch(
            {"A": QArray.of(np.zeros((kk, dim, dim), dtype=np.int64)), "b": QArray.of(np.zeros((kk, dim), dtype=np.int64)),
             "w": QArray.of(rand_int(rng, (kk, dim), -5, 5), 2), "L": QArray.of(np.ones(kk, dtype=np.int64)),
             "eta": QArray.of(np.array(etas, dtype=object)), "mu": QArray.of(np.full(kk, 10, dtype=np.int64)),
             "Fstar": QArray.of(np.ones(kk, dtype=np.int64)), "T": QArray.of(np.full(kk, 2, dtype=np.int64))},
            label=f"dim={dim}, constant F below F*, T=2", meta={"dim": dim, "T": 2}))
    return out


def _spectral_mix(rng: np.random.Generator, n: int, T: int) -> list[Batch]:
    """Long runs (`T`) in small dimensions, short runs (`T = 1, 2`) everywhere, dimension 64 included."""
    big = min(n // 4, 2 * 4)  # at most 2 instances per regime at dimension 64
    half = (n - big) // 2
    return (spectral_instances(rng, half, T=T, dims=(1, 2, 5))
            + spectral_instances(rng, n - half - big, T=1, dims=(1, 2, 5))
            + spectral_instances(rng, big, T=2, dims=(64,)))


def _spectral(rng: np.random.Generator, n: int) -> list[Batch]:
    return _spectral_mix(rng, n, 6)


def _min_grad_sample(rng: np.random.Generator, n: int) -> list[Batch]:
    return _spectral_mix(rng, n, 6)


# -- convex quadratics with an exact minimiser, for the convex / strongly convex entries -------------
CONVEX_REGIMES = ("plain", "ill-conditioned", "singular", "near-minimiser", "comparator")


def convex_instances(
    rng: np.random.Generator, n: int, *, dims: Sequence[int] = EDGE_DIMS, T: int = 4,
    regimes: Sequence[str] = CONVEX_REGIMES, L_scale: Fraction = Fraction(1), mu_scale: Fraction = Fraction(1),
    neg_eig: bool = False, xstar_at_w0: bool = False, with_mu: bool = True, w_at_min: bool = False,
    with_run: bool = True,
) -> list[Batch]:
    """Convex quadratics `A = Q diag(d) Q` (`Q` a rational Householder reflection, `d` exact), a point `x*`,
    `b = A x*` (so `x*` is an exact minimiser) and a start `w₀`.

    Keys: `A, b, w (= w₀), xstar, L = max d, mu = min d, T`. Regimes: well-conditioned; ill-conditioned
    (`max d / min d = 10⁴`); singular (one `d = 0`: convex, not strongly convex, `μ = 0`); `w₀` within `10⁻⁶` of
    `x*`; and "comparator" (`b = A x₀` for another point: `x*` is any comparator, not a minimiser).
    `L_scale`, `mu_scale` scale the claimed constants (values ≠ 1 break smoothness or strong convexity on purpose);
    `neg_eig` makes the first eigenvalue `-max d` (an indefinite `A`; then `x*` is put far along that direction and
    `w₀` has no component along it); `xstar_at_w0` sets `x* = w₀` (and `b` stays `A x₀`, so `x*` is no minimiser);
    `with_mu=False` leaves out `mu` (for statements without it); `with_run=False` leaves out `L` and `T` (for
    statements about one point `w`); `w_at_min` puts `w` at the true minimiser and `x*` elsewhere (so `x*` is no
    minimiser).
    """
    out: list[Batch] = []
    cells = [(d, r) for d in dims for r in regimes]
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(regimes))):
        if k == 0:
            continue
        d = rand_int(rng, (k, dim), 1, 9)
        if regime == "ill-conditioned":
            d[:, 0] = 10**4 * rand_int(rng, (k,), 1, 3)
            if dim > 1:
                d[:, 1] = 1
        if regime == "singular" and dim > 1:
            d[:, -1] = 0
        if neg_eig:
            d[:, 0] = -d.max(axis=1)
        v = rand_int(rng, (k, dim), -3, 3)
        v[np.all(v == 0, axis=1), 0] = 1
        A = _householder_diag(d, v)
        Af = A.fractions()
        xs = np.empty((k, dim), dtype=object)
        bs = np.empty((k, dim), dtype=object)
        w0 = np.empty((k, dim), dtype=object)
        Ls, mus = [], []
        for i in range(k):
            vi = [Fraction(int(t)) for t in v[i]]
            si = sum(t * t for t in vi)
            x_star = [Fraction(int(t), 2) for t in rand_int(rng, (dim,), -10, 10)]
            off = [Fraction(int(t)) for t in rand_int(rng, (dim,), -8, 8)]
            if not any(off):
                off[0] = Fraction(1)
            scale = Fraction(1, 10**6) if regime == "near-minimiser" else Fraction(1, 2)
            start = [x_star[j] + scale * off[j] for j in range(dim)]
            centre = x_star
            if regime == "comparator" or xstar_at_w0:
                centre = [Fraction(int(t), 2) for t in rand_int(rng, (dim,), -10, 10)]
            if neg_eig:
                # w₀ = Q(0, c₂, …), x* = Q(100, 0, …): GD keeps w_k ⟂ the negative direction Q e₁
                centre = [Fraction(0)] * dim
                start = _householder(vi, si, [Fraction(0)] + off[1:])
                x_star = _householder(vi, si, [Fraction(100)] + [Fraction(0)] * (dim - 1))
            if xstar_at_w0:
                x_star = list(start)
            if w_at_min:
                centre = list(x_star)
                start = list(x_star)
                x_star = [x_star[j] + Fraction(1, 2) * off[j] for j in range(dim)]
            bs[i] = [sum((Af[i, r, c] * centre[c] for c in range(dim)), Fraction(0)) for r in range(dim)]
            xs[i] = x_star
            w0[i] = start
            Ls.append(Fraction(int(d[i].max())) * L_scale)
            mus.append(Fraction(int(d[i].min())) * mu_scale)
        data = {"A": A, "b": QArray.of(bs), "w": QArray.of(w0), "xstar": QArray.of(xs),
                "L": QArray.of(np.array(Ls, dtype=object)), "mu": QArray.of(np.array(mus, dtype=object)),
                "T": QArray.of(np.full(k, T, dtype=np.int64))}
        if not with_mu:
            del data["mu"]
        if not with_run:
            del data["L"], data["T"]
        out.append(Batch(data, label=f"dim={dim}, {regime}, T={T}", meta={"dim": dim, "T": T}))
    return out


def _householder_diag(d: np.ndarray, v: np.ndarray) -> QArray:
    """`Q diag(d) Q` with `Q = I - 2vvᵀ/⟪v, v⟫`, exactly (batched over the first axis)."""
    dim = d.shape[1]
    s = (v * v).sum(axis=1)
    Dv = d * v
    vDv = (v * Dv).sum(axis=1)
    s2 = (s * s)[:, None, None]
    A_num = (s2 * (np.eye(dim, dtype=np.int64)[None] * d[:, None, :])
             - 2 * s[:, None, None] * (v[:, :, None] * Dv[:, None, :] + Dv[:, :, None] * v[:, None, :])
             + 4 * vDv[:, None, None] * v[:, :, None] * v[:, None, :])
    return QArray.of(A_num, s2)


def zero_curvature_instances(rng: np.random.Generator, n: int, *, T: int = 2) -> list[Batch]:
    """`A = 0`, `L = 0`, `b ≠ 0`, `x* = w₀ + b`: convex and 0-smooth, but Lean's `1 / 0 = 0` makes the step
    `1/L` stand still while `F w₀ - F x* = ⟪b, b⟫ > 0` (the role of `0 < L` in `convex_rate`)."""
    out = []
    for dim, k in zip((1, 2), split_counts(max(n, 2), 2)):
        b = rand_int(rng, (k, dim), -5, 5)
        b[np.all(b == 0, axis=1), 0] = 1
        w = rand_int(rng, (k, dim), -9, 9)
        out.append(Batch(
            {"A": QArray.of(np.zeros((k, dim, dim), dtype=np.int64)), "b": QArray.of(b), "w": QArray.of(w),
             "xstar": QArray.of(w + b), "L": QArray.of(np.zeros(k, dtype=np.int64)),
             "T": QArray.of(np.full(k, T, dtype=np.int64))},
            label=f"dim={dim}, A=0, L=0", meta={"dim": dim, "T": T},
        ))
    return out


_INV_CACHE: dict[tuple[int, str], tuple[Any, list[tuple[Any, Any, Any]]]] = {}


def _trajectory_inv_L(x: Mapping[str, Any], bk: Backend, T: int) -> list[tuple[Any, Any, Any]]:
    """`[(w_k, g_k, F w_k) for k ≤ T]`: GD with the step `1/L` (Lean's `1 / 0 = 0`), cached per instance dict."""
    key = (id(x), bk.mode)
    hit = _INV_CACHE.get(key)
    if hit is not None and hit[0] is x and len(hit[1]) > T:
        return hit[1][: T + 1]
    A, b, w = x["A"], x["b"], x["w"]
    eta = gd.lean_inv(x["L"], bk)
    out = []
    for k in range(T + 1):
        g = quadratic.grad(A, b, w, bk)
        out.append((w, g, quadratic.loss(A, b, w, bk)))
        if k < T:
            w = gd.step(_const(g), eta, w, bk, validate=False)
    if len(_INV_CACHE) > 16:
        _INV_CACHE.clear()
    _INV_CACHE[key] = (x, out)
    return out


def _F_star(x: Mapping[str, Any], bk: Backend) -> Any:
    return quadratic.loss(x["A"], x["b"], x["xstar"], bk)


def _smooth_inv(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    out = [Relation(0, "<=", x["L"])]
    for _, g, _ in _trajectory_inv_L(x, bk, _T(x, bk)):
        out.append(Relation(bk.inner(g, bk.matvec(x["A"], g)), "<=", x["L"] * bk.inner(g, g)))
    return out


def _points(x: Mapping[str, Any], bk: Backend) -> list[tuple[Any, Any, Any]]:
    """The points a statement is about: the `1/L` iterates when the instance has a run (`L`, `T`), else `w`."""
    if "T" in x and "L" in x:
        return _trajectory_inv_L(x, bk, _T(x, bk))
    w = x["w"]
    return [(w, quadratic.grad(x["A"], x["b"], w, bk), quadratic.loss(x["A"], x["b"], w, bk))]


def _convex_hyp(mu: bool) -> Callable[[Mapping[str, Any], Backend], list[Relation]]:
    """The first-order (strong) convexity inequality at the pairs `(w_k, x*)` the proofs use."""
    def rel(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
        Fs = _F_star(x, bk)
        out = []
        for w, g, F in _points(x, bk):
            d = x["xstar"] - w
            lhs = F + bk.inner(g, d)
            if mu:
                lhs = lhs + x["mu"] / 2 * bk.inner(d, d)
            out.append(Relation(lhs, "<=", Fs))
        return out
    return rel


def _minimiser_hyp(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    Fs = _F_star(x, bk)
    return [Relation(Fs, "<=", F) for _, _, F in _points(x, bk)]


SMOOTH_INV = Hypothesis("smooth", "F is L-smooth (checked: 0 ≤ L, ⟪v, A v⟫ ≤ L⟪v, v⟫ along the gradients of the "
                                  "iterates; L = λ_max(A) exactly)", _smooth_inv, sampled=True)
CONVEX = Hypothesis("convex", "IsConvex: F x + ⟪∇F x, y - x⟫ ≤ F y (checked at the pairs (w_k, x*); A = Q diag(d) Q, "
                              "d ≥ 0 exactly)", _convex_hyp(False), sampled=True)

STRONGLY_CONVEX = Hypothesis(
    "strongly_convex", "IsStronglyConvex: F x + ⟪∇F x, y - x⟫ + μ/2⟪y - x, y - x⟫ ≤ F y (checked at the pairs (w_k, x*); "
                       "A = Q diag(d) Q and μ = min d exactly)", _convex_hyp(True), sampled=True)
MINIMISER = Hypothesis("minimiser", "∀ y, F x* ≤ F y (checked at the iterates; b = A x* with A ⪰ 0 by construction)",
                       _minimiser_hyp, sampled=True)


def _strongly_convex_rate(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    traj = _trajectory_inv_L(x, bk, _T(x, bk))
    d0 = x["w"] - x["xstar"]
    D0 = bk.inner(d0, d0)
    rho = 1 - x["mu"] * gd.lean_inv(x["L"], bk)
    out = []
    for k, (w, _, _) in enumerate(traj):
        d = w - x["xstar"]
        out.append(Relation(bk.inner(d, d), "<=", rho ** k * D0))
    return out


def _strongly_convex_pl(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    (w, g, F), = _points(x, bk)
    Fs = _F_star(x, bk)
    return [Relation(0, "<", x["mu"]), Relation(Fs, "<=", F), Relation(2 * x["mu"] * (F - Fs), "<=", bk.inner(g, g))]


def _convex_rate(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    traj = _trajectory_inv_L(x, bk, _T(x, bk))
    Fs = _F_star(x, bk)
    d0 = x["w"] - x["xstar"]
    rhs = x["L"] / 2 * bk.inner(d0, d0)
    return [Relation(k * (F - Fs), "<=", rhs) for k, (_, _, F) in enumerate(traj)]


def _convex_mix(rng: np.random.Generator, n: int, *, regimes: Sequence[str] = CONVEX_REGIMES,
                with_mu: bool = True) -> list[Batch]:
    """Long runs (`T = 8`) in small dimensions, short runs (`T = 1`) everywhere, dimension 64 with `T = 2`."""
    big = min(n // 4, 2 * len(regimes))
    half = (n - big) // 2
    kw: dict[str, Any] = {"regimes": regimes, "with_mu": with_mu}
    return (convex_instances(rng, half, T=8, dims=(1, 2, 5), **kw)
            + convex_instances(rng, n - half - big, T=1, dims=(1, 2, 5), **kw)
            + convex_instances(rng, big, T=2, dims=(64,), **kw))


# -- Nesterov's accelerated gradient method (lean/LearningRules/GradientDescentNesterov.lean) -----------
def _nesterov_run(x: Mapping[str, Any], bk: Backend) -> list[tuple[Any, Any, Any, Any, Any]]:
    """`[(x_k, y_k, F x_k, g(y_k), F y_k) for k ≤ T]`: Nesterov's method with step `1/L` (Lean's `1/0 = 0`)."""
    def compute() -> list[tuple[Any, Any, Any, Any, Any]]:
        A, b = x["A"], x["b"]
        states = gd.nesterov(lambda v: quadratic.grad(A, b, v, bk), x["L"], x["w"], _T(x, bk), bk, validate=False)
        return [(s.x, s.y, quadratic.loss(A, b, s.x, bk), quadratic.grad(A, b, s.y, bk), quadratic.loss(A, b, s.y, bk))
                for s in states]
    out: list[tuple[Any, Any, Any, Any, Any]] = memo(x, ("nesterov", bk.mode), compute)
    return out


def _nesterov_smooth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    """Smoothness along the directions the proof uses: the gradients at the `y_k` (the descent steps) and
    `w₀ - x*` (smoothness at `(x*, w₀)` for `k = 0`)."""
    A, L = x["A"], x["L"]
    dirs = [g for _, _, _, g, _ in _nesterov_run(x, bk)] + [x["w"] - x["xstar"]]
    return [Relation(0, "<=", L)] + [Relation(bk.inner(v, bk.matvec(A, v)), "<=", L * bk.inner(v, v)) for v in dirs]


def _nesterov_convex(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    """First-order convexity at the pairs `(y_k, x_k)` and `(y_k, x*)` of the one-step bound."""
    Fs = _F_star(x, bk)
    out = []
    for xk, yk, Fx, g, Fy in _nesterov_run(x, bk):
        out.append(Relation(Fy + bk.inner(g, xk - yk), "<=", Fx))
        out.append(Relation(Fy + bk.inner(g, x["xstar"] - yk), "<=", Fs))
    return out


def _nesterov_minimiser(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    Fs = _F_star(x, bk)
    out = []
    for _, _, Fx, _, Fy in _nesterov_run(x, bk):
        out += [Relation(Fs, "<=", Fx), Relation(Fs, "<=", Fy)]
    return out


def _nesterov_rate(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    Fs = _F_star(x, bk)
    d0 = x["w"] - x["xstar"]
    num = 2 * x["L"] * bk.inner(d0, d0)
    return [Relation(Fx - Fs, "<=", num / ((k + 1) ** 2)) for k, (_, _, Fx, _, _) in enumerate(_nesterov_run(x, bk))]


NESTEROV_SMOOTH = Hypothesis(
    "smooth", "F is L-smooth (checked: 0 ≤ L, ⟪v, A v⟫ ≤ L⟪v, v⟫ along the gradients at the y_k and along w₀ - x*; "
              "L = λ_max(A) exactly)", _nesterov_smooth, sampled=True)
NESTEROV_CONVEX = Hypothesis(
    "convex", "IsConvex: F y + ⟪∇F y, u - y⟫ ≤ F u (checked at the pairs (y_k, x_k) and (y_k, x*); A = Q diag(d) Q, "
              "d ≥ 0 exactly)", _nesterov_convex, sampled=True)
NESTEROV_MINIMISER = Hypothesis(
    "minimiser", "∀ y, F x* ≤ F y (checked at the x_k and y_k; b = A x* with A ⪰ 0 by construction)",
    _nesterov_minimiser, sampled=True)


def nesterov_comparator_instances(rng: np.random.Generator, n: int, *, T: int = 3) -> list[Batch]:
    """Convex quadratics whose `x* = w₀ - g₀/(10 L)` is a point a short way down the gradient, not a minimiser:
    `F w₀ - F x* ≥ (19/20)⟪g₀, g₀⟫/(10 L)` exceeds `2 L ⟪w₀ - x*, w₀ - x*⟫ = ⟪g₀, g₀⟫/(50 L)` at `k = 0`."""
    out = []
    for batch in convex_instances(rng, n, dims=(1, 2, 5), T=T, regimes=("plain",), with_mu=False):
        d = dict(batch.data)
        A, b, w, L = (d[k].fractions() for k in ("A", "b", "w", "L"))
        xs = np.empty(w.shape, dtype=object)
        for i in range(w.shape[0]):
            g = [sum((A[i, r, c] * w[i, c] for c in range(w.shape[1])), Fraction(0)) - b[i, r] for r in range(w.shape[1])]
            xs[i] = [w[i, j] - g[j] / (10 * L[i]) for j in range(w.shape[1])]
        d["xstar"] = QArray.of(xs)
        out.append(Batch(d, label=batch.label.replace("plain", "comparator down the gradient"), meta=batch.meta))
    return out


ENTRIES = [
    Entry(
        id="gradient_descent.descent_bound",
        rule="gradient_descent",
        kind="bound",
        lean_spec="LearningRules.GradientDescent.descent_bound_spec",
        lean_proof="LearningRules.GradientDescent.descent_bound",
        statement="One GD step on an L-smooth F satisfies F(w - ηg) ≤ F w - η(1 - Lη/2)⟪g, g⟫.",
        hypotheses=(SMOOTH,),
        conclusion=_descent_bound,
        sample=_sample,
        necessity={"smooth": lambda rng, n: quadratic_instances(rng, n, dims=(1, 2), L_scale=Fraction(1, 4))},
    ),
    Entry(
        id="gradient_descent.improves",
        rule="gradient_descent",
        kind="improvement",
        lean_spec="LearningRules.GradientDescent.improves_spec",
        lean_proof="LearningRules.GradientDescent.improves",
        statement="For 0 < η, ηL < 2 and g ≠ 0, one GD step strictly decreases an L-smooth F (ΔF > 0).",
        hypotheses=(SMOOTH, STEP_POS, STEP_LT, GRAD_NE),
        conclusion=_improves,
        sample=_sample,
        necessity={
            "smooth": lambda rng, n: quadratic_instances(rng, n, dims=(1, 2), L_scale=Fraction(1, 8),
                                                         eta_scale=Fraction(19, 10)),
            "step_pos": lambda rng, n: quadratic_instances(rng, n, dims=(1, 2), eta_scale=Fraction(0)),
            "step_mul_lt_two": lambda rng, n: quadratic_instances(rng, n, dims=(1,), eta_scale=Fraction(2)),
            "grad_ne_zero": lambda rng, n: quadratic_instances(rng, n, dims=(1, 2), zero_grad=True),
        },
    ),
    Entry(
        id="gradient_descent.best_step_decrease",
        rule="gradient_descent",
        kind="bound",
        lean_spec="LearningRules.GradientDescent.best_step_decrease_spec",
        lean_proof="LearningRules.GradientDescent.best_step_decrease",
        statement="For an L-smooth F with 0 < L, the step η = 1/L decreases F by at least ⟪g, g⟫ / (2L).",
        hypotheses=(SMOOTH, L_POS),
        conclusion=_best_step,
        sample=_sample,
        necessity={"smooth": lambda rng, n: quadratic_instances(rng, n, dims=(1, 2), L_scale=Fraction(1, 4))},
        notes="L_pos has no counterexample: smoothness forces 0 ≤ L, and at L = 0 Lean's 1/0 = 0 makes the step "
              "w itself and the bound F w ≤ F w - 0. It is kept because the statement divides by L.",
    ),
    Entry(
        id="gradient_descent.pl_rate",
        rule="gradient_descent",
        kind="convergence",
        lean_spec="LearningRules.GradientDescent.pl_rate_spec",
        lean_proof="LearningRules.GradientDescent.pl_rate",
        statement="Under PL (F* ≤ F and 2μ(F w - F*) ≤ ⟪g, g⟫), 0 < η and ηL < 2: "
                  "F w_k - F* ≤ (1 - μη(2 - Lη))^k (F w₀ - F*) (checked for k ≤ T).",
        hypotheses=(SMOOTH_T, STEP_POS, STEP_LT, MU_POS, LOWER, PL),
        conclusion=_pl_rate,
        sample=_spectral,
        necessity={
            "smooth": lambda rng, n: spectral_instances(rng, n, dims=(1, 2), L_scale=Fraction(1, 8),
                                                        eta_t=Fraction(1), mu_scale=Fraction(1, 8)),
            "step_pos": lambda rng, n: spectral_instances(rng, n, dims=(2, 5), eta_t=Fraction(-1, 2)),
            "step_mul_lt_two": lambda rng, n: spectral_instances(rng, n, dims=(2, 5), eta_t=Fraction(4)),
            "pl": lambda rng, n: spectral_instances(rng, n, dims=(2, 5), eta_t=Fraction(1), mu_scale=Fraction(10**4)),
            "lower": _pl_constant_below,
        },
        notes="No hypothesis μη(2 - Lη) ≤ 1 (ρ ≥ 0): it does not follow from the others (a constant F = F* is PL "
              "for every μ) but the statement holds without it (where F > F* somewhere, the descent lemma, "
              "F* ≤ F and PL give μη(2 - Lη) ≤ 1; otherwise F = F* and both sides are 0). That argument uses "
              "F* ≤ F: the lower necessity sampler is a constant F = 0 < F* = 1 with μ = 10, ρ = -9, where the "
              "gap -1 is not ≤ ρ²·(-1) at k = 2. No counterexample can exist for mu_pos: for μ ≤ 0, ρ ≥ 1 and GD "
              "never increases F.",
    ),
    Entry(
        id="gradient_descent.nonconvex_min_grad",
        rule="gradient_descent",
        kind="bound",
        lean_spec="LearningRules.GradientDescent.nonconvex_min_grad_spec",
        lean_proof="LearningRules.GradientDescent.nonconvex_min_grad",
        statement="For 0 < η, ηL < 2, F* ≤ F and T ≥ 1, some k < T has ⟪g_k, g_k⟫ η(2 - Lη) T ≤ 2(F w₀ - F*).",
        hypotheses=(SMOOTH_T, STEP_POS, STEP_LT, LOWER, T_POS),
        conclusion=_min_grad,
        sample=_min_grad_sample,
        necessity={
            "smooth": lambda rng, n: spectral_instances(rng, n, dims=(1, 2), L_scale=Fraction(1, 8),
                                                        eta_t=Fraction(19, 10), T=1),
            "lower": lambda rng, n: spectral_instances(rng, n, dims=(1, 2), Fstar_shift=Fraction(10**6), T=2),
            "T_pos": lambda rng, n: spectral_instances(rng, n, dims=(1, 2), T=0),
        },
        notes="No counterexample can exist for step_pos or step_mul_lt_two: without them η(2 - Lη) ≤ 0, the "
              "left side is ≤ 0 and F* ≤ F makes the right side ≥ 0. The bound is vacuous there, not false.",
    ),
    Entry(
        id="gradient_descent.convex_rate",
        rule="gradient_descent",
        kind="convergence",
        lean_spec="LearningRules.GradientDescent.convex_rate_spec",
        lean_proof="LearningRules.GradientDescent.convex_rate",
        statement="On a convex, L-smooth F with 0 < L, GD with step 1/L satisfies, against any comparator x*, "
                  "T (F w_T - F x*) ≤ (L/2)⟪w₀ - x*, w₀ - x*⟫ (checked for every T up to the run length).",
        hypotheses=(SMOOTH_INV, L_POS, CONVEX),
        conclusion=_convex_rate,
        sample=lambda rng, n: _convex_mix(rng, n, with_mu=False),
        necessity={
            "smooth": lambda rng, n: convex_instances(rng, n, dims=(1, 2), L_scale=Fraction(1, 8), T=3,
                                                      regimes=("plain",), with_mu=False),
            "L_pos": lambda rng, n: zero_curvature_instances(rng, n),
            "convex": lambda rng, n: convex_instances(rng, n, dims=(2, 5), neg_eig=True, T=6,
                                                      regimes=("plain",), with_mu=False),
        },
        notes="x* is any comparator (the proof never uses minimality); the sampler takes the exact minimiser in "
              "most regimes and an arbitrary point in the 'comparator' regime. L_pos is needed only through Lean's "
              "1 / 0 = 0: at L = 0 (A = 0) the step stands still while F w₀ - F x* can be positive.",
    ),
    Entry(
        id="gradient_descent.strongly_convex_rate",
        rule="gradient_descent",
        kind="convergence",
        lean_spec="LearningRules.GradientDescent.strongly_convex_rate_spec",
        lean_proof="LearningRules.GradientDescent.strongly_convex_rate",
        statement="On a μ-strongly convex, L-smooth F with 0 < L and a minimiser x*, GD with step 1/L satisfies "
                  "⟪w_k - x*, w_k - x*⟫ ≤ (1 - μ/L)^k ⟪w₀ - x*, w₀ - x*⟫ (checked for every k up to the run length).",
        hypotheses=(SMOOTH_INV, L_POS, STRONGLY_CONVEX, MINIMISER),
        conclusion=_strongly_convex_rate,
        sample=lambda rng, n: _convex_mix(rng, n, regimes=("plain", "ill-conditioned", "singular", "near-minimiser")),
        necessity={
            "smooth": lambda rng, n: convex_instances(rng, n, dims=(1, 2), L_scale=Fraction(1, 8), T=3,
                                                      regimes=("plain",)),
            "strongly_convex": lambda rng, n: convex_instances(rng, n, dims=(1, 2, 5), mu_scale=Fraction(10**4), T=2,
                                                               regimes=("plain",)),
            "minimiser": lambda rng, n: convex_instances(rng, n, dims=(1, 2, 5), xstar_at_w0=True, T=2,
                                                         regimes=("plain",)),
        },
        notes="No sign of μ is assumed (μ ≤ 0 gives a factor ≥ 1; the sampler's singular regime has μ = 0) and μ ≤ L "
              "is not assumed: the squared distances are nonnegative, so a negative factor forces w₀ = x*. L_pos has "
              "no counterexample: at L = 0 smoothness and strong convexity force A ⪯ 0 ⪯ A - μI, the step 1/0 = 0 "
              "stands still and the factor is 1 - μ·0 = 1.",
    ),
    Entry(
        id="gradient_descent.strongly_convex_pl",
        rule="gradient_descent",
        kind="bound",
        lean_spec="LearningRules.GradientDescent.strongly_convex_pl_spec",
        lean_proof="LearningRules.GradientDescent.strongly_convex_pl",
        statement="A μ-strongly convex F with 0 < μ and a minimiser x* satisfies the Polyak–Łojasiewicz condition with "
                  "F* = F x*: 0 < μ, F x* ≤ F w and 2μ(F w - F x*) ≤ ⟪∇F w, ∇F w⟫ (checked at the sampled w).",
        hypotheses=(STRONGLY_CONVEX, MU_POS, MINIMISER),
        conclusion=_strongly_convex_pl,
        sample=lambda rng, n: convex_instances(rng, n, regimes=("plain", "ill-conditioned", "near-minimiser"),
                                               with_run=False),
        necessity={
            "strongly_convex": lambda rng, n: convex_instances(rng, n, dims=(1, 2, 5), mu_scale=Fraction(10**4),
                                                               regimes=("plain",), with_run=False),
            "mu_pos": lambda rng, n: convex_instances(rng, n, dims=(1, 2, 5), mu_scale=Fraction(0),
                                                      regimes=("plain",), with_run=False),
            "minimiser": lambda rng, n: convex_instances(rng, n, dims=(1, 2, 5), w_at_min=True,
                                                         regimes=("plain",), with_run=False),
        },
        notes="The PL inequality itself holds against any point x* (it uses strong convexity at (w, x*) and "
              "⟪g + μ(x* - w), g + μ(x* - w)⟫ ≥ 0); minimality gives the lower-bound field F x* ≤ F w.",
    ),
    Entry(
        id="gradient_descent.nesterov_rate",
        rule="gradient_descent",
        kind="convergence",
        lean_spec="LearningRules.GradientDescent.nesterov_rate_spec",
        lean_proof="LearningRules.GradientDescent.nesterov_rate",
        statement="On a convex, L-smooth F with 0 < L and a minimiser x*, Nesterov's accelerated gradient method "
                  "(FISTA form, step 1/L, t_k = (k + 2)/2, x₀ = y₀ = w₀) satisfies "
                  "F x_k - F x* ≤ 2L⟪w₀ - x*, w₀ - x*⟫/(k + 1)² (checked for every k up to the run length T).",
        hypotheses=(NESTEROV_SMOOTH, L_POS, NESTEROV_CONVEX, NESTEROV_MINIMISER),
        conclusion=_nesterov_rate,
        sample=lambda rng, n: _convex_mix(rng, n, regimes=("plain", "ill-conditioned", "singular", "near-minimiser"),
                                          with_mu=False),
        necessity={
            "smooth": lambda rng, n: convex_instances(rng, n, dims=(1, 2), L_scale=Fraction(1, 8), T=3,
                                                      regimes=("plain",), with_mu=False),
            "minimiser": lambda rng, n: nesterov_comparator_instances(rng, n),
        },
        notes="The method is FISTA without the proximal step (Beck and Teboulle 2009) with t_k = (k + 2)/2 in place of "
              "t_{k+1} = (1 + √(1 + 4t_k²))/2; the proof needs only t_{k+1}² - t_{k+1} ≤ t_k² (here t_k² - 1/4). "
              "Minimality of x* is used twice: the gaps F x_k - F x* are nonnegative (so the inequality on t chains "
              "the one-step bounds) and ∇F x* = 0 (the case k = 0); a comparator a short way down the gradient "
              "breaks k = 0. No quadratic counterexample exists for convex (a quadratic with a minimiser has A ⪰ 0, "
              "so it is convex); the proof uses convexity at (y_k, x_k) and (y_k, x*). L_pos has no counterexample "
              "at all: at L = 0, smoothness and convexity make F affine and a minimiser makes it constant, so both "
              "sides are 0; the proof uses 0 < L for L · (1/L) = 1.",
    ),
]


VECTORS: list[VectorCase] = [
    VectorCase("gradient_descent", f"step.{tag}",
               "LearningRules.GradientDescent.step (LearningRules.Quadratic.grad {A} {b}) {eta} {w}", args,
               lambda a, bk: gd.step(lambda v: quadratic.grad(a["A"], a["b"], v, bk), a["eta"], a["w"], bk))
    for tag, args in [
        ("2x2", {"A": [["2", "1"], ["1", "3"]], "b": ["1", "-1/2"], "w": ["-1/3", "2"], "eta": "1/4"}),
        ("dim1", {"A": [["5"]], "b": ["3/7"], "w": ["-2"], "eta": "2/9"}),
        ("3x3", {"A": [["4", "-1", "0"], ["-1", "5/2", "1/3"], ["0", "1/3", "1"]], "b": ["0", "2", "-7/4"],
                 "w": ["1/2", "-1", "3/5"], "eta": "1/5"}),
    ]
]


def _nesterov_vec(k: int, field: str) -> Callable[[dict[str, Any], Backend], Any]:
    def compute(a: dict[str, Any], bk: Backend) -> Any:
        states = gd.nesterov(lambda v: quadratic.grad(a["A"], a["b"], v, bk), a["L"], a["w"], k, bk)
        return getattr(states[k], field)
    return compute


VECTORS += [
    VectorCase("gradient_descent", f"nesterov.{tag}",
               f"(LearningRules.GradientDescent.nesterov (LearningRules.Quadratic.grad {{A}} {{b}}) {{L}} {k} {{w}}).{field}",
               args, _nesterov_vec(k, field))
    for tag, k, field, args in [
        ("2x2.x3", 3, "x", {"A": [["2", "1"], ["1", "3"]], "b": ["1", "-1"], "w": ["0", "2"], "L": "4"}),
        ("2x2.y2", 2, "y", {"A": [["2", "1"], ["1", "3"]], "b": ["1", "-1"], "w": ["0", "2"], "L": "4"}),
        ("dim1.x4", 4, "x", {"A": [["5"]], "b": ["3/7"], "w": ["-2"], "L": "6"}),
        ("3x3.x2", 2, "x", {"A": [["4", "-1", "0"], ["-1", "5/2", "1/3"], ["0", "1/3", "1"]], "b": ["0", "2", "-7/4"],
                            "w": ["1/2", "-1", "3/5"], "L": "5"}),
    ]
]
