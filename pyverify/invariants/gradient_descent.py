"""Catalog entries for gradient descent (`lean/LearningRules/GradientDescent.lean`).

The numeric instances are quadratics `F w = ½⟪w, A w⟫ - ⟪b, w⟫` with symmetric PSD integer `A` and
`L` the Gershgorin bound `max_i Σ_j |A_ij| ≥ λ_max(A)`, so `F` is `L`-smooth exactly
(`Quadratic.is_l_smooth`). Regions covered: dimensions 1, 2, 5 and 64; ill-conditioned `A`; tiny
gradients (`w` within `10⁻⁶` of a minimizer); step sizes just below `2/L`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from ..backend import Backend, QArray
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import gradient_descent as gd
from ..rules import quadratic
from ..sampling import EDGE_DIMS, near_below, psd_matrix, rand_int, row_sum_bound, split_counts

__all__ = ["ENTRIES", "quadratic_instances"]

REGIMES = ("plain", "ill-conditioned", "tiny-gradient", "near-bound")


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
    for (dim, regime), k in zip(cells, split_counts(n, len(cells))):
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


def _parts(x: Mapping[str, Any], bk: Backend) -> tuple[Any, Any, Any, Any]:
    g = quadratic.grad(x["A"], x["b"], x["w"], bk)
    w1 = gd.step(lambda v: quadratic.grad(x["A"], x["b"], v, bk), x["eta"], x["w"], bk, validate=False)
    return g, w1, quadratic.loss(x["A"], x["b"], x["w"], bk), quadratic.loss(x["A"], x["b"], w1, bk)


def _smooth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g = quadratic.grad(x["A"], x["b"], x["w"], bk)
    return [Relation(0, "<=", x["L"]),
            Relation(bk.inner(g, bk.matvec(x["A"], g)), "<=", x["L"] * bk.inner(g, g))]


SMOOTH = Hypothesis(
    "smooth", "F is L-smooth: 0 ≤ L and ⟪v, A v⟫ ≤ L⟪v, v⟫ (checked along v = g; L ≥ Gershgorin bound)", _smooth
)
STEP_POS = Hypothesis("step_pos", "0 < η", lambda x, bk: [Relation(0, "<", x["eta"])])
STEP_LT = Hypothesis("step_mul_lt_two", "η L < 2", lambda x, bk: [Relation(x["eta"] * x["L"], "<", 2)])
GRAD_NE = Hypothesis(
    "grad_ne_zero", "grad w ≠ 0",
    lambda x, bk: [Relation(bk.inner(quadratic.grad(x["A"], x["b"], x["w"], bk),
                                     quadratic.grad(x["A"], x["b"], x["w"], bk)), "!=", 0)],
)


def _descent_bound(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g, _, F0, F1 = _parts(x, bk)
    return [Relation(F1, "<=", gd.descent_bound_rhs(F0, x["eta"], x["L"], g, bk))]


def _improves(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    _, _, F0, F1 = _parts(x, bk)
    return [Relation(F1, "<", F0)]


def _sample(rng: np.random.Generator, n: int) -> list[Batch]:
    return quadratic_instances(rng, n)


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
]
