"""Catalog entries for quadratic objectives (`lean/LearningRules/Quadratic.lean`).

Instances reuse `gradient_descent.quadratic_instances` (symmetric PSD integer `A`, `L` its Gershgorin
bound, dimensions 1, 2, 5 and 64, ill-conditioned `A`, tiny gradients, `η L` near 2) plus a second
point `v` for the two-point statements. Necessity samplers add a skew-symmetric part to `A` (breaking
only `IsSymm`: the quadratic form, hence `QuadBound`, is unchanged), shrink `L`, or use
dimension 0.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from ..backend import Backend, QArray
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import gradient_descent as gd
from ..rules import quadratic
from ..sampling import rand_int
from ..vectors import VectorCase
from ..sampling import EDGE_DIMS
from .gradient_descent import _householder_diag, cell_counts, quadratic_instances

__all__ = ["ENTRIES", "VECTORS", "two_point_instances", "edge_instances"]


def two_point_instances(rng: np.random.Generator, n: int, *, skew: int = 0, dims: tuple[int, ...] | None = None,
                        **kw: Any) -> list[Batch]:
    """`quadratic_instances` plus a second point `v`; `skew > 0` adds a skew-symmetric integer part of
    that size to `A` (dimension ≥ 2 only)."""
    batches = quadratic_instances(rng, n, dims=dims, **kw) if dims else quadratic_instances(rng, n, **kw)
    for b in batches:
        A = b.data["A"]
        k, dim = A.shape[0], A.shape[-1]
        b.data["v"] = QArray.of(rand_int(rng, (k, dim), -20, 20), 4)
        if skew and dim >= 2:
            S = rand_int(rng, (k, dim, dim), -skew, skew)
            S = np.triu(S, 1)
            S[:, 0, 1] = np.where(S[:, 0, 1] == 0, skew, S[:, 0, 1])
            b.data["A"] = QArray(np.asarray(A.num) + S - np.swapaxes(S, -1, -2), A.den)
    return batches


def _dim0(rng: np.random.Generator, n: int) -> list[Batch]:
    """Dimension 0 with `L = -1`: every hypothesis but `0 ≤ L` is vacuous."""
    k = max(n, 1)
    e2, e1 = np.zeros((k, 0, 0), dtype=np.int64), np.zeros((k, 0), dtype=np.int64)
    return [Batch({"A": QArray.of(e2), "b": QArray.of(e1), "w": QArray.of(e1), "v": QArray.of(e1),
                   "L": QArray.of(np.full(k, -1, dtype=np.int64)), "eta": QArray.of(np.ones(k, dtype=np.int64))},
                  label="dim=0, L=-1", meta={"dim": 0})]


def _empty(x: Mapping[str, Any]) -> bool:
    return np.shape(x["w"])[-1] == 0


def _symm(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [] if _empty(x) else [Relation(x["A"], "==", bk.transpose(x["A"]))]


def _along(x: Mapping[str, Any], bk: Backend, d: Any) -> tuple[Any, Any]:
    return bk.inner(d, bk.matvec(x["A"], d)), bk.inner(d, d)


def _bound(dir_fn: Any) -> Any:
    def rel(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
        if _empty(x):
            return []
        q, dd = _along(x, bk, dir_fn(x, bk))
        return [Relation(q, "<=", x["L"] * dd)]
    return rel


_PAIR = lambda x, bk: x["v"] - x["w"]  # noqa: E731
_GRAD = lambda x, bk: quadratic.grad(x["A"], x["b"], x["w"], bk)  # noqa: E731

SYMM = Hypothesis("symm", "Mat.IsSymm A", _symm)
BOUND_PAIR = Hypothesis("quad_bound", "QuadBound A L (checked along d = v - w; L ≥ Gershgorin bound)", _bound(_PAIR), sampled=True)
BOUND_GRAD = Hypothesis("quad_bound", "QuadBound A L (checked along g; L ≥ Gershgorin bound)", _bound(_GRAD), sampled=True)
L_NONNEG = Hypothesis("L_nonneg", "0 ≤ L", lambda x, bk: [Relation(0, "<=", x["L"])])
STEP_POS = Hypothesis("step_pos", "0 < η", lambda x, bk: [Relation(0, "<", x["eta"])])
STEP_LT = Hypothesis("step_mul_lt_two", "η L < 2", lambda x, bk: [Relation(x["eta"] * x["L"], "<", 2)])
GRAD_NE = Hypothesis("grad_ne_zero", "grad A b w ≠ 0",
                     lambda x, bk: [Relation(bk.inner(_GRAD(x, bk), _GRAD(x, bk)), "!=", 0)])


def _taylor(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    A, b, w, v = x["A"], x["b"], x["w"], x["v"]
    d = v - w
    rhs = quadratic.loss(A, b, w, bk) + bk.inner(quadratic.grad(A, b, w, bk), d) + bk.inner(d, bk.matvec(A, d)) / 2
    return [Relation(quadratic.loss(A, b, v, bk), "==", rhs)]


def _smooth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    if _empty(x):  # dimension 0: both sides of the upper bound are 0; only `0 ≤ L` says something
        return [Relation(0, "<=", x["L"])]
    A, b, w, v = x["A"], x["b"], x["w"], x["v"]
    d = v - w
    rhs = quadratic.loss(A, b, w, bk) + bk.inner(quadratic.grad(A, b, w, bk), d) + x["L"] / 2 * bk.inner(d, d)
    return [Relation(0, "<=", x["L"]), Relation(quadratic.loss(A, b, v, bk), "<=", rhs)]


def _improves(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    A, b, w = x["A"], x["b"], x["w"]
    w1 = gd.step(lambda u: quadratic.grad(A, b, u, bk), x["eta"], w, bk, validate=False)
    return [Relation(quadratic.loss(A, b, w1, bk), "<", quadratic.loss(A, b, w, bk))]


def _s(**kw: Any) -> Any:
    return lambda rng, n: two_point_instances(rng, n, **kw)


_NOTE_PSD = ("No IsPSD A hypothesis (dropped: only the upper bound QuadBound enters the descent lemma, so an "
             "indefinite symmetric A with ⟪x, A x⟫ ≤ L⟪x, x⟫ is still L-smooth); the sampler's A are PSD anyway.")

# -- beyond the edge: GD with 2 < η λ along an exact eigenpair ------------------------------------------
EDGE_REGIMES = ("plain", "near-edge", "far", "smallest-eigenvalue", "negative-step")


def edge_instances(rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = EDGE_DIMS, T: int = 5,
                   regimes: tuple[str, ...] = EDGE_REGIMES, eta_lam: Fraction | None = None,
                   lam_shift: int = 0, b_shift: bool = False, upper: bool = False) -> list[Batch]:
    """Symmetric `A = Q diag(d) Q` (rational Householder `Q = I - 2uuᵀ/⟪u, u⟫`, exact integer `d`), the exact
    eigenvector `v = Q e_j · ⟪u, u⟫` with eigenvalue `lam = d_j`, a stationary point `wstar` with `b = A wstar`, a
    start `w` and `eta` with `2 < eta·lam`.

    Regimes: `η λ` random in (2, 5]; just above the edge (`η λ = 2 + 10⁻³`); far (`η λ = 6`); `λ` the smallest
    eigenvalue; and a negative eigenvalue with a negative step. Necessity options: `eta_lam` fixes `η λ` (a value
    ≤ 2 breaks the edge hypothesis), `lam_shift` claims `lam + lam_shift` (breaking the eigenpair), `b_shift` adds `v`
    to `b` (breaking stationarity), `upper` replaces `A` by the upper-triangular `[[λ, 1], [0, μ]]` with `v = e₁`
    (an eigenpair of a non-symmetric matrix; dimension 2).
    """
    out: list[Batch] = []
    cells = [(d, r) for d in dims for r in regimes]
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(regimes))):
        if k == 0:
            continue
        d = rand_int(rng, (k, dim), 1, 9)
        j = rand_int(rng, (k,), 0, dim - 1)
        if regime == "smallest-eigenvalue":
            j = d.argmin(axis=1)
        if regime == "negative-step":
            d[np.arange(k), j] = -d[np.arange(k), j]
        u = rand_int(rng, (k, dim), -3, 3)
        u[np.all(u == 0, axis=1), 0] = 1
        if upper:
            A = QArray.of(np.stack([np.array([[d[i, 0], 1], [0, d[i, 1]]]) for i in range(k)]).astype(np.int64))
            v_int = np.tile(np.array([1, 0], dtype=np.int64), (k, 1))
            j = np.zeros(k, dtype=np.int64)
        else:
            A = _householder_diag(d, u)
            s = (u * u).sum(axis=1)
            v_int = -2 * u[np.arange(k), j][:, None] * u
            v_int[np.arange(k), j] += s
        Af = A.fractions()
        ws = rand_int(rng, (k, dim), -10, 10)
        w0 = rand_int(rng, (k, dim), -10, 10)
        bs = np.empty((k, dim), dtype=object)
        lams, etas = [], []
        for i in range(k):
            lam = Fraction(int(d[i, j[i]]))
            if eta_lam is not None:
                el = eta_lam
            elif regime == "near-edge":
                el = Fraction(2001, 1000)
            elif regime == "far":
                el = Fraction(6)
            else:
                el = 2 + Fraction(int(rng.integers(1, 301)), 100)
            etas.append(el / lam)
            lams.append(lam + lam_shift)
            bs[i] = [sum((Af[i, r, c] * Fraction(int(ws[i, c]), 2) for c in range(dim)), Fraction(0))
                     + (int(v_int[i, r]) if b_shift else 0) for r in range(dim)]
        out.append(Batch(
            {"A": A, "b": QArray.of(bs), "wstar": QArray.of(ws, 2), "v": QArray.of(v_int), "w": QArray.of(w0, 2),
             "lam": QArray.of(np.array(lams, dtype=object)), "eta": QArray.of(np.array(etas, dtype=object)),
             "T": QArray.of(np.full(k, T, dtype=np.int64))},
            label=f"dim={dim}, {regime}, T={T}", meta={"dim": dim, "T": T},
        ))
    return out


def _edge_T(x: Mapping[str, Any]) -> int:
    return int(np.asarray(x["T"]).reshape(-1)[0]) if np.size(x["T"]) else 0


def _edge(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    A, b, ws, v, w = x["A"], x["b"], x["wstar"], x["v"], x["w"]
    r = 1 - x["eta"] * x["lam"]
    c0 = bk.inner(w - ws, v)
    out = []
    for k in range(_edge_T(x) + 1):
        out.append(Relation(bk.inner(w - ws, v), "==", r ** k * c0))
        w = gd.step(lambda u: quadratic.grad(A, b, u, bk), x["eta"], w, bk, validate=False)
    out.append(Relation(1, "<", r * r))
    return out


STATIONARY = Hypothesis("stationary", "A w* = b (exact)", lambda x, bk: [Relation(bk.matvec(x["A"], x["wstar"]), "==", x["b"])])
EIGEN = Hypothesis("eigen", "A v = lam • v (exact)",
                   lambda x, bk: [Relation(bk.matvec(x["A"], x["v"]), "==", x["lam"][..., None] * x["v"])])
EDGE = Hypothesis("beyond_edge", "2 < η lam", lambda x, bk: [Relation(2, "<", x["eta"] * x["lam"])])


def _symm_full(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(x["A"], "==", bk.transpose(x["A"]))]


ENTRIES = [
    Entry(
        id="quadratic.taylor", rule="quadratic", kind="identity",
        lean_spec="LearningRules.Quadratic.taylor_spec", lean_proof="LearningRules.Quadratic.taylor",
        statement="For symmetric A: F v = F w + ⟪A w - b, v - w⟫ + ⟪v - w, A (v - w)⟫ / 2 exactly.",
        hypotheses=(SYMM,), conclusion=_taylor, sample=_s(),
        necessity={"symm": _s(dims=(2, 5), skew=3)},
    ),
    Entry(
        id="quadratic.is_l_smooth", rule="quadratic", kind="bound",
        lean_spec="LearningRules.Quadratic.is_l_smooth_spec", lean_proof="LearningRules.Quadratic.is_l_smooth",
        statement="For symmetric A with ⟪x, A x⟫ ≤ L⟪x, x⟫ and 0 ≤ L, the quadratic is L-smooth with gradient "
                  "A w - b (checked at sampled pairs w, v).",
        hypotheses=(SYMM, BOUND_PAIR, L_NONNEG), conclusion=_smooth, sample=_s(),
        necessity={"symm": _s(dims=(2, 5), skew=3),
                   "quad_bound": _s(dims=(1, 2), L_scale=Fraction(1, 8)),
                   "L_nonneg": _dim0},
        notes=_NOTE_PSD + " L_nonneg stays: QuadBound does not give it (A = -I, L = -1); the sampler's A are PSD, "
              "where QuadBound forces 0 ≤ L in dimension ≥ 1, so its necessity sampler is dimension 0 with L < 0, "
              "which breaks IsLSmooth.nonneg.",
    ),
    Entry(
        id="quadratic.improves", rule="quadratic", kind="improvement",
        lean_spec="LearningRules.Quadratic.improves_spec", lean_proof="LearningRules.Quadratic.improves",
        statement="For symmetric A with QuadBound A L, 0 ≤ L, 0 < η, ηL < 2 and A w ≠ b, one GD step strictly "
                  "lowers the quadratic.",
        hypotheses=(SYMM, BOUND_GRAD, L_NONNEG, STEP_POS, STEP_LT, GRAD_NE), conclusion=_improves,
        sample=_s(),
        necessity={"symm": _s(dims=(2, 5), skew=20),
                   "quad_bound": _s(dims=(1, 2), L_scale=Fraction(1, 8), eta_scale=Fraction(19, 10)),
                   "step_pos": _s(dims=(1, 2), eta_scale=Fraction(0)),
                   "step_mul_lt_two": _s(dims=(1,), eta_scale=Fraction(2)),
                   "grad_ne_zero": _s(dims=(1, 2), zero_grad=True)},
        notes=_NOTE_PSD + " L_nonneg has no counterexample either (with QuadBound A L and L < 0 the step still "
              "decreases F: F w' - F w ≤ -η⟪g, g⟫ + η²L⟪g, g⟫/2 < 0); the Lean statement keeps it because "
              "its proof goes through IsLSmooth, whose nonneg field needs it.",
    ),
    Entry(
        id="quadratic.beyond_edge", rule="quadratic", kind="other",
        lean_spec="LearningRules.Quadratic.beyond_edge_spec", lean_proof="LearningRules.Quadratic.beyond_edge",
        statement="For symmetric A, A w* = b, A v = λv and 2 < ηλ, GD on the quadratic has ⟪w_k - w*, v⟫ = "
                  "(1 - ηλ)^k ⟪w₀ - w*, v⟫ exactly, with (1 - ηλ)² > 1: the v-component grows like |1 - ηλ|^k "
                  "(checked for every k up to the run length).",
        hypotheses=(Hypothesis("symm", "Mat.IsSymm A", _symm_full), STATIONARY, EIGEN, EDGE), conclusion=_edge,
        sample=lambda rng, n: (edge_instances(rng, n - min(n // 4, 10), dims=(1, 2, 5))
                               + edge_instances(rng, min(n // 4, 10), dims=(64,), T=2)),
        necessity={"symm": lambda rng, n: edge_instances(rng, n, dims=(2,), regimes=("plain",), upper=True),
                   "stationary": lambda rng, n: edge_instances(rng, n, dims=(1, 2, 5), regimes=("plain",),
                                                               b_shift=True),
                   "eigen": lambda rng, n: edge_instances(rng, n, dims=(1, 2, 5), regimes=("plain",), lam_shift=1),
                   "beyond_edge": lambda rng, n: edge_instances(rng, n, dims=(1, 2), regimes=("plain",),
                                                                eta_lam=Fraction(1))},
        notes="The identity c_k = (1 - ηλ)^k c_0 holds for every η (it is the eigen-decomposition of I - ηA); 2 < ηλ "
              "is what makes the factor exceed 1 in absolute value, stated without absolute values as "
              "(1 - ηλ)² > 1. Neither η nor λ needs a sign (the sampler's last regime has both negative).",
    ),
]

VECTORS: list[VectorCase] = [
    VectorCase("quadratic", "loss.2x2", "LearningRules.Quadratic.loss {A} {b} {w}",
               {"A": [["2", "1"], ["1", "3"]], "b": ["1", "-1/2"], "w": ["-1/3", "2"]},
               lambda a, bk: quadratic.loss(a["A"], a["b"], a["w"], bk)),
    VectorCase("quadratic", "grad.2x2", "LearningRules.Quadratic.grad {A} {b} {w}",
               {"A": [["2", "1"], ["1", "3"]], "b": ["1", "-1/2"], "w": ["-1/3", "2"]},
               lambda a, bk: quadratic.grad(a["A"], a["b"], a["w"], bk)),
    VectorCase("quadratic", "loss.3x3", "LearningRules.Quadratic.loss {A} {b} {w}",
               {"A": [["4", "-1", "0"], ["-1", "5/2", "1/3"], ["0", "1/3", "1"]], "b": ["0", "2", "-7/4"],
                "w": ["1/2", "-1", "3/5"]},
               lambda a, bk: quadratic.loss(a["A"], a["b"], a["w"], bk)),
    VectorCase("quadratic", "loss.dim1", "LearningRules.Quadratic.loss {A} {b} {w}",
               {"A": [["7/3"]], "b": ["-2"], "w": ["5/4"]},
               lambda a, bk: quadratic.loss(a["A"], a["b"], a["w"], bk)),
]
