"""Catalog entries for plain Hebbian learning (`lean/LearningRules/Hebbian.lean`).

Instances are exact: inputs and weights `k/4` with integer `k`, correlation matrices `C = M Mᵀ` with
the integer factor `M` carried along as the witness of positive semidefiniteness (the hypothesis
`∀ v, 0 ≤ ⟪v, C v⟫` is checked as `(C + Cᵀ)/2 = M Mᵀ`, which implies it). Regions: dimensions 1, 2,
5 and 64; step sizes tiny (`2⁻²⁰`), moderate and large (up to 64); outputs `⟪w, x⟫` of size 1/16
(tiny) and larger; rank-deficient `C`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from ..backend import Backend, QArray
from ..vectors import VectorCase
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import hebbian as hb
from ..sampling import psd_matrix, rand_int, split_counts

__all__ = ["ENTRIES", "VECTORS", "vector_instances", "matrix_instances"]

DIMS = (1, 2, 5, 64)
ETAS = ("tiny", "moderate", "large")
GROWTH_STEPS = 6


def _etas(rng: np.random.Generator, k: int, regime: str, sign: str) -> np.ndarray:
    if sign == "zero":
        return np.array([Fraction(0)] * k, dtype=object)
    if regime == "tiny":
        vals = [Fraction(int(rng.integers(1, 4)), 2**20) for _ in range(k)]
    elif regime == "large":
        vals = [Fraction(int(rng.integers(2, 65))) for _ in range(k)]
    else:
        vals = [Fraction(int(rng.integers(1, 16)), 16) for _ in range(k)]
    if sign == "negative":
        vals = [-v for v in vals]
    return np.array(vals, dtype=object)


def vector_instances(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = DIMS, eta_sign: str = "positive",
    output: str = "nonzero", x_zero: bool = False,
) -> list[Batch]:
    """Batches of (eta, x, w) for the single-example rule.

    `eta_sign`: ``positive``, ``negative`` (η = -1/⟪x, x⟫, where the step decreases the objective),
    ``zero`` or ``any``; `output`: ``nonzero`` (⟪w, x⟫ ≠ 0), ``zero`` (w ⟂ x) or ``any``; `x_zero` sets x = 0.
    """
    batches: list[Batch] = []
    cells = [(d, r) for d in dims for r in ETAS]
    for (dim, regime), k in zip(cells, split_counts(n, len(cells))):
        x = rand_int(rng, (k, dim), -8, 8)
        x[np.all(x == 0, axis=1), 0] = 1
        w = rand_int(rng, (k, dim), -8, 8)
        if regime == "tiny":
            w = np.zeros_like(w)
            w[:, 0] = rng.choice([-1, 1], size=k)  # ⟪w, x⟫ = ±x_0 / 64 with x_0 small
            x[:, 0] = np.where(x[:, 0] == 0, 1, x[:, 0])
        y = np.einsum("bi,bi->b", w, x)
        if output == "nonzero":
            hit = y == 0
            w[hit] += np.sign(x[hit]) * (np.abs(x[hit]) > 0)
        elif output == "zero":
            if dim == 1:
                w[:] = 0
            else:  # w ⟂ x: rotate the first two coordinates of x (and zero the rest)
                w = np.zeros_like(x)
                w[:, 0], w[:, 1] = -x[:, 1], x[:, 0]
        if x_zero:
            x = np.zeros_like(x)
        wden = 64 if regime == "tiny" else 4
        if eta_sign == "negative":
            s = np.einsum("bi,bi->b", x, x)
            eta = np.array([Fraction(-16, int(v)) for v in s], dtype=object)  # η = -1/⟪x, x⟫ (x = k/4)
        elif eta_sign == "any":
            eta = _etas(rng, k, regime, "positive") * np.array(
                [Fraction(int(c)) for c in rng.choice([-1, 0, 1], size=k)], dtype=object)
        else:
            eta = _etas(rng, k, regime, eta_sign)
        batches.append(Batch({"eta": QArray.of(eta), "x": QArray.of(x, 4), "w": QArray.of(w, wden)},
                             label=f"dim={dim}, η {regime}", meta={"dim": dim}))
    return batches


def matrix_instances(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = DIMS, eta_sign: str = "positive",
    kind: str = "psd", kernel: bool = False,
) -> list[Batch]:
    """Batches of (eta, C, M, w) for the averaged rule with `C = M Mᵀ` (or a relaxation of it).

    `kind`: ``psd`` (C = M Mᵀ), ``symmetric`` (C = M Mᵀ - N Nᵀ, symmetric but indefinite),
    ``negative`` (C = -M Mᵀ, with η large), ``skew`` (C = M Mᵀ + a large skew part, not symmetric);
    `kernel=True` puts `w` in the kernel of `C` (`C w = 0`, `w ≠ 0` for dim ≥ 2).
    """
    batches: list[Batch] = []
    cells = [(d, r) for d in dims for r in ETAS]
    for (dim, regime), k in zip(cells, split_counts(n, len(cells))):
        rank = min(dim, 3) if rng.random() < 0.5 else max(min(dim, 3) - 1, 1)  # low rank keeps M Mᵀ cheap
        M = rand_int(rng, (k, dim, rank), -3, 3)
        w = rand_int(rng, (k, dim), -8, 8)
        if kernel:
            M[:, -1, :] = 0
            w = np.zeros_like(w)
            w[:, -1] = 1 if dim > 1 else 0
        else:  # make M Mᵀ w ≠ 0 (equivalently Mᵀ w ≠ 0)
            dead = np.all(np.einsum("bij,bi->bj", M, w) == 0, axis=1)
            M[dead, 0, 0] = 1
            w[dead] = 0
            w[dead, 0] = 1
        C = M @ np.swapaxes(M, -1, -2)
        if kind == "symmetric":
            N = rand_int(rng, (k, dim, 1), -3, 3)
            C = C - N @ np.swapaxes(N, -1, -2)
        elif kind == "negative":
            C = -C
        elif kind == "skew":
            S = rand_int(rng, (k, dim, dim), -30, 30)
            C = C + S - np.swapaxes(S, -1, -2)
        eta = _etas(rng, k, "large" if kind == "negative" else regime, eta_sign)
        batches.append(Batch({"eta": QArray.of(eta), "C": QArray.of(C), "M": QArray.of(M), "w": QArray.of(w, 4)},
                             label=f"dim={dim}, η {regime}, C {kind}", meta={"dim": dim}))
    return batches


# -- hypotheses ---------------------------------------------------------------------------------
def _y(x: Mapping[str, Any], bk: Backend) -> Any:
    return hb.output(x["x"], x["w"], bk)


ETA_POS = Hypothesis("eta_pos", "0 < η", lambda x, bk: [Relation(0, "<", x["eta"])])
OUTPUT_NE = Hypothesis("output_ne_zero", "⟪w, x⟫ ≠ 0", lambda x, bk: [Relation(_y(x, bk), "!=", 0)])
ETA_NONNEG = Hypothesis("eta_nonneg", "0 ≤ η", lambda x, bk: [Relation(0, "<=", x["eta"])])
def _sq_sum(A: Any, bk: Backend) -> Any:
    """`Σ_ij A_ij²` per instance: zero exactly when `A = 0` (one comparison instead of n²)."""
    return bk.sum(bk.sum(A * A, axis=-1), axis=-1)


SYMM = Hypothesis("symm", "Mat.IsSymm C (checked as Σ (C - Cᵀ)² = 0)",
                  lambda x, bk: [Relation(_sq_sum(x["C"] - bk.transpose(x["C"]), bk), "==", 0)])
PSD = Hypothesis(
    "psd", "∀ v, 0 ≤ ⟪v, C v⟫ (witnessed: (C + Cᵀ)/2 = M Mᵀ, checked as a zero sum of squares)",
    lambda x, bk: [Relation(_sq_sum((x["C"] + bk.transpose(x["C"])) / 2 - x["M"] @ bk.transpose(x["M"]), bk), "==", 0)],
)
CW_NE = Hypothesis(
    "cw_ne_zero", "C w ≠ 0",
    lambda x, bk: [Relation(bk.inner(bk.matvec(x["C"], x["w"]), bk.matvec(x["C"], x["w"])), "!=", 0)],
)


# -- conclusions --------------------------------------------------------------------------------
def _increment(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    eta, xx, w = x["eta"], x["x"], x["w"]
    y, s = _y(x, bk), bk.inner(xx, xx)
    lhs = hb.objective(xx, hb.step(eta, xx, w, bk), bk) - hb.objective(xx, w, bk)
    return [Relation(lhs, "==", eta * (y * y) * s + eta * eta * (y * y) * (s * s) / 2)]


def _increase(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(hb.objective(x["x"], x["w"], bk), "<", hb.objective(x["x"], hb.step(x["eta"], x["x"], x["w"], bk), bk))]


def _incrementC(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    eta, C, w = x["eta"], x["C"], x["w"]
    Cw = bk.matvec(C, w)
    lhs = hb.objectiveC(C, hb.stepC(eta, C, w, bk), bk) - hb.objectiveC(C, w, bk)
    return [Relation(lhs, "==", eta * bk.inner(Cw, Cw) + eta * eta / 2 * bk.inner(Cw, bk.matvec(C, Cw)))]


def _increaseC(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    C, w = x["C"], x["w"]
    return [Relation(hb.objectiveC(C, w, bk), "<", hb.objectiveC(C, hb.stepC(x["eta"], C, w, bk), bk))]


def _rayleigh(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    C, w = x["C"], x["w"]
    w1 = hb.stepC(x["eta"], C, w, bk)
    q = lambda v: bk.inner(v, bk.matvec(C, v))  # noqa: E731
    return [Relation(q(w) * bk.inner(w1, w1), "<=", q(w1) * bk.inner(w, w))]


def _growth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    eta, xx, w0 = x["eta"], x["x"], x["w"]
    s = bk.inner(xx, xx)
    g = 1 + eta * s
    y0 = bk.inner(w0, xx)
    rels = [Relation(1, "<", g)]
    for k, wk in enumerate(hb.iterate(GROWTH_STEPS, eta, xx, w0, bk)):
        rels.append(Relation(bk.inner(wk, xx), "==", g**k * y0))
        rels.append(Relation(g ** (2 * k) * (y0 * y0), "<=", bk.inner(wk, wk) * s))
    return rels


def _v(**kw: Any) -> Any:
    return lambda rng, n: vector_instances(rng, n, **kw)


def _v_small(**kw: Any) -> Any:
    return lambda rng, n: vector_instances(rng, n, dims=(1, 2, 5), **kw)


def _m(**kw: Any) -> Any:
    return lambda rng, n: matrix_instances(rng, n, **kw)


def _m_small(**kw: Any) -> Any:
    return lambda rng, n: matrix_instances(rng, n, dims=(1, 2, 5), **kw)


ENTRIES = [
    Entry(
        id="hebbian.increment",
        rule="hebbian",
        kind="identity",
        lean_spec="LearningRules.Hebbian.increment_spec",
        lean_proof="LearningRules.Hebbian.increment",
        statement="One Hebbian step changes ½⟪w, x⟫² by exactly η y² s + η² y² s² / 2 (y = ⟪w, x⟫, s = ⟪x, x⟫).",
        hypotheses=(),
        conclusion=_increment,
        sample=lambda rng, n: vector_instances(rng, n - n // 3, eta_sign="any", output="any")
        + vector_instances(rng, n // 3, output="zero"),
    ),
    Entry(
        id="hebbian.increase",
        rule="hebbian",
        kind="improvement",
        lean_spec="LearningRules.Hebbian.increase_spec",
        lean_proof="LearningRules.Hebbian.increase",
        statement="For η > 0 and ⟪w, x⟫ ≠ 0, one Hebbian step strictly increases ½⟪w, x⟫².",
        hypotheses=(ETA_POS, OUTPUT_NE),
        conclusion=_increase,
        sample=_v(),
        necessity={"eta_pos": _v_small(eta_sign="negative"), "output_ne_zero": _v_small(output="zero")},
        notes="x ≠ 0 is not a hypothesis: it follows from ⟪w, x⟫ ≠ 0.",
    ),
    Entry(
        id="hebbian.incrementC",
        rule="hebbian",
        kind="identity",
        lean_spec="LearningRules.Hebbian.incrementC_spec",
        lean_proof="LearningRules.Hebbian.incrementC",
        statement="For symmetric C, one averaged step changes ½⟪w, C w⟫ by exactly η⟪Cw, Cw⟫ + η²/2 ⟪Cw, C Cw⟫.",
        hypotheses=(SYMM,),
        conclusion=_incrementC,
        sample=lambda rng, n: matrix_instances(rng, n - n // 2, eta_sign="positive")
        + matrix_instances(rng, n // 2, kind="symmetric", eta_sign="negative"),
        necessity={"symm": _m_small(kind="skew")},
    ),
    Entry(
        id="hebbian.increaseC",
        rule="hebbian",
        kind="improvement",
        lean_spec="LearningRules.Hebbian.increaseC_spec",
        lean_proof="LearningRules.Hebbian.increaseC",
        statement="For symmetric PSD C, C w ≠ 0 and η > 0, one averaged step w + η C w strictly increases ½⟪w, C w⟫.",
        hypotheses=(SYMM, PSD, CW_NE, ETA_POS),
        conclusion=_increaseC,
        sample=_m(),
        necessity={"symm": _m_small(kind="skew"), "psd": _m_small(kind="negative"),
                   "cw_ne_zero": _m_small(kernel=True), "eta_pos": _m_small(eta_sign="zero")},
    ),
    Entry(
        id="hebbian.rayleigh",
        rule="hebbian",
        kind="improvement",
        lean_spec="LearningRules.Hebbian.rayleigh_spec",
        lean_proof="LearningRules.Hebbian.rayleigh",
        statement="For symmetric PSD C and η ≥ 0, the Rayleigh quotient ⟪w, C w⟫/⟪w, w⟫ does not decrease under "
                  "w' = w + η C w (power iteration with I + η C): ⟪w, C w⟫⟪w', w'⟫ ≤ ⟪w', C w'⟫⟪w, w⟫.",
        hypotheses=(SYMM, PSD, ETA_NONNEG),
        conclusion=_rayleigh,
        sample=lambda rng, n: matrix_instances(rng, n - n // 4) + matrix_instances(rng, n // 8, eta_sign="zero")
        + matrix_instances(rng, n // 4 - n // 8, kernel=True),
        necessity={"symm": _m_small(kind="skew"), "psd": _m_small(kind="symmetric"),
                   "eta_nonneg": _m_small(eta_sign="negative")},
        notes="Cross-multiplied, so w = 0 needs no exclusion. Equality holds for eigenvectors of C (C w = λ w), "
              "e.g. kernel vectors; the gap is 2η(a₀a₂ - a₁²) + η²(a₀a₃ - a₁a₂) with a_k = ⟪w, C^k w⟫.",
    ),
    Entry(
        id="hebbian.growth",
        rule="hebbian",
        kind="bound",
        lean_spec="LearningRules.Hebbian.growth_spec",
        lean_proof="LearningRules.Hebbian.growth",
        statement=f"For η > 0 and ⟪w₀, x⟫ ≠ 0: 1 < 1 + η⟪x, x⟫, ⟪w_k, x⟫ = (1 + η⟪x, x⟫)^k ⟪w₀, x⟫ and "
                  f"(1 + η⟪x, x⟫)^(2k) ⟪w₀, x⟫² ≤ ⟪w_k, w_k⟫ ⟪x, x⟫ (checked for k ≤ {GROWTH_STEPS}).",
        hypotheses=(ETA_POS, OUTPUT_NE),
        conclusion=_growth,
        sample=_v(),
        necessity={"eta_pos": _v_small(eta_sign="negative"), "output_ne_zero": _v_small(x_zero=True)},
        notes="Unbounded growth of ⟪w, w⟫ (the instability Oja's rule repairs).",
    ),
]


# -- differential test vectors ----------------------------------------------------------------
def _hb_cases(name: str, eta: str, x: list[str], w: list[str], C: list[list[str]]) -> list[VectorCase]:
    args = {"eta": eta, "x": x, "w": w, "C": C}
    return [
        VectorCase("hebbian", f"{name}.output", "LearningRules.Hebbian.output {x} {w}", args, lambda a, bk: hb.output(a["x"], a["w"], bk)),
        VectorCase("hebbian", f"{name}.step", "LearningRules.Hebbian.step {eta} {x} {w}", args,
                   lambda a, bk: hb.step(a["eta"], a["x"], a["w"], bk)),
        VectorCase("hebbian", f"{name}.objective", "LearningRules.Hebbian.objective {x} {w}", args,
                   lambda a, bk: hb.objective(a["x"], a["w"], bk)),
        VectorCase("hebbian", f"{name}.objectiveC", "LearningRules.Hebbian.objectiveC {C} {w}", args,
                   lambda a, bk: hb.objectiveC(a["C"], a["w"], bk)),
        VectorCase("hebbian", f"{name}.stepC", "LearningRules.Hebbian.stepC {eta} {C} {w}", args,
                   lambda a, bk: hb.stepC(a["eta"], a["C"], a["w"], bk)),
    ]


VECTORS: list[VectorCase] = [
    *_hb_cases("basic", "1/10", ["1", "2"], ["1/2", "-1"], [["2", "1"], ["1", "3"]]),
    *_hb_cases("dim1", "3", ["-2/3"], ["5"], [["4"]]),
    *_hb_cases("orthogonal", "1/2", ["1", "1", "0"], ["1", "-1", "2"], [["1", "0", "0"], ["0", "0", "0"], ["0", "0", "2"]]),
]
