"""Catalog entries for predictive-coding inference (`lean/LearningRules/PredictiveCoding.lean`).

Instances: generative weights `W` (m × n integers over 2), prior `(mu0, lam)`, observation `x`, latent
`mu`, rate `γ`, and `L` = Gershgorin bound of `WᵀW` plus `lam`, so `L` bounds the curvature `WᵀW + lam I`
exactly. Shapes `(m, n)` ∈ {(1, 1), (3, 2), (2, 5), (8, 64)}; regimes: plain, ill-conditioned `W`,
`lam = 0`, `lam < 0` (the statement assumes no sign), `γ L` just below 2, and a latent within `10⁻⁶`
of a fixed point (tiny gradient). Fixed points are built exactly: `mu0 = mu - Wᵀ(x - W mu) / lam`.

Two-layer network against backpropagation (`net_instances`): `W1` (h × n, integers over 2), `W2` (p × h,
integers), input `x`, target `y`, hidden node `mu`. Equilibria are built exactly from an output error
`ε`: `mu = W1 x + W2ᵀ ε`, `y = ε + W2 mu`. Regimes: plain, ill-conditioned `W2`, `ε = 0` (the target is
predicted), and `W2ᵀ ε = 0` (then `δ = ε` and backprop's hidden error `W2ᵀ δ` vanishes: the only case in
which PC and backprop coincide).
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

__all__ = ["ENTRIES", "VECTORS", "pc_instances", "SHAPES", "net_instances", "NET_SHAPES"]

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


NET_SHAPES: tuple[tuple[int, int, int], ...] = ((1, 1, 1), (3, 2, 2), (2, 3, 4), (5, 4, 3), (64, 8, 3))
NET_REGIMES = ("plain", "ill-conditioned", "ε = 0", "W2ᵀ ε = 0")


def _kernel_W2(rng: np.random.Generator, p: int, hd: int) -> tuple[np.ndarray, np.ndarray]:
    """An integer `W2` (p × h) and a non-zero integer `v` with `W2ᵀ v = 0` (`W2 = 0` when `p = 1`)."""
    v = rand_int(rng, (p,), -3, 3)
    v[-1] = 1
    W2 = rand_int(rng, (p, hd), -3, 3)
    if p == 1:
        W2[:] = 0
    else:
        W2[-1, :] = -(v[:-1] @ W2[:-1, :])
    return W2, v


def net_instances(rng: np.random.Generator, n: int, *, shapes: Sequence[tuple[int, int, int]] = NET_SHAPES,
                  regimes: Sequence[str] = NET_REGIMES, equilibrium: bool = True) -> list[Batch]:
    """Batches of `(W1, W2, x, y, mu)`. With `equilibrium` the hidden node is at an inference equilibrium
    (`netGrad = 0`), built from an output error `ε` (`mu = W1 x + W2ᵀ ε`, `y = ε + W2 mu`); without it `mu`
    is moved off by a non-zero vector `u` (`W2ᵀ W2 u + u ≠ 0`, so `netGrad ≠ 0`), keeping `y`. In the
    regime ``W2ᵀ ε = 0`` without equilibrium, `y = W2 W1 x + v` with `W2ᵀ v = 0` (so `W2 W2ᵀ δ = 0`) and
    `mu = W1 x + u`, `W2 u ≠ 0`, so that the output error differs from `δ`."""
    out: list[Batch] = []
    dims = [s[0] for s in shapes]
    cells = [(s, r) for s in shapes for r in regimes]
    for ((dn, hd, p), regime), k in zip(cells, cell_counts(n, dims, len(regimes))):
        if k == 0:
            continue
        W1 = rand_int(rng, (k, hd, dn), -3, 3)
        x = rand_int(rng, (k, dn), -4, 4)
        x[np.all(x == 0, axis=1), 0] = 1
        W2 = np.empty((k, p, hd), dtype=np.int64)
        eps = np.empty((k, p), dtype=np.int64)
        for i in range(k):
            if regime == "W2ᵀ ε = 0":
                W2[i], eps[i] = _kernel_W2(rng, p, hd)
            else:
                W2[i] = rand_int(rng, (p, hd), -3, 3)
                if regime == "ill-conditioned":
                    W2[i, :, 0] *= 20
                eps[i] = 0 if regime == "ε = 0" else rand_int(rng, (p,), -6, 6)
        # exact values: W1 over 2, x over 2, ε over 4
        W1q = np.frompyfunc(lambda v: Fraction(int(v), 2), 1, 1)(W1)
        xq = np.frompyfunc(lambda v: Fraction(int(v), 2), 1, 1)(x)
        eq = np.frompyfunc(lambda v: Fraction(int(v), 4), 1, 1)(eps)
        W2q = W2.astype(object)
        W1x = np.einsum("bij,bj->bi", W1q, xq)
        if equilibrium:
            mu = W1x + np.einsum("bai,ba->bi", W2q, eq)
            y = eq + np.einsum("bai,bi->ba", W2q, mu)
        elif regime == "W2ᵀ ε = 0":
            y = np.einsum("bai,bi->ba", W2q, W1x) + eq
            mu = W1x.copy()
            for i in range(k):
                j = int(np.argmax(np.any(W2[i] != 0, axis=0))) if np.any(W2[i] != 0) else 0
                mu[i, j] += 1  # W2 u ≠ 0 unless W2 = 0 (p = 1), where ε = δ anyway
        else:
            mu0 = W1x + np.einsum("bai,ba->bi", W2q, eq)
            y = eq + np.einsum("bai,bi->ba", W2q, mu0)
            mu = mu0.copy()
            mu[:, 0] += Fraction(1, 2)  # netGrad = u + W2ᵀ W2 u with u = e₀ / 2: never 0
        obj = lambda a: QArray.of(np.asarray(a, dtype=object))  # noqa: E731
        out.append(Batch({"W1": QArray.of(W1, 2), "W2": QArray.of(W2), "x": QArray.of(x, 2), "y": obj(y), "mu": obj(mu)},
                         label=f"n={dn}, h={hd}, p={p}, {regime}", meta={"dim": dn}))
    return out


def _net(x: Mapping[str, Any], bk: Backend) -> tuple[Any, Any, Any]:
    """(ε, W2ᵀ ε, δ) of a network instance."""
    eps = pc.output_error(x["W2"], x["y"], x["mu"], bk)
    return eps, bk.rmatvec(x["W2"], eps), pc.bp_error(x["W1"], x["W2"], x["x"], x["y"], bk)


def _equilibrium(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    eps, Ge, delta = _net(x, bk)
    return [Relation(pc.hidden_error(x["W1"], x["x"], x["mu"], bk), "==", Ge),
            Relation(eps + bk.matvec(x["W2"], Ge), "==", delta)]


def _updates(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    eps, Ge, _ = _net(x, bk)
    return [Relation(pc.pc_update1(x["W1"], x["x"], x["mu"], bk), "==", pc.bp_update1(x["W2"], x["x"], eps, bk)),
            Relation(pc.pc_update2(x["W2"], x["y"], x["mu"], bk), "==",
                     pc.bp_update2(x["W1"], x["x"], eps, bk) + bk.outer(eps, Ge))]


def _allrows(v: Any, bk: Backend) -> np.ndarray:
    a = np.asarray(v.numpy() if bk.is_torch else v, dtype=bool)
    return np.asarray(a.reshape(a.shape[0], -1).all(axis=1))


def _coincide(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    eps, _, delta = _net(x, bk)
    WWd = bk.matvec(x["W2"], bk.rmatvec(x["W2"], delta))
    same = _allrows(eps == delta, bk)
    kills = _allrows(WWd == 0, bk)
    u1 = _allrows(pc.pc_update1(x["W1"], x["x"], x["mu"], bk) == pc.bp_update1(x["W2"], x["x"], delta, bk), bk)
    u2 = _allrows(pc.pc_update2(x["W2"], x["y"], x["mu"], bk) == pc.bp_update2(x["W1"], x["x"], delta, bk), bk)
    return [Relation((same == kills).astype(np.int64), "==", 1),
            Relation((~kills | (u1 & u2)).astype(np.int64), "==", 1)]


NET_EQ = Hypothesis("equilibrium", "the hidden node is at an inference equilibrium: netGrad W1 W2 x y mu = 0 "
                                   "(checked exactly)",
                    lambda x, bk: [Relation(pc.net_grad(x["W1"], x["W2"], x["x"], x["y"], x["mu"], bk), "==",
                                            bk.zeros_like(x["mu"]))])


def _net_s(**kw: Any) -> Any:
    return lambda rng, n: net_instances(rng, n, **kw)


_NET_SMALL = ((1, 1, 1), (3, 2, 2), (2, 3, 4))


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
        notes="Fidelity: this is grad = 0 with the definition of grad rearranged, nothing more. It stays as the balance "
              "equation in which Rao–Ballard and Bogacz state the equilibrium (prior-error units equal the "
              "back-projected prediction-error units), and the energy-minimising tune task rests on it; the "
              "substantive equilibrium statements are the two-layer entries predictive_coding.equilibrium, "
              "weight_updates and coincide.",
    ),
    Entry(
        id="predictive_coding.equilibrium", rule="predictive_coding", kind="identity",
        lean_spec="LearningRules.PredictiveCoding.equilibrium_spec",
        lean_proof="LearningRules.PredictiveCoding.equilibrium",
        statement="Two-layer linear network (Whittington–Bogacz): at an inference equilibrium (netGrad = 0) the hidden "
                  "error is W2ᵀ ε and the output error ε = y - W2 mu solves ε + W2 W2ᵀ ε = δ, i.e. (I + W2 W2ᵀ) ε = δ, "
                  "with δ = y - W2 W1 x the backprop error.",
        hypotheses=(NET_EQ,), conclusion=_equilibrium, sample=_net_s(),
        necessity={"equilibrium": _net_s(shapes=_NET_SMALL, regimes=("plain",), equilibrium=False)},
    ),
    Entry(
        id="predictive_coding.weight_updates", rule="predictive_coding", kind="identity",
        lean_spec="LearningRules.PredictiveCoding.weight_updates_spec",
        lean_proof="LearningRules.PredictiveCoding.weight_updates",
        statement="At an inference equilibrium PC's weight updates are backprop's with δ replaced by ε (which solves "
                  "(I + W2 W2ᵀ) ε = δ): (mu - W1 x) xᵀ = (W2ᵀ ε) xᵀ exactly, and ε muᵀ = ε (W1 x)ᵀ + ε (W2ᵀ ε)ᵀ.",
        hypotheses=(NET_EQ,), conclusion=_updates, sample=_net_s(),
        necessity={"equilibrium": _net_s(shapes=_NET_SMALL, regimes=("plain",), equilibrium=False)},
        notes="The second layer's extra term ε (W2ᵀ ε)ᵀ is there because the hidden node sits at W1 x + W2ᵀ ε, not at "
              "the feed-forward value W1 x.",
    ),
    Entry(
        id="predictive_coding.coincide", rule="predictive_coding", kind="other",
        lean_spec="LearningRules.PredictiveCoding.coincide_spec",
        lean_proof="LearningRules.PredictiveCoding.coincide",
        statement="At an inference equilibrium, ε = δ exactly when W2 W2ᵀ δ = 0, and then PC's updates of both layers "
                  "are backprop's.",
        hypotheses=(NET_EQ,), conclusion=_coincide, sample=_net_s(),
        necessity={"equilibrium": _net_s(shapes=_NET_SMALL, regimes=("W2ᵀ ε = 0",), equilibrium=False)},
        notes="W2 W2ᵀ δ = 0 forces W2ᵀ δ = 0 (⟪W2ᵀ δ, W2ᵀ δ⟫ = ⟪δ, W2 W2ᵀ δ⟫): PC and backprop coincide exactly only "
              "when backprop's hidden error vanishes; otherwise they differ by (I + W2 W2ᵀ)⁻¹ on the output error. "
              "Sampled in both cases (the regime W2ᵀ ε = 0 and generic equilibria).",
    ),
]

_W = [["1", "-1/2"], ["2", "0"], ["1/3", "1"]]
_ARGS = {"W": _W, "lam": "1/2", "mu0": ["0", "1"], "x": ["1", "-1", "2"], "mu": ["1/2", "-1/4"], "gamma": "1/5"}

_NET_ARGS = {"W1": [["1", "-1/2", "0"], ["2", "1/3", "-1"]], "W2": [["1", "2"], ["-1/2", "3"]],
             "x": ["1", "-2", "1/2"], "y": ["3/2", "-1"], "mu": ["1/4", "2"], "v": ["1", "0", "-2/3"],
             "u": ["-1", "1/2"]}

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
    *[VectorCase("predictive_coding", f"{name}.2x3x2", template, _NET_ARGS, fn) for name, template, fn in (
        ("hiddenError", "LearningRules.PredictiveCoding.hiddenError {W1} {x} {mu}",
         lambda a, bk: pc.hidden_error(a["W1"], a["x"], a["mu"], bk)),
        ("outputError", "LearningRules.PredictiveCoding.outputError {W2} {y} {mu}",
         lambda a, bk: pc.output_error(a["W2"], a["y"], a["mu"], bk)),
        ("netEnergy", "LearningRules.PredictiveCoding.netEnergy {W1} {W2} {x} {y} {mu}",
         lambda a, bk: pc.net_energy(a["W1"], a["W2"], a["x"], a["y"], a["mu"], bk)),
        ("netGrad", "LearningRules.PredictiveCoding.netGrad {W1} {W2} {x} {y} {mu}",
         lambda a, bk: pc.net_grad(a["W1"], a["W2"], a["x"], a["y"], a["mu"], bk)),
        ("bpError", "LearningRules.PredictiveCoding.bpError {W1} {W2} {x} {y}",
         lambda a, bk: pc.bp_error(a["W1"], a["W2"], a["x"], a["y"], bk)),
        ("pcUpdate1_mulVec", "LearningRules.Mat.mulVec (LearningRules.PredictiveCoding.pcUpdate₁ {W1} {x} {mu}) {v}",
         lambda a, bk: bk.matvec(pc.pc_update1(a["W1"], a["x"], a["mu"], bk), a["v"])),
        ("pcUpdate2_mulVec", "LearningRules.Mat.mulVec (LearningRules.PredictiveCoding.pcUpdate₂ {W2} {y} {mu}) {u}",
         lambda a, bk: bk.matvec(pc.pc_update2(a["W2"], a["y"], a["mu"], bk), a["u"])),
        ("bpUpdate1_mulVec", "LearningRules.Mat.mulVec (LearningRules.PredictiveCoding.bpUpdate₁ {W2} {x} {y}) {v}",
         lambda a, bk: bk.matvec(pc.bp_update1(a["W2"], a["x"], a["y"], bk), a["v"])),
        ("bpUpdate2_mulVec", "LearningRules.Mat.mulVec (LearningRules.PredictiveCoding.bpUpdate₂ {W1} {x} {y}) {u}",
         lambda a, bk: bk.matvec(pc.bp_update2(a["W1"], a["x"], a["y"], bk), a["u"])),
        ("outer_mulVec", "LearningRules.Mat.mulVec (LearningRules.PredictiveCoding.outer {y} {mu}) {u}",
         lambda a, bk: bk.matvec(pc.outer(a["y"], a["mu"], bk), a["u"])),
    )],
]
