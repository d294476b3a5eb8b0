"""What a ``tune`` task asks for: the hyperparameters that optimise the quantity a theorem guarantees.

A tune task used to ask for *any* hyperparameters satisfying the hypotheses; a tiny step size almost always
does, so that measured nothing. Now each tunable entry names a quantity its theorems guarantee (or compute
exactly) and the task asks for hyperparameters that optimise it on this instance:

* gradient descent (improves): the guaranteed decrease ``η(1 - Lη/2)⟪g, g⟫`` of ``descent_bound``;
* gradient descent (non-convex): the bound ``2(F w₀ - F*)/(η(2 - Lη) T)`` on ``min_k ⟪g_k, g_k⟫`` (minimised);
* gradient descent (PL): the guaranteed contraction ``1 - ρ = μη(2 - Lη)`` of the rate factor ``ρ``;
* LMS: the contraction ``1 - ρ = 1 - (1 - η⟪x, x⟫)²`` of the squared error (``ρ`` minimal ⇔ ``|1 - η⟪x, x⟫|``
  minimal);
* EWC (improves, penalty_step_bound): the largest admissible ``lam`` (a supremum, not attained);
* feedback alignment: the exact loss decrease of ``first_order``;
* Oja (norm_decrease): the exact decrease of ``⟪w, w⟫`` given by ``norm_identity``;
* perturbation: the guaranteed decrease of the expected update, a GD step of size ``ηc``; for perturbation SGD
  over ``{±1}^n`` the guaranteed expected decrease ``η⟪g, g⟫ - Lη²n⟪g, g⟫/2`` (optimal at ``η = 1/(L n)``);
* predictive coding: the exact energy decrease of one inference step; the energy minimiser (fixed_point);
* quadratic: the exact decrease ``η⟪g, g⟫ - η²⟪g, A g⟫/2`` (``taylor``) under ``ηL < 2``;
* SGD: the guaranteed expected decrease ``η⟪ḡ, ḡ⟫ - Lη²(⟪ḡ, ḡ⟫ + σ²)/2`` of ``expected_descent``;
* TD(0): the guaranteed contraction ``α(1 - γ)`` of the rate ``1 - α(1 - γ)`` (``γ`` is pinned by the fixed
  point ``bellman r γ P V* = V*``).

Entries whose hypotheses leave nothing to optimise (Hebbian growth is unbounded in ``η``; Oja's
``norm_increase``/``orthogonal_iff``; EWC's penalty facts; the Bellman contraction, optimal at ``γ = 0``),
or whose optimum is irrational (SGD's non-convex rate, minimised at a square root), serve no tune tasks:
`objective_for` returns None and generation says why in `skipped()`.

Every optimum is computed exactly, in rationals, from the instance alone (closed forms: each quantity is a
concave quadratic in one step size, maximised on an interval, or a linear bound). Grading accepts an answer
when every hypothesis holds and the quantity is within the relative tolerance `TOLERANCE` of the optimum:
``value ≥ opt - tol·|opt|`` when maximising, ``value ≤ opt + tol·|opt|`` when minimising (so an optimum of 0
must be met exactly). Where the optimum is a supremum that no admissible choice attains (a strict
hypothesis), `Optimum.attained` is False and the prompt says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Literal, Mapping

import numpy as np

__all__ = ["TOLERANCE", "tolerance", "Optimum", "Objective", "OBJECTIVES", "NOT_TUNABLE", "objective_for", "within",
           "shortfall"]


def _q(p: int, r: int = 1) -> Any:
    import flint

    return flint.fmpq(p, r)


#: Default relative tolerance on the optimised quantity (1 %), as an exact rational's text.
TOLERANCE = "1/100"


def tolerance() -> Any:
    """`TOLERANCE` as an exact rational."""
    import flint

    return flint.fmpq(*map(int, TOLERANCE.split("/")))


@dataclass(frozen=True)
class Optimum:
    """The exact optimum of a task's quantity: its `value`, whether an admissible choice attains it, and
    `argopt`, an admissible choice within tolerance (the reference answer; never shown to an agent)."""

    value: Any
    attained: bool
    argopt: dict[str, Any]


Inst = Mapping[str, Any]


@dataclass(frozen=True)
class Objective:
    """The quantity a tune task optimises: `text` (in the instance's symbols), `sense`, the tunable `keys`,
    `value(x)` on a full instance and `optimum(x)` from the fixed part (None: nothing to optimise here)."""

    keys: tuple[str, ...]
    text: str
    sense: Literal["maximize", "minimize"]
    source: str
    value: Callable[[Inst], Any]
    optimum: Callable[[Inst], Optimum | None]
    diversify: Callable[[dict[str, Any], np.random.Generator], dict[str, Any]] | None = None
    notes: str = field(default="")


# -- exact helpers on batch-of-one fmpq arrays ------------------------------------------------------
def _v(x: Inst, k: str) -> Any:
    """The unbatched value of key `k` (an fmpq or an object array of them)."""
    return x[k][0]


def _dot(u: Any, v: Any) -> Any:
    return sum((np.asarray(u, dtype=object) * np.asarray(v, dtype=object)).reshape(-1).tolist(), _q(0))


def _mv(M: Any, v: Any) -> Any:
    return np.asarray(M, dtype=object) @ np.asarray(v, dtype=object)


def _concave_max(a: Any, b2: Any, upper: Any) -> tuple[Any, Any, bool]:
    """Maximise ``a t - b2 t²`` over ``0 < t < upper`` (``a > 0``): ``(t, value, attained)``; when the
    maximiser is at the open end, ``t`` is a point within half the tolerance of the supremum."""
    if b2 > 0 and a / (2 * b2) < upper:
        t = a / (2 * b2)
        return t, a * t - b2 * t * t, True
    sup = a * upper - b2 * upper * upper
    # approach the open end: the value is continuous, so a point close enough is within tolerance/2
    t = upper
    for k in range(1, 200):
        t = upper * (1 - _q(1, 2 ** k))
        if sup - (a * t - b2 * t * t) <= tolerance() / 2 * abs(sup):
            break
    return t, sup, False


def _F_quad(A: Any, b: Any, w: Any) -> Any:
    return _dot(w, _mv(A, w)) / 2 - _dot(b, w)


def _gd_grad(x: Inst) -> Any:
    return _mv(_v(x, "A"), _v(x, "w")) - _v(x, "b")


# -- gradient descent --------------------------------------------------------------------------------
def _gd_improves_value(x: Inst) -> Any:
    g = _gd_grad(x)
    eta, L = _v(x, "eta"), _v(x, "L")
    return eta * (1 - L * eta / 2) * _dot(g, g)


def _gd_improves_opt(x: Inst) -> Optimum | None:
    g = _gd_grad(x)
    L = _v(x, "L")
    G = _dot(g, g)
    if L <= 0 or G == 0:
        return None
    return Optimum(G / (2 * L), True, {"eta": 1 / L})


def _gd_nonconvex_value(x: Inst) -> Any:
    eta, L, T = _v(x, "eta"), _v(x, "L"), _v(x, "T")
    gap = _F_quad(_v(x, "A"), _v(x, "b"), _v(x, "w")) - _v(x, "Fstar")
    return 2 * gap / (eta * (2 - L * eta) * T)


def _gd_nonconvex_opt(x: Inst) -> Optimum | None:
    L, T = _v(x, "L"), _v(x, "T")
    gap = _F_quad(_v(x, "A"), _v(x, "b"), _v(x, "w")) - _v(x, "Fstar")
    if L <= 0 or gap <= 0 or T <= 0:
        return None
    return Optimum(2 * L * gap / T, True, {"eta": 1 / L})


def _gd_pl_value(x: Inst) -> Any:
    eta, L, mu = _v(x, "eta"), _v(x, "L"), _v(x, "mu")
    return mu * eta * (2 - L * eta)


def _gd_pl_opt(x: Inst) -> Optimum | None:
    L, mu = _v(x, "L"), _v(x, "mu")
    if L <= 0 or mu <= 0 or mu > L:
        return None
    return Optimum(mu / L, True, {"eta": 1 / L})


# -- LMS -----------------------------------------------------------------------------------------------
def _lms_value(x: Inst) -> Any:
    s = _dot(_v(x, "x"), _v(x, "x"))
    r = 1 - _v(x, "eta") * s
    return 1 - r * r


def _lms_opt(x: Inst) -> Optimum | None:
    s = _dot(_v(x, "x"), _v(x, "x"))
    if s == 0:
        return None
    return Optimum(_q(1), True, {"eta": 1 / s})


# -- EWC -----------------------------------------------------------------------------------------------
def _ewc_value(x: Inst) -> Any:
    return _v(x, "lam")


def _ewc_opt(x: Inst) -> Optimum | None:
    eta, L, Fmax = _v(x, "eta"), _v(x, "L"), _v(x, "Fmax")
    if eta <= 0 or Fmax <= 0:
        return None
    sup = (2 / eta - L) / Fmax
    if sup <= 0:
        return None
    return Optimum(sup, False, {"lam": sup * (1 - tolerance() / 4)})


# -- feedback alignment -----------------------------------------------------------------------------------
def _fa_parts(x: Inst) -> tuple[Any, Any, Any]:
    W1, W2, B, xx, y = (_v(x, k) for k in ("W1", "W2", "B", "x", "y"))
    e = _mv(W2, _mv(W1, xx)) - y
    u = _mv(W2, _mv(B, e))
    return _dot(e, u), _dot(u, u), _dot(xx, xx)


def _fa_value(x: Inst) -> Any:
    eu, uu, s = _fa_parts(x)
    eta = _v(x, "eta")
    return eta * eu * s - eta * eta * s * s * uu / 2


def _fa_opt(x: Inst) -> Optimum | None:
    """Maximise the exact decrease over the admissible steps ``0 < η⟪x, x⟫β < 2α`` of ``improves``."""
    eu, uu, s = _fa_parts(x)
    alpha, beta = _v(x, "alpha"), _v(x, "beta")
    if eu <= 0 or uu == 0 or s == 0 or alpha <= 0 or beta <= 0:
        return None
    eta, value, attained = _concave_max(eu * s, s * s * uu / 2, 2 * alpha / (s * beta))
    return Optimum(value, attained, {"eta": eta})


# -- Oja -------------------------------------------------------------------------------------------------
def _oja_parts(x: Inst) -> tuple[Any, Any, Any]:
    w, xx = _v(x, "w"), _v(x, "x")
    y = _dot(w, xx)
    d = xx - y * w
    return y * y, _dot(w, w), _dot(d, d)


def _oja_value(x: Inst) -> Any:
    y2, n, D = _oja_parts(x)
    eta = _v(x, "eta")
    return 2 * eta * y2 * (n - 1) - eta * eta * y2 * D


def _oja_opt(x: Inst) -> Optimum | None:
    y2, n, D = _oja_parts(x)
    if y2 == 0 or n <= 1 or D == 0:
        return None
    return Optimum(y2 * (n - 1) * (n - 1) / D, True, {"eta": (n - 1) / D})


# -- perturbation ------------------------------------------------------------------------------------------
def _pt_value(x: Inst) -> Any:
    g = _gd_grad(x)
    t = _v(x, "eta") * _v(x, "c")
    return t * (1 - _v(x, "L") * t / 2) * _dot(g, g)


def _pt_opt(x: Inst) -> Optimum | None:
    g = _gd_grad(x)
    L, c = _v(x, "L"), _v(x, "c")
    G = _dot(g, g)
    if L <= 0 or c <= 0 or G == 0:
        return None
    return Optimum(G / (2 * L), True, {"eta": 1 / (c * L)})


def _pt_sgd_value(x: Inst) -> Any:
    g = _gd_grad(x)
    eta, L = _v(x, "eta"), _v(x, "L")
    n = len(np.asarray(_v(x, "w"), dtype=object))
    return eta * _dot(g, g) - L * eta * eta * n * _dot(g, g) / 2


def _pt_sgd_opt(x: Inst) -> Optimum | None:
    """``η⟪g, g⟫ - Lη²n⟪g, g⟫/2`` is maximal at ``η = 1/(L n)`` (inside ``0 < η L n < 2``): ``⟪g, g⟫/(2 L n)``."""
    g = _gd_grad(x)
    L = _v(x, "L")
    n = len(np.asarray(_v(x, "w"), dtype=object))
    G = _dot(g, g)
    if L <= 0 or G == 0 or n == 0:
        return None
    return Optimum(G / (2 * L * n), True, {"eta": 1 / (L * n)})


# -- quadratic (exact decrease) ---------------------------------------------------------------------------
def _quad_value(x: Inst) -> Any:
    g = _gd_grad(x)
    eta = _v(x, "eta")
    return eta * _dot(g, g) - eta * eta * _dot(g, _mv(_v(x, "A"), g)) / 2


def _quad_opt(x: Inst) -> Optimum | None:
    g = _gd_grad(x)
    L = _v(x, "L")
    G = _dot(g, g)
    if L <= 0 or G == 0:
        return None
    t, val, att = _concave_max(G, _dot(g, _mv(_v(x, "A"), g)) / 2, 2 / L)
    return Optimum(val, att, {"eta": t})


# -- predictive coding ----------------------------------------------------------------------------------------
def _pc_grad(x: Inst) -> Any:
    W, lam, mu0, xx, mu = (_v(x, k) for k in ("W", "lam", "mu0", "x", "mu"))
    r = xx - _mv(W, mu)
    return lam * (mu - mu0) - _mv(np.asarray(W, dtype=object).T, r)


def _pc_curv(x: Inst, g: Any) -> Any:
    Wg = _mv(_v(x, "W"), g)
    return _dot(Wg, Wg) + _v(x, "lam") * _dot(g, g)


def _pc_decrease_value(x: Inst) -> Any:
    g = _pc_grad(x)
    gam = _v(x, "gamma")
    return gam * _dot(g, g) - gam * gam * _pc_curv(x, g) / 2


def _pc_decrease_opt(x: Inst) -> Optimum | None:
    g = _pc_grad(x)
    L = _v(x, "L")
    G = _dot(g, g)
    if L <= 0 or G == 0:
        return None
    t, val, att = _concave_max(G, _pc_curv(x, g) / 2, 2 / L)
    return Optimum(val, att, {"gamma": t})


def _pc_energy(x: Inst) -> Any:
    W, lam, mu0, xx, mu = (_v(x, k) for k in ("W", "lam", "mu0", "x", "mu"))
    r = xx - _mv(W, mu)
    d = mu - mu0
    return _dot(r, r) / 2 + lam / 2 * _dot(d, d)


def _pc_fixed_opt(x: Inst) -> Optimum | None:
    import flint

    W, lam, mu0, xx = (np.asarray(_v(x, k), dtype=object) for k in ("W", "lam", "mu0", "x"))
    lam = _v(x, "lam")
    if lam <= 0:  # WᵀW + lam I positive definite: one minimiser
        return None
    n = W.shape[1]
    H = W.T @ W
    for i in range(n):
        H[i, i] = H[i, i] + lam
    rhs = W.T @ xx + lam * mu0
    sol = flint.fmpq_mat(n, n, [H[i, j] for i in range(n) for j in range(n)]).solve(
        flint.fmpq_mat(n, 1, list(rhs)))
    mu = [sol[i, 0] for i in range(n)]
    y = dict(x)
    arr = np.empty((1, n), dtype=object)
    arr[0, :] = mu
    y["mu"] = arr
    return Optimum(_pc_energy(y), True, {"mu": mu})


# -- SGD --------------------------------------------------------------------------------------------------
def _sgd_parts(x: Inst) -> tuple[Any, Any]:
    As, bs, w = (np.asarray(_v(x, k), dtype=object) for k in ("As", "bs", "w"))
    m = As.shape[0]
    G = [As[i] @ w - bs[i] for i in range(m)]
    gbar = sum(G[1:], G[0]) / m
    s2 = sum((_dot(gi - gbar, gi - gbar) for gi in G), _q(0)) / m
    return _dot(gbar, gbar), s2


def _sgd_value(x: Inst) -> Any:
    G, s2 = _sgd_parts(x)
    eta, L = _v(x, "eta"), _v(x, "L")
    return eta * G - L * eta * eta * (G + s2) / 2


def _sgd_opt(x: Inst) -> Optimum | None:
    G, s2 = _sgd_parts(x)
    L = _v(x, "L")
    if L <= 0 or G == 0:
        return None
    return Optimum(G * G / (2 * L * (G + s2)), True, {"eta": G / (L * (G + s2))})


# -- TD(0) -------------------------------------------------------------------------------------------------
def _td_value(x: Inst) -> Any:
    return _v(x, "alpha") * (1 - _v(x, "gamma"))


def _td_opt(x: Inst) -> Optimum | None:
    P, r, Vs = (np.asarray(_v(x, k), dtype=object) for k in ("P", "r", "Vstar"))
    PV = P @ Vs
    res = Vs - r
    nz = [i for i in range(len(PV)) if PV[i] != 0]
    if nz:
        gam = res[nz[0]] / PV[nz[0]]
        if any(gam * PV[i] != res[i] for i in range(len(PV))):
            return None
    elif all(v == 0 for v in res):
        gam = _q(0)
    else:
        return None
    if not (0 <= gam < 1):
        return None
    return Optimum(1 - gam, True, {"alpha": _q(1), "gamma": gam})


# -- diversifying instances ---------------------------------------------------------------------------------
# The catalog's samplers draw small integers, so optima such as 1/L repeat across instances and one task's
# answer would solve another. Each transformation below is a symmetry of the entry's hypotheses and
# conclusion (scaling the loss, or the data, by a random rational; re-choosing a discount factor and the
# reward that makes V* its fixed point), so the instance stays valid and its optimum moves.
def _factor(rng: np.random.Generator, lo: int, hi: int) -> Fraction:
    """A random rational m/100 · 10^a with 100 ≤ m < 1000 and lo ≤ a ≤ hi (log-uniform-ish)."""
    return Fraction(int(rng.integers(100, 1000)), 100) * Fraction(10) ** int(rng.integers(lo, hi + 1))


def _scale_leaves(v: Any, f: Fraction) -> Any:
    if isinstance(v, list):
        return [_scale_leaves(u, f) for u in v]
    return str(Fraction(v) * f)


def _scaling(keys: tuple[str, ...], power: int = 1, lo: int = -3, hi: int = 2, also: tuple[str, ...] = (),
             also_power: int = 1) -> Callable[[dict[str, Any], np.random.Generator], dict[str, Any]]:
    """Multiply `keys` by t^power and `also` by t^also_power, for a random rational t."""

    def go(inst: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
        t = _factor(rng, lo, hi)
        out = dict(inst)
        for k in keys:
            if k in out:
                out[k] = _scale_leaves(out[k], t ** power)
        for k in also:
            if k in out:
                out[k] = _scale_leaves(out[k], t ** also_power)
        return out

    return go


def _td_diversify(inst: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    """A new discount γ' = p/q in (0, 1) and the reward r = V* - γ' P V* that makes V* its fixed point."""
    q = int(rng.integers(3, 100))
    g = Fraction(int(rng.integers(1, q)), q)
    P = [[Fraction(a) for a in row] for row in inst["P"]]
    Vs = [Fraction(a) for a in inst["Vstar"]]
    out = dict(inst)
    out["r"] = [str(Vs[i] - g * sum((P[i][j] * Vs[j] for j in range(len(Vs))), Fraction(0))) for i in range(len(Vs))]
    return out


_LOSS = _scaling(("A", "b", "L", "Fstar", "mu", "As", "bs", "c"))

_GD = "g = A w - b (the gradient of F w = ½⟪w, A w⟫ - ⟪b, w⟫)"

#: entry id -> its objective.
OBJECTIVES: dict[str, Objective] = {
    "gradient_descent.improves": Objective(
        ("eta",), f"the decrease guaranteed by descent_bound, η(1 - Lη/2)⟪g, g⟫, with {_GD}", "maximize",
        "LearningRules.GradientDescent.descent_bound", _gd_improves_value, _gd_improves_opt, _LOSS),
    "gradient_descent.nonconvex_min_grad": Objective(
        ("eta",), "the bound 2(F w₀ - F*)/(η(2 - Lη)T) that the theorem puts on min over k < T of ⟪g_k, g_k⟫ "
                  "(F w₀ = ½⟪w, A w⟫ - ⟪b, w⟫ at the given w)", "minimize",
        "LearningRules.GradientDescent.nonconvex_min_grad", _gd_nonconvex_value, _gd_nonconvex_opt, _LOSS),
    "gradient_descent.pl_rate": Objective(
        ("eta",), "the guaranteed contraction per step 1 - ρ = μη(2 - Lη), where ρ = 1 - μη(2 - Lη) is the "
                  "proved rate factor (maximising it minimises ρ)", "maximize",
        "LearningRules.GradientDescent.pl_rate", _gd_pl_value, _gd_pl_opt, _LOSS),
    "lms.convergence": Objective(
        ("eta",), "the guaranteed contraction of the squared error per step, 1 - ρ with ρ = (1 - η⟪x, x⟫)² "
                  "(maximising it minimises |1 - η⟪x, x⟫|)", "maximize",
        "LearningRules.LMS.convergence", _lms_value, _lms_opt, _scaling(("x", "y"), lo=-2, hi=1)),
    "ewc.improves": Objective(
        ("lam",), "lam itself: the largest admissible penalty weight (the strongest protection of the old task "
                  "for which the theorem still applies)", "maximize", "LearningRules.EWC.improves",
        _ewc_value, _ewc_opt),
    "ewc.penalty_step_bound": Objective(
        ("lam",), "lam itself: the largest admissible penalty weight", "maximize",
        "LearningRules.EWC.penalty_step_bound", _ewc_value, _ewc_opt),
    "feedback_alignment.improves": Objective(
        ("eta",), "the exact loss decrease of one step, η⟪e, u⟫⟪x, x⟫ - η²⟪x, x⟫²⟪u, u⟫/2 with e = W2 W1 x - y "
                  "and u = W2 B e (the identity feedback_alignment.first_order)", "maximize",
        "LearningRules.FeedbackAlignment.first_order", _fa_value, _fa_opt, _scaling(("x", "y"), lo=-2, hi=1)),
    "oja.norm_decrease": Objective(
        ("eta",), "the exact decrease of ⟪w, w⟫ in one step, 2ηy²(⟪w, w⟫ - 1) - η²y²⟪d, d⟫ with y = ⟪w, x⟫ and "
                  "d = x - y w (the identity oja.norm_identity)", "maximize", "LearningRules.Oja.norm_identity",
        _oja_value, _oja_opt, _scaling(("x",), lo=-2, hi=1)),
    "perturbation.expected_improves": Objective(
        ("eta",), f"the decrease guaranteed for the expected update (a GD step of size ηc), "
                  f"ηc(1 - Lηc/2)⟪g, g⟫, with {_GD}", "maximize",
        "LearningRules.GradientDescent.descent_bound", _pt_value, _pt_opt, _scaling(("A", "b", "L"))),
    "perturbation.sgd_expected_descent": Objective(
        ("eta",), f"the expected decrease guaranteed by sgd_expected_descent, η⟪g, g⟫ - Lη²n⟪g, g⟫/2 (n the "
                  f"dimension of w), with {_GD}", "maximize",
        "LearningRules.Perturbation.sgd_expected_descent", _pt_sgd_value, _pt_sgd_opt, _scaling(("A", "b", "L"))),
    "predictive_coding.energy_decrease": Objective(
        ("gamma",), "the exact energy decrease of one inference step, γ⟪g, g⟫ - γ²(⟪W g, W g⟫ + lam⟪g, g⟫)/2 "
                    "with g = grad W lam mu0 x mu", "maximize", "LearningRules.PredictiveCoding.energy_decrease",
        _pc_decrease_value, _pc_decrease_opt,
        _scaling(("W", "x"), lo=-2, hi=1, also=("lam", "L"), also_power=2)),
    "predictive_coding.fixed_point": Objective(
        ("mu",), "the energy ½⟪x - W mu, x - W mu⟫ + lam/2 ⟪mu - mu0, mu - mu0⟫; its minimiser is the stationary "
                 "point the theorem is about", "minimize", "LearningRules.PredictiveCoding.fixed_point",
        _pc_energy, _pc_fixed_opt),
    "quadratic.improves": Objective(
        ("eta",), f"the exact decrease of F in one step, η⟪g, g⟫ - η²⟪g, A g⟫/2, with {_GD} (the identity "
                  "quadratic.taylor)", "maximize", "LearningRules.Quadratic.taylor", _quad_value, _quad_opt, _LOSS),
    "sgd.expected_improves": Objective(
        ("eta",), "the expected decrease guaranteed by expected_descent, η⟪ḡ, ḡ⟫ - Lη²(⟪ḡ, ḡ⟫ + σ²)/2, with "
                  "g_i = As_i w - bs_i, ḡ their mean and σ² = (1/m) Σ ⟪g_i - ḡ, g_i - ḡ⟫", "maximize",
        "LearningRules.SGD.expected_descent", _sgd_value, _sgd_opt, _LOSS),
    "td0.step_contraction": Objective(
        ("gamma", "alpha"), "the guaranteed contraction per step α(1 - γ) (the proved rate is 1 - α(1 - γ))",
        "maximize", "LearningRules.TD0.step_contraction", _td_value, _td_opt, _td_diversify),
    "td0.linear_rate": Objective(
        ("gamma", "alpha"), "the guaranteed contraction per step α(1 - γ) (the proved rate is 1 - α(1 - γ))",
        "maximize", "LearningRules.TD0.linear_rate", _td_value, _td_opt, _td_diversify),
}

#: entry id -> why it serves no tune task.
NOT_TUNABLE: dict[str, str] = {
    "ewc.penalty_eq_zero_iff": "any lam > 0 works and nothing is optimised",
    "ewc.penalty_nonneg": "any lam ≥ 0 works and nothing is optimised",
    "ewc.total_smooth": "the smoothness constant L + lam·Fmax is smallest at lam = 0, a constant answer",
    "hebbian.growth": "the guaranteed growth 1 + η⟪x, x⟫ is unbounded in η",
    "hebbian.increase": "the increase of ½⟪w, x⟫² is unbounded in η",
    "hebbian.increaseC": "the increase of ½⟪w, C w⟫ is unbounded in η",
    "hebbian.rayleigh": "the Rayleigh quotient of (I + ηC)w only approaches its supremum as η → ∞; no η attains it",
    "oja.norm_increase": "the increase of ⟪w, w⟫ is unbounded in η",
    "oja.orthogonal_iff": "any η ≠ 0 works and nothing is optimised",
    "oja.fixed_iff": "any η ≠ 0 works and nothing is optimised",
    "oja.eigen_fixed_iff": "any η ≠ 0 works and nothing is optimised",
    "oja.fixed_points": "any η ≠ 0 works and nothing is optimised",
    "td0.bellman_contraction": "the contraction factor γ is smallest at γ = 0, a constant answer",
    "gradient_descent.nesterov_rate": "the only constant is L (step 1/L, t_k fixed); the bound 2L⟪w₀ - x*, w₀ - x*⟫/(k + 1)² "
                                      "is smallest at the smallest admissible L, λ_max(A), read off the instance",
    "sgd.nonconvex_rate": "the bound 2(F w₀ - F*)/(ηT) + Lησ² is minimised at η = √(2(F w₀ - F*)/(T L σ²)) "
                          "(when below 1/L), irrational in general, while every optimum here is an exact rational",
}


def objective_for(entry_id: str) -> Objective | None:
    """The objective of an entry's tune tasks, or None (see `NOT_TUNABLE`)."""
    return OBJECTIVES.get(entry_id)


def within(obj: Objective, value: Any, opt: Any, tol: Any | None = None) -> bool:
    """Whether `value` is within the relative tolerance of the optimum `opt` (exact)."""
    t = tolerance() if tol is None else tol
    if obj.sense == "maximize":
        return bool(value >= opt - t * abs(opt))
    return bool(value <= opt + t * abs(opt))


def shortfall(obj: Objective, value: Any, opt: Any) -> str:
    """How far `value` is from `opt`, in words (relative, as a percentage, never the optimum itself)."""
    gap = (opt - value) if obj.sense == "maximize" else (value - opt)
    if opt == 0:
        return "it must equal the optimum exactly (the optimum is 0)"
    rel = float(gap / abs(opt)) * 100
    side = "below" if obj.sense == "maximize" else "above"
    return f"{rel:.3g}% {side} the optimum"
