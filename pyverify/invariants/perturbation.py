"""Catalog entries for weight and node perturbation (`lean/LearningRules/Perturbation.lean`).

Instances are exact quadratics `F w = ½⟪w, A w⟫ - ⟪b, w⟫` with symmetric integer `A` (PSD with the
Gershgorin bound `L` where smoothness is needed), perturbation sizes `σ` tiny (`2⁻²⁰`), moderate,
large and negative, and the finite direction sets of the spec, enumerated exactly: the Rademacher
set `{±1}^n` (n ≤ 8 here; second moment `I`, checked exactly as a hypothesis on every instance), the
coordinate set `{±e_i}` (n up to 64; second moment `I/n`) and the basis `{e_i}` (second moment `I/n`).
Expectations over a direction set are exact finite averages.

`estimator_variance_table` compares, per dimension, the variance of the two-point and one-point
perturbation estimators with feedback alignment (zero variance, but biased).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from ..backend import Backend, QArray, get_backend
from ..vectors import VectorCase
from ..catalog import Batch, Entry, Hypothesis, Relation, Tolerance
from ..rules import perturbation as pt
from ..rules import quadratic
from ..sampling import psd_matrix, rand_int, row_sum_bound, split_counts

__all__ = ["ENTRIES", "VECTORS", "single_instances", "set_instances", "estimator_variance_table"]

DIMS = (1, 2, 5, 64)
SIGMAS = ("tiny", "moderate", "large", "negative")


def _sigmas(rng: np.random.Generator, k: int, regime: str, zero: bool) -> np.ndarray:
    if zero:
        return np.array([Fraction(0)] * k, dtype=object)
    if regime == "tiny":
        vals = [Fraction(1, 2**20)] * k
    elif regime == "large":
        vals = [Fraction(int(v)) for v in rng.integers(2, 9, size=k)]
    elif regime == "negative":
        vals = [Fraction(-int(v), 4) for v in rng.integers(1, 9, size=k)]
    else:
        vals = [Fraction(int(v), 16) for v in rng.integers(1, 17, size=k)]
    return np.array(vals, dtype=object)


def _sym(rng: np.random.Generator, k: int, n: int, symmetric: bool) -> np.ndarray:
    S = rand_int(rng, (k, n, n), -4, 4)
    A = S + np.swapaxes(S, -1, -2)
    if not symmetric:
        T = rand_int(rng, (k, n, n), 1, 4)
        A = A + np.triu(T, 1) if n > 1 else A
    return A


def single_instances(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = DIMS, symmetric: bool = True, zero_sigma: bool = False,
) -> list[Batch]:
    """Batches of (A, b, w, sigma, xi) with one direction per instance (random rational, a Rademacher
    vector or a signed basis vector)."""
    batches = []
    cells = [(d, r) for d in dims for r in SIGMAS]
    for (dim, regime), k in zip(cells, split_counts(n, len(cells))):
        A = _sym(rng, k, dim, symmetric or dim == 1)
        if not symmetric and dim == 1:
            continue
        kind = int(rng.integers(0, 3))
        if kind == 0:
            xi = QArray.of(rand_int(rng, (k, dim), -6, 6), 3)
        elif kind == 1:
            xi = QArray.of(rng.choice(np.array([-1, 1], dtype=np.int64), size=(k, dim)))
        else:
            E = np.zeros((k, dim), dtype=np.int64)
            E[np.arange(k), rng.integers(0, dim, size=k)] = rng.choice(np.array([-1, 1], dtype=np.int64), size=k)
            xi = QArray.of(E)
        batches.append(Batch(
            {"A": QArray.of(A), "b": QArray.of(rand_int(rng, (k, dim), -5, 5), 2),
             "w": QArray.of(rand_int(rng, (k, dim), -8, 8), 4), "sigma": QArray.of(_sigmas(rng, k, regime, zero_sigma)),
             "xi": xi},
            label=f"dim={dim}, σ {regime}", meta={"dim": dim}))
    return batches


SETS = ("rademacher", "coordinate", "basis")
SET_BUDGET = 40_000  # instances per set cell are capped so that exact evaluation stays fast


def _dir_set(kind: str, dim: int, half: bool) -> tuple[np.ndarray, Fraction]:
    if kind == "rademacher":
        return (pt.rademacher_half(dim) if half else pt.rademacher_set(dim)), Fraction(1)
    if kind == "coordinate":
        return (pt.coordinate_half(dim) if half else pt.coordinate_set(dim)), Fraction(1, dim)
    return pt.coordinate_half(dim), Fraction(1, dim)


def _linear_term(rng: np.random.Generator, A: np.ndarray, w_int: np.ndarray, *, stationary: bool) -> QArray:
    """The linear term b of F w = ½⟪w, A w⟫ - ⟪b, w⟫ for the weights w = w_int / 4: b = A w (∇F w = 0) when
    `stationary`, else random integers with ∇F w = A w - b ≠ 0 (exactly)."""
    if stationary:
        return QArray.of(np.einsum("bij,bj->bi", A, w_int), 4)
    b_int = rand_int(rng, w_int.shape, -20, 20)
    hit = np.all(np.einsum("bij,bj->bi", A, w_int) == 4 * b_int, axis=1)
    b_int[hit, 0] += 1
    return QArray.of(b_int, 1)


def set_instances(
    rng: np.random.Generator, n: int, *, half: bool = False, psd: bool = False, relax: str | None = None,
    dims: tuple[int, ...] | None = None,
) -> list[Batch]:
    """Batches of (A, b, w, sigma, c, dirs | half[, eta, L]) with a whole direction set per instance.

    `half=True` gives the half `half` of a symmetric set (for `pmAverage`), else the full set `dirs`.
    `psd=True` adds `L` (Gershgorin) and `eta` with `0 < η c L < 2`. `relax`: ``moment`` (c doubled),
    ``symm`` (A not symmetric), ``sigma`` (σ = 0), ``smooth`` (L/8, η c = 19/10 / (L/8)), ``step``
    (η c L = 2 in dimension 1), ``grad`` (w a minimizer).
    """
    cells = [("rademacher", d) for d in (1, 2, 5, 8)] + [("coordinate", d) for d in DIMS] + [("basis", d) for d in (2, 64)]
    if half:
        cells = [c for c in cells if c[0] != "basis"]
    if dims is not None:
        cells = [c for c in cells if c[1] in dims]
    if relax == "step":
        cells = [(kind, 1) for kind in ("rademacher", "coordinate")]
    batches = []
    for (kind, dim), k in zip(cells, split_counts(n, len(cells))):
        D, c = _dir_set(kind, dim, half)
        k = max(1, min(k, SET_BUDGET // (D.shape[0] * dim * dim)))  # F is evaluated at m points, n² each
        if psd:
            A = psd_matrix(rng, k, dim) + np.eye(dim, dtype=np.int64)
            if relax == "symm" and dim > 1:
                A = A + np.triu(rand_int(rng, (k, dim, dim), 1, 4), 1)
        else:
            A = _sym(rng, k, dim, relax != "symm" or dim == 1)
        if relax == "symm" and dim == 1:
            continue
        w = rand_int(rng, (k, dim), -8, 8)
        b = _linear_term(rng, A, w, stationary=relax == "grad")
        cs = [c * 2 if relax == "moment" else c] * k
        data = {"A": QArray.of(A), "b": b, "w": QArray.of(w, 4),
                "sigma": QArray.of(_sigmas(rng, k, SIGMAS[int(rng.integers(0, 4))], relax == "sigma")),
                "c": QArray.of(np.array(cs, dtype=object)),
                ("half" if half else "dirs"): QArray.of(np.broadcast_to(D, (k,) + D.shape).copy())}
        if psd:
            Ls = [Fraction(int(v)) for v in row_sum_bound(A)]
            etas = []
            for Lf in Ls:
                if relax == "smooth":
                    Lf = Lf / 8
                    etas.append(Fraction(19, 10) / Lf / c)
                elif relax == "step":
                    etas.append(Fraction(2) / Lf / c)
                else:
                    choice = int(rng.integers(0, 3))
                    frac = Fraction(999, 1000) if choice == 0 else Fraction(int(rng.integers(1, 100)), 100)
                    etas.append(Fraction(2) / Lf * frac / c)
            data["L"] = QArray.of(np.array(Ls if relax != "smooth" else [v / 8 for v in Ls], dtype=object))
            data["eta"] = QArray.of(np.array(etas, dtype=object))
        batches.append(Batch(data, label=f"{kind} set, dim={dim}, m={D.shape[0]}", meta={"dim": dim}))
    return batches


def node_instances(rng: np.random.Generator, n: int, *, symmetric: bool = True, zero_sigma: bool = False) -> list[Batch]:
    """Batches of (A, b, sigma, eta, W, x, xi) for node perturbation of a linear layer y = W x (W: p × n)."""
    shapes = [(1, 1), (3, 2), (64, 2), (2, 64)] if symmetric else [(3, 2), (2, 5)]
    batches = []
    for (nin, p), k in zip(shapes, split_counts(n, len(shapes))):
        A = _sym(rng, k, p, symmetric or p == 1)
        batches.append(Batch(
            {"A": QArray.of(A), "b": QArray.of(rand_int(rng, (k, p), -5, 5), 2),
             "sigma": QArray.of(_sigmas(rng, k, SIGMAS[int(rng.integers(0, 4))], zero_sigma)),
             "eta": QArray.of(rand_int(rng, (k,), 1, 16), 16),
             "W": QArray.of(rand_int(rng, (k, p, nin), -4, 4), 2), "x": QArray.of(rand_int(rng, (k, nin), -4, 4), 3),
             "xi": QArray.of(rng.choice(np.array([-1, 1], dtype=np.int64), size=(k, p)))},
            label=f"n={nin}, p={p}", meta={"dim": max(nin, p)}))
    return batches


# -- hypotheses ---------------------------------------------------------------------------------
def _sq_sum(A: Any, bk: Backend) -> Any:
    return bk.sum(bk.sum(A * A, axis=-1), axis=-1)


def _F(x: Mapping[str, Any], bk: Backend) -> Any:
    return pt.quadratic_objective(x["A"], x["b"], bk)


def _g(x: Mapping[str, Any], bk: Backend, w: Any = None) -> Any:
    return quadratic.grad(x["A"], x["b"], x["w"] if w is None else w, bk)


def _eye(n: int, bk: Backend) -> Any:
    return bk.from_q(QArray.of(np.eye(n, dtype=np.int64)))


SYMM = Hypothesis("symm", "Mat.IsSymm A (checked as Σ (A - Aᵀ)² = 0)",
                  lambda x, bk: [Relation(_sq_sum(x["A"] - bk.transpose(x["A"]), bk), "==", 0)])
SIGMA_NE = Hypothesis("sigma_ne_zero", "σ ≠ 0", lambda x, bk: [Relation(x["sigma"], "!=", 0)])
MOMENT = Hypothesis(
    "second_moment", "SecondMoment dirs c: (1/m) Σ ξ_i ξ_iᵀ = c I (checked as a zero sum of squares)",
    lambda x, bk: [Relation(_sq_sum(pt.second_moment(x["dirs"], bk) - x["c"][..., None, None] * _eye(x["dirs"].shape[-1], bk), bk), "==", 0)],
)


def _pm_moment(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    h = x["half"]
    # pmAverage of ⟪v, ξ⟫ ξ over {± half i} is (1/2m) Σ (ξ ξᵀ + ξ ξᵀ) v = (1/m) Σ ξ_i ξ_iᵀ v
    M = (bk.transpose(h) @ h + bk.transpose(-h) @ (-h)) / (2 * h.shape[-2])
    return [Relation(_sq_sum(M - x["c"][..., None, None] * _eye(h.shape[-1], bk), bk), "==", 0)]


PM_MOMENT = Hypothesis("pm_second_moment", "PMSecondMoment half c (checked as a zero sum of squares)", _pm_moment)


def _cubic_mean(D: Any, A: Any, bk: Backend) -> Any:
    """`(1/m) Σ i, ⟪ξ_i, A ξ_i⟫ ξ_i` of a direction family D (B, m, n)."""
    q = bk.sum(D * (D @ bk.transpose(A)), axis=-1)
    return bk.sum(q[..., None] * D, axis=-2) / D.shape[-2]


CUBIC = Hypothesis(
    "cubic_moment_zero", "CubicMomentZero dirs A: (1/m) Σ ⟪ξ_i, A ξ_i⟫ ξ_i = 0 (checked as a zero sum of squares)",
    lambda x, bk: [Relation(bk.inner(_cubic_mean(x["dirs"], x["A"], bk), _cubic_mean(x["dirs"], x["A"], bk)), "==", 0)],
)
M_POS = Hypothesis("m_pos", "0 < m", lambda x, bk: [Relation(0, "<", bk.const(x["dirs"].shape[-2]) + bk.zeros_like(x["sigma"]))])


def _smooth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g = _g(x, bk)
    return [Relation(0, "<=", x["L"]), Relation(bk.inner(g, bk.matvec(x["A"], g)), "<=", x["L"] * bk.inner(g, g))]


SMOOTH = Hypothesis("smooth", "IsLSmooth (Quadratic.loss A b) (Quadratic.grad A b) L (checked: 0 ≤ L, ⟪g, A g⟫ ≤ L⟪g, g⟫; "
                    "L ≥ the Gershgorin bound)", _smooth, sampled=True)
STEP = Hypothesis("step_bound", "StepBound (η c) L: 0 < η c and η c L < 2",
                  lambda x, bk: [Relation(0, "<", x["eta"] * x["c"]), Relation(x["eta"] * x["c"] * x["L"], "<", 2)])
GRAD_NE = Hypothesis("grad_ne_zero", "Quadratic.grad A b w ≠ 0", lambda x, bk: [Relation(bk.inner(_g(x, bk), _g(x, bk)), "!=", 0)])


# -- conclusions --------------------------------------------------------------------------------
def _proj(g: Any, xi: Any, bk: Backend) -> Any:
    """`⟪g, ξ⟫ • ξ` for one direction (B, n) or a set (B, m, n)."""
    if xi.ndim == 3:
        return bk.sum(g[..., None, :] * xi, axis=-1)[..., None] * xi
    return bk.inner(g, xi)[..., None] * xi


def _two_point(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(pt.twoPoint(_F(x, bk), x["sigma"], x["w"], x["xi"], bk), "==", _proj(_g(x, bk), x["xi"], bk))]


def _one_point_coef(x: Mapping[str, Any], xi: Any, bk: Backend) -> Any:
    """`⟪g, ξ⟫ + σ/2 ⟪ξ, A ξ⟫` for one direction (B, n) or a family (B, m, n)."""
    g, A, s = _g(x, bk), x["A"], x["sigma"]
    if xi.ndim == 3:
        q = bk.sum(xi * (xi @ bk.transpose(A)), axis=-1)
        return bk.sum(g[..., None, :] * xi, axis=-1) + s[..., None] / 2 * q
    return bk.inner(g, xi) + s / 2 * bk.inner(xi, bk.matvec(A, xi))


def _one_point(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    est = pt.onePoint(_F(x, bk), x["sigma"], x["w"], x["xi"], bk)
    return [Relation(est, "==", _one_point_coef(x, x["xi"], bk)[..., None] * x["xi"])]


def _one_pair(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    F = _F(x, bk)
    lhs = pt.onePoint(F, x["sigma"], x["w"], x["xi"], bk) + pt.onePoint(F, x["sigma"], x["w"], -x["xi"], bk)
    return [Relation(lhs, "==", 2 * _proj(_g(x, bk), x["xi"], bk))]


def _mean_two(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    est = pt.twoPoint(_F(x, bk), x["sigma"], x["w"], x["dirs"], bk)
    return [Relation(pt.average(est, bk), "==", x["c"][..., None] * _g(x, bk))]


def _mean_one(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    F = _F(x, bk)
    avg = pt.pmAverage(x["half"], lambda h: pt.onePoint(F, x["sigma"], x["w"], h, bk), bk)
    return [Relation(avg, "==", x["c"][..., None] * _g(x, bk))]


def _coordinate(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    h, v = x["half"], x["w"]
    avg = pt.pmAverage(h, lambda d: _proj(v, d, bk), bk)
    return [Relation(avg, "==", v / h.shape[-1])]


def _expected(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    F = _F(x, bk)
    w1 = pt.meanUpdate(x["dirs"], F, x["sigma"], x["eta"], x["w"], bk)
    gd = x["w"] - (x["eta"] * x["c"])[..., None] * _g(x, bk)
    return [Relation(w1, "==", gd), Relation(F(w1), "<", F(x["w"]))]


def _variance(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    v = pt.twoPoint(_F(x, bk), x["sigma"], x["w"], x["dirs"], bk)  # any family; here the estimates
    v = v + x["dirs"] * x["sigma"][..., None, None]  # perturbed so it is a general family
    m = v.shape[-2]
    mu = pt.average(v, bk)
    rhs = bk.sum(bk.sum(v * v, axis=-1), axis=-1) / m - bk.inner(mu, mu)
    return [Relation(pt.variance(v, bk), "==", rhs)]


def _two_var(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    D = x["dirs"]
    g = _g(x, bk)
    est = pt.twoPoint(_F(x, bk), x["sigma"], x["w"], D, bk)
    gx = bk.sum(g[..., None, :] * D, axis=-1)
    rhs = bk.sum(gx * gx * bk.sum(D * D, axis=-1), axis=-1) / D.shape[-2] - x["c"] * x["c"] * bk.inner(g, g)
    return [Relation(pt.variance(est, bk), "==", rhs)]


def _one_var(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    D = x["dirs"]
    g = _g(x, bk)
    est = pt.onePoint(_F(x, bk), x["sigma"], x["w"], D, bk)
    a = _one_point_coef(x, D, bk)
    rhs = bk.sum(a * a * bk.sum(D * D, axis=-1), axis=-1) / D.shape[-2] - x["c"] * x["c"] * bk.inner(g, g)
    return [Relation(pt.average(est, bk), "==", x["c"][..., None] * g), Relation(pt.variance(est, bk), "==", rhs)]


def _node(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    F = _F(x, bk)
    y = bk.matvec(x["W"], x["x"])
    g = quadratic.grad(x["A"], x["b"], y, bk)
    proj = bk.inner(g, x["xi"])[..., None] * x["xi"]
    W1 = pt.nodeStep(F, x["sigma"], x["eta"], x["W"], x["x"], x["xi"], bk)
    return [Relation(pt.twoPoint(F, x["sigma"], y, x["xi"], bk), "==", proj),
            Relation(W1, "==", x["W"] - x["eta"][..., None, None] * bk.outer(proj, x["x"]))]


def _coord_sample(rng: np.random.Generator, n: int) -> list[Batch]:
    out = []
    for dim, k in zip(DIMS, split_counts(n, len(DIMS))):
        out.append(Batch({"half": QArray.of(np.broadcast_to(pt.coordinate_half(dim), (k, dim, dim)).copy()),
                          "w": QArray.of(rand_int(rng, (k, dim), -9, 9), 5)}, label=f"dim={dim}", meta={"dim": dim}))
    return out


def _si(**kw: Any) -> Any:
    return lambda rng, n: single_instances(rng, n, **kw)


def _set(**kw: Any) -> Any:
    return lambda rng, n: set_instances(rng, n, **kw)


def _small(**kw: Any) -> Any:
    return lambda rng, n: set_instances(rng, n, dims=(1, 2, 5), **kw)


def _entry(name: str, kind: str, statement: str, hyps: tuple[Hypothesis, ...], concl: Any, sample: Any,
           necessity: Mapping[str, Any] | None = None, notes: str = "", tolerance: Tolerance = Tolerance()) -> Entry:
    return Entry(id=f"perturbation.{name}", rule="perturbation", kind=kind,  # type: ignore[arg-type]
                 lean_spec=f"LearningRules.Perturbation.{name}_spec", lean_proof=f"LearningRules.Perturbation.{name}",
                 statement=statement, hypotheses=hyps, conclusion=concl, sample=sample,
                 necessity=dict(necessity or {}), notes=notes, tolerance=tolerance)


#: Float tolerance for a finite difference divided by σ ≥ 2⁻²⁰ of a loss that reaches |F| ≈ 10⁵: rounding
#: leaves an error of about u·|F|/σ ≈ 2⁻⁵³·10⁵·2²⁰ ≈ 10⁻⁵ next to estimates of size 10 to 10³ (exact mode is exact).
_FD_TOL = Tolerance(rtol=1e-6, atol=1e-9)


_NEC_SET = {"second_moment": _small(relax="moment"), "symm": _small(relax="symm"), "sigma_ne_zero": _small(relax="sigma")}


def _kinds(sampler: Any, keep: tuple[str, ...]) -> Any:
    """Only the batches of `sampler` whose direction set is one of `keep` (by batch label)."""
    def sample(rng: np.random.Generator, n: int) -> list[Batch]:
        return [b for b in sampler(rng, n) if b.label.split(" ")[0] in keep]
    return sample


_SYMMETRIC_SETS = ("rademacher", "coordinate")  # families listing ξ and -ξ: CubicMomentZero holds
_NEC_ONE_VAR = {k: _kinds(v, _SYMMETRIC_SETS) for k, v in _NEC_SET.items()}
_NEC_ONE_VAR["cubic_moment_zero"] = _kinds(_set(), ("basis",))

def _rad_length(rng: np.random.Generator, n: int) -> list[Batch]:
    """One batch per n = 0 … 10: the list `rademacher n` enumerated by Lean's recursion (in Python)."""
    out = []
    for dim in range(pt.MAX_RADEMACHER_DIM + 1):
        length = pt.rademacher(dim).shape[0]
        out.append(Batch({"length": QArray.of(np.array([length], dtype=np.int64)),
                          "two_pow": QArray.of(np.array([2**dim], dtype=np.int64))}, label=f"n={dim}", meta={"dim": dim}))
    return out


