"""Catalog entries for expected tabular TD(0) (`lean/LearningRules/TD0.lean`).

Instances are Markov reward processes built exactly: transition rows are integer counts over a
power-of-two total (so `P` is row-stochastic with dyadic entries and denominators stay small under
iteration), a fixed point `V*` is chosen first and the rewards are set to `r = V* - γ P V*`, so that
`bellman r γ P V* = V*` holds exactly. The max-norm bound `e` is the tight `max_i |V_i - V*_i|`, or a
looser value. Regions: dimensions 1, 2, 5 and 64; dense, deterministic (one successor) and absorbing
transition rows; discounts `γ = 0`, near 1 (`1 - 2⁻¹⁰`) and in between; step sizes `α = 1`, tiny
(`2⁻¹⁰`) and in between; tiny value errors (`2⁻²⁰`).

`sampled_instances` builds instances of the sampled-update identity: a state distribution `d` (integer
counts over a power-of-two total, including point masses), rows of `P` summing to 1 (dense,
deterministic, and signed rows with negative entries: the identity needs only the sums), and any
rational `α` and `γ` (negative, above 1).

`stationary_instances` builds chains with an exact stationary distribution: `P_ij = M_ij / Σ_j M_ij` for a
nonnegative integer matrix `M` with equal row and column sums (a symmetric part, a self-loop and a flow
around a random cycle, so the chains need not be reversible), `d_i ∝ Σ_j M_ij`; regions: reversible,
non-reversible (cycle flow), periodic (a pure cycle, `d` uniform) and chains with a transient state
(`d = 0` there, its row arbitrary).

`linear_instances` adds features `Φ` (n × k, k ≤ 3, sometimes with a constant column), parameters `θ`
with `Φθ ≠ 0`, a TD fixed point `θ*` (the reward `r = Φθ* - γPΦθ* + D⁻¹w` with `Φᵀw = 0`, so that
`Aθ* + b = 0` holds exactly also when the value function is not representable) and a step size `α`.

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
from ..backend import col
from ..rules import td0
from ..sampling import rand_int, split_counts

__all__ = ["ENTRIES", "VECTORS", "mrp_instances", "sampled_instances", "stationary_instances", "linear_instances",
           "sampled_td_evidence"]

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


SAMPLED_DIMS = (1, 2, 3, 6, 64)
SAMPLED_ROWS = ("dense", "deterministic", "signed")


def sampled_instances(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = SAMPLED_DIMS, dist_ok: bool = True,
    rows_ok: bool = True,
) -> list[Batch]:
    """Batches with keys `P, d, r, gamma, alpha, V` for `sampled_expectation_spec` (all exact).

    `d` sums to 1 (dense counts or a point mass) and every row of `P` sums to 1; `dist_ok=False` makes
    `Σ d = 2` (d doubled), `rows_ok=False` makes row 0 of `P` sum to 2. `V` is never 0, so that both
    necessity cases show a difference.
    """
    batches: list[Batch] = []
    cells = [(dim, rk) for dim in dims for rk in SAMPLED_ROWS]
    for (dim, rows), k in zip(cells, split_counts(n, len(cells))):
        if rows == "signed":
            W = _transitions(rng, k, dim, "dense")
            # move mass 2·TOTAL between two columns of each row: entries leave [0, 1], sums stay TOTAL
            W[:, :, 0] += 2 * TOTAL
            W[:, :, -1] -= 2 * TOTAL
        else:
            W = _transitions(rng, k, dim, rows)
        if not rows_ok:
            W[:, 0, :] *= 2
        if rng.random() < 0.3:
            dc = np.zeros((k, dim), dtype=np.int64)
            dc[np.arange(k), rng.integers(0, dim, size=k)] = TOTAL  # point mass
        else:
            dc = np.stack([rng.multinomial(TOTAL, np.full(dim, 1 / dim)) for _ in range(k)]).astype(np.int64)
        if not dist_ok:
            dc *= 2
        V = rand_int(rng, (k, dim), -20, 20)
        V[np.all(V == 0, axis=1), 0] = 1
        batches.append(Batch(
            {"P": QArray.of(W, TOTAL), "d": QArray.of(dc, TOTAL), "r": QArray.of(rand_int(rng, (k, dim), -20, 20), 4),
             "gamma": QArray.of(rand_int(rng, (k,), -8, 12), 8), "alpha": QArray.of(rand_int(rng, (k,), -8, 12), 8),
             "V": QArray.of(V, 4)},
            label=f"dim={dim}, {rows} rows", meta={"dim": dim},
        ))
    return batches


STAT_DIMS = (1, 2, 3, 6, 64)
STAT_KINDS = ("reversible", "cycle_flow", "periodic", "transient")


def _stationary_chain(rng: np.random.Generator, m: int, kind: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One chain on m states: (numerators N, row denominators R, stationary weights w) with
    P = N / R[:, None] and d = w / Σ w."""
    rec = m - 1 if kind == "transient" and m >= 2 else m
    W = rng.integers(0, 4, size=(rec, rec))
    M = np.zeros((rec, rec), dtype=np.int64)
    if kind != "periodic":
        M += W + W.T + np.diag(rng.integers(1, 3, size=rec))
    if kind in ("cycle_flow", "periodic") and rec >= 1:
        perm = rng.permutation(rec)
        C = np.zeros((rec, rec), dtype=np.int64)
        C[perm, np.roll(perm, 1)] = 1  # a cycle through every recurrent state
        M += int(rng.integers(1, 5)) * C
    N = np.zeros((m, m), dtype=np.int64)
    N[:rec, :rec] = M
    R = np.zeros(m, dtype=np.int64)
    R[:rec] = M.sum(axis=1)
    w = np.zeros(m, dtype=np.int64)
    w[:rec] = R[:rec]
    if rec < m:  # the transient state: any row, weight 0
        N[rec] = rng.multinomial(TOTAL, np.full(m, 1 / m))
        R[rec] = TOTAL
    return N, R, w


