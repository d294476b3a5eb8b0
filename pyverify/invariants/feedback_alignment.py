"""Catalog entries for feedback alignment (`lean/LearningRules/FeedbackAlignment.lean`).

Instances are exact two-layer linear networks `ŷ = W₂ W₁ x` (n inputs, h hidden, p outputs) with
shapes (1, 1, 1), (2, 3, 2), (5, 4, 3), (64, 4, 2) and (3, 64, 3). The feedback matrix `B` is drawn
near `W₂ᵀ` and kept only when the symmetric part `S` of `W₂ B` is positive definite (decided exactly
by LDLᵀ pivots); the backpropagation case `B = W₂ᵀ` is included. For `improves` the constants are
rational: `α` just below the least eigenvalue of `S` (or half of it) and `β` just above the largest
eigenvalue of `(W₂ B)ᵀ (W₂ B)`, both verified exactly: `AlignmentBound W₂ B α` holds iff `S - α I`
is positive semidefinite and `FeedbackGain W₂ B β` iff `β I - (W₂ B)ᵀ (W₂ B)` is (`psd_margin`, an
exact semidefinite LDLᵀ test). Step sizes put `η ⟪x, x⟫ β` just below `2 α` (near-bound), at
`2⁻²⁰` of it (tiny-step) or in between; errors are tiny (`2⁻¹⁰`) or ordinary.

Every hypothesis of `improves` has a necessity sampler: misaligned feedback `B = -W₂ᵀ` with `α = 1`
(alignment), a gain constant `β` far below the true one so that the admitted step overshoots (gain),
`y = W₂ W₁ x` (e_ne_zero), `η = 0` (step_pos) and the per-error bound `η ⟪x, x⟫ ⟪u, u⟫ ≥ 2 ⟪e, u⟫`,
which forces `η ⟪x, x⟫ β ≥ 2 α` (step_small). `misaligned_counterexample` also shows, exactly, that
with `B = -W₂ᵀ` every step size `η > 0` increases the loss.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import math

import numpy as np

from ..backend import Backend, QArray, get_backend
from ..vectors import VectorCase
from ..catalog import Batch, Demonstration, Entry, Hypothesis, Relation
from ..rules import feedback_alignment as fa
from ..sampling import rand_int, split_counts

__all__ = ["ENTRIES", "VECTORS", "network_instances", "misaligned_counterexample", "min_pivot", "psd_margin"]

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


def psd_margin(S: Any, bk: Backend) -> Any:
    """Per instance, 0 when the symmetric matrices `S` (B, p, p) are positive semidefinite and a negative
    number otherwise (exact LDLᵀ without pivoting: a negative pivot fails; a zero pivot passes only when the
    rest of its row is zero, as it must be in a semidefinite matrix, and is then skipped)."""
    p = S.shape[-1]
    a = S
    zero = bk.zeros_like(S[..., 0, 0])
    worst = zero
    for k in range(p):
        piv = a[..., k, k]
        rest = a[..., k, k + 1:]
        rowsq = bk.sum(rest * rest, -1) if k + 1 < p else zero
        val = bk.where(piv < 0, piv, bk.where(piv == 0, zero - rowsq, zero))
        worst = bk.where(val < worst, val, worst)
        safe = bk.where(piv > 0, piv, bk.const(1) + zero)
        if k + 1 < p:
            col = a[..., :, k] / safe[..., None]
            a = a - bk.outer(col, a[..., k, :])
    return worst


def _frac_matrix(M: np.ndarray) -> np.ndarray:
    return np.vectorize(Fraction, otypes=[object])(np.array(M, dtype=object))


def _eye(p: int) -> np.ndarray:
    return np.array([[Fraction(int(i == j)) for j in range(p)] for i in range(p)], dtype=object)


def _alpha(W2: np.ndarray, B: np.ndarray, rng: np.random.Generator, regime: str) -> Fraction:
    """An exact rational `α > 0` with `S - α I` positive definite (S the symmetric part of W₂ B, assumed
    positive definite): a little below λ_min(S), or half of that."""
    M = _frac_matrix(W2 @ B)
    S = (M + M.T) / 2
    Mf = np.array(W2 @ B, dtype=float)
    lo = float(np.linalg.eigvalsh((Mf + Mf.T) / 2)[0])
    scale = 2**20
    alpha = Fraction(math.floor(lo * (1 - 2**-10) * scale), scale)
    if regime == "moderate" and rng.random() < 0.5:
        alpha /= 2
    if alpha <= 0:
        alpha = Fraction(1, scale)
    for _ in range(200):
        if _pd_exact(S - alpha * _eye(S.shape[0])):
            return alpha
        alpha /= 2
    raise ValueError("the symmetric part of W₂ B is not positive definite")


def _beta(W2: np.ndarray, B: np.ndarray) -> Fraction:
    """An exact rational `β` with `β I - Mᵀ M` positive definite (M = W₂ B): a little above λ_max(Mᵀ M)."""
    M = _frac_matrix(W2 @ B)
    Mf = np.array(W2 @ B, dtype=float)
    hi = float(np.linalg.eigvalsh(Mf.T @ Mf)[-1])
    scale = 2**20
    beta = Fraction(math.ceil(hi * (1 + 2**-10) * scale) + 1, scale)
    MtM = M.T @ M
    while not _pd_exact(beta * _eye(M.shape[0]) - MtM):
        beta *= 2
    return beta


def network_instances(
    rng: np.random.Generator, n: int, *, shapes: tuple[tuple[int, int, int], ...] = SHAPES, eta: str = "valid",
    drop: str = "",
) -> list[Batch]:
    """Batches of (eta, alpha, beta, B, W1, W2, x, y) satisfying every hypothesis of `improves`.

    `eta`: ``valid`` (0 < η ⟪x, x⟫ β < 2 α), ``zero``, or ``at``/``above`` the per-error bound
    `η ⟪x, x⟫ ⟪u, u⟫ = 2 ⟪e, u⟫` (once/twice it), which breaks `η ⟪x, x⟫ β < 2 α`. `drop` breaks one
    hypothesis: ``alignment`` (B = -W₂ᵀ with α = 1), ``gain`` (β far below the true gain, chosen so that the
    admitted step overshoots the per-error bound) or ``e_ne_zero`` (y = W₂ W₁ x).
    """
    batches = []
    cells = [(s, r) for s in shapes for r in REGIMES]
    for ((nin, h, p), regime), k in zip(cells, split_counts(n, len(cells))):
        W1s, W2s, Bs, xs, ys, etas, alphas, betas = [], [], [], [], [], [], [], []
        for _ in range(k):
            while True:  # W₂ of full row rank, so that W₂ W₂ᵀ (backprop's W₂ B) is positive definite
                W2 = rand_int(rng, (p, h), -3, 3)
                W2[np.arange(p), np.arange(p) % h] += 4  # well-conditioned rows
                if _pd_exact(_frac_matrix(W2 @ W2.T)):
                    break
            B = W2.T.copy()
            if drop == "alignment":
                B = -W2.T
            elif rng.random() < 0.75:
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
            out = [sum((Fraction(int(W2[i, a] * W1[a, j])) * xq[j] for a in range(h) for j in range(nin)), Fraction(0))
                   for i in range(p)]
            if drop == "e_ne_zero":
                y = list(out)
            elif regime == "tiny-error":
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
            alpha = Fraction(1) if drop == "alignment" else _alpha(W2, B, rng, regime)
            beta = _beta(W2, B)
            if drop == "gain" and uu and eu > 0:
                # the admitted step η ⟪x, x⟫ = (1023/1024) 2α/β then equals 4 ⟪e, u⟫ / ⟪u, u⟫ (1023/1024) > 2 ⟪e, u⟫ / ⟪u, u⟫
                beta = alpha * uu / (2 * eu)
            et: Fraction
            per_error: Fraction = Fraction(2) * eu / (xx * uu) if uu else Fraction(1)
            uniform = 2 * alpha / (xx * beta)
            if eta == "zero":
                et = Fraction(0)
            elif eta == "at":
                et = per_error
            elif eta == "above":
                et = 2 * per_error
            elif regime == "near-bound":
                et = uniform * Fraction(1023, 1024)
            elif regime == "tiny-step":
                et = uniform / 2**20
            else:
                et = uniform * Fraction(int(rng.integers(1, 10)), 10)
            W1s.append(W1)
            W2s.append(W2)
            Bs.append(B)
            xs.append(x)
            ys.append(y)
            etas.append(et)
            alphas.append(alpha)
            betas.append(beta)
        batches.append(Batch(
            {"eta": QArray.of(np.array(etas, dtype=object)), "alpha": QArray.of(np.array(alphas, dtype=object)),
             "beta": QArray.of(np.array(betas, dtype=object)), "B": QArray.of(np.stack(Bs)),
             "W1": QArray.of(np.stack(W1s)), "W2": QArray.of(np.stack(W2s)), "x": QArray.of(np.stack(xs), 2),
             "y": QArray.of(np.array(ys, dtype=object))},
            label=f"n={nin}, h={h}, p={p}, {regime}", meta={"dim": max(nin, h)}))
    return batches


# -- hypotheses and conclusions -------------------------------------------------------------------
def _e(x: Mapping[str, Any], bk: Backend) -> Any:
    return fa.error(x["W1"], x["W2"], x["x"], x["y"], bk)


def _u(x: Mapping[str, Any], bk: Backend) -> Any:
    return bk.matvec(x["W2"], bk.matvec(x["B"], _e(x, bk)))


def _M(x: Mapping[str, Any]) -> Any:
    return x["W2"] @ x["B"]


def _eye_like(S: Any, bk: Backend) -> Any:
    p = S.shape[-1]
    return bk.asarray(np.broadcast_to(np.eye(p, dtype=np.int64), S.shape).copy())


def _align(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    M = _M(x)
    S = (M + bk.transpose(M)) / 2
    return [Relation(psd_margin(S - x["alpha"][..., None, None] * _eye_like(S, bk), bk), ">=", 0)]


def _gain(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    M = _M(x)
    G = bk.transpose(M) @ M
    return [Relation(psd_margin(x["beta"][..., None, None] * _eye_like(G, bk) - G, bk), ">=", 0)]


def _t_beta(x: Mapping[str, Any], bk: Backend) -> Any:
    return x["eta"] * bk.inner(x["x"], x["x"]) * x["beta"]


ALIGN = Hypothesis("alignment", "AlignmentBound W₂ B α: α⟪v, v⟫ ≤ ⟪v, W₂ B v⟫ for all v, i.e. (W₂ B + (W₂ B)ᵀ)/2 - α I "
                   "is positive semidefinite (checked exactly by LDLᵀ pivots)", _align)
GAIN = Hypothesis("gain", "FeedbackGain W₂ B β: ⟪W₂ B v, W₂ B v⟫ ≤ β⟪v, v⟫ for all v, i.e. β I - (W₂ B)ᵀ (W₂ B) "
                  "is positive semidefinite (checked exactly by LDLᵀ pivots)", _gain)
E_NE = Hypothesis("e_ne_zero", "error W₁ W₂ x y ≠ 0", lambda x, bk: [Relation(bk.inner(_e(x, bk), _e(x, bk)), "!=", 0)])
STEP_POS = Hypothesis("step_pos", "0 < η ⟪x, x⟫ β", lambda x, bk: [Relation(0, "<", _t_beta(x, bk))])
STEP_SMALL = Hypothesis("step_small", "η ⟪x, x⟫ β < 2 α",
                        lambda x, bk: [Relation(_t_beta(x, bk), "<", 2 * x["alpha"])])


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
    """Any step size (also zero and above the bounds): the identity holds for all."""
    return (network_instances(rng, n - 2 * (n // 4)) + network_instances(rng, n // 4, eta="above")
            + network_instances(rng, n // 4, eta="zero"))


def _only(batches: list[Batch], keys: tuple[str, ...]) -> list[Batch]:
    return [Batch({k: b.data[k] for k in keys}, b.label, dict(b.meta)) for b in batches]


def _bp_sample(rng: np.random.Generator, n: int) -> list[Batch]:
    """Networks and step sizes (also zero and large) for backpropagation: no feedback matrix."""
    return _only(_any_eta(rng, n), ("eta", "W1", "W2", "x", "y"))


def _bias_sample(rng: np.random.Generator, n: int) -> list[Batch]:
    """Networks with aligned and misaligned (B = -W₂ᵀ) feedback: the identity holds for every B."""
    return _only(network_instances(rng, n - n // 4) + network_instances(rng, n // 4, drop="alignment"),
                 ("B", "W1", "W2", "x", "y"))


def _r(x: Mapping[str, Any], bk: Backend) -> Any:
    return bk.matvec(bk.transpose(x["W2"]), _e(x, bk))


def _bp_descent(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    W1n = fa.bpStep(x["eta"], x["W1"], x["W2"], x["x"], x["y"], bk)
    after, before = fa.loss(W1n, x["W2"], x["x"], x["y"], bk), fa.loss(x["W1"], x["W2"], x["x"], x["y"], bk)
    g = fa.bpGrad(x["W1"], x["W2"], x["x"], x["y"], bk)
    w = bk.matvec(x["W2"], _r(x, bk))
    xx, eta = bk.inner(x["x"], x["x"]), x["eta"]
    return [Relation(after, "==", before - eta * fa.matDot(g, g, bk) + eta * eta * (xx * xx) * bk.inner(w, w) / 2)]


def _bias(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    d = fa.faDir(x["B"], x["W1"], x["W2"], x["x"], x["y"], bk)
    g = fa.bpGrad(x["W1"], x["W2"], x["x"], x["y"], bk)
    Be = bk.matvec(x["B"], _e(x, bk))
    return [Relation(fa.matDot(d, g, bk), "==", bk.inner(_r(x, bk), Be) * bk.inner(x["x"], x["x"]))]


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
        statement="If α⟪v, v⟫ ≤ ⟪v, W₂ B v⟫ and ⟪W₂ B v, W₂ B v⟫ ≤ β⟪v, v⟫ for all v, then every step with "
                  "0 < η ⟪x, x⟫ β < 2α strictly lowers the loss, for every error e ≠ 0.",
        hypotheses=(ALIGN, GAIN, E_NE, STEP_POS, STEP_SMALL),
        conclusion=_improves,
        sample=lambda rng, n: network_instances(rng, n),
        necessity={
            "alignment": lambda rng, n: network_instances(rng, n, shapes=_SMALL, drop="alignment"),
            "gain": lambda rng, n: network_instances(rng, n, shapes=_SMALL, drop="gain"),
            "e_ne_zero": lambda rng, n: network_instances(rng, n, shapes=_SMALL, drop="e_ne_zero"),
            "step_pos": lambda rng, n: network_instances(rng, n, shapes=_SMALL, eta="zero"),
            "step_small": lambda rng, n: (network_instances(rng, n // 2, shapes=_SMALL, eta="at")
                                          + network_instances(rng, n - n // 2, shapes=_SMALL, eta="above")),
        },
        notes="α > 0, β > 0, η > 0 and x ≠ 0 are not hypotheses: 0 < η⟪x, x⟫β < 2α and the gain bound at v = e "
              "imply them. The step bound is uniform in e (it involves only α, β and ⟪x, x⟫), so the alignment "
              "bound is what turns it into the per-error bound η⟪x, x⟫⟪u, u⟫ < 2⟪e, u⟫ of first_order.",
        demonstrations=(Demonstration(
            "misaligned_every_eta",
            "with B = -W₂ᵀ (W₂ B negative semidefinite) every step size η > 0 raises the loss",
            lambda seed: _misaligned_if_all_increase()),),
    ),
    Entry(
        id="feedback_alignment.bp_descent",
        rule="feedback_alignment",
        kind="identity",
        lean_spec="LearningRules.FeedbackAlignment.bp_descent_spec",
        lean_proof="LearningRules.FeedbackAlignment.bp_descent",
        statement="One backpropagation step W₁ - η (W₂ᵀ e) xᵀ changes the loss by exactly -η ⟪g, g⟫_F + "
                  "η² ⟪x, x⟫² ⟪W₂ W₂ᵀ e, W₂ W₂ᵀ e⟫ / 2, with g = (W₂ᵀ e) xᵀ the chain-rule gradient.",
        hypotheses=(),
        conclusion=_bp_descent,
        sample=_bp_sample,
    ),
    Entry(
        id="feedback_alignment.bias",
        rule="feedback_alignment",
        kind="identity",
        lean_spec="LearningRules.FeedbackAlignment.bias_spec",
        lean_proof="LearningRules.FeedbackAlignment.bias",
        statement="The feedback-alignment direction (B e) xᵀ has Frobenius inner product ⟪W₂ᵀ e, B e⟫ ⟪x, x⟫ with "
                  "the backpropagation gradient (W₂ᵀ e) xᵀ.",
        hypotheses=(),
        conclusion=_bias,
        sample=_bias_sample,
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
    bp = "(LearningRules.FeedbackAlignment.bpStep {eta} {W1} {W2} {x} {y})"
    fd = "(LearningRules.FeedbackAlignment.faDir {B} {W1} {W2} {x} {y})"
    grad = "(LearningRules.FeedbackAlignment.bpGrad {W1} {W2} {x} {y})"
    return [
        VectorCase("feedback_alignment", f"{name}.forward", "LearningRules.FeedbackAlignment.forward {W1} {W2} {x}", args,
                   lambda a, bk: fa.forward(a["W1"], a["W2"], a["x"], bk)),
        VectorCase("feedback_alignment", f"{name}.loss", "LearningRules.FeedbackAlignment.loss {W1} {W2} {x} {y}", args,
                   lambda a, bk: fa.loss(a["W1"], a["W2"], a["x"], a["y"], bk)),
        VectorCase("feedback_alignment", f"{name}.faStep_forward", f"LearningRules.FeedbackAlignment.forward {step} {{W2}} {{x}}", args,
                   lambda a, bk: fa.forward(fa.faStep(a["eta"], a["B"], a["W1"], a["W2"], a["x"], a["y"], bk), a["W2"], a["x"], bk)),
        VectorCase("feedback_alignment", f"{name}.faStep_loss", f"LearningRules.FeedbackAlignment.loss {step} {{W2}} {{x}} {{y}}", args,
                   lambda a, bk: fa.loss(fa.faStep(a["eta"], a["B"], a["W1"], a["W2"], a["x"], a["y"], bk), a["W2"], a["x"], a["y"], bk)),
        VectorCase("feedback_alignment", f"{name}.bpGrad_mulVec",
                   "LearningRules.Mat.mulVec (LearningRules.FeedbackAlignment.bpGrad {W1} {W2} {x} {y}) {x}", args,
                   lambda a, bk: bk.matvec(fa.bpGrad(a["W1"], a["W2"], a["x"], a["y"], bk), a["x"])),
        VectorCase("feedback_alignment", f"{name}.bpStep_loss",
                   f"LearningRules.FeedbackAlignment.loss {bp} {{W2}} {{x}} {{y}}", args,
                   lambda a, bk: fa.loss(fa.bpStep(a["eta"], a["W1"], a["W2"], a["x"], a["y"], bk), a["W2"], a["x"], a["y"], bk)),
        VectorCase("feedback_alignment", f"{name}.bpStep_forward",
                   f"LearningRules.FeedbackAlignment.forward {bp} {{W2}} {{x}}", args,
                   lambda a, bk: fa.forward(fa.bpStep(a["eta"], a["W1"], a["W2"], a["x"], a["y"], bk), a["W2"], a["x"], bk)),
        VectorCase("feedback_alignment", f"{name}.matDot_faDir_bpGrad",
                   f"LearningRules.FeedbackAlignment.matDot {fd} {grad}", args,
                   lambda a, bk: fa.matDot(fa.faDir(a["B"], a["W1"], a["W2"], a["x"], a["y"], bk),
                                           fa.bpGrad(a["W1"], a["W2"], a["x"], a["y"], bk), bk)),
        VectorCase("feedback_alignment", f"{name}.matDot_outer",
                   "LearningRules.FeedbackAlignment.matDot (LearningRules.FeedbackAlignment.outer "
                   "(LearningRules.Mat.mulVec {B} {y}) {x}) (LearningRules.FeedbackAlignment.outer "
                   "(LearningRules.Mat.mulVec {B} {y}) {x})", args,
                   lambda a, bk: fa.matDot(fa.outer(bk.matvec(a["B"], a["y"]), a["x"], bk),
                                           fa.outer(bk.matvec(a["B"], a["y"]), a["x"], bk), bk)),
    ]


VECTORS: list[VectorCase] = [
    *_fa_cases("aligned", "1/20", [["1", "0"], ["1", "1"], ["0", "2"]], [["1", "0"], ["0", "1"], ["1", "-1"]],
               [["1", "1", "0"], ["0", "1", "1"]], ["1", "2"], ["0", "1"]),
    *_fa_cases("scalar", "1/3", [["2"]], [["1/2"]], [["3"]], ["-1"], ["1"]),
]
