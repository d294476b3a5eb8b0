"""Catalog entries for the LMS / delta rule (`lean/LearningRules/LMS.lean`).

Instances `(x, y, w, η)` are built from the normalised step `t = η ⟪x, x⟫`, the quantity all four
statements turn on: `t` near `0`, random in `(0, 2)`, exactly `1` (one step zeroes the error), just
below `2`; tiny errors (`⟪w, x⟫` within `10⁻⁶` of `y`); dimensions 1, 2, 5 and 64. The identities and
the "iff" are also sampled outside the convergent range (`t ∈ {-1/2, 0, 2, 5/2, 3}`), since they claim
something there too.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..backend import Backend, QArray
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import lms
from ..sampling import EDGE_DIMS, rand_int
from ..vectors import VectorCase
from .gradient_descent import cell_counts

__all__ = ["ENTRIES", "VECTORS", "lms_instances"]

ITERS = 6

T_INSIDE: dict[str, Callable[[np.random.Generator], Fraction]] = {
    "t random in (0,2)": lambda rng: Fraction(int(rng.integers(1, 200)), 100),
    "t near 2": lambda rng: Fraction(1999, 1000),
    "t tiny": lambda rng: Fraction(1, 1000),
    "t = 1": lambda rng: Fraction(1),
    "tiny error": lambda rng: Fraction(int(rng.integers(1, 200)), 100),
}
T_OUTSIDE: dict[str, Callable[[np.random.Generator], Fraction]] = {
    "t ≤ 0": lambda rng: Fraction(int(rng.choice([-1, 0])), 2),
    "t ≥ 2": lambda rng: Fraction(int(rng.choice([4, 5, 6])), 2),
}


def lms_instances(
    rng: np.random.Generator, n: int, *, regimes: Mapping[str, Callable[[np.random.Generator], Fraction]],
    dims: Sequence[int] = EDGE_DIMS, zero_error: bool = False,
) -> list[Batch]:
    """Batches of `(x, y, w, eta)` with `η = t / ⟪x, x⟫` for `t` drawn per regime; `x ≠ 0`."""
    out = []
    names = list(regimes)
    cells = [(d, r) for d in dims for r in names]
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(names))):
        if k == 0:
            continue
        x = rand_int(rng, (k, dim), -5, 5)
        x[np.all(x == 0, axis=1), 0] = 1
        xden = 2
        w = rand_int(rng, (k, dim), -12, 12)
        wden = 4
        wx = (w * x).sum(axis=1)  # ⟪w, x⟫ = wx / (wden * xden)
        if zero_error:
            y = QArray.of(wx, wden * xden)
        elif regime == "tiny error":
            y = QArray.of(wx * 10**6 + rng.choice([-1, 1], size=k) * wden * xden, wden * xden * 10**6)
        else:
            yn = rand_int(rng, (k,), -10, 10)
            # keep the error non-zero: yn/2 ≠ wx/8
            yn = np.where(yn * 4 == wx, yn + 1, yn)
            y = QArray.of(yn, 2)
        xx = [Fraction(int(s), xden * xden) for s in (x * x).sum(axis=1)]
        eta = [regimes[regime](rng) / s for s in xx]
        out.append(Batch({"x": QArray.of(x, xden), "y": y, "w": QArray.of(w, wden),
                          "eta": QArray.of(np.array(eta, dtype=object))},
                         label=f"dim={dim}, {regime}", meta={"dim": dim}))
    return out


def _t(x: Mapping[str, Any], bk: Backend) -> Any:
    return x["eta"] * bk.inner(x["x"], x["x"])


def _err(x: Mapping[str, Any], bk: Backend, w: Any) -> Any:
    return lms.error(x["x"], x["y"], w, bk, validate=False)


def _step(x: Mapping[str, Any], bk: Backend, w: Any) -> Any:
    return lms.step(x["eta"], x["x"], x["y"], w, bk, validate=False)


def _error_step(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(_err(x, bk, _step(x, bk, x["w"])), "==", (1 - _t(x, bk)) * _err(x, bk, x["w"]))]


def _iff(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    t = _t(x, bk)
    before = lms.loss(x["x"], x["y"], x["w"], bk, validate=False)
    after = lms.loss(x["x"], x["y"], _step(x, bk, x["w"]), bk, validate=False)
    decreases = np.asarray(after < before, dtype=bool) if not bk.is_torch else (after < before).numpy()
    in_range = np.asarray((0 < t) & (t < 2), dtype=bool) if not bk.is_torch else ((0 < t) & (t < 2)).numpy()
    agree = decreases == in_range
    if not bk.is_exact:
        # float rounding cannot decide a strict comparison at its boundary: within the tolerance of
        # t ∈ {0, 2} or of `after = before`, either answer is accepted (exact mode decides these)
        from ..backend import as_float_array

        tf, bf, af = as_float_array(t), as_float_array(before), as_float_array(after)
        near = (np.abs(tf) <= 1e-9) | (np.abs(tf - 2) <= 1e-9) | (np.abs(bf - af) <= 1e-9 * np.maximum(np.abs(bf), 1))
        agree = agree | near
    return [Relation(agree.astype(np.int64), "==", 1)]


def _trajectory_errors(x: Mapping[str, Any], bk: Backend) -> tuple[list[Any], Any]:
    ws = lms.iterate(x["eta"], x["x"], x["y"], x["w"], ITERS, bk, validate=False)
    return [_err(x, bk, w) for w in ws], _t(x, bk)


def _error_iterate(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    errs, t = _trajectory_errors(x, bk)
    return [Relation(errs[k], "==", (1 - t) ** k * errs[0]) for k in range(ITERS + 1)]


def _convergence(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    errs, t = _trajectory_errors(x, bk)
    rho = (1 - t) * (1 - t)
    return [Relation(rho, "<", 1)] + [
        Relation(errs[k] * errs[k], "<=", rho ** k * (errs[0] * errs[0])) for k in range(ITERS + 1)
    ]


STEP_POS = Hypothesis("step_pos", "0 < η ⟪x, x⟫", lambda x, bk: [Relation(0, "<", _t(x, bk))])
STEP_LT = Hypothesis("step_mul_lt_two", "η ⟪x, x⟫ < 2", lambda x, bk: [Relation(_t(x, bk), "<", 2)])
ERR_NE = Hypothesis("error_ne_zero", "error x y w ≠ 0",
                    lambda x, bk: [Relation(_err(x, bk, x["w"]), "!=", 0)])


def _everywhere(rng: np.random.Generator, n: int) -> list[Batch]:
    return lms_instances(rng, n, regimes={**T_INSIDE, **T_OUTSIDE, "t = 2": lambda r: Fraction(2),
                                          "t = 0": lambda r: Fraction(0)})


def _inside(rng: np.random.Generator, n: int) -> list[Batch]:
    return lms_instances(rng, n, regimes=T_INSIDE)


ENTRIES = [
    Entry(
        id="lms.error_step",
        rule="lms",
        kind="identity",
        lean_spec="LearningRules.LMS.error_step_spec",
        lean_proof="LearningRules.LMS.error_step",
        statement="One LMS step on (x, y) multiplies the error on that sample by 1 - η⟪x, x⟫.",
        hypotheses=(),
        conclusion=_error_step,
        sample=_everywhere,
        notes="An identity with no hypotheses: sampled inside and outside 0 < η⟪x,x⟫ < 2.",
    ),
    Entry(
        id="lms.loss_decrease_iff",
        rule="lms",
        kind="improvement",
        lean_spec="LearningRules.LMS.loss_decrease_iff_spec",
        lean_proof="LearningRules.LMS.loss_decrease_iff",
        statement="For a non-zero error, one step strictly lowers the squared error iff 0 < η⟪x, x⟫ < 2.",
        hypotheses=(ERR_NE,),
        conclusion=_iff,
        sample=_everywhere,
        necessity={"error_ne_zero": lambda rng, n: lms_instances(rng, n, regimes=T_INSIDE, dims=(1, 2),
                                                                 zero_error=True)},
        notes="Both directions are sampled: η⟪x,x⟫ inside (0, 2), at 0 and 2, and beyond. Float mode accepts "
              "either answer within 1e-9 of a boundary; exact mode decides every instance.",
    ),
    Entry(
        id="lms.error_iterate",
        rule="lms",
        kind="identity",
        lean_spec="LearningRules.LMS.error_iterate_spec",
        lean_proof="LearningRules.LMS.error_iterate",
        statement=f"After k steps on the same sample the error is (1 - η⟪x, x⟫)^k times the initial one (k ≤ {ITERS}).",
        hypotheses=(),
        conclusion=_error_iterate,
        sample=_everywhere,
    ),
    Entry(
        id="lms.convergence",
        rule="lms",
        kind="convergence",
        lean_spec="LearningRules.LMS.convergence_spec",
        lean_proof="LearningRules.LMS.convergence",
        statement="For 0 < η⟪x, x⟫ < 2, ρ = (1 - η⟪x, x⟫)² < 1 and the squared error after k steps is at most "
                  f"ρ^k times the initial one (checked for k ≤ {ITERS}).",
        hypotheses=(STEP_POS, STEP_LT),
        conclusion=_convergence,
        sample=_inside,
        necessity={
            "step_pos": lambda rng, n: lms_instances(rng, n, regimes={"t ≤ 0": T_OUTSIDE["t ≤ 0"]}, dims=(1, 2)),
            "step_mul_lt_two": lambda rng, n: lms_instances(rng, n, regimes={"t ≥ 2": T_OUTSIDE["t ≥ 2"],
                                                                             "t = 2": lambda r: Fraction(2)},
                                                            dims=(1, 2)),
        },
    ),
]


def _vec_case(name: str, x: list[str], y: str, w: list[str], eta: str) -> list[VectorCase]:
    args = {"x": x, "y": y, "w": w, "eta": eta}
    return [
        VectorCase("lms", f"{name}.error", "LearningRules.LMS.error {x} {y} {w}", args,
                   lambda a, bk: lms.error(a["x"], a["y"], a["w"], bk)),
        VectorCase("lms", f"{name}.loss", "LearningRules.LMS.loss {x} {y} {w}", args,
                   lambda a, bk: lms.loss(a["x"], a["y"], a["w"], bk)),
        VectorCase("lms", f"{name}.step", "LearningRules.LMS.step {eta} {x} {y} {w}", args,
                   lambda a, bk: lms.step(a["eta"], a["x"], a["y"], a["w"], bk)),
    ]


VECTORS: list[VectorCase] = [
    *_vec_case("unit", ["1", "2"], "1", ["0", "0"], "3/4"),
    *_vec_case("normalised", ["1/2", "-3", "2"], "5/3", ["1", "1/4", "-2/7"], "4/53"),
    *_vec_case("dim1", ["-7/2"], "-1/3", ["5/6"], "1/10"),
    *_vec_case("overshoot", ["1", "1", "1", "1"], "2", ["1/2", "0", "-1", "3"], "3/5"),
]