def stationary_instances(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = STAT_DIMS, mode: str = "valid",
    gamma: str = "valid", kinds: tuple[str, ...] = STAT_KINDS,
) -> list[Batch]:
    """Batches with keys `P, d, v, gamma`: `P` row-stochastic with stationary `d ≥ 0` (all exact).

    `mode`: ``valid``; ``signed_P`` (P = 2I - Q for a stationary chain Q: rows still sum to 1 and `d`
    is still stationary, entries negative); ``signed_d`` (two closed classes, `d` negative on the
    second); ``not_stationary`` (a row-stochastic P with a random positive d); ``transient`` (every state
    moves to state 1, and d puts mass 100/(100 + dim - 1) on state 0, which the chain leaves at once).
    `gamma`: ``valid`` (in [0, 2], including 0 and 1) or ``negative``.
    """
    batches: list[Batch] = []
    cells = [(dim, kd) for dim in dims for kd in kinds]
    for (dim, kind), k in zip(cells, split_counts(n, len(cells))):
        Ns, Rs, ws = [], [], []
        for _ in range(k):
            if mode == "signed_d" and dim >= 2:
                h = dim // 2
                N1, R1, w1 = _stationary_chain(rng, h, "reversible")
                N2, R2, w2 = _stationary_chain(rng, dim - h, "reversible")
                N = np.zeros((dim, dim), dtype=np.int64)
                R = np.concatenate([R1 * R2.max(), R2 * R1.max()])
                N[:h, :h] = N1 * R2.max()
                N[h:, h:] = N2 * R1.max()
                w = np.concatenate([w1, -2 * w2])
            elif mode == "not_stationary":
                N = _transitions(rng, 1, dim, "deterministic")[0]
                R = np.full(dim, TOTAL, dtype=np.int64)
                w = rng.integers(1, 5, size=dim)
            elif mode == "transient":  # every state moves to state 1; d puts its mass on the transient state 0
                N = np.zeros((dim, dim), dtype=np.int64)
                N[:, min(1, dim - 1)] = TOTAL
                R = np.full(dim, TOTAL, dtype=np.int64)
                w = np.ones(dim, dtype=np.int64)
                w[0] = 100
            else:
                N, R, w = _stationary_chain(rng, dim, kind)
                if mode == "signed_P":
                    N = 2 * R[:, None] * np.eye(dim, dtype=np.int64) - N
            Ns.append(N)
            Rs.append(R)
            ws.append(w)
        N, R, w = np.stack(Ns), np.stack(Rs), np.stack(ws)
        tot = np.abs(w).sum(axis=1, keepdims=True)
        v = rand_int(rng, (k, dim), -20, 20)
        if gamma == "negative":
            g = QArray.of(-rand_int(rng, (k,), 1, 16), 8)
        else:
            g = QArray.of(rng.choice(np.array([0, 8, 4, 7, 1, 12, 16]), size=k).astype(np.int64), 8)
        batches.append(Batch(
            {"P": QArray.of(N, R[:, :, None]), "d": QArray.of(w, tot), "v": QArray.of(v, 4), "gamma": g},
            label=f"dim={dim}, {kind} chain, {mode}", meta={"dim": dim},
        ))
    return batches


