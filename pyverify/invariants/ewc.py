"""Catalog entries for elastic weight consolidation (`lean/LearningRules/EWC.lean`).

The new task is a quadratic `Lnew w = ½⟪w, A w⟫ - ⟪b, w⟫` with symmetric PSD integer `A` and `L` its
Gershgorin bound (so `Lnew` is `L`-smooth exactly); the Fisher diagonal holds nonnegative rationals with
zeros on purpose, `Fmax ≥ max fisher`; `lam ∈ [0, 4]`. Regions: dimensions 1, 2, 5 and 64,
ill-conditioned `A`, `lam = 0`, `w = wstar`, `w` differing from `wstar` in one coordinate only, and
`η (L + lam Fmax)` just below 2. `FisherBound` is checked field by field (`fisher_nonneg`,
`fisher_le_max`, `max_nonneg`), as in the Lean structure. `ewc.joint_objective` has its own sampler
(`joint_instances`): an old loss `diagQuad h g c` with diagonal Hessian `h` stationary at `wstar`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np

from ..backend import Backend, QArray
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import ewc, quadratic
from ..sampling import EDGE_DIMS, near_below, psd_matrix, rand_int, row_sum_bound
from ..vectors import VectorCase
from .gradient_descent import cell_counts

__all__ = ["ENTRIES", "VECTORS", "ewc_instances", "joint_instances"]

REGIMES = ("plain", "ill-conditioned", "lam = 0", "w = wstar", "one coordinate", "near-bound")


def ewc_instances(
    rng: np.random.Generator, n: int, *, dims: Sequence[int] = EDGE_DIMS, regimes: Sequence[str] = REGIMES,
    lam_mode: str = "nonneg", fisher_mode: str = "bounded", L_scale: Fraction = Fraction(1),
    eta_t: Fraction | None = None, zero_grad: bool = False, exact_curvature: bool = False,
    Fmax_shift: Fraction = Fraction(0),
) -> list[Batch]:
    """Batches of `(A, b, L, lam, fisher, Fmax, wstar, w, v, eta)`.

    `lam_mode`: ``nonneg`` (default), ``pos`` (> 0), ``neg`` (`lam = -L / (2 Fmax)`, breaking
    `0 ≤ lam`). `fisher_mode`: ``bounded`` (`0 ≤ fisher ≤ Fmax`), ``pos`` (> 0), ``below_max``
    (every entry `< Fmax`), ``over`` (`Fmax = 0 < fisher`), ``some_zero`` (one zero entry where `w`
    differs from `wstar`). `eta_t` fixes `η = eta_t / (L + lam Fmax)`; `zero_grad` puts `w` at a
    stationary point of the total loss; `exact_curvature` makes `A = a I`, `fisher = Fmax` so that the
    total curvature is exactly `L + lam Fmax`. `Fmax_shift` is added to `Fmax`.
    """
    out: list[Batch] = []
    cells = [(d, r) for d in dims for r in regimes]
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(regimes))):
        if k == 0:
            continue
        if exact_curvature:
            A = np.eye(dim, dtype=np.int64)[None] * rand_int(rng, (k, 1, 1), 1, 6)
        elif dim == 0:
            A = np.zeros((k, 0, 0), dtype=np.int64)
        else:
            A = psd_matrix(rng, k, dim, spread=10 if regime == "ill-conditioned" else 1)
            A = A + np.eye(dim, dtype=np.int64) * (dim == 1)
        L = [Fraction(int(v)) * L_scale for v in (row_sum_bound(A) if dim else np.zeros(k, dtype=np.int64))]
        fden = 2
        if fisher_mode == "pos":
            f = rand_int(rng, (k, dim), 1, 8)
        elif fisher_mode == "over":
            f = rand_int(rng, (k, dim), 4, 12)
        else:
            f = rand_int(rng, (k, dim), 0, 8)
            if dim and regime == "plain":
                f[:, 0] = 0  # a weight the old task did not care about
        if exact_curvature:
            f = np.repeat(f[:, :1], dim, axis=1) if dim else f
        if fisher_mode == "over":
            Fmax = [Fraction(0)] * k
        elif fisher_mode == "below_max":
            Fmax = [Fraction(int(f[i].max(initial=0)) + 1, fden) for i in range(k)]
        else:
            Fmax = [Fraction(int(f[i].max(initial=0)), fden) + Fmax_shift for i in range(k)]
        if lam_mode == "neg":
            lam = [-(Lv if Lv > 0 else Fraction(1)) / (2 * Fm) if Fm > 0 else Fraction(-1) for Lv, Fm in zip(L, Fmax)]
        elif regime == "lam = 0" and lam_mode == "nonneg":
            lam = [Fraction(0)] * k
        else:
            lo = 1 if lam_mode == "pos" else 0
            lam = [Fraction(int(v), 2) for v in rand_int(rng, (k,), lo, 8)]
        wstar_num = rand_int(rng, (k, dim), -12, 12)
        w_num = rand_int(rng, (k, dim), -12, 12)
        if regime == "w = wstar":
            w_num = wstar_num.copy()
        elif regime == "one coordinate" and dim:
            w_num = wstar_num.copy()
            w_num[:, 0] += rng.choice([-1, 1], size=k)
        if fisher_mode == "some_zero" and dim:
            w_num = wstar_num.copy()
            j = rng.integers(0, dim, size=k)
            w_num[np.arange(k), j] += 1
            f[np.arange(k), j] = 0
        v_num = rand_int(rng, (k, dim), -12, 12)
        wden = 4
        Lp = [Lv + lm * Fm for Lv, lm, Fm in zip(L, lam, Fmax)]
        if zero_grad:
            # b = A w + lam f (w - wstar): the total gradient vanishes at w
            pg = [[Fraction(int(f[i, j]), fden) * lam[i] * Fraction(int(w_num[i, j] - wstar_num[i, j]), wden)
                   for j in range(dim)] for i in range(k)]
            Aw = np.einsum("bij,bj->bi", A, w_num)
            b = QArray.of(np.array([[Fraction(int(Aw[i, j]), wden) + pg[i][j] for j in range(dim)] for i in range(k)],
                                   dtype=object).reshape(k, dim))
        else:
            b_int = rand_int(rng, (k, dim), -20, 20)
            if dim:
                # keep the total gradient A w - b + lam f (w - wstar) non-zero: it is zero only if
                # b = A w + lam f (w - wstar), a rational vector; then move b by 1 in coordinate 0
                Aw = np.einsum("bij,bj->bi", A, w_num)
                for i in range(k):
                    tg = [Fraction(int(Aw[i, j]), wden) - int(b_int[i, j])
                          + lam[i] * Fraction(int(f[i, j]), fden) * Fraction(int(w_num[i, j] - wstar_num[i, j]), wden)
                          for j in range(dim)]
                    if not any(tg):
                        b_int[i, 0] += 1
            b = QArray.of(b_int)
        etas = []
        for Lv in Lp:
            bound = Fraction(2) / Lv if Lv > 0 else Fraction(2)
            if eta_t is not None:
                etas.append(eta_t / Lv if Lv > 0 else eta_t)
            elif regime == "near-bound":
                etas.append(bound * Fraction(999, 1000))
            else:
                etas.append(near_below(bound, rng))
        obj = lambda vals: QArray.of(np.array(vals, dtype=object))  # noqa: E731
        out.append(Batch(
            {"A": QArray.of(A), "b": b, "L": obj(L), "lam": obj(lam), "fisher": QArray.of(f, fden), "Fmax": obj(Fmax),
             "wstar": QArray.of(wstar_num, wden), "w": QArray.of(w_num, wden), "v": QArray.of(v_num, wden),
             "eta": obj(etas)},
            label=f"dim={dim}, {regime}", meta={"dim": dim},
        ))
    return out


JOINT_REGIMES = ("plain", "h with zero and negative entries", "lam = 0", "lam < 0", "w = wstar")


def joint_instances(rng: np.random.Generator, n: int, *, dims: Sequence[int] = EDGE_DIMS,
                    regimes: Sequence[str] = JOINT_REGIMES, stationary: bool = True) -> list[Batch]:
    """Batches of `(A, b, lam, h, g, c, wstar, w)` for `joint_objective_spec`.

    The new task is the quadratic `Lnew w = ½⟪w, A w⟫ - ⟪b, w⟫` (any `Lnew` works: the identity holds for
    every function); the old loss is `diagQuad h g c` with `g = h ∘ wstar` (stationary at `wstar`).
    `h` and `lam` carry no sign condition, so regions with zero and negative Hessian entries and with
    `lam ≤ 0` are sampled. `stationary=False` moves `g` off `h ∘ wstar` by a non-zero integer vector `e`,
    with `lam ≠ 0` and `w = wstar + e / 4`, so that `lam ⟪h ∘ wstar - g, w - wstar⟫ = -lam ⟪e, e⟫ / 4 ≠ 0`.
    """
    out: list[Batch] = []
    cells = [(d, r) for d in dims for r in regimes]
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(regimes))):
        if k == 0:
            continue
        A = psd_matrix(rng, k, dim) if dim else np.zeros((k, 0, 0), dtype=np.int64)
        b = rand_int(rng, (k, dim), -20, 20)
        if regime == "h with zero and negative entries":
            h = rand_int(rng, (k, dim), -8, 8)
            if dim:
                h[:, 0] = 0
        else:
            h = rand_int(rng, (k, dim), 0, 8)
        if regime == "lam = 0" and stationary:
            lam = np.zeros(k, dtype=np.int64)
        elif regime == "lam < 0":
            lam = rand_int(rng, (k,), -8, -1)
        else:
            lam = rand_int(rng, (k,), 1, 8)
        c = rand_int(rng, (k,), -9, 9)
        wstar = rand_int(rng, (k, dim), -12, 12)
        w = wstar.copy() if regime == "w = wstar" and stationary else rand_int(rng, (k, dim), -12, 12)
        g8 = h * wstar  # numerators over 2 * 4 = 8
        if not stationary:
            e = rand_int(rng, (k, dim), 1, 6) * rng.choice([-1, 1], size=(k, dim))
            g8 = g8 + 8 * e
            w = wstar + e
        out.append(Batch(
            {"A": QArray.of(A), "b": QArray.of(b), "lam": QArray.of(lam, 2), "h": QArray.of(h, 2),
             "g": QArray.of(g8, 8), "c": QArray.of(c, 3), "wstar": QArray.of(wstar, 4), "w": QArray.of(w, 4)},
            label=f"dim={dim}, {regime}", meta={"dim": dim},
        ))
    return out


# -- pieces ---------------------------------------------------------------------------------------
def _pen(x: Mapping[str, Any], bk: Backend, w: Any) -> Any:
    return ewc.penalty(x["lam"], x["fisher"], x["wstar"], w, bk, validate=False)


def _lnew(x: Mapping[str, Any], bk: Backend) -> Any:
    return lambda w: quadratic.loss(x["A"], x["b"], w, bk)


def _gnew(x: Mapping[str, Any], bk: Backend) -> Any:
    return lambda w: quadratic.grad(x["A"], x["b"], w, bk)


def _total(x: Mapping[str, Any], bk: Backend, w: Any) -> Any:
    return ewc.total_loss(_lnew(x, bk), x["lam"], x["fisher"], x["wstar"], w, bk, validate=False)


def _tgrad(x: Mapping[str, Any], bk: Backend, w: Any) -> Any:
    return ewc.total_grad(_gnew(x, bk), x["lam"], x["fisher"], x["wstar"], w, bk, validate=False)


def _next(x: Mapping[str, Any], bk: Backend) -> Any:
    return ewc.step(_gnew(x, bk), x["lam"], x["fisher"], x["wstar"], x["eta"], x["w"], bk, validate=False)


def _Lp(x: Mapping[str, Any]) -> Any:
    return x["L"] + x["lam"] * x["Fmax"]


def _bool(v: Any, bk: Backend) -> np.ndarray:
    return np.asarray(v.numpy() if bk.is_torch else v, dtype=bool)


# -- hypotheses -----------------------------------------------------------------------------------
def _smooth_along(d_fn: Any) -> Any:
    def rel(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
        d = d_fn(x, bk)
        return [Relation(0, "<=", x["L"]), Relation(bk.inner(d, bk.matvec(x["A"], d)), "<=", x["L"] * bk.inner(d, d))]
    return rel


SMOOTH_PAIR = Hypothesis("smooth", "Lnew is L-smooth (checked: 0 ≤ L and ⟪d, A d⟫ ≤ L⟪d, d⟫ for d = v - w; "
                                   "L ≥ Gershgorin bound)", _smooth_along(lambda x, bk: x["v"] - x["w"]), sampled=True)
SMOOTH_STEP = Hypothesis("smooth", "Lnew is L-smooth (checked: 0 ≤ L and ⟪d, A d⟫ ≤ L⟪d, d⟫ along the total "
                                   "gradient d; L ≥ Gershgorin bound)", _smooth_along(lambda x, bk: _tgrad(x, bk, x["w"])), sampled=True)
LAM_NONNEG = Hypothesis("lam_nonneg", "0 ≤ lam", lambda x, bk: [Relation(0, "<=", x["lam"])])
LAM_POS = Hypothesis("lam_pos", "0 < lam", lambda x, bk: [Relation(0, "<", x["lam"])])
def _forall(rel: Relation) -> list[Relation]:
    """`∀ i, rel i`: vacuous (no relation) in dimension 0."""
    return [] if np.shape(rel.lhs)[-1:] == (0,) or np.shape(rel.rhs)[-1:] == (0,) else [rel]


FISHER_NONNEG = Hypothesis("fisher_nonneg", "0 ≤ fisher i for all i",
                           lambda x, bk: _forall(Relation(bk.zeros_like(x["fisher"]), "<=", x["fisher"])))
FISHER_POS = Hypothesis("fisher_pos", "0 < fisher i for all i",
                        lambda x, bk: _forall(Relation(bk.zeros_like(x["fisher"]), "<", x["fisher"])))
FISHER_LE = Hypothesis("fisher_le_max", "fisher i ≤ Fmax for all i (FisherBound.le_max)",
                       lambda x, bk: _forall(Relation(x["fisher"], "<=", x["Fmax"][..., None] + bk.zeros_like(x["fisher"]))))
MAX_NONNEG = Hypothesis("max_nonneg", "0 ≤ Fmax (FisherBound.max_nonneg)", lambda x, bk: [Relation(0, "<=", x["Fmax"])])
STEP_POS = Hypothesis("step_pos", "0 < η", lambda x, bk: [Relation(0, "<", x["eta"])])
STEP_LT = Hypothesis("step_mul_lt_two", "η (L + lam Fmax) < 2", lambda x, bk: [Relation(x["eta"] * _Lp(x), "<", 2)])
GRAD_NE = Hypothesis("grad_ne_zero", "totalGrad w ≠ 0",
                     lambda x, bk: [Relation(bk.inner(_tgrad(x, bk, x["w"]), _tgrad(x, bk, x["w"])), "!=", 0)])


# -- conclusions ----------------------------------------------------------------------------------
def _nonneg(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(0, "<=", _pen(x, bk, x["w"]))]


def _zero_iff(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    zero = _bool(_pen(x, bk, x["w"]) == 0, bk)
    same = _bool(x["w"] == x["wstar"], bk).reshape(zero.shape[0], -1).all(axis=1)
    return [Relation((zero == same).astype(np.int64), "==", 1)]


def _total_smooth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    w, v = x["w"], x["v"]
    d = v - w
    Lp = _Lp(x)
    if np.shape(w)[-1] == 0:
        # dimension 0: every vector is 0 and both sides of the upper bound are `Lnew 0 = 0`; only
        # `IsLSmooth.nonneg` says something (empty sums are Python ints in the exact backend)
        return [Relation(0, "<=", Lp)]
    rhs = _total(x, bk, w) + bk.inner(_tgrad(x, bk, w), d) + Lp / 2 * bk.inner(d, d)
    return [Relation(0, "<=", Lp), Relation(_total(x, bk, v), "<=", rhs)]


def _improves(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(_total(x, bk, _next(x, bk)), "<", _total(x, bk, x["w"]))]


def _step_bound(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    w1 = _next(x, bk)
    return [Relation(_pen(x, bk, w1), "<=", _total(x, bk, x["w"]) - quadratic.loss(x["A"], x["b"], w1, bk))]


def _joint(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    w, ws = x["w"], x["wstar"]
    lhs = ewc.total_loss(_lnew(x, bk), x["lam"], x["h"], ws, w, bk, validate=False)
    old = ewc.diag_quad(x["h"], x["g"], x["c"], w, bk) - ewc.diag_quad(x["h"], x["g"], x["c"], ws, bk)
    return [Relation(lhs, "==", quadratic.loss(x["A"], x["b"], w, bk) + x["lam"] * old)]


STATIONARY = Hypothesis("stationary", "the old loss diagQuad h g c is stationary at wstar: h i * wstar i = g i "
                                      "for all i (checked exactly, coordinate by coordinate)",
                        lambda x, bk: _forall(Relation(x["h"] * x["wstar"], "==", x["g"])))


def _s(**kw: Any) -> Any:
    return lambda rng, n: ewc_instances(rng, n, **kw)


_SMALL = (1, 2)
_NOTE_FISHER_NONNEG = ("fisher_nonneg has no counterexample: a negative Fisher entry only lowers the curvature "
                       "lam·fisher i ≤ lam·Fmax, so the quadratic upper bound, and with it the descent, still holds.")

ENTRIES = [
    Entry(
        id="ewc.penalty_nonneg", rule="ewc", kind="bound",
        lean_spec="LearningRules.EWC.penalty_nonneg_spec", lean_proof="LearningRules.EWC.penalty_nonneg",
        statement="For 0 ≤ lam and 0 ≤ fisher i, the EWC penalty is nonnegative.",
        hypotheses=(LAM_NONNEG, FISHER_NONNEG), conclusion=_nonneg, sample=_s(),
        necessity={"lam_nonneg": _s(dims=_SMALL, regimes=("plain", "one coordinate"), lam_mode="neg"),
                   "fisher_nonneg": lambda rng, n: _negate_fisher(ewc_instances(rng, n, dims=_SMALL,
                                                                                regimes=("one coordinate",),
                                                                                lam_mode="pos", fisher_mode="pos"))},
    ),
    Entry(
        id="ewc.penalty_eq_zero_iff", rule="ewc", kind="other",
        lean_spec="LearningRules.EWC.penalty_eq_zero_iff_spec", lean_proof="LearningRules.EWC.penalty_eq_zero_iff",
        statement="For 0 < lam and 0 < fisher i, the penalty is zero exactly at w = wstar.",
        hypotheses=(LAM_POS, FISHER_POS), conclusion=_zero_iff,
        sample=_s(lam_mode="pos", fisher_mode="pos"),
        necessity={"lam_pos": lambda rng, n: _zero_lam(ewc_instances(rng, n, dims=_SMALL, regimes=("one coordinate",),
                                                                     fisher_mode="pos")),
                   "fisher_pos": _s(dims=_SMALL, regimes=("plain",), lam_mode="pos", fisher_mode="some_zero")},
        notes="Sampled with w = wstar, w differing from wstar in one coordinate, and w random.",
    ),
    Entry(
        id="ewc.total_smooth", rule="ewc", kind="bound",
        lean_spec="LearningRules.EWC.total_smooth_spec", lean_proof="LearningRules.EWC.total_smooth",
        statement="If Lnew is L-smooth, 0 ≤ lam and 0 ≤ fisher i ≤ Fmax, the total loss is (L + lam Fmax)-smooth "
                  "with gradient map totalGrad (checked at sampled pairs w, v).",
        hypotheses=(SMOOTH_PAIR, LAM_NONNEG, FISHER_NONNEG, FISHER_LE, MAX_NONNEG), conclusion=_total_smooth,
        sample=_s(),
        necessity={"smooth": _s(dims=_SMALL, regimes=("plain",), L_scale=Fraction(1, 8), lam_mode="pos"),
                   "lam_nonneg": _s(dims=_SMALL, regimes=("plain",), lam_mode="neg", fisher_mode="below_max"),
                   "fisher_le_max": _s(dims=_SMALL, regimes=("plain",), lam_mode="pos", fisher_mode="over",
                                       L_scale=Fraction(1)),
                   "max_nonneg": _s(dims=(0,), regimes=("plain",), lam_mode="pos", Fmax_shift=Fraction(-1))},
        notes=_NOTE_FISHER_NONNEG + " max_nonneg matters only in dimension 0 (otherwise fisher_nonneg and "
              "fisher_le_max imply it), where L + lam·Fmax < 0 breaks IsLSmooth.nonneg.",
    ),
    Entry(
        id="ewc.improves", rule="ewc", kind="improvement",
        lean_spec="LearningRules.EWC.improves_spec", lean_proof="LearningRules.EWC.improves",
        statement="A gradient step on the total loss with 0 < η, η(L + lam Fmax) < 2 and a non-zero total gradient "
                  "strictly lowers the total loss.",
        hypotheses=(SMOOTH_STEP, LAM_NONNEG, FISHER_NONNEG, FISHER_LE, MAX_NONNEG, STEP_POS, STEP_LT, GRAD_NE),
        conclusion=_improves, sample=_s(),
        necessity={"smooth": _s(dims=_SMALL, regimes=("plain",), L_scale=Fraction(1, 8), lam_mode="pos",
                                eta_t=Fraction(19, 10)),
                   "lam_nonneg": _s(dims=(1,), regimes=("plain", "ill-conditioned"), lam_mode="neg",
                                    fisher_mode="below_max", eta_t=Fraction(19, 10)),
                   "fisher_le_max": _s(dims=_SMALL, regimes=("plain",), lam_mode="pos", fisher_mode="over",
                                       eta_t=Fraction(19, 10)),
                   "step_pos": _s(dims=_SMALL, regimes=("plain",), eta_t=Fraction(0)),
                   "step_mul_lt_two": _s(dims=_SMALL, regimes=("plain",), exact_curvature=True, eta_t=Fraction(2)),
                   "grad_ne_zero": _s(dims=_SMALL, regimes=("plain", "lam = 0"), zero_grad=True)},
        notes=_NOTE_FISHER_NONNEG + " max_nonneg has none either: it can fail only in dimension 0, where every "
              "gradient is zero.",
    ),
    Entry(
        id="ewc.penalty_step_bound", rule="ewc", kind="bound",
        lean_spec="LearningRules.EWC.penalty_step_bound_spec", lean_proof="LearningRules.EWC.penalty_step_bound",
        statement="After a gradient step w' on the total loss (0 < η, η(L + lam Fmax) < 2): "
                  "penalty w' ≤ totalLoss w - Lnew w'.",
        hypotheses=(SMOOTH_STEP, LAM_NONNEG, FISHER_NONNEG, FISHER_LE, MAX_NONNEG, STEP_POS, STEP_LT),
        conclusion=_step_bound, sample=_s(),
        necessity={"smooth": _s(dims=_SMALL, regimes=("plain",), L_scale=Fraction(1, 8), lam_mode="pos",
                                eta_t=Fraction(19, 10)),
                   "lam_nonneg": _s(dims=(1,), regimes=("plain", "ill-conditioned"), lam_mode="neg",
                                    fisher_mode="below_max", eta_t=Fraction(19, 10)),
                   "fisher_le_max": _s(dims=_SMALL, regimes=("plain",), lam_mode="pos", fisher_mode="over",
                                       eta_t=Fraction(19, 10)),
                   "step_pos": _s(dims=_SMALL, regimes=("plain",), eta_t=Fraction(-1, 2)),
                   "step_mul_lt_two": _s(dims=_SMALL, regimes=("plain",), exact_curvature=True, eta_t=Fraction(5, 2))},
        notes=_NOTE_FISHER_NONNEG + " max_nonneg has none either: in dimension 0 both sides are 0. "
              "Fidelity: this is the non-strict descent totalLoss w' ≤ totalLoss w with totalLoss w' = "
              "Lnew w' + penalty w' moved across, nothing more; it stays as EWC's forgetting statement (the "
              "penalty at w' is paid from the loss budget), because unlike ewc.improves it needs no non-zero "
              "gradient, and because the tune tasks on the largest admissible lam rest on it. The quantitative "
              "decrease is GradientDescent.descent_bound applied to the total loss (ewc.total_smooth).",
    ),
    Entry(
        id="ewc.joint_objective", rule="ewc", kind="identity",
        lean_spec="LearningRules.EWC.joint_objective_spec", lean_proof="LearningRules.EWC.joint_objective",
        statement="For an old loss diagQuad h g c (quadratic with diagonal Hessian h) stationary at wstar "
                  "(h i wstar i = g i), the EWC objective with Fisher diagonal h equals the joint objective up to "
                  "a constant: totalLoss Lnew lam h wstar w = Lnew w + lam (diagQuad w - diagQuad wstar).",
        hypotheses=(STATIONARY,), conclusion=_joint, sample=lambda rng, n: joint_instances(rng, n),
        necessity={"stationary": lambda rng, n: joint_instances(rng, n, dims=_SMALL, regimes=("plain", "lam < 0"),
                                                                stationary=False)},
        notes="An exact identity for every Lnew (sampled as a quadratic), every lam and every h (zero and negative "
              "Hessian entries and lam ≤ 0 are sampled): EWC's Laplace approximation is exact when the old loss is "
              "a quadratic with diagonal Hessian equal to the Fisher diagonal. Without stationarity the two sides "
              "differ by lam⟪h ∘ wstar - g, w - wstar⟫, which the necessity sampler makes non-zero.",
    ),
]


def _negate_fisher(batches: list[Batch]) -> list[Batch]:
    """Make every Fisher entry negative (breaking only `0 ≤ fisher i`)."""
    for b in batches:
        f = b.data["fisher"]
        b.data["fisher"] = QArray(-np.asarray(f.num), f.den)
    return batches


def _zero_lam(batches: list[Batch]) -> list[Batch]:
    """Set `lam = 0` (breaking only `0 < lam`)."""
    for b in batches:
        b.data["lam"] = QArray.of(np.zeros(b.size, dtype=np.int64))
    return batches


VECTORS: list[VectorCase] = [
    VectorCase("ewc", "penalty.dim2", "LearningRules.EWC.penalty {lam} {fisher} {wstar} {w}",
               {"lam": "3/2", "fisher": ["1/2", "2"], "wstar": ["1", "-1"], "w": ["3", "1/3"]},
               lambda a, bk: ewc.penalty(a["lam"], a["fisher"], a["wstar"], a["w"], bk)),
    VectorCase("ewc", "penalty.at_wstar", "LearningRules.EWC.penalty {lam} {fisher} {wstar} {w}",
               {"lam": "5", "fisher": ["1", "7/3", "0"], "wstar": ["2/5", "-1", "4"], "w": ["2/5", "-1", "4"]},
               lambda a, bk: ewc.penalty(a["lam"], a["fisher"], a["wstar"], a["w"], bk)),
    VectorCase("ewc", "penaltyGrad.dim3", "LearningRules.EWC.penaltyGrad {lam} {fisher} {wstar} {w}",
               {"lam": "2/3", "fisher": ["3", "0", "1/4"], "wstar": ["0", "1", "-2"], "w": ["1/2", "5", "2"]},
               lambda a, bk: ewc.penalty_grad(a["lam"], a["fisher"], a["wstar"], a["w"], bk)),
    VectorCase("ewc", "totalLoss.quadratic",
               "LearningRules.EWC.totalLoss (fun w => LearningRules.Vec.dot w (LearningRules.Mat.mulVec {A} w) / 2 "
               "- LearningRules.Vec.dot {b} w) {lam} {fisher} {wstar} {w}",
               {"A": [["2", "1"], ["1", "3"]], "b": ["1", "-1/2"], "lam": "1/2", "fisher": ["4", "1"],
                "wstar": ["1", "1"], "w": ["-1/3", "2"]},
               lambda a, bk: ewc.total_loss(lambda w: quadratic.loss(a["A"], a["b"], w, bk), a["lam"], a["fisher"],
                                            a["wstar"], a["w"], bk)),
    VectorCase("ewc", "diagQuad.dim3", "LearningRules.EWC.diagQuad {h} {g} {c} {w}",
               {"h": ["2", "-1/2", "0"], "g": ["1", "3/4", "-2"], "c": "5/3", "w": ["1/2", "-2", "3"]},
               lambda a, bk: ewc.diag_quad(a["h"], a["g"], a["c"], a["w"], bk)),
    VectorCase("ewc", "diagQuad.stationary_min", "LearningRules.EWC.diagQuad {h} {g} {c} {w}",
               {"h": ["3", "1/2"], "g": ["-3/2", "1"], "c": "1", "w": ["-1/2", "2"]},
               lambda a, bk: ewc.diag_quad(a["h"], a["g"], a["c"], a["w"], bk)),
]
