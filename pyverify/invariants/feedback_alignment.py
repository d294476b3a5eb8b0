"""Catalog entries for feedback alignment (`lean/LearningRules/FeedbackAlignment.lean`).

Instances are exact two-layer linear networks `ŷ = W₂ W₁ x` (n inputs, h hidden, p outputs) with
shapes (1, 1, 1), (2, 3, 2), (5, 4, 3), (64, 4, 2) and (3, 64, 3). The feedback matrix `B` is drawn
near `W₂ᵀ` and kept only when the symmetric part of `W₂ B` is positive definite, decided exactly by
an LDLᵀ pivot test (the `AlignmentCondition`); the backpropagation case `B = W₂ᵀ` is included. Step
sizes sit just below the bound `2 ⟪e, u⟫ / (⟪x, x⟫ ⟪u, u⟫)`, tiny (`2⁻²⁰` of it) or in between;
errors are tiny (`2⁻¹⁰`) or ordinary.

`misaligned_counterexample` exhibits, exactly, feedback with `W₂ B` negative definite (`B = -W₂ᵀ`),
where every step size `η > 0` *increases* the loss: without the alignment condition there is no
descent. (In `improves_spec` the step-size hypothesis `η ⟪x, x⟫ ⟪u, u⟫ < 2 ⟪e, u⟫` already forces
`⟪e, u⟫ > 0` for the current error, so the catalog's necessity search cannot break the alignment
condition alone; this function is its necessity check.)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from ..backend import Backend, QArray, get_backend
from ..vectors import VectorCase
from ..catalog import Batch, Demonstration, Entry, Hypothesis, Relation
from ..rules import feedback_alignment as fa
from ..sampling import rand_int, split_counts

__all__ = ["ENTRIES", "VECTORS", "network_instances", "misaligned_counterexample", "min_pivot"]

SHAPES = ((1, 1, 1), (2, 3, 2), (5, 4, 3), (64, 4, 2), (3, 64, 3))
REGIMES = ("near-bound", "tiny-step", "moderate", "tiny-error")


def _pd_exact(S: np.ndarray) -> bool:
    """Whether the symmetric Fraction matrix `S` is positive definite (all LDLᵀ pivots > 0)."""
    a = S.copy()
    n = a.shape[0]
    for k in range(n):
        if a[k, k] <= 0:
            return False
        for i in range(k + 1, n):
            f = a[i, k] / a[k, k]
            for j in range(k, n):
                a[i, j] -= f * a[k, j]
    return True


def min_pivot(S: Any, bk: Backend) -> Any:
    """Per instance, the least LDLᵀ pivot of the symmetric matrices `S` (B, p, p), frozen at the first
    pivot ≤ 0: it is > 0 exactly when `S` is positive definite."""
    p = S.shape[-1]
    a = S
    least = a[..., 0, 0]
    for k in range(p):
        piv = a[..., k, k]
        least = bk.where(least < piv, least, piv)
        safe = bk.where(piv > 0, piv, bk.const(1) + bk.zeros_like(piv))
        if k + 1 < p:
            col = a[..., :, k] / safe[..., None]
            a = a - bk.outer(col, a[..., k, :])
    return least


def network_instances(
    rng: np.random.Generator, n: int, *, shapes: tuple[tuple[int, int, int], ...] = SHAPES, eta: str = "valid",
    x_zero: bool = False,
) -> list[Batch]:
    """Batches of (eta, B, W1, W2, x, y) satisfying the alignment condition and `e ≠ 0`.

    `eta`: ``valid`` (0 < η below the bound), ``zero``, ``at`` (exactly the bound, where the loss is
    unchanged) or ``above`` (twice the bound); `x_zero` sets `x = 0` (the step then changes nothing).
    """
    batches = []
    cells = [(s, r) for s in shapes for r in REGIMES]
    for ((nin, h, p), regime), k in zip(cells, split_counts(n, len(cells))):
        W1s, W2s, Bs, xs, ys, etas = [], [], [], [], [], []
        for _ in range(k):
            W2 = rand_int(rng, (p, h), -3, 3)
            W2[np.arange(p), np.arange(p) % h] += 4  # well-conditioned rows
            B = W2.T.copy()
            if rng.random() < 0.75:
                for _ in range(5):
                    cand = W2.T + rand_int(rng, (h, p), -2, 2)
                    M = np.array(W2 @ cand, dtype=object)
                    S = np.vectorize(Fraction, otypes=[object])(M + M.T) / 2
                    if _pd_exact(S):
                        B = cand
                        break
            W1 = rand_int(rng, (h, nin), -3, 3)
            x = rand_int(rng, (nin,), -4, 4)
            if not x.any():
                x[0] = 1
            xq = [Fraction(int(v), 2) for v in x]
            out = [sum(Fraction(int(W2[i, a] * W1[a, j])) * xq[j] for a in range(h) for j in range(nin)) for i in range(p)]
            if regime == "tiny-error":
                y = [o - Fraction(int(rng.choice([-1, 1])), 2**10) for o in out]
            else:
                y = [Fraction(int(v)) for v in rand_int(rng, (p,), -6, 6)]
                if y == out:
                    y[0] += 1
            e = [o - t for o, t in zip(out, y)]
            Be = [sum((Fraction(int(B[a, i])) * e[i] for i in range(p)), Fraction(0)) for a in range(h)]
            u = [sum((Fraction(int(W2[i, a])) * Be[a] for a in range(h)), Fraction(0)) for i in range(p)]
            eu: Fraction = sum((a * b for a, b in zip(e, u)), Fraction(0))
            xx: Fraction = sum((v * v for v in xq), Fraction(0))
            uu: Fraction = sum((v * v for v in u), Fraction(0))
            bound: Fraction = Fraction(2) * eu / (xx * uu) if uu else Fraction(1)
            et: Fraction
            if eta == "zero":
                et = Fraction(0)
            elif eta == "at":
                et = bound
            elif eta == "above":
                et = 2 * bound
            elif regime == "near-bound":
                et = bound * Fraction(1023, 1024)
            elif regime == "tiny-step":
                et = bound / 2**20
            else:
                et = bound * Fraction(int(rng.integers(1, 10)), 10)
            if x_zero:
                x = np.zeros_like(x)
            W1s.append(W1)
            W2s.append(W2)
            Bs.append(B)
            xs.append(x)
            ys.append(y)
            etas.append(et)
        batches.append(Batch(
            {"eta": QArray.of(np.array(etas, dtype=object)), "B": QArray.of(np.stack(Bs)),
             "W1": QArray.of(np.stack(W1s)), "W2": QArray.of(np.stack(W2s)), "x": QArray.of(np.stack(xs), 2),
             "y": QArray.of(np.array(ys, dtype=object))},
            label=f"n={nin}, h={h}, p={p}, {regime}", meta={"dim": max(nin, h)}))
    return batches


# -- hypotheses and conclusions -------------------------------------------------------------------
def _e(x: Mapping[str, Any], bk: Backend) -> Any:
    return fa.error(x["W1"], x["W2"], x["x"], x["y"], bk)


def _u(x: Mapping[str, Any], bk: Backend) -> Any:
    return bk.matvec(x["W2"], bk.matvec(x["B"], _e(x, bk)))


def _align(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    M = x["W2"] @ x["B"]
    return [Relation(0, "<", min_pivot((M + bk.transpose(M)) / 2, bk))]


ALIGN = Hypothesis("alignment", "AlignmentCondition W₂ B: the symmetric part of W₂ B is positive definite "
                   "(checked exactly by LDLᵀ pivots)", _align)
X_NE = Hypothesis("x_ne_zero", "x ≠ 0", lambda x, bk: [Relation(bk.inner(x["x"], x["x"]), "!=", 0)])
E_NE = Hypothesis("e_ne_zero", "error W₁ W₂ x y ≠ 0", lambda x, bk: [Relation(bk.inner(_e(x, bk), _e(x, bk)), "!=", 0)])
ETA_POS = Hypothesis("eta_pos", "0 < η", lambda x, bk: [Relation(0, "<", x["eta"])])
STEP_SMALL = Hypothesis(
    "step_small", "η ⟪x, x⟫ ⟪u, u⟫ < 2 ⟪e, u⟫ with u = W₂ (B e)",
    lambda x, bk: [Relation(x["eta"] * bk.inner(x["x"], x["x"]) * bk.inner(_u(x, bk), _u(x, bk)), "<",
                            2 * bk.inner(_e(x, bk), _u(x, bk)))],
)


def _loss_after(x: Mapping[str, Any], bk: Backend) -> tuple[Any, Any]:
    W1n = fa.faStep(x["eta"], x["B"], x["W1"], x["W2"], x["x"], x["y"], bk)
    return fa.loss(W1n, x["W2"], x["x"], x["y"], bk), fa.loss(x["W1"], x["W2"], x["x"], x["y"], bk)


def _first_order(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    after, before = _loss_after(x, bk)
    e, u, xx, eta = _e(x, bk), _u(x, bk), bk.inner(x["x"], x["x"]), x["eta"]
    rhs = before - eta * bk.inner(e, u) * xx + eta * eta * (xx * xx) * bk.inner(u, u) / 2
    return [Relation(after, "==", rhs)]


def _improves(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    after, before = _loss_after(x, bk)
    return [Relation(after, "<", before)]


def _any_eta(rng: np.random.Generator, n: int) -> list[Batch]:
    """Any step size (also zero, at and above the bound): the identity holds for all."""
    return (network_instances(rng, n - 2 * (n // 4)) + network_instances(rng, n // 4, eta="above")
            + network_instances(rng, n // 4, eta="zero"))


_SMALL = SHAPES[:3]

ENTRIES = [
    Entry(
        id="feedback_alignment.first_order",
        rule="feedback_alignment",
        kind="identity",
        lean_spec="LearningRules.FeedbackAlignment.first_order_spec",
        lean_proof="LearningRules.FeedbackAlignment.first_order",
        statement="One feedback-alignment step changes the loss by exactly -η ⟪e, W₂ B e⟫ ⟪x, x⟫ + "
                  "η² ⟪x, x⟫² ⟪W₂ B e, W₂ B e⟫ / 2 (first-order term -η eᵀ W₂ B e ⟪x, x⟫).",
        hypotheses=(),
        conclusion=_first_order,
        sample=_any_eta,
    ),
    Entry(
        id="feedback_alignment.improves",
        rule="feedback_alignment",
        kind="improvement",
        lean_spec="LearningRules.FeedbackAlignment.improves_spec",
        lean_proof="LearningRules.FeedbackAlignment.improves",
        statement="Under the alignment condition, with x ≠ 0, e ≠ 0, η > 0 and η ⟪x, x⟫ ⟪u, u⟫ < 2 ⟪e, u⟫ "
                  "(u = W₂ B e), one feedback-alignment step strictly lowers the loss.",
        hypotheses=(ALIGN, X_NE, E_NE, ETA_POS, STEP_SMALL),
        conclusion=_improves,
        sample=lambda rng, n: network_instances(rng, n),
        necessity={
            "x_ne_zero": lambda rng, n: network_instances(rng, n, shapes=_SMALL, x_zero=True),
            "eta_pos": lambda rng, n: network_instances(rng, n, shapes=_SMALL, eta="zero"),
            "step_small": lambda rng, n: (network_instances(rng, n // 2, shapes=_SMALL, eta="at")
                                          + network_instances(rng, n - n // 2, shapes=_SMALL, eta="above")),
        },
        notes="alignment and e ≠ 0 have no necessity samplers: the step-size hypothesis forces ⟪e, u⟫ > 0, "
              "hence e ≠ 0 and descent, on its own. The demonstration is the necessity check of the "
              "alignment condition.",
        demonstrations=(Demonstration(
            "alignment",
            "without the alignment condition descent fails: with B = -W₂ᵀ every step size η > 0 raises the loss",
            lambda seed: _misaligned_if_all_increase()),),
    ),
]


def _misaligned_if_all_increase() -> dict[str, Any] | None:
    rep = misaligned_counterexample()
    return rep if rep["steps"] and all(s["increased"] for s in rep["steps"]) else None


def misaligned_counterexample(etas: tuple[Fraction, ...] = (Fraction(1, 2**20), Fraction(1, 100), Fraction(1, 2),
                                                            Fraction(1), Fraction(10))) -> dict[str, Any]:
    """An exact instance with `B = -W₂ᵀ` (so `⟪v, W₂ B v⟫ = -|W₂ᵀ v|² < 0`) where every listed `η > 0`
    increases the loss; returns the instance, the losses and whether each increased."""
    bk = get_backend("exact")
    W2 = np.array([[2, 1], [0, 1]], dtype=np.int64)
    data = {"W1": QArray.of(np.array([[[1, 0, 1], [0, 1, -1]]])), "W2": QArray.of(W2[None]),
            "B": QArray.of(-W2.T[None]), "x": QArray.of(np.array([[1, 2, 1]])), "y": QArray.of(np.array([[0, 1]]))}
    inst = {k: bk.from_q(v) for k, v in data.items()}
    before = fa.loss(inst["W1"], inst["W2"], inst["x"], inst["y"], bk)[0]
    rows = []
    for eta in etas:
        W1n = fa.faStep(bk.const(eta.numerator, eta.denominator), inst["B"], inst["W1"], inst["W2"], inst["x"], inst["y"], bk)
        after = fa.loss(W1n, inst["W2"], inst["x"], inst["y"], bk)[0]
        rows.append({"eta": str(eta), "loss_after": str(after), "increased": bool(after > before)})
    M = inst["W2"] @ inst["B"]
    return {"instance": {k: v[0].to_strings() for k, v in data.items()}, "loss_before": str(before), "steps": rows,
            "alignment_min_pivot": str(min_pivot((M + bk.transpose(M)) / 2, bk)[0]),
            "checked_by": "exact rational arithmetic"}


# -- differential test vectors ----------------------------------------------------------------
def _fa_cases(name: str, eta: str, B: list[list[str]], W1: list[list[str]], W2: list[list[str]], x: list[str],
              y: list[str]) -> list[VectorCase]:
    args = {"eta": eta, "B": B, "W1": W1, "W2": W2, "x": x, "y": y}
    step = "(LearningRules.FeedbackAlignment.faStep {eta} {B} {W1} {W2} {x} {y})"
    return [
        VectorCase("feedback_alignment", f"{name}.forward", "LearningRules.FeedbackAlignment.forward {W1} {W2} {x}", args,
                   lambda a, bk: fa.forward(a["W1"], a["W2"], a["x"], bk)),
        VectorCase("feedback_alignment", f"{name}.loss", "LearningRules.FeedbackAlignment.loss {W1} {W2} {x} {y}", args,
                   lambda a, bk: fa.loss(a["W1"], a["W2"], a["x"], a["y"], bk)),
        VectorCase("feedback_alignment", f"{name}.faStep_forward", f"LearningRules.FeedbackAlignment.forward {step} {{W2}} {{x}}", args,
                   lambda a, bk: fa.forward(fa.faStep(a["eta"], a["B"], a["W1"], a["W2"], a["x"], a["y"], bk), a["W2"], a["x"], bk)),
        VectorCase("feedback_alignment", f"{name}.faStep_loss", f"LearningRules.FeedbackAlignment.loss {step} {{W2}} {{x}} {{y}}", args,
                   lambda a, bk: fa.loss(fa.faStep(a["eta"], a["B"], a["W1"], a["W2"], a["x"], a["y"], bk), a["W2"], a["x"], a["y"], bk)),
    ]


VECTORS: list[VectorCase] = [
    *_fa_cases("aligned", "1/20", [["1", "0"], ["1", "1"], ["0", "2"]], [["1", "0"], ["0", "1"], ["1", "-1"]],
               [["1", "1", "0"], ["0", "1", "1"]], ["1", "2"], ["0", "1"]),
    *_fa_cases("scalar", "1/3", [["2"]], [["1/2"]], [["3"]], ["-1"], ["1"]),
]
