"""Catalog entries for predictive-coding inference (`lean/LearningRules/PredictiveCoding.lean`).

Instances: generative weights `W` (m × n integers over 2), prior `(mu0, lam)`, observation `x`, latent
`mu`, rate `γ`, and `L` = Gershgorin bound of `WᵀW` plus `lam`, so `L` bounds the curvature `WᵀW + lam I`
exactly. Shapes `(m, n)` ∈ {(1, 1), (3, 2), (2, 5), (8, 64)}; regimes: plain, ill-conditioned `W`,
`lam = 0`, `lam < 0` (the statement assumes no sign), `γ L` just below 2, and a latent within `10⁻⁶`
of a fixed point (tiny gradient). Fixed points are built exactly: `mu0 = mu - Wᵀ(x - W mu) / lam`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np

from ..backend import Backend, QArray
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import predictive_coding as pc
from ..sampling import near_below, rand_int, row_sum_bound
from ..vectors import VectorCase
from .gradient_descent import cell_counts

__all__ = ["ENTRIES", "VECTORS", "pc_instances", "SHAPES"]

SHAPES: tuple[tuple[int, int], ...] = ((1, 1), (3, 2), (2, 5), (8, 64))
REGIMES = ("plain", "ill-conditioned", "lam = 0", "lam < 0", "near-bound", "tiny gradient")


def pc_instances(
    rng: np.random.Generator, n: int, *, shapes: Sequence[tuple[int, int]] = SHAPES,
    regimes: Sequence[str] = REGIMES, fixed_point: bool = False, gamma_t: Fraction | None = None,
    L_scale: Fraction = Fraction(1), exact_curvature: bool = False,
) -> list[Batch]:
    """Batches of `(W, lam, mu0, x, mu, gamma, L)`; `gamma_t` fixes `γ = gamma_t / L`, `L_scale`
    scales the curvature bound (< 1 breaks it), `fixed_point` makes the gradient exactly zero, and
    `exact_curvature` uses `m = n = 1` so that the curvature is exactly `L`."""
    out: list[Batch] = []
    dims = [s[1] for s in shapes]
    cells = [(s, r) for s in shapes for r in regimes]
    for ((m, dn), regime), k in zip(cells, cell_counts(n, dims, len(regimes))):
        if k == 0:
            continue
        Wn = rand_int(rng, (k, m, dn), -3, 3)
        Wn[np.all(Wn == 0, axis=(1, 2)), 0, 0] = 1
        if regime == "ill-conditioned":
            Wn[:, :, 0] *= 30
        Wd = 2
        WtW = np.einsum("bmi,bmj->bij", Wn, Wn)  # (Wᵀ W) * Wd²
        if regime == "lam = 0":
            lam = [Fraction(0)] * k
        elif regime == "lam < 0":
            lam = [Fraction(-int(v), 4) for v in rand_int(rng, (k,), 1, 3)]
        else:
            lam = [Fraction(int(v), 2) for v in rand_int(rng, (k,), 1, 6)]
        L = [(Fraction(int(g), Wd * Wd) + lm) * L_scale for g, lm in zip(row_sum_bound(WtW), lam)]
        mu = rand_int(rng, (k, dn), -8, 8)
        mud = 4
        x = QArray.of(rand_int(rng, (k, m), -8, 8), 2)
        xf = x.fractions()
        mu0 = np.empty((k, dn), dtype=object)
        for i in range(k):
            mui = [Fraction(int(v), mud) for v in mu[i]]
            if fixed_point or regime == "tiny gradient":
                Wf = [[Fraction(int(v), Wd) for v in row] for row in Wn[i]]
                r = [xf[i, a] - sum(Wf[a][j] * mui[j] for j in range(dn)) for a in range(m)]
                back = [sum(Wf[a][j] * r[a] for a in range(m)) for j in range(dn)]
                if lam[i] == 0:
                    lam[i] = Fraction(1, 2)
                    L[i] += Fraction(1, 2) * L_scale
                mu0[i] = [mui[j] - back[j] / lam[i] for j in range(dn)]
                if regime == "tiny gradient" and not fixed_point:
                    mu0[i][0] += Fraction(1, 10**6)
            else:
                mu0[i] = [Fraction(int(v), mud) for v in rand_int(rng, (dn,), -8, 8)]
                Wf = [[Fraction(int(v), Wd) for v in row] for row in Wn[i]]
                r = [xf[i, a] - sum(Wf[a][j] * mui[j] for j in range(dn)) for a in range(m)]
                g = [lam[i] * (mui[j] - mu0[i][j]) - sum(Wf[a][j] * r[a] for a in range(m)) for j in range(dn)]
                if not any(g):  # keep the gradient non-zero outside the fixed-point samplers
                    if lam[i] != 0:
                        mu0[i][0] += 1
                    else:
                        a, j = map(int, np.argwhere(Wn[i] != 0)[0])
                        xf[i, a] += 1
        gam = []
        for Lv in L:
            if gamma_t is not None:
                gam.append(gamma_t / Lv if Lv > 0 else gamma_t)
            elif Lv <= 0:
                gam.append(Fraction(int(rng.integers(1, 20)), 4))
            elif regime == "near-bound":
                gam.append(Fraction(1999, 1000) / Lv)
            else:
                gam.append(near_below(Fraction(2) / Lv, rng))
        obj = lambda vals: QArray.of(np.array(vals, dtype=object))  # noqa: E731
        out.append(Batch(
            {"W": QArray.of(Wn, Wd), "lam": obj(lam), "mu0": QArray.of(mu0), "x": QArray.of(xf), "mu": QArray.of(mu, mud),
             "gamma": obj(gam), "L": obj(L)},
            label=f"m={m}, n={dn}, {regime}", meta={"dim": dn},
        ))
    return out


def _grad(x: Mapping[str, Any], bk: Backend) -> Any:
    return pc.grad(x["W"], x["lam"], x["mu0"], x["x"], x["mu"], bk, validate=False)


def _energy(x: Mapping[str, Any], bk: Backend, mu: Any) -> Any:
    return pc.energy(x["W"], x["lam"], x["mu0"], x["x"], mu, bk, validate=False)


def _curvature(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g = _grad(x, bk)
    Wg = bk.matvec(x["W"], g)
    return [Relation(bk.inner(Wg, Wg) + x["lam"] * bk.inner(g, g), "<=", x["L"] * bk.inner(g, g))]


STEP_POS = Hypothesis("step_pos", "0 < γ", lambda x, bk: [Relation(0, "<", x["gamma"])])
STEP_LT = Hypothesis("step_mul_lt_two", "γ L < 2", lambda x, bk: [Relation(x["gamma"] * x["L"], "<", 2)])
CURV = Hypothesis("curvature", "CurvatureBound W lam L: ⟪W v, W v⟫ + lam⟪v, v⟫ ≤ L⟪v, v⟫ (checked along v = grad; "
                               "L = Gershgorin bound of WᵀW + lam)", _curvature, sampled=True)
GRAD_NE = Hypothesis("grad_ne_zero", "grad W lam mu0 x mu ≠ 0",
                     lambda x, bk: [Relation(bk.inner(_grad(x, bk), _grad(x, bk)), "!=", 0)])
GRAD_ZERO = Hypothesis("grad_eq_zero", "grad W lam mu0 x mu = 0",
                       lambda x, bk: [Relation(_grad(x, bk), "==", bk.zeros_like(x["mu"]))])


def _decrease(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    mu1 = pc.step(x["gamma"], x["W"], x["lam"], x["mu0"], x["x"], x["mu"], bk, validate=False)
    return [Relation(_energy(x, bk, mu1), "<", _energy(x, bk, x["mu"]))]


def _fixed(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    lhs = x["lam"][..., None] * (x["mu"] - x["mu0"])
    rhs = bk.rmatvec(x["W"], x["x"] - bk.matvec(x["W"], x["mu"]))
    return [Relation(lhs, "==", rhs)]


ENTRIES = [
    Entry(
        id="predictive_coding.energy_decrease", rule="predictive_coding", kind="improvement",
        lean_spec="LearningRules.PredictiveCoding.energy_decrease_spec",
        lean_proof="LearningRules.PredictiveCoding.energy_decrease",
        statement="For 0 < γ, γL < 2, L a curvature bound of WᵀW + lam I and a non-zero gradient, one inference "
                  "step strictly lowers the energy.",
        hypotheses=(STEP_POS, STEP_LT, CURV, GRAD_NE), conclusion=_decrease,
        sample=lambda rng, n: pc_instances(rng, n),
        necessity={
            "step_pos": lambda rng, n: pc_instances(rng, n, shapes=((1, 1), (3, 2)), regimes=("plain",),
                                                    gamma_t=Fraction(0)),
            "step_mul_lt_two": lambda rng, n: pc_instances(rng, n, shapes=((1, 1),), regimes=("plain", "lam = 0"),
                                                           gamma_t=Fraction(2)),
            "curvature": lambda rng, n: pc_instances(rng, n, shapes=((1, 1), (3, 2)), regimes=("plain",),
                                                     L_scale=Fraction(1, 8), gamma_t=Fraction(19, 10)),
            "grad_ne_zero": lambda rng, n: pc_instances(rng, n, shapes=((1, 1), (3, 2)), regimes=("plain",),
                                                        fixed_point=True),
        },
        notes="In dimension m = n = 1 the Gershgorin bound is the exact curvature, so γ = 2/L leaves the energy "
              "unchanged: that is the step_mul_lt_two counterexample.",
    ),
    Entry(
        id="predictive_coding.fixed_point", rule="predictive_coding", kind="identity",
        lean_spec="LearningRules.PredictiveCoding.fixed_point_spec",
        lean_proof="LearningRules.PredictiveCoding.fixed_point",
        statement="At a stationary point of inference, lam (mu - mu0) = Wᵀ (x - W mu).",
        hypotheses=(GRAD_ZERO,), conclusion=_fixed,
        sample=lambda rng, n: pc_instances(rng, n, regimes=("plain", "ill-conditioned", "lam < 0"), fixed_point=True),
        necessity={"grad_eq_zero": lambda rng, n: pc_instances(rng, n, shapes=((1, 1), (3, 2)), regimes=("plain",))},
    ),
]

_W = [["1", "-1/2"], ["2", "0"], ["1/3", "1"]]
_ARGS = {"W": _W, "lam": "1/2", "mu0": ["0", "1"], "x": ["1", "-1", "2"], "mu": ["1/2", "-1/4"], "gamma": "1/5"}

VECTORS: list[VectorCase] = [
    VectorCase("predictive_coding", "energy.3x2", "LearningRules.PredictiveCoding.energy {W} {lam} {mu0} {x} {mu}",
               _ARGS, lambda a, bk: pc.energy(a["W"], a["lam"], a["mu0"], a["x"], a["mu"], bk)),
    VectorCase("predictive_coding", "grad.3x2", "LearningRules.PredictiveCoding.grad {W} {lam} {mu0} {x} {mu}",
               _ARGS, lambda a, bk: pc.grad(a["W"], a["lam"], a["mu0"], a["x"], a["mu"], bk)),
    VectorCase("predictive_coding", "step.3x2",
               "LearningRules.PredictiveCoding.step {gamma} {W} {lam} {mu0} {x} {mu}",
               _ARGS, lambda a, bk: pc.step(a["gamma"], a["W"], a["lam"], a["mu0"], a["x"], a["mu"], bk)),
    VectorCase("predictive_coding", "step.1x1", "LearningRules.PredictiveCoding.step {gamma} {W} {lam} {mu0} {x} {mu}",
               {"W": [["3"]], "lam": "0", "mu0": ["5"], "x": ["-2/3"], "mu": ["1"], "gamma": "1/9"},
               lambda a, bk: pc.step(a["gamma"], a["W"], a["lam"], a["mu0"], a["x"], a["mu"], bk)),
]