def _rad_moment_sample(rng: np.random.Generator, n: int) -> list[Batch]:
    out = []
    dims = (1, 2, 5, 10)
    for dim, k in zip(dims, split_counts(n, len(dims))):
        k = max(1, min(k, SET_BUDGET // (2**dim * dim)))
        R = pt.rademacher(dim)
        out.append(Batch({"dirs": QArray.of(np.broadcast_to(R, (k,) + R.shape).copy()),
                          "w": QArray.of(rand_int(rng, (k, dim), -9, 9), 7)}, label=f"dim={dim}", meta={"dim": dim}))
    return out


def _rad_moment(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(pt.average(_proj(x["w"], x["dirs"], bk), bk), "==", x["w"])]


def _rad_sets(**kw: Any) -> Any:
    def sample(rng: np.random.Generator, n: int) -> list[Batch]:
        return [b for b in set_instances(rng, n * 5 // 2, **kw) if b.label.startswith("rademacher")]
    return sample


def _rad_unbiased(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    est = pt.twoPoint(_F(x, bk), x["sigma"], x["w"], x["dirs"], bk)
    return [Relation(pt.average(est, bk), "==", _g(x, bk))]


# -- the Rademacher estimator and perturbation SGD ----------------------------------------------------
def _rad_dirs(x: Mapping[str, Any], key: str, bk: Backend) -> Any:
    """The whole Rademacher set `{±1}^n` (Lean's order) for every instance: (B, 2^n, n), n = dim of `key`."""
    B, n = x[key].shape[0], x[key].shape[-1]
    R = pt.rademacher(n)
    return bk.from_q(QArray.of(np.broadcast_to(R, (B,) + R.shape).copy()))


def _est_moment_sample(rng: np.random.Generator, n: int) -> list[Batch]:
    """`g` with small and large rationals, a zero `g` now and then, n = 1, 2, 5, 8, 10."""
    out = []
    dims = (1, 2, 5, 8, 10)
    for dim, k in zip(dims, split_counts(n, len(dims))):
        k = max(1, min(k, SET_BUDGET // (2**dim * dim)))
        den = int(rng.choice([1, 7, 1000]))
        g = rand_int(rng, (k, dim), -9, 9)
        if k > 1:
            g[0] = 0
        out.append(Batch({"g": QArray.of(g, den)}, label=f"dim={dim}", meta={"dim": dim}))
    return out


def _est_moment(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g = x["g"]
    est = pt.rademacherEstimate(g, _rad_dirs(x, "g", bk), bk)
    return [Relation(pt.listMean(bk.sum(est * est, axis=-1), bk), "==", g.shape[-1] * bk.inner(g, g))]


SGD_DIMS = (1, 2, 5, 8)


def sgd_instances(rng: np.random.Generator, n: int, *, relax: str | None = None,
                  dims: tuple[int, ...] = SGD_DIMS) -> list[Batch]:
    """Batches of (A, b, w, L, eta) for `sgd_expected_descent`: `A = M Mᵀ + I` (PSD, symmetric), `L` its
    Gershgorin bound (≥ λ_max), `η` with `0 < η L n < 2` in the regimes `1/(L n)` (the optimum of the
    guaranteed decrease), near the bound (`η L n = 1999/1000`) and random.

    `relax` breaks one hypothesis: ``smooth`` (`L` set to half the effective curvature
    `E⟪ĝ, A ĝ⟫ / (n ⟪g, g⟫) ≤ λ_max`, `η L n = 19/10`: the expected loss rises), ``step_pos`` (`η < 0`),
    ``step_bound`` (`A = a I`, `L = a`, `η L n ∈ {2, 3, 4}`: the expected loss does not fall, so the `1/n`
    bound is tight), ``grad_ne_zero`` (`w` the minimiser).
    """
    regimes = ("optimal", "near-bound", "random")
    cells = [(d, r) for d in dims for r in regimes]
    out = []
    for (dim, regime), k in zip(cells, split_counts(n, len(cells))):
        k = max(1, min(k, SET_BUDGET // (2**dim * dim * dim)))
        if relax == "step_bound":
            A = np.broadcast_to(np.eye(dim, dtype=np.int64), (k, dim, dim)) * rand_int(rng, (k, 1, 1), 1, 9)
        else:
            A = psd_matrix(rng, k, dim) + np.eye(dim, dtype=np.int64)
        w = rand_int(rng, (k, dim), -8, 8)
        b = _linear_term(rng, A, w, stationary=relax == "grad_ne_zero")
        R = pt.rademacher(dim)
        Ls, etas = [], []
        for i in range(k):
            L = Fraction(int(row_sum_bound(A[i])))
            if relax == "step_bound":
                L = Fraction(int(A[i, 0, 0]))
                etas.append(Fraction(int(rng.integers(2, 5))) / (L * dim))
            elif relax == "smooth":
                bi = list(b.fractions()[i])
                g = [sum(Fraction(int(A[i, r, c])) * Fraction(int(w[i, c]), 4) for c in range(dim)) - bi[r]
                     for r in range(dim)]
                G = sum(v * v for v in g)
                num = Fraction(0)
                for xi in R:
                    gx = sum(gv * int(s) for gv, s in zip(g, xi))
                    num += gx * gx * int(xi @ A[i] @ xi)
                ceff = num / len(R) / (dim * G)
                L = ceff / 2
                etas.append(Fraction(19, 10) / (L * dim))
            elif relax == "step_pos":
                etas.append(-Fraction(int(rng.integers(1, 10))) / (L * dim))
            elif regime == "optimal":
                etas.append(1 / (L * dim))
            elif regime == "near-bound":
                etas.append(Fraction(1999, 1000) / (L * dim))
            else:
                etas.append(Fraction(int(rng.integers(1, 200)), 100) / (L * dim))
            Ls.append(L)
        out.append(Batch({"A": QArray.of(np.ascontiguousarray(A)), "b": b, "w": QArray.of(w, 4),
                          "L": QArray.of(np.array(Ls, dtype=object)), "eta": QArray.of(np.array(etas, dtype=object))},
                         label=f"dim={dim}, {regime}", meta={"dim": dim}))
    return out


def _sgd_smooth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    """IsLSmooth along the directions the proof uses: every `ξ ∈ {±1}^n` (the steps are multiples of ξ)."""
    D = _rad_dirs(x, "w", bk)
    q = bk.sum(D * (D @ bk.transpose(x["A"])), axis=-1)  # ⟪ξ, A ξ⟫ (B, m)
    n = x["w"].shape[-1]
    return [Relation(0, "<=", x["L"]), Relation(_sq_sum(x["A"] - bk.transpose(x["A"]), bk), "==", 0),
            Relation(q, "<=", n * x["L"][..., None] + bk.zeros_like(q))]


SGD_SMOOTH = Hypothesis(
    "smooth", "IsLSmooth (Quadratic.loss A b) (Quadratic.grad A b) L (checked: 0 ≤ L, A symmetric, ⟪ξ, A ξ⟫ ≤ L⟪ξ, ξ⟫ "
    "for every ξ ∈ {±1}^n; L ≥ the Gershgorin bound by construction)", _sgd_smooth, sampled=True)
SGD_STEP_POS = Hypothesis("step_pos", "0 < η", lambda x, bk: [Relation(0, "<", x["eta"])])
SGD_STEP_N = Hypothesis("step_bound", "η L n < 2 (n = count n, the dimension)",
                        lambda x, bk: [Relation(x["eta"] * x["L"] * x["w"].shape[-1], "<", 2)])


def _sgd_descent(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    F = _F(x, bk)
    g = _g(x, bk)
    mean = pt.sgdExpectedLoss(F, g, x["eta"], x["w"], _rad_dirs(x, "w", bk), bk)
    F0 = F(x["w"])
    rhs = pt.sgd_expected_descent_rhs(F0, x["eta"], x["L"], x["w"].shape[-1], g, bk)
    return [Relation(mean, "<=", rhs), Relation(mean, "<", F0)]


ENTRIES = [
    _entry("two_point_quadratic", "identity",
           "For symmetric A and σ ≠ 0, the two-point estimator on a quadratic is exactly ⟪∇F w, ξ⟫ ξ.",
           (SYMM, SIGMA_NE), _two_point, _si(),
           {"symm": _si(dims=(2, 5), symmetric=False), "sigma_ne_zero": _si(dims=(1, 2, 5), zero_sigma=True)},
           "σ = 0 follows Lean's a / 0 = 0, so the estimator is 0 there."),
    _entry("one_point_quadratic", "identity",
           "For symmetric A and σ ≠ 0, the one-point estimator on a quadratic is exactly (⟪∇F w, ξ⟫ + σ/2 ⟪ξ, A ξ⟫) ξ.",
           (SYMM, SIGMA_NE), _one_point, _si(),
           {"symm": _si(dims=(2, 5), symmetric=False), "sigma_ne_zero": _si(dims=(1, 2, 5), zero_sigma=True)},
           "σ = 0 follows Lean's a / 0 = 0, so the estimator is 0 there."),
    _entry("one_point_pair", "identity",
           "For symmetric A and σ ≠ 0, onePoint at ξ plus onePoint at -ξ is exactly 2⟪∇F w, ξ⟫ ξ (the σ term cancels).",
           (SYMM, SIGMA_NE), _one_pair, _si(),
           {"symm": _si(dims=(2, 5), symmetric=False), "sigma_ne_zero": _si(dims=(1, 2, 5), zero_sigma=True)}),
    _entry("mean_two_point", "identity",
           "With SecondMoment dirs c, the mean two-point estimate over the set is c ∇F w (Rademacher: c = 1, "
           "coordinate set: c = 1/n).", (MOMENT, SYMM, SIGMA_NE), _mean_two, _set(), _NEC_SET),
    _entry("mean_one_point", "identity",
           "With PMSecondMoment half c, the mean one-point estimate over {± half i} is c ∇F w.",
           (PM_MOMENT, SYMM, SIGMA_NE), _mean_one, _set(half=True),
           {"pm_second_moment": _small(half=True, relax="moment"), "symm": _small(half=True, relax="symm"),
            "sigma_ne_zero": _small(half=True, relax="sigma")}),
    _entry("coordinate_second_moment", "identity",
           "The coordinate set {± e_i} has second moment I/n: pmAverage(⟪v, ξ⟫ ξ) = v / n (checked on sampled v).",
           (), _coordinate, _coord_sample),
    _entry("expected_improves", "improvement",
           "The expected perturbation update is the GD step with step η c, and it strictly lowers an L-smooth "
           "quadratic when 0 < η c, η c L < 2 and ∇F w ≠ 0.",
           (MOMENT, SYMM, SIGMA_NE, SMOOTH, STEP, GRAD_NE), _expected, _set(psd=True),
           {"second_moment": _small(psd=True, relax="moment"),
            "sigma_ne_zero": _small(psd=True, relax="sigma"), "smooth": _small(psd=True, relax="smooth"),
            "step_bound": _set(psd=True, relax="step"), "grad_ne_zero": _small(psd=True, relax="grad")},
           "No counterexample can exist for symm: IsLSmooth (Quadratic.loss A b) (Quadratic.grad A b) L already "
           "forces A = Aᵀ, since F y - F x - ⟪A x - b, y - x⟫ = ½⟪d, A d⟫ + ½⟪x, (A - Aᵀ) d⟫ with d = y - x is "
           "unbounded in x otherwise. (An asymmetric A passes the catalog's smoothness check, which looks along "
           "the gradient only; the full check used for grading refuses it.)"),
    _entry("variance_eq", "identity",
           "For m ≥ 1, variance v = (1/m) Σ ⟪v_i, v_i⟫ - ⟪mean, mean⟫.", (M_POS,), _variance, _set(),
           notes="0 < m has no necessity sampler: with Lean's 0⁻¹ = 0 both sides are 0 when m = 0."),
    _entry("two_point_variance", "identity",
           "Under SecondMoment dirs c, the variance of the two-point estimates is (1/m) Σ ⟪g, ξ_i⟫² ⟪ξ_i, ξ_i⟫ - c² ⟪g, g⟫.",
           (M_POS, MOMENT, SYMM, SIGMA_NE), _two_var, _set(), _NEC_SET),
    _entry("one_point_variance", "identity",
           "Under SecondMoment dirs c and CubicMomentZero dirs A (any symmetric family), the one-point estimates "
           "have mean c ∇F w and variance (1/m) Σ (⟪g, ξ_i⟫ + σ/2 ⟪ξ_i, A ξ_i⟫)² ⟪ξ_i, ξ_i⟫ - c² ⟪g, g⟫.",
           (M_POS, MOMENT, CUBIC, SYMM, SIGMA_NE), _one_var, _kinds(_set(), _SYMMETRIC_SETS), _NEC_ONE_VAR,
           "Sampled on the Rademacher and coordinate sets (symmetric); the one-sided basis {e_i} breaks "
           "CubicMomentZero and is the necessity sampler for it. 0 < m has no necessity sampler (both sides are 0 "
           "at m = 0 with Lean's 0⁻¹ = 0)."),
    _entry("node_two_point", "identity",
           "Node perturbation of y = W x with a quadratic output loss: the two-point estimate is ⟪∇_y, ξ⟫ ξ and the "
           "weight step is W - η (⟪∇_y, ξ⟫ ξ) xᵀ.", (SYMM, SIGMA_NE), _node,
           lambda rng, n: node_instances(rng, n),
           {"symm": lambda rng, n: node_instances(rng, n, symmetric=False),
            "sigma_ne_zero": lambda rng, n: node_instances(rng, n, zero_sigma=True)},
           "Float modes compare with a relative tolerance of 1e-6: the estimate divides a difference of losses "
           "of size up to 10⁵ by 2σ with σ down to 2⁻²⁰, so float64 rounding leaves an error of about 10⁻⁵ next to "
           "estimates of size 10 to 10³; the exact mode checks the identity with no tolerance.", tolerance=_FD_TOL),
    _entry("rademacher_length", "identity", "The Rademacher list {±1}^n has 2^n elements (n = 0 … 10, enumerated).",
           (), lambda x, bk: [Relation(x["length"], "==", x["two_pow"])], _rad_length,
           notes="Checks the Python mirror `rules.perturbation.rademacher` of Lean's recursion, for n ≤ 10 only."),
    _entry("rademacher_second_moment", "identity",
           "(1/2^n) Σ_{ξ ∈ {±1}^n} ⟪v, ξ⟫ ξ = v for every v (checked on sampled v, n = 1, 2, 5, 10).",
           (), _rad_moment, _rad_moment_sample),
    _entry("rademacher_unbiased", "identity",
           "For symmetric A and σ ≠ 0, the two-point estimate averaged over {±1}^n is exactly ∇F w.",
           (SYMM, SIGMA_NE), _rad_unbiased, _rad_sets(),
           {"symm": _rad_sets(relax="symm", dims=(2, 5)), "sigma_ne_zero": _rad_sets(relax="sigma", dims=(1, 2, 5))}),
    _entry("rademacher_estimator_second_moment", "identity",
           "For every g, the Rademacher estimator ĝ ξ = ⟪g, ξ⟫ ξ has mean squared norm (1/2^n) Σ_{ξ ∈ {±1}^n} "
           "⟪ĝ ξ, ĝ ξ⟫ = n ⟪g, g⟫ (exact average; n read in K as count n).",
           (), _est_moment, _est_moment_sample,
           notes="With E ĝ = g (rademacher_second_moment) the estimator's variance is (n - 1)⟪g, g⟫. Checked on the "
                 "enumerated set for n = 1, 2, 5, 8, 10, g = 0 included."),
    _entry("sgd_expected_descent", "improvement",
           "For an L-smooth F, the step w - η ⟪∇F w, ξ⟫ ξ averaged over all ξ ∈ {±1}^n has expected loss "
           "≤ F w - η(1 - Lηn/2)⟪∇F w, ∇F w⟫, and < F w when 0 < η, η L n < 2 and ∇F w ≠ 0.",
           (SGD_SMOOTH, SGD_STEP_POS, SGD_STEP_N, GRAD_NE), _sgd_descent, lambda rng, n: sgd_instances(rng, n),
           {"smooth": lambda rng, n: sgd_instances(rng, n, relax="smooth", dims=(1, 2, 5)),
            "step_pos": lambda rng, n: sgd_instances(rng, n, relax="step_pos", dims=(1, 2, 5)),
            "step_bound": lambda rng, n: sgd_instances(rng, n, relax="step_bound", dims=(1, 2, 5)),
            "grad_ne_zero": lambda rng, n: sgd_instances(rng, n, relax="grad_ne_zero", dims=(1, 2, 5))},
           "Instances are quadratics F w = ½⟪w, A w⟫ - ⟪b, w⟫ with A = M Mᵀ + I; the expectation is the exact "
           "average over the enumerated {±1}^n (n ≤ 8). The step bound is tight: for A = a I and L = a every "
           "estimate has ⟪ĝ, A ĝ⟫ = a n ⟪g, ξ⟫², so η L n = 2 gives E F = F w (the step_bound necessity "
           "sampler); plain gradient descent only needs η L < 2."),
]


# -- variance versus dimension ----------------------------------------------------------------------
def estimator_variance_table(
    dims: tuple[int, ...] = (2, 4, 8, 16, 32), *, sigma: Fraction = Fraction(1, 10), seed: int = 0,
) -> list[dict[str, Any]]:
    """Per dimension `d`: variance of perturbation estimators of `∇F` against feedback alignment.

    The network is `ŷ = W₂ (w · x)` with a single hidden unit, so the perturbed weights `w ∈ R^d` enter
    a quadratic loss `F w = ½ |W₂ ⟪w, x⟫ - y|²` (curvature `A = |W₂|² x xᵀ`). Rows report, relative to
    `|∇F|²`: the variance of the unbiased two-point estimator over the Rademacher set (enumerated for
    d ≤ 10, the exact closed form `(d - 1) |g|²` of `two_point_variance_spec` otherwise), over the
    coordinate set (scaled by `d` to be unbiased; enumerated), of the one-point estimator over the
    coordinate set (scaled; enumerated, σ as given), and for feedback alignment (the fixed direction
    `(B e) x`: variance 0) its bias `|g_FA - g|² / |g|²`. Everything but the floats in the output is
    exact rational arithmetic.
    """
    rng = np.random.default_rng(seed)
    bk = get_backend("exact")
    rows = []
    for d in dims:
        x = [Fraction(int(v), 2) for v in rng.integers(-4, 5, size=d)]
        if not any(x):
            x[0] = Fraction(1)
        W2 = [Fraction(int(v)) for v in rng.integers(1, 4, size=2)]
        B = [Fraction(int(v)) for v in rng.integers(-3, 4, size=2)]
        w = [Fraction(int(v), 3) for v in rng.integers(-3, 4, size=d)]
        y = [Fraction(int(v)) for v in rng.integers(-5, 6, size=2)]
        h = sum(a * b for a, b in zip(w, x))
        e = [W2[i] * h - y[i] for i in range(2)]
        if not any(e):
            y[0] += 1
            e = [W2[i] * h - y[i] for i in range(2)]
        w2e = sum(W2[i] * e[i] for i in range(2))
        be = sum(B[i] * e[i] for i in range(2))
        g = [w2e * xi for xi in x]
        g_fa = [be * xi for xi in x]
        gg = sum(v * v for v in g)
        nw2 = sum(v * v for v in W2)
        A = np.array([[nw2 * a * b for b in x] for a in x], dtype=object)
        bvec = np.array([sum(W2[i] * y[i] for i in range(2)) * xi for xi in x], dtype=object)
        q = lambda arr: bk.asarray(np.asarray(arr, dtype=object)[None])  # noqa: E731
        Aq, bq, wq, sq = q(A), q(bvec), q(w), bk.asarray(np.array([sigma], dtype=object))
        F = pt.quadratic_objective(Aq, bq, bk)

        def var_of(D: np.ndarray, scale: Fraction, one_point: bool) -> Fraction:
            Dq = q(D)
            est = (pt.onePoint if one_point else pt.twoPoint)(F, sq, wq, Dq, bk) * bk.const(scale.numerator, scale.denominator)
            return Fraction(str(pt.variance(est, bk)[0]))

        coord = pt.coordinate_set(d)
        row: dict[str, Any] = {"dim": d, "grad_norm_sq": float(gg)}
        if gg == 0:
            continue
        if d <= pt.MAX_RADEMACHER_DIM:
            rad = var_of(pt.rademacher_set(d), Fraction(1), False)
            row["two_point_rademacher_source"] = "enumerated"
        else:
            rad = (d - 1) * gg
            row["two_point_rademacher_source"] = "closed form (two_point_variance_spec, ⟪ξ, ξ⟫ = d, c = 1)"
        row["two_point_rademacher"] = float(rad / gg)
        row["two_point_coordinate"] = float(var_of(coord, Fraction(d), False) / gg)
        row["one_point_coordinate"] = float(var_of(coord, Fraction(d), True) / gg)
        row["feedback_alignment_variance"] = 0.0
        row["feedback_alignment_bias"] = float(sum((a - b) ** 2 for a, b in zip(g_fa, g)) / gg)
        row["exact_two_point_rademacher"] = str(rad / gg)
        rows.append(row)
    return rows


# -- differential test vectors ----------------------------------------------------------------
def _pt_cases(name: str, A: list[list[str]], b: list[str], sigma: str, w: list[str], xi: list[str]) -> list[VectorCase]:
    args = {"A": A, "b": b, "sigma": sigma, "w": w, "xi": xi}
    return [
        VectorCase("perturbation", f"{name}.twoPoint",
                   "LearningRules.Perturbation.twoPoint (LearningRules.Quadratic.loss {A} {b}) {sigma} {w} {xi}", args,
                   lambda a, bk: pt.twoPoint(pt.quadratic_objective(a["A"], a["b"], bk), a["sigma"], a["w"], a["xi"], bk)),
        VectorCase("perturbation", f"{name}.onePoint",
                   "LearningRules.Perturbation.onePoint (LearningRules.Quadratic.loss {A} {b}) {sigma} {w} {xi}", args,
                   lambda a, bk: pt.onePoint(pt.quadratic_objective(a["A"], a["b"], bk), a["sigma"], a["w"], a["xi"], bk)),
    ]


def _rad_case(name: str, n: int, A: list[list[str]], b: list[str], sigma: str, w: list[str]) -> VectorCase:
    def compute(a: dict[str, Any], bk: Backend) -> Any:
        dirs = bk.from_q(QArray.of(pt.rademacher(n)[None]))
        return pt.average(pt.twoPoint(pt.quadratic_objective(a["A"], a["b"], bk), a["sigma"], a["w"], dirs, bk), bk)

    return VectorCase(
        "perturbation", f"{name}.rademacher_mean",
        f"LearningRules.Perturbation.listAverage (LearningRules.Perturbation.rademacher (K := Rat) {n}) "
        "(LearningRules.Perturbation.twoPoint (LearningRules.Quadratic.loss {A} {b}) {sigma} {w})",
        {"A": A, "b": b, "sigma": sigma, "w": w}, compute)


def _est_case(name: str, n: int, g: list[str]) -> VectorCase:
    def compute(a: dict[str, Any], bk: Backend) -> Any:
        est = pt.rademacherEstimate(a["g"], bk.from_q(QArray.of(pt.rademacher(n)[None])), bk)
        return pt.listMean(bk.sum(est * est, axis=-1), bk)

    return VectorCase(
        "perturbation", f"{name}.estimator_second_moment",
        f"LearningRules.Perturbation.listMean (LearningRules.Perturbation.rademacher (K := Rat) {n}) "
        "(fun ξ => LearningRules.Vec.dot (LearningRules.Vec.dot {g} ξ • ξ) (LearningRules.Vec.dot {g} ξ • ξ))",
        {"g": g}, compute)


def _sgd_case(name: str, n: int, A: list[list[str]], b: list[str], eta: str, w: list[str]) -> VectorCase:
    def compute(a: dict[str, Any], bk: Backend) -> Any:
        F = pt.quadratic_objective(a["A"], a["b"], bk)
        dirs = bk.from_q(QArray.of(pt.rademacher(n)[None]))
        return pt.sgdExpectedLoss(F, quadratic.grad(a["A"], a["b"], a["w"], bk), a["eta"], a["w"], dirs, bk)

    return VectorCase(
        "perturbation", f"{name}.sgd_expected_loss",
        f"LearningRules.Perturbation.listMean (LearningRules.Perturbation.rademacher (K := Rat) {n}) "
        "(fun ξ => LearningRules.Quadratic.loss {A} {b} ({w} - {eta} • "
        "(LearningRules.Vec.dot (LearningRules.Quadratic.grad {A} {b} {w}) ξ • ξ)))",
        {"A": A, "b": b, "eta": eta, "w": w}, compute)


VECTORS: list[VectorCase] = [
    _est_case("rademacher2", 2, ["3", "-1/2"]),
    _est_case("rademacher3", 3, ["1", "2", "-2/3"]),
    _sgd_case("rademacher2", 2, [["2", "1"], ["1", "3"]], ["1", "-1"], "1/10", ["1/3", "2/3"]),
    _sgd_case("rademacher3_at_bound", 3, [["2", "0", "0"], ["0", "2", "0"], ["0", "0", "2"]], ["1", "0", "-1"], "1/3",
              ["1", "1", "-1"]),
    _rad_case("rademacher2", 2, [["2", "1"], ["1", "3"]], ["1", "-1"], "1/10", ["1/3", "2/3"]),
    _rad_case("rademacher3", 3, [["1", "0", "2"], ["0", "2", "1"], ["2", "1", "4"]], ["0", "1", "0"], "-3",
              ["1", "1", "-1"]),
    *_pt_cases("rademacher", [["2", "1"], ["1", "3"]], ["1", "-1"], "1/10", ["1/3", "2/3"], ["1", "-1"]),
    *_pt_cases("coordinate", [["1", "0", "0"], ["0", "2", "1"], ["0", "1", "4"]], ["0", "1", "0"], "1/2",
               ["1", "1", "-1"], ["0", "-1", "0"]),
    *_pt_cases("dim1_negative_sigma", [["5"]], ["2"], "-1/4", ["3/2"], ["1"]),
]
