"""Catalog entries for the variational free energy (`lean/LearningRules/FreeEnergy.lean`).

The three statements need a logarithm, which exact rational arithmetic does not have, so they are
float-only entries: the instances are exact rational distributions and joints, and `log` is numpy's
float logarithm (which satisfies the `LogLike` laws up to rounding). Regions: m = 1, 2, 5 and 64
points; near-uniform, peaked (one weight 2¹⁰ times the others) and tiny-probability (weights
2⁻²⁰) distributions; `q = p` and `q` = the posterior (the equality cases, where the bounds are
tight); joints with evidence below and above 1.

Why no exact check of the logs: `LogLike` has no instance over ℚ (its laws force `log 2 = ln 2`, which is
irrational; see `lean/LearningRules/FreeEnergy.lean`), so the specs are instantiated only over a field with
a logarithm and the catalog checks them with numpy's float log.

`exact_log_free_checks` checks, in exact rational arithmetic, what is rational: the tangent-line step of
Gibbs' inequality `Σ q (p/q - 1) = 0`, the posterior being a distribution, the factorisation
`q / p(x, z) = (q / p(z | x)) / p(x)`, and the decomposition `F(q) = KL(q ‖ p(· | x)) - log p(x)` itself
with `log` replaced by p-adic valuations (exact homomorphisms satisfying `log_mul` and `log_one`, the
only laws its proof uses; not `log x ≤ x - 1`, so not a `LogLike` instance).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from ..backend import Backend, QArray, get_backend
from ..vectors import VectorCase
from ..catalog import Batch, Entry, Hypothesis, Relation, Tolerance
from ..rules import free_energy as fe
from ..sampling import rand_int, split_counts

__all__ = ["ENTRIES", "VECTORS", "dist_instances", "exact_log_free_checks"]

SIZES = (1, 2, 5, 64)
SHAPES = ("uniform", "peaked", "tiny")
FLOAT_ONLY = "needs a logarithm; exact rational arithmetic has none (log-free parts: exact_log_free_checks)"


def _weights(rng: np.random.Generator, k: int, m: int, shape: str) -> np.ndarray:
    W = rand_int(rng, (k, m), 1, 9)
    if shape == "peaked":
        W[np.arange(k), rng.integers(0, m, size=k)] *= 2**10
    elif shape == "tiny":
        W = W * 2**20
        W[np.arange(k), rng.integers(0, m, size=k)] = 1
    return W


def _normalise(W: np.ndarray, scale: Fraction = Fraction(1)) -> QArray:
    s = W.sum(axis=1, keepdims=True)
    vals = np.array([[Fraction(int(a), int(t)) * scale for a in row] for row, t in zip(W, s[:, 0])], dtype=object)
    return QArray.of(vals)


def dist_instances(rng: np.random.Generator, n: int, *, relax: str | None = None) -> list[Batch]:
    """Batches of (q, p, pxz): distributions `q`, `p` and a positive joint `pxz` over m points.

    A third of the `q`s equal `p` (KL = 0) and a third equal the posterior of `pxz` (tight bound).
    `relax`: ``q_unnormalised`` (q scaled by 1/2, joint with evidence < 1), ``p_unnormalised``
    (p scaled by 2).
    """
    batches = []
    cells = [(m, s) for m in SIZES for s in SHAPES]
    for (m, shape), k in zip(cells, split_counts(n, len(cells))):
        Wq, Wp = _weights(rng, k, m, shape), _weights(rng, k, m, shape)
        pick = rng.integers(0, 3, size=k)
        Wj = rand_int(rng, (k, m), 1, 9) * np.where(rng.random((k, 1)) < 0.5, 1, 2**10)
        Wq = np.where((pick == 1)[:, None], Wp, Wq)
        Wq = np.where((pick == 2)[:, None], Wj, Wq)  # q ∝ pxz: the posterior
        q = _normalise(Wq, Fraction(1, 2) if relax == "q_unnormalised" else Fraction(1))
        p = _normalise(Wp, Fraction(2) if relax == "p_unnormalised" else Fraction(1))
        den = (2**14 if relax == "q_unnormalised" else int(rng.choice([3, 2**12])))
        pxz = QArray.of(Wj, den)
        batches.append(Batch({"q": q, "p": p, "pxz": pxz}, label=f"m={m}, {shape}", meta={"dim": m}))
    return batches


def _posdist(key: str) -> Any:
    def rel(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
        v = x[key]
        return [Relation(0, "<", -bk.maximum(-v, axis=-1)), Relation(bk.sum(v, axis=-1), "==", 1)]
    return rel


Q_DIST = Hypothesis("q_dist", "PosDist q: every q_i > 0 and Σ q = 1", _posdist("q"))
P_DIST = Hypothesis("p_dist", "PosDist p: every p_i > 0 and Σ p = 1", _posdist("p"))
PXZ_POS = Hypothesis("pxz_pos", "every p(x, z) > 0", lambda x, bk: [Relation(0, "<", -bk.maximum(-x["pxz"], axis=-1))])
M_POS = Hypothesis("m_pos", "0 < m", lambda x, bk: [Relation(0, "<", bk.const(x["pxz"].shape[-1]) + bk.zeros_like(x["pxz"][..., 0]))])


def _gibbs(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(0, "<=", fe.kl(x["q"], x["p"], bk))]


def _ge_surprise(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(-bk.log(fe.evidence(x["pxz"], bk)), "<=", fe.freeEnergy(x["q"], x["pxz"], bk))]


def _eq_posterior(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    post = fe.posterior(x["pxz"], bk)
    return [Relation(fe.freeEnergy(post, x["pxz"], bk), "==", -bk.log(fe.evidence(x["pxz"], bk)))]


def _decomposition(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    post = fe.posterior(x["pxz"], bk)
    rhs = fe.kl(x["q"], post, bk) - bk.log(fe.evidence(x["pxz"], bk))
    return [Relation(fe.freeEnergy(x["q"], x["pxz"], bk), "==", rhs)]


def _d(**kw: Any) -> Any:
    return lambda rng, n: dist_instances(rng, n, **kw)


_TOL = Tolerance(rtol=1e-9, atol=1e-12)

ENTRIES = [
    Entry(
        id="free_energy.gibbs", rule="free_energy", kind="bound",
        lean_spec="LearningRules.FreeEnergy.gibbs_spec", lean_proof="LearningRules.FreeEnergy.gibbs",
        statement="Gibbs' inequality: KL(q ‖ p) = Σ q log(q/p) ≥ 0 for distributions with full support.",
        hypotheses=(Q_DIST, P_DIST), conclusion=_gibbs, sample=_d(),
        necessity={"q_dist": _d(relax="q_unnormalised"), "p_dist": _d(relax="p_unnormalised")},
        tolerance=_TOL, exact=False, float_only_reason=FLOAT_ONLY,
    ),
    Entry(
        id="free_energy.free_energy_decomposition", rule="free_energy", kind="identity",
        lean_spec="LearningRules.FreeEnergy.free_energy_decomposition_spec",
        lean_proof="LearningRules.FreeEnergy.free_energy_decomposition",
        statement="For q with full support and a positive joint: F(q) = KL(q ‖ p(· | x)) - log p(x), i.e. "
                  "freeEnergy q pxz = kl q (posterior pxz) - log (evidence pxz).",
        hypotheses=(Q_DIST, PXZ_POS), conclusion=_decomposition, sample=_d(),
        necessity={"q_dist": _d(relax="q_unnormalised")},
        tolerance=_TOL, exact=False, float_only_reason=FLOAT_ONLY,
        notes="Float log here. Exactly, in rationals: exact_log_free_checks compares both sides with log replaced "
              "by p-adic valuations (p = 2, 3, 5, 7), which satisfy log 1 = 0 and log (a b) = log a + log b exactly, "
              "the only laws the Lean proof uses. pxz_pos has no necessity sampler: a zero or negative joint makes "
              "the float log infinite or NaN.",
    ),
    Entry(
        id="free_energy.free_energy_ge_surprise", rule="free_energy", kind="bound",
        lean_spec="LearningRules.FreeEnergy.free_energy_ge_surprise_spec",
        lean_proof="LearningRules.FreeEnergy.free_energy_ge_surprise",
        statement="The free energy bounds the surprise: -log p(x) ≤ F(q) = Σ q log(q / p(x, z)).",
        hypotheses=(Q_DIST, PXZ_POS), conclusion=_ge_surprise, sample=_d(),
        necessity={"q_dist": _d(relax="q_unnormalised")},
        tolerance=_TOL, exact=False, float_only_reason=FLOAT_ONLY,
        notes="pxz_pos has no necessity sampler: a zero or negative joint makes the float log infinite or NaN.",
    ),
    Entry(
        id="free_energy.free_energy_eq_posterior", rule="free_energy", kind="identity",
        lean_spec="LearningRules.FreeEnergy.free_energy_eq_posterior_spec",
        lean_proof="LearningRules.FreeEnergy.free_energy_eq_posterior",
        statement="At the posterior the bound is tight: F(p(· | x)) = -log p(x).",
        hypotheses=(M_POS, PXZ_POS), conclusion=_eq_posterior, sample=_d(),
        tolerance=_TOL, exact=False, float_only_reason=FLOAT_ONLY,
        notes="No necessity samplers: m = 0 has no arrays to evaluate, and a non-positive joint has no float log.",
    ),
]


def exact_log_free_checks(*, samples: int = 200, seed: int = 0) -> dict[str, Any]:
    """The log-free steps of the free-energy argument, checked exactly on sampled instances.

    * `tangent_step`: `Σ q (p/q - 1) = 0` for distributions `q`, `p` (with `log x ≤ x - 1` this gives
      `-KL(q ‖ p) = Σ q log(p/q) ≤ 0`);
    * `posterior_is_distribution`: `p(z | x) > 0` and `Σ_z p(z | x) = 1`;
    * `factorisation`: `q / p(x, z) = (q / p(z | x)) / p(x)` entrywise (with `log_mul`,
      `F(q) = KL(q ‖ p(· | x)) - log p(x)`);
    * `posterior_ratio_constant`: at `q = p(· | x)`, `q / p(x, z) = 1 / p(x)` for every `z`;
    * `decomposition_valuation`: `F(q) = KL(q ‖ p(· | x)) - log p(x)` with `log` replaced by the p-adic
      valuation `v_p` for p = 2, 3, 5, 7 (`v_p(a b) = v_p(a) + v_p(b)`, `v_p(1) = 0` exactly: the laws
      `log_mul`, `log_one` that `free_energy_decomposition` uses), both sides exact rationals.
    """
    bk = get_backend("exact")
    rng = np.random.default_rng(seed)
    counts = {"tangent_step": 0, "posterior_is_distribution": 0, "factorisation": 0, "posterior_ratio_constant": 0,
              "decomposition_valuation": 0}
    failures: list[str] = []
    total = 0
    for b in dist_instances(rng, samples):
        x = b.to(bk)
        q, p, pxz = x["q"], x["p"], x["pxz"]
        total += b.size
        tangent = bk.sum(q * (p / q - 1), axis=-1)
        post = fe.posterior(pxz, bk)
        ev = fe.evidence(pxz, bk)
        for i in range(b.size):
            checks = {
                "tangent_step": tangent[i] == 0,
                "posterior_is_distribution": bool(np.all(post[i] > 0)) and sum(post[i]) == 1,
                "factorisation": bool(np.all(q[i] / pxz[i] == (q[i] / post[i]) / ev[i])),
                "posterior_ratio_constant": bool(np.all(post[i] / pxz[i] == 1 / ev[i])),
                "decomposition_valuation": _decomposition_valuation(
                    [_frac(v) for v in q[i]], [_frac(v) for v in pxz[i]]),
            }
            for name, ok in checks.items():
                if ok:
                    counts[name] += 1
                else:
                    failures.append(f"{name} fails on {b.label} #{i}")
    return {"instances": total, "held": counts, "failures": failures, "checked_by": "exact rational arithmetic"}


def _frac(v: Any) -> Fraction:
    return v if isinstance(v, Fraction) else Fraction(str(v))


def valuation(x: Fraction, p: int) -> int:
    """The p-adic valuation `v_p(x)` of a nonzero rational (`v_p(a b) = v_p(a) + v_p(b)`, `v_p(1) = 0`)."""
    if x == 0:
        raise ValueError("the valuation of 0 is undefined; pass a nonzero rational")
    v, num, den = 0, abs(x.numerator), x.denominator
    while num % p == 0:
        num //= p
        v += 1
    while den % p == 0:
        den //= p
        v -= 1
    return v


def _decomposition_valuation(q: list[Fraction], pxz: list[Fraction]) -> bool:
    """`Σ q log(q/pxz) == Σ q log(q/post) - log ev` with `log = v_p`, for p = 2, 3, 5, 7 (exact)."""
    ev = sum(pxz, Fraction(0))
    post = [j / ev for j in pxz]
    for p in (2, 3, 5, 7):
        F = sum((qi * valuation(qi / ji, p) for qi, ji in zip(q, pxz)), Fraction(0))
        KL = sum((qi * valuation(qi / pi, p) for qi, pi in zip(q, post)), Fraction(0))
        if F != KL - valuation(ev, p):
            return False
    return True


# -- differential test vectors (log-free definitions only: Rat has no LogLike instance) ----------
def _fe_cases(name: str, pxz: list[str]) -> list[VectorCase]:
    args = {"pxz": pxz}
    return [
        VectorCase("free_energy", f"{name}.evidence", "LearningRules.FreeEnergy.evidence {pxz}", args,
                   lambda a, bk: fe.evidence(a["pxz"], bk)),
        VectorCase("free_energy", f"{name}.posterior", "LearningRules.FreeEnergy.posterior {pxz}", args,
                   lambda a, bk: fe.posterior(a["pxz"], bk)),
    ]


VECTORS: list[VectorCase] = [
    *_fe_cases("three", ["1/10", "1/5", "1/20"]),
    *_fe_cases("single", ["3/7"]),
]
