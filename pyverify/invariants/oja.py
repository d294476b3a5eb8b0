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

__all__ = ["ENTRIES", "VECTORS", "oja_instances", "unit_vectors", "sphere_overshoot"]

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


VECTORS: list[VectorCase] = [
    _oja_case("unit_sphere", "1/2", ["1", "2"], ["3/5", "4/5"]),
    _oja_case("inside", "1/10", ["2", "-1", "1"], ["1/2", "0", "1/4"]),
    _oja_case("outside", "1/100", ["1", "1"], ["2", "-1"]),
    _oja_case("dim1", "1/4", ["3"], ["-1/2"]),
]
