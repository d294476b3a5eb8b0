"""Catalog entries for Oja's rule (`lean/LearningRules/Oja.lean`).

Instances are exact. Weights come in three regions of the squared norm `s = ⟪w, w⟫`: inside the unit
ball (`s < 1`), exactly on the unit sphere (rational points `w = (2t, ⟪t, t⟫ - 1) / (⟪t, t⟫ + 1)`
from the inverse stereographic projection, so `s = 1` holds exactly) and outside (`s > 1`), also just
off the sphere (`s = (1 ± 2⁻²⁰)²`-like scalings). Dimensions 1, 2, 5 and 64; step sizes tiny
(`2⁻²⁰`) to large; for `norm_decrease` the step size sits just below its bound
`2 (s - 1) / ⟪d, d⟫`.

`sphere_overshoot` gives exact instances on the unit sphere where one step pushes the squared norm
past 1 (the `η²` term): `|⟪w, w⟫ - 1|` is *not* contracted by every step, which is why the Lean spec
states the two one-sided statements instead.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from ..backend import Backend, QArray, get_backend
from ..vectors import VectorCase
from ..catalog import Batch, Demonstration, Entry, Hypothesis, Relation
from ..rules import oja
from ..sampling import rand_int, split_counts
from .feedback_alignment import min_pivot

__all__ = ["ENTRIES", "VECTORS", "oja_instances", "unit_vectors", "sphere_overshoot", "fixed_instances"]

DIMS = (1, 2, 5, 64)
REGIONS = ("inside", "sphere", "outside")


def unit_vectors(rng: np.random.Generator, k: int, dim: int) -> np.ndarray:
    """`k` exact rational unit vectors (object array of Fractions) by inverse stereographic projection."""
    out = np.empty((k, dim), dtype=object)
    for b in range(k):
        if dim == 1:
            out[b, 0] = Fraction(int(rng.choice([-1, 1])))
            continue
        t = [Fraction(int(v), int(rng.integers(1, 5))) for v in rng.integers(-4, 5, size=dim - 1)]
        q = sum(v * v for v in t)
        out[b, :-1] = [2 * v / (q + 1) for v in t]
        out[b, -1] = (q - 1) / (q + 1)
    return out


def _scale(rng: np.random.Generator, k: int, region: str) -> list[Fraction]:
    if region == "sphere":
        return [Fraction(1)] * k
    near = rng.random(k) < 0.3
    if region == "inside":
        return [Fraction(2**20 - 1, 2**20) if c else Fraction(int(rng.integers(1, 8)), 8) for c in near]
    return [Fraction(2**20 + 1, 2**20) if c else Fraction(int(rng.integers(9, 33)), 8) for c in near]


def oja_instances(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = DIMS, regions: tuple[str, ...] = REGIONS,
    eta: str = "free", output: str = "nonzero",
) -> list[Batch]:
    """Batches of (eta, x, w).

    `eta`: ``free`` (positive, tiny to large), ``below`` (just below `2 (s - 1)/⟪d, d⟫`), ``at``
    (exactly that bound), ``above`` (twice it), ``negative`` or ``zero``; `output`: ``nonzero`` or
    ``zero`` (`w ⟂ x`).
    """
    batches: list[Batch] = []
    cells = [(d, r) for d in dims for r in regions]
    for (dim, region), k in zip(cells, split_counts(n, len(cells))):
        u = unit_vectors(rng, k, dim)
        sc = _scale(rng, k, region)
        w = u * np.array(sc, dtype=object)[:, None]
        x = rand_int(rng, (k, dim), -6, 6).astype(object)
        for b in range(k):
            y = sum(w[b] * x[b])
            if output == "nonzero" and y == 0:  # then ⟪w, x + sign w⟫ = Σ |w_i| > 0 (w ≠ 0 always)
                x[b] = x[b] + np.array([1 if v >= 0 else -1 for v in w[b]], dtype=object)
            elif output == "zero":
                x[b] = np.zeros(dim, dtype=object) if dim == 1 else x[b] - (sum(w[b] * x[b]) / sum(w[b] * w[b])) * w[b]
        x = x.astype(object) / 2
        etas = []
        for b in range(k):
            s = sum(w[b] * w[b])
            y = sum(w[b] * x[b])
            d = x[b] - y * w[b]
            dd = sum(d * d)
            bound = 2 * (s - 1) / dd if dd != 0 else None
            c = int(rng.integers(0, 3))
            free = Fraction(1, 2**20) if c == 0 else Fraction(int(rng.integers(1, 17)), 16) if c == 1 else Fraction(int(rng.integers(2, 9)))
            if eta == "free":
                etas.append(free)
            elif eta == "negative":
                etas.append(-free)
            elif eta == "zero":
                etas.append(Fraction(0))
            elif bound is None or bound <= 0:
                etas.append(free)
            elif eta == "below":
                etas.append(bound * (Fraction(1023, 1024) if c else Fraction(int(rng.integers(1, 9)), 10)))
            elif eta == "at":
                etas.append(bound)
            else:
                etas.append(bound * 2)
        data = {"eta": QArray.of(np.array(etas, dtype=object)), "x": QArray.of(x), "w": QArray.of(w)}
        batches.append(Batch(data, label=f"dim={dim}, {region}, η {eta}", meta={"dim": dim}))
    return batches


FIXED_DIMS = (1, 2, 3, 5, 12)


def _householder(rng: np.random.Generator, dim: int) -> np.ndarray:
    """An exact rational orthogonal symmetric matrix `H = I - 2 v vᵀ / ⟪v, v⟫` (its columns are unit vectors)."""
    v = [Fraction(int(c)) for c in rand_int(rng, (dim,), -3, 3)]
    if not any(v):
        v[0] = Fraction(1)
    vv = sum(c * c for c in v)
    return np.array([[Fraction(int(i == j)) - 2 * v[i] * v[j] / vv for j in range(dim)] for i in range(dim)],
                    dtype=object)


def fixed_instances(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = FIXED_DIMS, spectrum: str = "pd",
    ws: tuple[str, ...] = ("unit_eig", "scaled_eig", "random"), eta: str = "nonzero",
) -> list[Batch]:
    """Batches of (eta, lam, C, w) for the averaged Oja map.

    `C = H diag(d) H` with `H` an exact Householder reflection, so the columns of `H` are exact unit
    eigenvectors; `spectrum`: ``pd`` (d > 0), ``singular`` (d ≥ 0 with d₀ = 0), ``indefinite`` (signs mixed)
    or ``skew`` (`H diag(d) H` plus a skew part: positive definite, not symmetric). `ws`: the kinds of `w`
    drawn, ``unit_eig`` (a column of `H`), ``scaled_eig`` (a column times 2, 1/2 or -3), ``kernel`` (the
    column of eigenvalue d₀ scaled, for ``singular``), ``random`` (integer/4), ``unit_random`` (a rational
    unit vector) or ``zero``. `lam` is the eigenvalue of the chosen column (1 for the other kinds). `eta`:
    ``nonzero`` (±k/8) or ``zero``.
    """
    batches: list[Batch] = []
    cells = [(d, kind) for d in dims for kind in ws]
    for (dim, kind), k in zip(cells, split_counts(n, len(cells))):
        Cs, wv, lams, etas = [], [], [], []
        for _ in range(k):
            H = _householder(rng, dim)
            d = [Fraction(int(c)) for c in rng.integers(1, 9, size=dim)]
            if spectrum == "singular":
                d[0] = Fraction(0)
            elif spectrum == "indefinite":
                d[0] = -d[0]
            C = H @ np.diag(np.array(d, dtype=object)) @ H
            if spectrum == "skew":
                S = np.array(rand_int(rng, (dim, dim), -4, 4), dtype=object)
                C = C + S - S.T
            j = 0 if kind == "kernel" else int(rng.integers(0, dim))
            col = H[:, j].copy()
            lam = d[j]
            if kind == "unit_eig":
                w = col
            elif kind in ("scaled_eig", "kernel"):
                w = col * Fraction([2, 1, -3][int(rng.integers(0, 3))], [1, 2, 1][int(rng.integers(0, 3))])
                if sum(c * c for c in w) == 1:
                    w = 2 * w
            elif kind == "unit_random":
                w, lam = unit_vectors(rng, 1, dim)[0], Fraction(1)
            elif kind == "zero":
                w, lam = np.array([Fraction(0)] * dim, dtype=object), d[j] if d[j] else Fraction(1)
            else:
                w = np.array([Fraction(int(c), 4) for c in rand_int(rng, (dim,), -6, 6)], dtype=object)
                if not any(w):
                    w[0] = Fraction(1, 4)
                lam = Fraction(1)
            e = Fraction(int(rng.integers(1, 17)), 8) * int(rng.choice([-1, 1]))
            Cs.append(C)
            wv.append(w)
            lams.append(lam)
            etas.append(Fraction(0) if eta == "zero" else e)
        batches.append(Batch({"eta": QArray.of(np.array(etas, dtype=object)), "lam": QArray.of(np.array(lams, dtype=object)),
                              "C": QArray.of(np.stack(Cs)), "w": QArray.of(np.stack(wv))},
                             label=f"dim={dim}, C {spectrum}, w {kind}, η {eta}", meta={"dim": dim}))
    return batches


def _only(keys: tuple[str, ...], sampler: Any) -> Any:
    return lambda rng, n: [Batch({k: b.data[k] for k in keys}, b.label, dict(b.meta)) for b in sampler(rng, n)]


# -- hypotheses ---------------------------------------------------------------------------------
def _y(x: Mapping[str, Any], bk: Backend) -> Any:
    return bk.inner(x["w"], x["x"])


def _s(x: Mapping[str, Any], bk: Backend) -> Any:
    return bk.inner(x["w"], x["w"])


def _dd(x: Mapping[str, Any], bk: Backend) -> Any:
    d = oja.residual(x["x"], x["w"], bk)
    return bk.inner(d, d)


def _w1(x: Mapping[str, Any], bk: Backend) -> Any:
    return oja.step(x["eta"], x["x"], x["w"], bk)


OUTPUT_NE = Hypothesis("output_ne_zero", "⟪w, x⟫ ≠ 0", lambda x, bk: [Relation(_y(x, bk), "!=", 0)])
ETA_NE = Hypothesis("eta_ne_zero", "η ≠ 0", lambda x, bk: [Relation(x["eta"], "!=", 0)])
ETA_POS = Hypothesis("eta_pos", "0 < η", lambda x, bk: [Relation(0, "<", x["eta"])])
INSIDE = Hypothesis("inside", "⟪w, w⟫ < 1", lambda x, bk: [Relation(_s(x, bk), "<", 1)])
OUTSIDE = Hypothesis("outside", "1 < ⟪w, w⟫", lambda x, bk: [Relation(1, "<", _s(x, bk))])
STEP_SMALL = Hypothesis(
    "step_small", "η ⟪x - y w, x - y w⟫ < 2 (⟪w, w⟫ - 1)",
    lambda x, bk: [Relation(x["eta"] * _dd(x, bk), "<", 2 * (_s(x, bk) - 1))],
)


def _sq(v: Any, bk: Backend) -> Any:
    return bk.inner(v, v)


LAM_NE = Hypothesis("lam_ne_zero", "λ ≠ 0", lambda x, bk: [Relation(x["lam"], "!=", 0)])
W_NE = Hypothesis("w_ne_zero", "w ≠ 0", lambda x, bk: [Relation(_s(x, bk), "!=", 0)])
EIGEN = Hypothesis("eigen", "C w = λ • w (checked as ⟪C w - λ w, C w - λ w⟫ = 0)",
                   lambda x, bk: [Relation(_sq(bk.matvec(x["C"], x["w"]) - x["lam"][..., None] * x["w"], bk), "==", 0)])
PD = Hypothesis("pd", "0 < ⟪v, C v⟫ for every v ≠ 0 (the symmetric part of C is positive definite: exact LDLᵀ pivots)",
                lambda x, bk: [Relation(0, "<", min_pivot((x["C"] + bk.transpose(x["C"])) / 2, bk))])


# -- conclusions --------------------------------------------------------------------------------
def _inner_update(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    y = _y(x, bk)
    return [Relation(bk.inner(x["w"], _w1(x, bk) - x["w"]), "==", x["eta"] * (y * y) * (1 - _s(x, bk)))]


def _is_zero(v: Any, scale: Any, bk: Backend) -> Any:
    """`v = 0` per instance: exactly in exact mode, up to `1e-9 · scale` in float modes."""
    if bk.is_exact:
        return v == 0
    return bk.abs(v) <= bk.const(1, 10**9) * scale


def _orthogonal_iff(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    y, s = _y(x, bk), _s(x, bk)
    # float scale of ⟪w, w' - w⟫ = η y (y - y s): |η| y² (1 + s)
    ortho = _is_zero(bk.inner(x["w"], _w1(x, bk) - x["w"]), bk.abs(x["eta"]) * (y * y) * (1 + s), bk)
    unit = _is_zero(s - 1, 1 + s, bk)
    one, zero = bk.const(1), bk.const(0)
    return [Relation(bk.where(ortho, one, zero), "==", bk.where(unit, one, zero))]


def _norm_identity(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    w1 = _w1(x, bk)
    return [Relation(bk.inner(w1, w1) - 1, "==", oja.norm_identity_rhs(x["eta"], x["x"], x["w"], bk))]


def _norm_increase(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    w1 = _w1(x, bk)
    return [Relation(_s(x, bk), "<", bk.inner(w1, w1))]


def _norm_decrease(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    w1 = _w1(x, bk)
    return [Relation(bk.inner(w1, w1), "<", _s(x, bk))]


def _bool(b: Any, bk: Backend) -> Any:
    return bk.where(b, bk.const(1), bk.const(0))


def _fixed(x: Mapping[str, Any], bk: Backend) -> Any:
    """`stepC η C w = w` per instance (exact, or up to 1e-9 of the scale in float modes)."""
    w = x["w"]
    diff = oja.stepC(x["eta"], x["C"], w, bk) - w
    Cw = bk.matvec(x["C"], w)
    scale = (1 + bk.abs(x["eta"])) ** 2 * (_sq(Cw, bk) + _sq(w, bk) * (1 + _sq(w, bk) * _sq(Cw, bk)) + 1)
    return _is_zero(_sq(diff, bk), scale, bk)


def _fixed_iff(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    w = x["w"]
    Cw = bk.matvec(x["C"], w)
    r = Cw - bk.inner(w, Cw)[..., None] * w
    scale = _sq(Cw, bk) + _sq(w, bk) * (1 + _sq(w, bk) * _sq(Cw, bk)) + 1
    return [Relation(_bool(_fixed(x, bk), bk), "==", _bool(_is_zero(_sq(r, bk), scale, bk), bk))]


def _eigen_fixed_iff(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    s = _s(x, bk)
    return [Relation(_bool(_fixed(x, bk), bk), "==", _bool(_is_zero(s - 1, 1 + s, bk), bk))]


def _fixed_points(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    w, s = x["w"], _s(x, bk)
    Cw = bk.matvec(x["C"], w)
    # w is an eigenvector iff C w ∥ w: ⟪w, w⟫⟪Cw, Cw⟫ - ⟪w, Cw⟫² = 0 (Cauchy–Schwarz equality), w ≠ 0
    wc = bk.inner(w, Cw)
    eig = _is_zero(s * _sq(Cw, bk) - wc * wc, s * _sq(Cw, bk) + 1, bk)
    unit = _is_zero(s - 1, 1 + s, bk)
    rhs = _bool(unit, bk) * _bool(eig, bk)
    return [Relation(_bool(_fixed(x, bk), bk), "==", rhs)]


_FX = ("eta", "C", "w")
_EIG = ("eta", "lam", "C", "w")


def _fx(keys: tuple[str, ...], **kw: Any) -> Any:
    return _only(keys, lambda rng, n: fixed_instances(rng, n, **kw))


def _fx_small(keys: tuple[str, ...], **kw: Any) -> Any:
    return _only(keys, lambda rng, n: fixed_instances(rng, n, dims=(1, 2, 3), **kw))


def _fixed_iff_sample(rng: np.random.Generator, n: int) -> list[Batch]:
    q = n // 4
    return _only(_FX, lambda r, m: fixed_instances(r, m - 3 * q) + fixed_instances(r, q, spectrum="singular",
                 ws=("kernel", "unit_eig", "random")) + fixed_instances(r, q, spectrum="indefinite")
                 + fixed_instances(r, q, spectrum="skew", ws=("random", "unit_random")))(rng, n)


def _o(**kw: Any) -> Any:
    return lambda rng, n: oja_instances(rng, n, **kw)


def _o_small(**kw: Any) -> Any:
    return lambda rng, n: oja_instances(rng, n, dims=(1, 2, 5), **kw)


ENTRIES = [
    Entry(
        id="oja.inner_update",
        rule="oja",
        kind="identity",
        lean_spec="LearningRules.Oja.inner_update_spec",
        lean_proof="LearningRules.Oja.inner_update",
        statement="⟪w, w' - w⟫ = η y² (1 - ⟪w, w⟫) for one Oja step (y = ⟪w, x⟫).",
        hypotheses=(),
        conclusion=_inner_update,
        sample=lambda rng, n: oja_instances(rng, n - n // 4) + oja_instances(rng, n // 4, eta="negative", output="zero"),
    ),
    Entry(
        id="oja.orthogonal_iff",
        rule="oja",
        kind="other",
        lean_spec="LearningRules.Oja.orthogonal_iff_spec",
        lean_proof="LearningRules.Oja.orthogonal_iff",
        statement="For ⟪w, x⟫ ≠ 0 and η ≠ 0, the Oja update is orthogonal to w iff ⟪w, w⟫ = 1.",
        hypotheses=(OUTPUT_NE, ETA_NE),
        conclusion=_orthogonal_iff,
        sample=lambda rng, n: oja_instances(rng, n - n // 4) + oja_instances(rng, n // 4, eta="negative"),
        necessity={"output_ne_zero": _o_small(regions=("inside", "outside"), output="zero"),
                   "eta_ne_zero": _o_small(regions=("inside", "outside"), eta="zero")},
        notes="Float modes decide `= 0` up to 1e-9 relative to the size of the terms; exact mode decides "
              "it exactly.",
    ),
    Entry(
        id="oja.norm_identity",
        rule="oja",
        kind="identity",
        lean_spec="LearningRules.Oja.norm_identity_spec",
        lean_proof="LearningRules.Oja.norm_identity",
        statement="⟪w', w'⟫ - 1 = (1 - 2ηy²)(⟪w, w⟫ - 1) + η² y² ⟪x - y w, x - y w⟫ for one Oja step.",
        hypotheses=(),
        conclusion=_norm_identity,
        sample=lambda rng, n: oja_instances(rng, n - n // 4) + oja_instances(rng, n // 4, eta="negative", output="zero"),
    ),
    Entry(
        id="oja.norm_increase",
        rule="oja",
        kind="other",
        lean_spec="LearningRules.Oja.norm_increase_spec",
        lean_proof="LearningRules.Oja.norm_increase",
        statement="Inside the unit ball (⟪w, w⟫ < 1), with ⟪w, x⟫ ≠ 0 and η > 0, an Oja step increases ⟪w, w⟫.",
        hypotheses=(INSIDE, OUTPUT_NE, ETA_POS),
        conclusion=_norm_increase,
        sample=_o(regions=("inside",)),
        necessity={"inside": _o_small(regions=("outside",), eta="below"),
                   "output_ne_zero": _o_small(regions=("inside",), output="zero"),
                   "eta_pos": _o_small(regions=("inside",), eta="negative")},
    ),
    Entry(
        id="oja.norm_decrease",
        rule="oja",
        kind="other",
        lean_spec="LearningRules.Oja.norm_decrease_spec",
        lean_proof="LearningRules.Oja.norm_decrease",
        statement="Outside the unit ball, with ⟪w, x⟫ ≠ 0, η > 0 and η⟪d, d⟫ < 2(⟪w, w⟫ - 1) (d = x - y w), "
                  "an Oja step decreases ⟪w, w⟫.",
        hypotheses=(OUTSIDE, OUTPUT_NE, ETA_POS, STEP_SMALL),
        conclusion=_norm_decrease,
        sample=_o(regions=("outside",), eta="below"),
        necessity={"output_ne_zero": _o_small(regions=("outside",), eta="below", output="zero"),
                   "eta_pos": _o_small(regions=("outside",), eta="negative"),
                   "step_small": lambda rng, n: (oja_instances(rng, n // 2, dims=(1, 2, 5), regions=("outside",), eta="at")
                                                 + oja_instances(rng, n - n // 2, dims=(1, 2, 5), regions=("outside",),
                                                                 eta="above"))},
        notes="`outside` has no necessity sampler: η > 0 and η⟪d, d⟫ < 2(⟪w, w⟫ - 1) already force "
              "⟪w, w⟫ > 1. The step-size bound is sharp: at η = 2(s - 1)/⟪d, d⟫ the η² term cancels the "
              "decrease exactly. On the sphere the η² term pushes ⟪w, w⟫ past 1 (the demonstration).",
        demonstrations=(Demonstration(
            "plain_contraction",
            "no theorem claims |⟪w', w'⟫ - 1| ≤ |⟪w, w⟫ - 1|: at ⟪w, w⟫ = 1 the η² term pushes the norm past 1",
            lambda seed: next(iter(sphere_overshoot(dims=(1, 2, 5), seed=seed)), None)),),
    ),
    Entry(
        id="oja.fixed_iff",
        rule="oja",
        kind="other",
        lean_spec="LearningRules.Oja.fixed_iff_spec",
        lean_proof="LearningRules.Oja.fixed_iff",
        statement="For η ≠ 0 and any C, the averaged Oja map w ↦ w + η(C w - ⟪w, C w⟫ w) fixes w iff "
                  "C w = ⟪w, C w⟫ w.",
        hypotheses=(ETA_NE,),
        conclusion=_fixed_iff,
        sample=_fixed_iff_sample,
        necessity={"eta_ne_zero": _fx_small(_FX, ws=("random", "scaled_eig"), eta="zero")},
        notes="Holds for every C, symmetric or not, definite or not.",
    ),
    Entry(
        id="oja.eigen_fixed_iff",
        rule="oja",
        kind="other",
        lean_spec="LearningRules.Oja.eigen_fixed_iff_spec",
        lean_proof="LearningRules.Oja.eigen_fixed_iff",
        statement="An eigenvector w ≠ 0 of C with eigenvalue λ ≠ 0 (e.g. λ > 0) is fixed by the averaged Oja map "
                  "(η ≠ 0) iff ⟪w, w⟫ = 1.",
        hypotheses=(ETA_NE, LAM_NE, W_NE, EIGEN),
        conclusion=_eigen_fixed_iff,
        sample=lambda rng, n: _fx(_EIG, ws=("unit_eig", "scaled_eig"))(rng, n - n // 3)
        + _fx(_EIG, spectrum="indefinite", ws=("unit_eig", "scaled_eig"))(rng, n // 3),
        necessity={"eta_ne_zero": _fx_small(_EIG, ws=("scaled_eig",), eta="zero"),
                   "lam_ne_zero": _fx_small(_EIG, spectrum="singular", ws=("kernel",)),
                   "w_ne_zero": _fx_small(_EIG, ws=("zero",)),
                   "eigen": _fx_small(_EIG, ws=("unit_random",))},
        notes="λ = 0 (a kernel vector of a singular C) is fixed at every length: the lam_ne_zero counterexample.",
    ),
    Entry(
        id="oja.fixed_points",
        rule="oja",
        kind="other",
        lean_spec="LearningRules.Oja.fixed_points_spec",
        lean_proof="LearningRules.Oja.fixed_points",
        statement="For positive definite C and η ≠ 0, a w ≠ 0 is fixed by the averaged Oja map iff ⟪w, w⟫ = 1 and "
                  "C w = λ w for some λ: the nonzero fixed points are exactly the unit eigenvectors.",
        hypotheses=(PD, ETA_NE, W_NE),
        conclusion=_fixed_points,
        sample=lambda rng, n: _fx(_FX, ws=("unit_eig", "scaled_eig", "random", "unit_random"))(rng, n - n // 4)
        + _fx(_FX, spectrum="skew", ws=("random", "unit_random"))(rng, n // 4),
        necessity={"pd": _fx_small(_FX, spectrum="singular", ws=("kernel",)),
                   "eta_ne_zero": _fx_small(_FX, ws=("random", "scaled_eig"), eta="zero"),
                   "w_ne_zero": _fx_small(_FX, ws=("zero",))},
        notes="Symmetry of C is not needed. With a singular C (pd dropped) kernel vectors of any length are fixed.",
    ),
]


def sphere_overshoot(*, dims: tuple[int, ...] = DIMS, seed: int = 0) -> list[dict[str, Any]]:
    """Exact instances with `⟪w, w⟫ = 1` where one Oja step gives `⟪w', w'⟫ > 1`.

    This refutes a 'plain contraction' claim `|⟪w', w'⟫ - 1| ≤ c |⟪w, w⟫ - 1|`: the left side is
    `η² y² ⟪d, d⟫ > 0` while the right side is 0. Checked in exact rational arithmetic.
    """
    bk = get_backend("exact")
    out = []
    for b in oja_instances(np.random.default_rng(seed), 4 * len(dims), dims=dims, regions=("sphere",)):
        inst = b.to(bk)
        w1 = oja.step(inst["eta"], inst["x"], inst["w"], bk)
        s0 = bk.inner(inst["w"], inst["w"])
        s1 = bk.inner(w1, w1)
        for i in range(b.size):
            if s0[i] == 1 and s1[i] > 1:
                out.append({"dim": b.meta["dim"], "instance": b.instance(i), "norm_sq_after": str(s1[i]),
                            "excess": str(s1[i] - 1)})
    return out


# -- differential test vectors ----------------------------------------------------------------
def _oja_case(name: str, eta: str, x: list[str], w: list[str]) -> VectorCase:
    return VectorCase("oja", f"{name}.step", "LearningRules.Oja.step {eta} {x} {w}", {"eta": eta, "x": x, "w": w},
                      lambda a, bk: oja.step(a["eta"], a["x"], a["w"], bk))


def _ojaC_case(name: str, eta: str, C: list[list[str]], w: list[str]) -> VectorCase:
    return VectorCase("oja", f"{name}.stepC", "LearningRules.Oja.stepC {eta} {C} {w}", {"eta": eta, "C": C, "w": w},
                      lambda a, bk: oja.stepC(a["eta"], a["C"], a["w"], bk))


VECTORS: list[VectorCase] = [
    _ojaC_case("unit_eigenvector", "1/3", [["2", "0"], ["0", "5"]], ["0", "1"]),
    _ojaC_case("scaled_eigenvector", "1/4", [["2", "0"], ["0", "5"]], ["2", "0"]),
    _ojaC_case("general", "-1/2", [["2", "1", "0"], ["1", "3", "-1"], ["0", "-1", "1"]], ["1/2", "-1", "1/4"]),
    _oja_case("unit_sphere", "1/2", ["1", "2"], ["3/5", "4/5"]),
    _oja_case("inside", "1/10", ["2", "-1", "1"], ["1/2", "0", "1/4"]),
    _oja_case("outside", "1/100", ["1", "1"], ["2", "-1"]),
    _oja_case("dim1", "1/4", ["3"], ["-1/2"]),
]
