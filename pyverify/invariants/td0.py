"""Catalog entries for expected tabular TD(0) (`lean/LearningRules/TD0.lean`).

Instances are Markov reward processes built exactly: transition rows are integer counts over a
power-of-two total (so `P` is row-stochastic with dyadic entries and denominators stay small under
iteration), a fixed point `V*` is chosen first and the rewards are set to `r = V* - γ P V*`, so that
`bellman r γ P V* = V*` holds exactly. The max-norm bound `e` is the tight `max_i |V_i - V*_i|`, or a
looser value. Regions: dimensions 1, 2, 5 and 64; dense, deterministic (one successor) and absorbing
transition rows; discounts `γ = 0`, near 1 (`1 - 2⁻¹⁰`) and in between; step sizes `α = 1`, tiny
(`2⁻¹⁰`) and in between; tiny value errors (`2⁻²⁰`).

`sampled_td_evidence` runs *sampled* TD(0) on random MRPs in float64 and compares its error with the
expected-update bound `(1 - α(1 - γ))^k e_0`: that is evidence about the stochastic algorithm, not a
checked theorem (the Lean statements are about the expected update).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from ..backend import Backend, QArray
from ..vectors import VectorCase
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import td0
from ..sampling import rand_int, split_counts

__all__ = ["ENTRIES", "VECTORS", "mrp_instances", "sampled_td_evidence"]

DIMS = (1, 2, 5, 64)
ROWS = ("dense", "deterministic", "absorbing")
TOTAL = 64  # row counts sum to this power of two
RATE_STEPS = 6


def _transitions(rng: np.random.Generator, k: int, n: int, kind: str) -> np.ndarray:
    """Integer counts (k, n, n) with every row summing to TOTAL."""
    if kind == "dense":
        return np.stack([rng.multinomial(TOTAL, np.full(n, 1 / n), size=n) for _ in range(k)]).astype(np.int64)
    W = np.zeros((k, n, n), dtype=np.int64)
    for b in range(k):
        succ = rng.integers(0, n, size=n)
        if kind == "absorbing":
            succ[0] = 0  # state 0 absorbs; the others move on to a random state
        W[b, np.arange(n), succ] = TOTAL
    return W


def _gammas(rng: np.random.Generator, k: int, mode: str) -> list[Fraction]:
    if mode == "expanding":
        return [Fraction(int(g), 8) for g in rng.integers(9, 17, size=k)]
    if mode == "negative":
        return [Fraction(-int(g), 8) for g in rng.integers(1, 8, size=k)]
    if mode == "one":
        return [Fraction(1)] * k
    out = []
    for _ in range(k):
        c = int(rng.integers(0, 3))
        out.append(Fraction(0) if c == 0 else Fraction(1023, 1024) if c == 1 else Fraction(int(rng.integers(1, 8)), 8))
    return out


def _alphas(rng: np.random.Generator, k: int, mode: str) -> list[Fraction]:
    if mode == "big":
        return [Fraction(int(a), 4) for a in rng.integers(5, 9, size=k)]
    if mode == "zero":
        return [Fraction(0)] * k
    if mode == "negative":
        return [Fraction(-int(a), 4) for a in rng.integers(1, 5, size=k)]
    out = []
    for _ in range(k):
        c = int(rng.integers(0, 3))
        out.append(Fraction(1) if c == 0 else Fraction(1, 1024) if c == 1 else Fraction(int(rng.integers(1, 8)), 8))
    return out


def mrp_instances(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = DIMS, gamma: str = "contracting",
    alpha: str = "valid", stochastic: bool = True, fixed: bool = True, bound: str = "valid",
) -> list[Batch]:
    """Batches with keys `P, r, gamma, alpha, V, Vstar, U, e` (all exact).

    `gamma`: ``contracting`` (in [0, 1)), ``expanding`` (in (1, 2]), ``one`` or ``negative``;
    `alpha`: ``valid`` (in (0, 1]), ``big`` (in (1, 2]), ``zero`` or ``negative``; `stochastic=False`
    doubles one row of `P`; `fixed=False` perturbs `r` so that `V*` is no fixed point; `bound`:
    ``valid`` (e ≥ ‖V - V*‖∞ and ≥ ‖V - U‖∞) or ``short`` (half the tight value).
    """
    batches: list[Batch] = []
    cells = [(d, rk) for d in dims for rk in ROWS]
    for (dim, rows), k in zip(cells, split_counts(n, len(cells))):
        W = _transitions(rng, k, dim, rows)
        if not stochastic:
            W[:, 0, :] *= 2
        gam = _gammas(rng, k, gamma)
        alp = np.array(_alphas(rng, k, alpha), dtype=object)
        gn = np.array([g.numerator for g in gam], dtype=np.int64)[:, None]
        gd = np.array([g.denominator for g in gam], dtype=np.int64)[:, None]
        Vs = rand_int(rng, (k, dim), -40, 40)  # V* = Vs / 4
        # r = V* - γ P V* = (64 gd Vs - gn W Vs) / (256 gd), all in integers
        r_num = TOTAL * gd * Vs - gn * np.einsum("bij,bj->bi", W, Vs)
        if not fixed:
            r_num[:, 0] += 4 * TOTAL * gd[:, 0]
        r = QArray.of(r_num, 4 * TOTAL * gd)
        scale = np.where(rng.random(k) < 0.25, 2**20, 4).astype(np.int64)[:, None]  # tiny errors: 2⁻²⁰
        D = rand_int(rng, (k, dim), -20, 20)
        D[np.all(D == 0, axis=1), 0] = 1
        D2 = rand_int(rng, (k, dim), -20, 20)
        V_num = Vs * (scale // 4) + D  # V = V* + D / scale
        U_num = V_num - D2 * (scale // 4)  # U = V - D2 / 4
        tight = [max(Fraction(int(np.abs(D[i]).max()), int(scale[i, 0])), Fraction(int(np.abs(D2[i]).max()), 4))
                 for i in range(k)]
        loose = rng.random(k) < 0.3
        e = np.array([t * 2 if lo else t for t, lo in zip(tight, loose)], dtype=object)
        if bound == "short":
            e = np.array([t / 2 for t in tight], dtype=object)
        Vstar = QArray.of(Vs, 4)
        V = QArray.of(V_num, scale)
        U = QArray.of(U_num, scale)
        gam_q = QArray.of(gn[:, 0], gd[:, 0])
        batches.append(Batch(
            {"P": QArray.of(W, TOTAL), "r": r, "gamma": gam_q, "alpha": QArray.of(alp),
             "V": V, "Vstar": Vstar, "U": U, "e": QArray.of(e)},
            label=f"dim={dim}, {rows} rows, γ {gamma}, α {alpha}", meta={"dim": dim},
        ))
    return batches


# -- hypotheses ---------------------------------------------------------------------------------
def _sup_bound(v: Any, e: Any, bk: Backend) -> list[Relation]:
    """`SupBound v e` (every `-e ≤ v_i ≤ e`), evaluated as the equivalent `max_i |v_i| ≤ e`."""
    return [Relation(td0.sup_norm(v, bk), "<=", e)]


def _row_stochastic(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    P = x["P"]
    smallest = -bk.maximum(bk.maximum(-P, axis=-1), axis=-1)  # min_ij P i j: one comparison per instance
    return [Relation(0, "<=", smallest), Relation(bk.sum(P, axis=-1), "==", 1)]


ROW_STOCHASTIC = Hypothesis("row_stochastic", "RowStochastic P: P i j ≥ 0 and Σ_j P i j = 1", _row_stochastic)
GAMMA_NONNEG = Hypothesis("gamma_nonneg", "0 ≤ γ", lambda x, bk: [Relation(0, "<=", x["gamma"])])
GAMMA_LT_ONE = Hypothesis("gamma_lt_one", "γ < 1", lambda x, bk: [Relation(x["gamma"], "<", 1)])
ALPHA_POS = Hypothesis("alpha_pos", "0 < α", lambda x, bk: [Relation(0, "<", x["alpha"])])
ALPHA_LE_ONE = Hypothesis("alpha_le_one", "α ≤ 1", lambda x, bk: [Relation(x["alpha"], "<=", 1)])
FIXED = Hypothesis(
    "fixed_point", "bellman r γ P V* = V*",
    lambda x, bk: [Relation(td0.bellman(x["r"], x["gamma"], x["P"], x["Vstar"], bk), "==", x["Vstar"])],
)
SUP_VU = Hypothesis("sup_bound", "SupBound (V - U) e", lambda x, bk: _sup_bound(x["V"] - x["U"], x["e"], bk))
SUP_V = Hypothesis("sup_bound", "SupBound (V - V*) e", lambda x, bk: _sup_bound(x["V"] - x["Vstar"], x["e"], bk))


def _rate(x: Mapping[str, Any]) -> Any:
    return 1 - x["alpha"] * (1 - x["gamma"])


def _bellman_contraction(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    d = td0.bellman(x["r"], x["gamma"], x["P"], x["V"], bk) - td0.bellman(x["r"], x["gamma"], x["P"], x["U"], bk)
    return _sup_bound(d, x["gamma"] * x["e"], bk)


def _step_contraction(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    V1 = td0.step(x["alpha"], x["r"], x["gamma"], x["P"], x["V"], bk)
    return _sup_bound(V1 - x["Vstar"], _rate(x) * x["e"], bk)


def _linear_rate(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    rels: list[Relation] = []
    rho = _rate(x)
    for k, Vk in enumerate(td0.iterate(RATE_STEPS, x["alpha"], x["r"], x["gamma"], x["P"], x["V"], bk)):
        rels += _sup_bound(Vk - x["Vstar"], rho**k * x["e"], bk)
    return rels


def _s(**kw: Any) -> Any:
    return lambda rng, n: mrp_instances(rng, n, **kw)


def _s_small(**kw: Any) -> Any:
    return lambda rng, n: mrp_instances(rng, n, dims=(1, 2, 5), **kw)


_STEP_HYPS = (ALPHA_POS, ALPHA_LE_ONE, GAMMA_NONNEG, GAMMA_LT_ONE, ROW_STOCHASTIC, FIXED, SUP_V)
_STEP_NEC = {
    "alpha_pos": _s_small(alpha="negative"),
    "alpha_le_one": _s_small(alpha="big"),
    "gamma_nonneg": _s_small(gamma="negative"),
    "row_stochastic": _s_small(stochastic=False),
    "fixed_point": _s_small(fixed=False),
    "sup_bound": _s_small(bound="short"),
}
_GAMMA_NOTE = (
    "γ < 1 is what makes the factor 1 - α(1 - γ) smaller than 1 (a contraction); the inequality itself "
    "also holds for γ ≥ 1 with a factor ≥ 1, so its necessity check has no sampler and "
    "tests/test_bio_td0.py shows the factor reaching 1 at γ = 1."
)

ENTRIES = [
    Entry(
        id="td0.bellman_contraction",
        rule="td0",
        kind="bound",
        lean_spec="LearningRules.TD0.bellman_contraction_spec",
        lean_proof="LearningRules.TD0.bellman_contraction",
        statement="For row-stochastic P and 0 ≤ γ, ‖V - U‖∞ ≤ e implies ‖T V - T U‖∞ ≤ γ e (T V = r + γ P V).",
        hypotheses=(ROW_STOCHASTIC, GAMMA_NONNEG, SUP_VU),
        conclusion=_bellman_contraction,
        sample=lambda rng, n: (mrp_instances(rng, n - n // 4) + mrp_instances(rng, n // 4, gamma="expanding")),
        necessity={
            "row_stochastic": _s_small(stochastic=False),
            "gamma_nonneg": _s_small(gamma="negative"),
            "sup_bound": _s_small(bound="short"),
        },
    ),
    Entry(
        id="td0.step_contraction",
        rule="td0",
        kind="convergence",
        lean_spec="LearningRules.TD0.step_contraction_spec",
        lean_proof="LearningRules.TD0.step_contraction",
        statement="For 0 < α ≤ 1, 0 ≤ γ < 1, row-stochastic P and T V* = V*: ‖V' - V*‖∞ ≤ (1 - α(1-γ)) ‖V - V*‖∞.",
        hypotheses=_STEP_HYPS,
        conclusion=_step_contraction,
        sample=_s(),
        necessity=_STEP_NEC,
        notes=_GAMMA_NOTE,
    ),
    Entry(
        id="td0.linear_rate",
        rule="td0",
        kind="convergence",
        lean_spec="LearningRules.TD0.linear_rate_spec",
        lean_proof="LearningRules.TD0.linear_rate",
        statement=f"Under the step hypotheses, ‖V_k - V*‖∞ ≤ (1 - α(1-γ))^k ‖V_0 - V*‖∞ (checked for k ≤ {RATE_STEPS}).",
        hypotheses=_STEP_HYPS,
        conclusion=_linear_rate,
        sample=_s(),
        necessity=_STEP_NEC,
        notes=_GAMMA_NOTE,
    ),
]


def sampled_td_evidence(
    *, n_mrps: int = 20, states: int = 6, gamma: float = 0.9, alpha: float = 0.1, steps: int = 200,
    runs: int = 20, seed: int = 0,
) -> dict[str, Any]:
    """Sampled TD(0) on random MRPs (float64) against the expected-update bound — evidence only.

    For each MRP, `runs` independent sampled runs start from `V_0 = 0`. Reported per MRP: the final
    max-norm error of the run average and of single runs, and the expected-update bound
    `(1 - α(1-γ))^steps ‖V_0 - V*‖∞`. Sampled TD(0) with a constant step size does not converge to
    `V*` (it fluctuates at a level set by α), so the single-run error is expected to exceed the bound
    while the run average approaches the expected update; the report says how often each is within
    the bound plus the fluctuation level.
    """
    if not 0 <= gamma < 1:
        raise ValueError(f"gamma={gamma} must satisfy 0 <= gamma < 1; pass a discount in [0, 1)")
    if not 0 < alpha <= 1:
        raise ValueError(f"alpha={alpha} must satisfy 0 < alpha <= 1; pass a step size in (0, 1]")
    if min(n_mrps, states, steps, runs) < 1:
        raise ValueError("n_mrps, states, steps and runs must be >= 1; pass positive counts")
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n_mrps):
        P = rng.dirichlet(np.ones(states), size=states)
        r = rng.normal(size=states)
        Vstar = np.linalg.solve(np.eye(states) - gamma * P, r)
        V0 = np.zeros(states)
        e0 = float(np.abs(V0 - Vstar).max())
        bound = (1 - alpha * (1 - gamma)) ** steps * e0
        expected = V0.copy()
        for _ in range(steps):
            expected = expected + alpha * (r + gamma * P @ expected - expected)
        finals = np.stack([td0.sampled_td(r, gamma, P, V0, alpha, steps, rng)[-1] for _ in range(runs)])
        single = np.abs(finals - Vstar).max(axis=1)
        mean_err = float(np.abs(finals.mean(axis=0) - Vstar).max())
        rows.append({
            "e0": e0, "bound": bound, "expected_error": float(np.abs(expected - Vstar).max()),
            "mean_run_error": mean_err, "median_single_run_error": float(np.median(single)),
            "expected_within_bound": bool(np.abs(expected - Vstar).max() <= bound * (1 + 1e-9) + 1e-12),
        })
    return {
        "checked_by": "float sampling (evidence, not a checked theorem)",
        "params": {"n_mrps": n_mrps, "states": states, "gamma": gamma, "alpha": alpha, "steps": steps,
                   "runs": runs, "seed": seed},
        "rate": 1 - alpha * (1 - gamma),
        "mrps": rows,
        "expected_within_bound": sum(r["expected_within_bound"] for r in rows),
        "mean_run_error_median": float(np.median([r["mean_run_error"] for r in rows])),
        "single_run_error_median": float(np.median([r["median_single_run_error"] for r in rows])),
        "e0_median": float(np.median([r["e0"] for r in rows])),
    }


# -- differential test vectors ----------------------------------------------------------------
def _td_cases(name: str, alpha: str, r: list[str], gamma: str, P: list[list[str]], V: list[str]) -> list[VectorCase]:
    args = {"alpha": alpha, "r": r, "gamma": gamma, "P": P, "V": V}
    return [
        VectorCase("td0", f"{name}.bellman", "LearningRules.TD0.bellman {r} {gamma} {P} {V}", args,
                   lambda a, bk: td0.bellman(a["r"], a["gamma"], a["P"], a["V"], bk)),
        VectorCase("td0", f"{name}.step", "LearningRules.TD0.step {alpha} {r} {gamma} {P} {V}", args,
                   lambda a, bk: td0.step(a["alpha"], a["r"], a["gamma"], a["P"], a["V"], bk)),
    ]


VECTORS: list[VectorCase] = [
    *_td_cases("two_state", "1/2", ["1", "0"], "9/10", [["1/2", "1/2"], ["0", "1"]], ["0", "3"]),
    *_td_cases("dim1", "1", ["-2"], "0", [["1"]], ["7/3"]),
    *_td_cases("three_state", "1/10", ["1", "-1", "1/2"], "99/100",
               [["0", "1", "0"], ["1/4", "1/4", "1/2"], ["1/3", "1/3", "1/3"]], ["1", "2", "-3/4"]),
]