def linear_instances(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = (1, 2, 3, 6), mode: str = "valid",
    gamma: str = "valid", theta: str = "valid", alpha: str = "valid", fixed: bool = True,
    kinds: tuple[str, ...] = ("reversible", "cycle_flow", "periodic"),
) -> list[Batch]:
    """Batches with keys `P, d, Phi, theta, thetastar, r, gamma, alpha` for linear TD(0) (all exact).

    Chains as in `stationary_instances` without transient states (`d > 0`), except under `mode`
    ``signed_P``, ``signed_d``, ``not_stationary``, ``transient`` (the last with γ = 7/8 and feature row 1
    twice row 0, a sure counterexample when stationarity is dropped). `gamma`: ``valid`` (in [0, 1)), ``big`` (in [1, 2],
    with a constant feature column and θ = e₀ in half the instances) or ``very_negative`` (in [-3, -2]);
    `theta`: ``valid`` (Φ(θ - θ*) ≠ 0), ``kernel`` (θ = θ*, so Φ(θ - θ*) = 0) or ``zero`` (θ = 0); `alpha`: ``valid``
    (positive) or ``nonpositive``; `fixed=False` perturbs `r` so that θ* is no TD fixed point.
    """
    import sympy

    out: list[Batch] = []
    for b in stationary_instances(rng, n, dims=dims, mode=mode, kinds=kinds):
        k, dim = b.size, b.meta["dim"]
        kf = int(rng.integers(1, min(dim, 3) + 1))
        Phi = rand_int(rng, (k, dim, kf), -3, 3)
        if gamma == "big" or rng.random() < 0.3:
            Phi[:, :, 0] = 1
        ts = rand_int(rng, (k, kf), -6, 6)
        th = rand_int(rng, (k, kf), -6, 6)
        if gamma == "big":
            th[: k // 2] = 0
            th[: k // 2, 0] = 1
            ts[: k // 2] = 0
        if mode == "transient":  # feature row 1 = 2 × row 0: v₁ = 2 v₀ for every v = Φθ (see below)
            Phi[:, 1, :] = 2 * Phi[:, 0, :]
        for i in range(k):  # Φ ≠ 0, Φθ ≠ 0 and Φ(θ - θ*) ≠ 0 (under `transient`: their entry 0 ≠ 0)
            if not np.any(Phi[i, 0] if mode == "transient" else Phi[i]):
                Phi[i, 0, 0] = 1
                if mode == "transient":
                    Phi[i, 1, 0] = 2
            rows = Phi[i, :1] if mode == "transient" else Phi[i]  # (one row: any = its entry ≠ 0)
            while not (np.any(rows @ (th[i] - ts[i])) and np.any(rows @ th[i])):
                th[i] = rand_int(rng, (kf,), -6, 6)
        Pq, dq = b.data["P"].fractions(), b.data["d"].fractions()
        if mode == "transient":
            # ⟪v, D(γP - I)v⟫·(100 + dim - 1) = γ v₁ Σ dᵢvᵢ - Σ dᵢvᵢ² ≥ (204γ - 104 - (dim - 2)γ²) v₀² > 0 at
            # γ = 7/8, dim ≤ 3: the form is positive although 0 ≤ γ < 1 and d > 0, because d is not stationary
            gam = [Fraction(7, 8)] * k
        elif gamma == "big":
            gam = [Fraction(int(g), 8) for g in rng.integers(8, 17, size=k)]
        elif gamma == "very_negative":
            gam = [Fraction(-int(g), 8) for g in rng.integers(16, 25, size=k)]
        else:
            gam = [Fraction(int(g), 8) for g in rng.choice(np.array([0, 1, 4, 7]), size=k)]
        r = np.empty((k, dim), dtype=object)
        for i in range(k):
            v = [sum((Fraction(int(Phi[i, s, c])) * int(ts[i, c]) for c in range(kf)), Fraction(0)) for s in range(dim)]
            z = [Fraction(0)] * dim
            null = sympy.Matrix(Phi[i].T.tolist()).nullspace()
            if null and all(dq[i, s] != 0 for s in range(dim)):
                w = sum((int(rng.integers(-2, 3)) * vec for vec in null), sympy.zeros(dim, 1))
                z = [Fraction(str(w[s])) / dq[i, s] for s in range(dim)]
            for s in range(dim):
                Pv = sum((Pq[i, s, j] * v[j] for j in range(dim)), Fraction(0))
                r[i, s] = v[s] - gam[i] * Pv + z[s]
            if not fixed:
                # move r at a state s with v_s ≠ 0 (v = Φ(θ - θ*)) so that θ* misses the fixed point by
                # Aθ* + b = Φᵀ D c e_s, with d_s v_s c > (1 + |γ|) max|v|² ≥ |⟪θ - θ*, A(θ - θ*)⟫| (Σ d = 1):
                # then ⟪θ - θ*, Aθ + b⟫ > 0 and the step moves away from θ*
                vd = [sum((Fraction(int(Phi[i, t, c])) * int(th[i, c] - ts[i, c]) for c in range(kf)), Fraction(0))
                      for t in range(dim)]
                s0 = max(range(dim), key=lambda t: (vd[t] != 0) * dq[i, t] * abs(vd[t]))
                big = (1 + abs(gam[i])) * max(abs(x) for x in vd) ** 2
                c_s = big / (dq[i, s0] * abs(vd[s0])) + 1 if vd[s0] != 0 and dq[i, s0] != 0 else Fraction(1)
                r[i, s0] += c_s if vd[s0] > 0 else -c_s
        if theta == "kernel":
            th = ts.copy()
        elif theta == "zero":
            th = np.zeros_like(ts)
        alp = QArray.of(rand_int(rng, (k,), 1, 16), 8) if alpha == "valid" else QArray.of(-rand_int(rng, (k,), 0, 8), 8)
        data = dict(b.data)
        data.pop("v")
        data.update({"Phi": QArray.of(Phi), "theta": QArray.of(th), "thetastar": QArray.of(ts), "r": QArray.of(r),
                     "gamma": QArray.of(np.array(gam, dtype=object)), "alpha": alp})
        out.append(Batch(data, label=b.label + f", k={kf}, γ {gamma}", meta=dict(b.meta)))
    return out


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


DIST_SUM = Hypothesis("dist_sum", "Σ_s d s = 1", lambda x, bk: [Relation(bk.sum(x["d"], axis=-1), "==", 1)])
ROW_SUM = Hypothesis("row_sum", "Σ_j P i j = 1 for every i", lambda x, bk: [Relation(bk.sum(x["P"], axis=-1), "==", 1)])


def _sampled_expectation(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    args = (x["alpha"], x["d"], x["r"], x["gamma"], x["P"], x["V"], bk)
    return [Relation(td0.expected_sampled_step(*args), "==", td0.weighted_step(*args))]


D_NONNEG = Hypothesis("d_nonneg", "0 ≤ d i for every i",
                      lambda x, bk: [Relation(0, "<=", -bk.maximum(-x["d"], axis=-1))])
STATIONARY = Hypothesis("stationary", "Stationary d P: Σ_i d i P i j = d j",
                        lambda x, bk: [Relation(td0.is_stationary(x["d"], x["P"], bk), "==", 0)])


def _nonexpansive(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    Pv = bk.matvec(x["P"], x["v"])
    return [Relation(td0.d_norm_sq(x["d"], Pv, bk), "<=", td0.d_norm_sq(x["d"], x["v"], bk))]


def _key_lemma(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    d, v, g = x["d"], x["v"], x["gamma"]
    lhs = bk.inner(v, td0.diag_mul(d, col(g) * bk.matvec(x["P"], v) - v, bk))
    return [Relation(lhs, "<=", -(1 - g) * td0.d_norm_sq(d, v, bk))]


D_POS = Hypothesis("d_pos", "0 < d i for every i", lambda x, bk: [Relation(0, "<", -bk.maximum(-x["d"], axis=-1))])
PHI_NE_ZERO = Hypothesis("phi_ne_zero", "Φ (θ - θ*) ≠ 0",
                         lambda x, bk: [Relation(bk.maximum(bk.abs(bk.matvec(x["Phi"], x["theta"] - x["thetastar"])),
                                                            axis=-1), ">", 0)])
PHI_THETA_NE_ZERO = Hypothesis("phi_ne_zero", "Φ θ ≠ 0",
                               lambda x, bk: [Relation(bk.maximum(bk.abs(bk.matvec(x["Phi"], x["theta"])), axis=-1),
                                                       ">", 0)])
TD_FIXED = Hypothesis(
    "td_fixed_point", "A θ* + b = 0 (A = Φᵀ D(γP - I)Φ, b = Φᵀ D r)",
    lambda x, bk: [Relation(bk.matvec(td0.lin_a(x["Phi"], x["d"], x["gamma"], x["P"], bk), x["thetastar"])
                            + td0.lin_b(x["Phi"], x["d"], x["r"], bk), "==", 0)],
)


def _negdef(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    A = td0.lin_a(x["Phi"], x["d"], x["gamma"], x["P"], bk)
    return [Relation(bk.inner(x["theta"], bk.matvec(A, x["theta"])), "<", 0)]


def _toward(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    th = x["theta"]
    step = td0.lin_step(x["alpha"], x["Phi"], x["d"], x["r"], x["gamma"], x["P"], th, bk)
    return [Relation(bk.inner(th - x["thetastar"], step - th), "<", 0)]


def _lin(**kw: Any) -> Any:
    return lambda rng, n: linear_instances(rng, n, **kw)


def _lin_small(**kw: Any) -> Any:
    return lambda rng, n: linear_instances(rng, n, dims=(2, 3), **kw)


def _stat(**kw: Any) -> Any:
    return lambda rng, n: stationary_instances(rng, n, **kw)


def _stat_small(**kw: Any) -> Any:
    return lambda rng, n: stationary_instances(rng, n, dims=(2, 3), **kw)


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


def _s_small(**kw: Any) -> Any:
    return lambda rng, n: mrp_instances(rng, n, dims=(1, 2, 5), **kw)


_STEP_HYPS = (ALPHA_POS, ALPHA_LE_ONE, GAMMA_NONNEG, ROW_STOCHASTIC, FIXED, SUP_V)
_STEP_NEC = {
    "alpha_pos": _s_small(alpha="negative"),
    "alpha_le_one": _s_small(alpha="big"),
    "gamma_nonneg": _s_small(gamma="negative"),
    "row_stochastic": _s_small(stochastic=False),
    "fixed_point": _s_small(fixed=False),
    "sup_bound": _s_small(bound="short"),
}
_GAMMA_NOTE = (
    "γ < 1 is not a hypothesis: the bound holds for every γ ≥ 0 (sampled with γ in [0, 1), γ = 1 and "
    "γ in (1, 2]); γ < 1 is what makes the factor 1 - α(1 - γ) smaller than 1, i.e. a contraction "
    "(tests/test_bio_td0.py shows the factor reaching 1 at γ = 1)."
)


def _step_sample(rng: np.random.Generator, n: int) -> list[Batch]:
    q = n // 5
    return (mrp_instances(rng, n - 2 * q) + mrp_instances(rng, q, dims=(1, 2, 5), gamma="one")
            + mrp_instances(rng, q, dims=(1, 2, 5), gamma="expanding"))

ENTRIES = [
    Entry(
        id="td0.sampled_expectation",
        rule="td0",
        kind="identity",
        lean_spec="LearningRules.TD0.sampled_expectation_spec",
        lean_proof="LearningRules.TD0.sampled_expectation",
        statement="Sutton's sampled TD(0) update V(s) ← V(s) + α(r_s + γV(s') - V(s)), averaged exactly over "
                  "s ~ d and s' ~ P(s,·) with Σ d = 1 and rows of P summing to 1, is the d-weighted expected "
                  "update V + α D(TV - V).",
        hypotheses=(DIST_SUM, ROW_SUM),
        conclusion=_sampled_expectation,
        sample=lambda rng, n: sampled_instances(rng, n),
        necessity={
            "dist_sum": lambda rng, n: sampled_instances(rng, n, dims=(1, 2, 3), dist_ok=False),
            "row_sum": lambda rng, n: sampled_instances(rng, n, dims=(1, 2, 3), rows_ok=False),
        },
        notes="Nonnegativity of d and P is not needed (sampled with signed rows), nor any range of α or γ. "
              "The Python mirror sums over s in a loop and over s' coordinatewise (each sampled update differs "
              "from V in coordinate s only); tests/test_bio_td0.py compares it with the literal double sum.",
    ),
    Entry(
        id="td0.stationary_nonexpansive",
        rule="td0",
        kind="bound",
        lean_spec="LearningRules.TD0.stationary_nonexpansive_spec",
        lean_proof="LearningRules.TD0.stationary_nonexpansive",
        statement="For row-stochastic P and a stationary distribution d ≥ 0 (dᵀP = dᵀ): "
                  "‖Pv‖²_D ≤ ‖v‖²_D with ‖v‖²_D = Σ d_i v_i² (Jensen row by row, then stationarity).",
        hypotheses=(ROW_STOCHASTIC, D_NONNEG, STATIONARY),
        conclusion=_nonexpansive,
        sample=_stat(),
        necessity={
            "row_stochastic": _stat_small(mode="signed_P"),
            "d_nonneg": _stat_small(mode="signed_d"),
            "stationary": _stat_small(mode="not_stationary"),
        },
        notes="The row_stochastic counterexamples keep the row sums and the stationarity of d and only give "
              "up nonnegative entries (P = 2I - Q).",
    ),
    Entry(
        id="td0.key_lemma",
        rule="td0",
        kind="bound",
        lean_spec="LearningRules.TD0.key_lemma_spec",
        lean_proof="LearningRules.TD0.key_lemma",
        statement="Tsitsiklis–Van Roy key lemma: for 0 ≤ γ, row-stochastic P and stationary d ≥ 0, "
                  "⟪v, D(γP - I)v⟫ ≤ -(1 - γ)‖v‖²_D; negative definite on ‖v‖²_D > 0 when γ < 1.",
        hypotheses=(GAMMA_NONNEG, ROW_STOCHASTIC, D_NONNEG, STATIONARY),
        conclusion=_key_lemma,
        sample=_stat(),
        necessity={
            "gamma_nonneg": _stat_small(gamma="negative"),
            "row_stochastic": _stat_small(mode="signed_P"),
            "d_nonneg": _stat_small(mode="signed_d"),
            "stationary": _stat_small(mode="not_stationary"),
        },
        notes="γ < 1 is not a hypothesis: the bound holds for every γ ≥ 0 (sampled with γ in [0, 2]); γ < 1 "
              "makes its right side negative.",
    ),
    Entry(
        id="td0.linear_negdef",
        rule="td0",
        kind="bound",
        lean_spec="LearningRules.TD0.linear_negdef_spec",
        lean_proof="LearningRules.TD0.linear_negdef",
        statement="Linear TD(0): for 0 ≤ γ < 1, row-stochastic P and a stationary d > 0, A = Φᵀ D(γP - I)Φ "
                  "is negative definite on Φθ ≠ 0: ⟪θ, Aθ⟫ < 0.",
        hypotheses=(GAMMA_NONNEG, GAMMA_LT_ONE, ROW_STOCHASTIC, D_POS, STATIONARY, PHI_THETA_NE_ZERO),
        conclusion=_negdef,
        sample=_lin(),
        necessity={
            "gamma_nonneg": _lin(dims=(2,), gamma="very_negative", kinds=("periodic",)),
            "gamma_lt_one": _lin_small(gamma="big"),
            "row_stochastic": _lin_small(mode="signed_P"),
            "d_pos": _lin_small(mode="signed_d"),
            "stationary": _lin_small(mode="transient"),
            "phi_ne_zero": _lin_small(theta="zero"),
        },
        notes="0 ≤ γ could be weakened to -1 < γ: the gamma_nonneg counterexamples need γ ≤ -1 "
              "(a periodic chain with Pv = -v).",
    ),
    Entry(
        id="td0.linear_toward_fixed_point",
        rule="td0",
        kind="improvement",
        lean_spec="LearningRules.TD0.linear_toward_fixed_point_spec",
        lean_proof="LearningRules.TD0.linear_toward_fixed_point",
        statement="At a TD fixed point Aθ* + b = 0, for 0 < α, 0 ≤ γ < 1, row-stochastic P, stationary d > 0 "
                  "and Φ(θ - θ*) ≠ 0, the expected linear TD(0) step θ' = θ + α(Aθ + b) satisfies "
                  "⟪θ - θ*, θ' - θ⟫ < 0 (it moves toward θ*).",
        hypotheses=(ALPHA_POS, GAMMA_NONNEG, GAMMA_LT_ONE, ROW_STOCHASTIC, D_POS, STATIONARY, TD_FIXED, PHI_NE_ZERO),
        conclusion=_toward,
        sample=_lin(),
        necessity={
            "alpha_pos": _lin_small(alpha="nonpositive"),
            "gamma_nonneg": _lin(dims=(2,), gamma="very_negative", kinds=("periodic",)),
            "gamma_lt_one": _lin_small(gamma="big"),
            "row_stochastic": _lin_small(mode="signed_P"),
            "d_pos": _lin_small(mode="signed_d"),
            "stationary": _lin_small(mode="transient"),
            "td_fixed_point": _lin_small(fixed=False),
            "phi_ne_zero": _lin_small(theta="kernel"),
        },
        notes="The reward is built as r = Φθ* - γPΦθ* + D⁻¹w with Φᵀw = 0, so θ* is an exact TD fixed point "
              "also where Φθ* is not the value function.",
    ),
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
        statement="For the synchronous expected update V' = V + α(TV - V) (damped value iteration) with "
                  "0 < α ≤ 1, 0 ≤ γ, row-stochastic P and T V* = V*: ‖V' - V*‖∞ ≤ (1 - α(1-γ)) ‖V - V*‖∞, "
                  "a contraction when γ < 1.",
        hypotheses=_STEP_HYPS,
        conclusion=_step_contraction,
        sample=_step_sample,
        necessity=_STEP_NEC,
        notes=_GAMMA_NOTE,
    ),
    Entry(
        id="td0.linear_rate",
        rule="td0",
        kind="convergence",
        lean_spec="LearningRules.TD0.linear_rate_spec",
        lean_proof="LearningRules.TD0.linear_rate",
        statement=f"Under the step hypotheses, the synchronous expected update satisfies "
                  f"‖V_k - V*‖∞ ≤ (1 - α(1-γ))^k ‖V_0 - V*‖∞, a linear rate when γ < 1 (checked for k ≤ {RATE_STEPS}).",
        hypotheses=_STEP_HYPS,
        conclusion=_linear_rate,
        sample=_step_sample,
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


def _sampled_cases(name: str, alpha: str, d: list[str], r: list[str], gamma: str, P: list[list[str]],
                   V: list[str], s: int, s2: int) -> list[VectorCase]:
    n = len(V)
    args = {"alpha": alpha, "d": d, "r": r, "gamma": gamma, "P": P, "V": V, "rew": r[s]}
    return [
        VectorCase("td0", f"{name}.sampledStep",
                   f"LearningRules.TD0.sampledStep {{alpha}} {{rew}} {{gamma}} ({s} : Fin {n}) ({s2} : Fin {n}) {{V}}",
                   args, lambda a, bk: td0.sampled_step(a["alpha"], a["rew"], a["gamma"], s, s2, a["V"], bk)),
        VectorCase("td0", f"{name}.expectedSampledStep",
                   "LearningRules.TD0.expectedSampledStep {alpha} {d} {r} {gamma} {P} {V}", args,
                   lambda a, bk: td0.expected_sampled_step(a["alpha"], a["d"], a["r"], a["gamma"], a["P"], a["V"], bk)),
        VectorCase("td0", f"{name}.weightedStep",
                   "LearningRules.TD0.weightedStep {alpha} {d} {r} {gamma} {P} {V}", args,
                   lambda a, bk: td0.weighted_step(a["alpha"], a["d"], a["r"], a["gamma"], a["P"], a["V"], bk)),
    ]


_LIN_ARGS = {"alpha": "1/2", "d": ["1/3", "2/3"], "r": ["1", "2"], "gamma": "1/2",
             "P": [["1/2", "1/2"], ["1/4", "3/4"]], "Phi": [["1", "0"], ["1", "2"]], "theta": ["1", "-1"]}

VECTORS: list[VectorCase] = [
    *_td_cases("two_state", "1/2", ["1", "0"], "9/10", [["1/2", "1/2"], ["0", "1"]], ["0", "3"]),
    *_td_cases("dim1", "1", ["-2"], "0", [["1"]], ["7/3"]),
    *_td_cases("three_state", "1/10", ["1", "-1", "1/2"], "99/100",
               [["0", "1", "0"], ["1/4", "1/4", "1/2"], ["1/3", "1/3", "1/3"]], ["1", "2", "-3/4"]),
    *_sampled_cases("sampled_two_state", "1/2", ["1/4", "3/4"], ["1", "0"], "9/10",
                    [["1/2", "1/2"], ["0", "1"]], ["0", "3"], 0, 1),
    *_sampled_cases("sampled_three_state", "1/10", ["1/3", "1/6", "1/2"], ["1", "-1", "1/2"], "99/100",
                    [["0", "1", "0"], ["1/4", "1/4", "1/2"], ["1/3", "1/3", "1/3"]], ["1", "2", "-3/4"], 2, 1),
    VectorCase("td0", "weighted.diagMul", "LearningRules.TD0.diagMul {d} {v}",
               {"d": ["1/3", "0", "2/3"], "v": ["3", "-5", "-1/2"]},
               lambda a, bk: td0.diag_mul(a["d"], a["v"], bk)),
    *[VectorCase("td0", f"linear.{name}", lean, _LIN_ARGS, fn) for name, lean, fn in (
        ("tdMat", "LearningRules.Mat.mulVec (LearningRules.TD0.tdMat {d} {gamma} {P}) {r}",
         lambda a, bk: bk.matvec(td0.td_mat(a["d"], a["gamma"], a["P"], bk), a["r"])),
        ("linA", "LearningRules.Mat.mulVec (LearningRules.TD0.linA {Phi} {d} {gamma} {P}) {theta}",
         lambda a, bk: bk.matvec(td0.lin_a(a["Phi"], a["d"], a["gamma"], a["P"], bk), a["theta"])),
        ("linB", "LearningRules.TD0.linB {Phi} {d} {r}", lambda a, bk: td0.lin_b(a["Phi"], a["d"], a["r"], bk)),
        ("linStep", "LearningRules.TD0.linStep {alpha} {Phi} {d} {r} {gamma} {P} {theta}",
         lambda a, bk: td0.lin_step(a["alpha"], a["Phi"], a["d"], a["r"], a["gamma"], a["P"], a["theta"], bk)),
    )],
    VectorCase("td0", "weighted.dNormSq", "LearningRules.TD0.dNormSq {d} {v}",
               {"d": ["1/3", "0", "2/3"], "v": ["3", "-5", "-1/2"]},
               lambda a, bk: td0.d_norm_sq(a["d"], a["v"], bk)),
]
