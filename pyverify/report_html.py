"""`pyverify report --out DIR`: a self-contained HTML page with matplotlib figures.

For seven rules (gradient descent under PL, LMS, the perceptron, TD(0), Oja, Hebbian, predictive coding) the
page shows a trajectory of the rule's own implementation (`pyverify.rules.*`) on one instance against the proved bound,
and the same picture on an instance that breaks one hypothesis, where the bound fails. The trajectories
are computed in **exact rational arithmetic** (python-flint) with the rule's code, and the bound is
compared with the iterates exactly at every plotted step; the figure's caption states the outcome of that
comparison (`Figure.holds`), which the tests check against the rule's iterates. The plot itself shows
the same numbers rounded to float.

For every rule of the catalog it also shows the rule's headline entry on sampled instances (quantity against
bound), and for every necessity counterexample the conclusion broken on that instance (`pyverify.report_catalog`).

The page also has the edge-of-stability monitor traces (`pyverify.demo_eos`; measured in float, empirical),
the "what checks what" table and the benchmark table copied from README.md (a recorded run, not re-measured
by the report), and the table of necessity results (`check_necessity`, exact arithmetic).

The Lean proofs named in captions are written but **not kernel-checked in this environment**; no caption
claims otherwise. Needs the `report` extra (matplotlib, scikit-learn) and, for the monitor traces, `torch`.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .backend import get_backend
from .errors import InvalidArgumentError, MissingDependencyError

__all__ = ["Figure", "rule_figures", "build_report", "markdown_table_to_html"]

NOT_KERNEL_CHECKED = "proof written, not kernel-checked in this environment"


def _plt() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise MissingDependencyError("the report needs matplotlib: pip install -e \".[report]\"") from exc
    return plt


@dataclass
class Figure:
    """One figure: the plotted series (exact where `exact`), the bound, and whether it held at every step."""

    name: str
    title: str
    theorem: str
    entry: str
    xlabel: str
    ylabel: str
    ks: list[int]
    values: list[Any]  # exact (fmpq/Fraction) or float, one per k
    bound: list[Any]
    relation: str  # "le": values ≤ bound, "lt": values < bound, "ge": values ≥ bound
    broken: str | None = None  # the dropped hypothesis, for a necessity figure
    checker: str = "exact rational arithmetic"
    note: str = ""
    logy: bool = False
    holds_at: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.ks) != len(self.values) or len(self.ks) != len(self.bound):
            raise InvalidArgumentError(f"figure {self.name}: ks, values and bound must have the same length")
        ops: dict[str, Callable[[Any, Any], bool]] = {"le": lambda a, b: a <= b, "lt": lambda a, b: a < b,
                                                        "ge": lambda a, b: a >= b}
        if self.relation not in ops:
            raise InvalidArgumentError(f"figure {self.name}: relation={self.relation!r} is not one of {sorted(ops)}")
        cmp = ops[self.relation]
        self.holds_at = [bool(cmp(v, b)) for v, b in zip(self.values, self.bound)]

    @property
    def holds(self) -> bool:
        return all(self.holds_at)

    def caption(self) -> str:
        sym = {"le": "≤", "lt": "<", "ge": "≥"}[self.relation]
        if self.broken:
            status = (f"Hypothesis `{self.broken}` dropped: the bound fails at k = "
                      f"{', '.join(str(k) for k, h in zip(self.ks, self.holds_at) if not h)}"
                      if not self.holds else f"Hypothesis `{self.broken}` dropped, yet the bound held here")
        else:
            status = (f"value {sym} bound at every plotted k" if self.holds
                      else "BOUND VIOLATED at some k (a defect: report it)")
        return (f"{self.title}. Theorem: {self.theorem} (catalog `{self.entry}`; {NOT_KERNEL_CHECKED}). "
                f"{status}, compared in {self.checker} on the iterates of the rule's implementation. {self.note}")

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "entry": self.entry, "theorem": self.theorem, "broken": self.broken,
                "ks": self.ks, "values": [str(v) for v in self.values], "bound": [str(b) for b in self.bound],
                "relation": self.relation, "holds_at": self.holds_at, "checked_by": self.checker}


# -- exact helpers ------------------------------------------------------------------------------------
_EX = get_backend("exact")


def _q(values: Any) -> Any:
    """Exact (batched) array from nested lists of ints/strings/Fractions."""
    return _EX.asarray(np.asarray(values, dtype=object))


def _s(x: Any) -> Any:
    """The single exact scalar of a batch-of-one result."""
    return np.asarray(x).reshape(-1)[0]


def _f(x: Any) -> float:
    """Round an exact number to float for drawing (±inf beyond the float range)."""
    p, q = (int(x.p), int(x.q)) if hasattr(x, "p") else (Fraction(x).numerator, Fraction(x).denominator)
    try:
        return p / q
    except OverflowError:
        return float("inf") if p > 0 else float("-inf")


def _pow(x: Any, k: int) -> Any:
    out = _EX.const(1)
    for _ in range(k):
        out = out * x
    return out


# -- the rules ------------------------------------------------------------------------------------------
def _gd_pl(eta: Fraction, broken: bool) -> Figure:
    from .rules import gradient_descent as gd

    A = _q([[[1, 0], [0, 4]]])
    b = _q([[1, 2]])
    w = _q([[3, -2]])
    L, mu = _EX.const(4), _EX.const(1)
    e = _EX.asarray(np.asarray([eta], dtype=object))
    et = _s(e)

    def F(v: Any) -> Any:
        return _s(_EX.inner(v, _EX.matvec(A, v)) / 2 - _EX.inner(b, v))

    def grad(v: Any) -> Any:
        return _EX.matvec(A, v) - b

    wstar = _q([[1, Fraction(1, 2)]])
    Fstar = F(wstar)
    rho = 1 - mu * et * (2 - L * et)
    ks, vals, bnd = [], [], []
    v = w
    gap0 = F(w) - Fstar
    for k in range(13):
        ks.append(k)
        vals.append(F(v) - Fstar)
        bnd.append(_pow(rho, k) * gap0)
        v = gd.step(grad, e, v, _EX, validate=False)
    return Figure(
        name="gd_pl" + ("_broken" if broken else ""),
        title=(f"Gradient descent on F(w) = ½wᵀAw − bᵀw, A = diag(1, 4) (L = 4, μ = 1), η = {eta}"
               + (" (ηL > 2)" if broken else "")),
        theorem="GradientDescent.pl_rate: F(w_k) − F* ≤ (1 − μη(2 − Lη))^k (F(w₀) − F*)",
        entry="gradient_descent.pl_rate", xlabel="step k", ylabel="F(w_k) − F* (loss units)",
        ks=ks, values=vals, bound=bnd, relation="le", broken="step_mul_lt_two" if broken else None, logy=True,
        note="With ηL > 2 the stated rate (1 − μη(2 − Lη)) exceeds 1 and still under-estimates the growth." if broken else "",
    )


def _lms(eta: Fraction, broken: bool) -> Figure:
    from .rules import lms

    x, y, w = _q([[1, 2]]), _q([3]), _q([[0, 0]])
    e = _EX.asarray(np.asarray([eta], dtype=object))
    its = lms.iterate(e, x, y, w, 8, _EX, validate=False)
    errs = [_s(lms.error(x, y, v, _EX, validate=False)) for v in its]
    t = _s(e) * _s(_EX.inner(x, x))
    ks = list(range(len(errs)))
    if broken:
        vals = [er * er for er in errs]
        bnd = [errs[0] * errs[0]] * len(errs)  # the improvement claim: the error never grows
        return Figure(
            name="lms_broken", title=f"LMS on one sample, ⟪x, x⟫ = 5, η = {eta} (η⟪x, x⟫ = {t} ≥ 2)",
            theorem="LMS.loss_decrease_iff: one step lowers the squared error iff 0 < η⟪x, x⟫ < 2",
            entry="lms.loss_decrease_iff", xlabel="step k", ylabel="squared error e_k² (target units²)",
            ks=ks, values=vals, bound=bnd, relation="le", broken="step_mul_lt_two", logy=True,
            note="The bound drawn is e₀² (no increase); with η⟪x, x⟫ ≥ 2 the error is multiplied by |1 − η⟪x, x⟫| ≥ 1 each step.",
        )
    rho = (1 - t) * (1 - t)
    return Figure(
        name="lms", title=f"LMS on one sample, ⟪x, x⟫ = 5, η = {eta} (η⟪x, x⟫ = {t})",
        theorem="LMS.convergence: e_k² ≤ ρ^k e₀² with ρ = (1 − η⟪x, x⟫)² < 1",
        entry="lms.convergence", xlabel="step k", ylabel="squared error e_k² (target units²)",
        ks=ks, values=[er * er for er in errs], bound=[_pow(rho, k) * errs[0] * errs[0] for k in ks],
        relation="le", logy=True, note="On a single repeated sample the bound is an equality (LMS.error_iterate).",
    )


def _perceptron(broken: bool) -> Figure:
    from .rules import perceptron

    xs = [[2, 1], [1, 3], [-1, -2], [-3, -1], [2, -1], [-2, 1]]
    ys = [1, 1, -1, -1, 1, -1]
    u = [1, 1]
    U = _q([u])
    R2 = max(_s(_EX.inner(_q([x]), _q([x]))) for x in xs)
    margins = [_s(_EX.inner(_q([x]), U)) * yy for x, yy in zip(xs, ys)]
    if broken:  # (2, 1) again with the opposite label: no direction separates the data
        xs, ys = xs + [[2, 1]], ys + [-1]
    X, Y = _q([xs]), _q([ys])
    gamma = min(margins)
    bound = R2 * _s(_EX.inner(U, U)) / (gamma * gamma)
    ks, vals = [], []
    for fuel in range(0, 31, 3):
        _, count = perceptron.train(fuel, X, Y, _q([[0, 0]]), _EX, validate=False)
        ks.append(fuel)
        vals.append(_s(count))
    return Figure(
        name="perceptron" + ("_broken" if broken else ""),
        title=("Perceptron on 6 points in the plane" + (" plus (2, 1) again with label −1 (not separable)" if broken
               else f", separable along u = (1, 1) with margin γ = {gamma}")),
        theorem="Perceptron.convergence (Novikoff): mistakes · γ² ≤ R² ⟪u, u⟫",
        entry="perceptron.convergence", xlabel="passes over the data (fuel)", ylabel="mistake updates (count)",
        ks=ks, values=vals, bound=[bound] * len(ks), relation="le", broken="separable" if broken else None,
        note=f"R² = {R2}; the bound R²⟪u, u⟫/γ² = {bound} is computed from the separable labelling in both figures.",
    )


def _td0(broken: bool) -> Figure:
    from .rules import td0

    if broken:
        P = _q([[[2]]])  # rows sum to 2: not a transition matrix
        r, gamma, alpha = _q([[1]]), Fraction(3, 4), Fraction(1, 2)
        Vstar = _q([[-2]])  # the fixed point of r + γ P V: V = 1 + 1.5 V
        V0 = _q([[1]])
    else:
        P = _q([[[Fraction(1, 2), Fraction(1, 2), 0], [0, Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), 0, Fraction(1, 2)]]])
        r, gamma, alpha = _q([[1, 0, -1]]), Fraction(1, 2), Fraction(1, 2)
        # V* = (I − γP)⁻¹ r, exactly
        M = np.eye(3, dtype=object) - np.asarray([[Fraction(1, 2), Fraction(1, 2), 0], [0, Fraction(1, 2), Fraction(1, 2)],
                                                  [Fraction(1, 2), 0, Fraction(1, 2)]], dtype=object) * gamma
        Vstar = _q([_solve(M, [Fraction(1), Fraction(0), Fraction(-1)])])
        V0 = _q([[4, -2, 0]])
    g = _EX.asarray(np.asarray([gamma], dtype=object))
    a = _EX.asarray(np.asarray([alpha], dtype=object))
    its = td0.iterate(8, a, r, g, P, V0, _EX)
    errs = [_s(td0.sup_norm(v - Vstar, _EX)) for v in its]
    rho = 1 - _s(a) * (1 - _s(g))
    ks = list(range(len(errs)))
    return Figure(
        name="td0" + ("_broken" if broken else ""),
        title=(f"Expected TD(0), α = {alpha}, γ = {gamma}" + (", P = [[2]] (not row-stochastic)" if broken
               else ", 3-state cyclic chain")),
        theorem="TD0.linear_rate: ‖V_k − V*‖∞ ≤ (1 − α(1 − γ))^k ‖V₀ − V*‖∞",
        entry="td0.linear_rate", xlabel="step k", ylabel="‖V_k − V*‖∞ (value units)",
        ks=ks, values=errs, bound=[_pow(rho, k) * errs[0] for k in ks], relation="le",
        broken="row_stochastic" if broken else None, logy=True,
    )


def _solve(M: np.ndarray, rhs: list[Fraction]) -> list[Fraction]:
    """Gaussian elimination over the rationals (small systems)."""
    n = len(rhs)
    A = [[Fraction(M[i, j]) for j in range(n)] + [rhs[i]] for i in range(n)]
    for c in range(n):
        p = next(i for i in range(c, n) if A[i][c] != 0)
        A[c], A[p] = A[p], A[c]
        for i in range(n):
            if i != c and A[i][c] != 0:
                f = A[i][c] / A[c][c]
                A[i] = [a - f * b for a, b in zip(A[i], A[c])]
    return [A[i][n] / A[i][i] for i in range(n)]


def _oja(broken: bool) -> Figure:
    from .rules import oja

    x = _q([[1, 1]])
    w = _q([[1, Fraction(1, 2)]])  # ⟪w, w⟫ = 5/4: outside the unit ball
    eta = Fraction(3, 2) if broken else Fraction(1, 20)
    e = _EX.asarray(np.asarray([eta], dtype=object))
    ks, vals, bnd = [], [], []
    v = w
    for k in range(5 if broken else 9):  # broken: the norm explodes (10^7 at k = 4, 10^595 at k = 8)
        n2 = _s(_EX.inner(v, v))
        ks.append(k)
        vals.append(abs(n2 - 1))
        bnd.append(vals[0] if k == 0 else vals[-2])  # each step: |⟪w', w'⟫ − 1| ≤ the previous one
        v = oja.step(e, x, v, _EX)
    return Figure(
        name="oja" + ("_broken" if broken else ""),
        title=f"Oja's rule on one input x = (1, 1) from ⟪w, w⟫ = 5/4, η = {eta}",
        theorem=("Oja.norm_decrease / Oja.norm_increase: outside the unit ball, with η⟪d, d⟫ < 2(⟪w, w⟫ − 1), a step "
                 "lowers ⟪w, w⟫; inside it raises it"),
        entry="oja.norm_decrease", xlabel="step k", ylabel="|⟪w_k, w_k⟫ − 1| (squared weight norm)",
        ks=ks, values=vals, bound=bnd, relation="le", broken="step_small" if broken else None,
        note=("The bound drawn is the previous step's value (no step moves the norm away from 1). This is a picture of "
              "the one-step theorems along a run; no theorem here states the whole run's monotonicity, and the "
              "condition η⟪d, d⟫ < 2(⟪w, w⟫ − 1) is not re-checked at every k."
              if not broken else "With η = 3/2 the step overshoots the unit sphere."),
    )


def _hebbian(broken: bool) -> Figure:
    from .rules import hebbian

    x = _q([[1, 1]])
    w = _q([[1, 0]])
    eta = Fraction(-1, 4) if broken else Fraction(1, 4)
    e = _EX.asarray(np.asarray([eta], dtype=object))
    its = hebbian.iterate(8, e, x, w, _EX)
    s = _s(_EX.inner(x, x))
    y0 = _s(_EX.inner(w, x))
    grow = 1 + _s(e) * s
    ks = list(range(len(its)))
    vals = [_s(_EX.inner(v, v)) * s for v in its]
    bnd = [_pow(grow, 2 * k) * y0 * y0 for k in ks]
    if broken:  # the one-step increase of ½⟪w, x⟫², drawn against the previous value
        obj = [_s(_EX.inner(v, x)) ** 2 / 2 for v in its]
        return Figure(
            name="hebbian_broken", title=f"Hebbian rule on one input x = (1, 1), w₀ = (1, 0), η = {eta} (η < 0)",
            theorem="Hebbian.increase: for η > 0 and ⟪w, x⟫ ≠ 0 a step strictly increases ½⟪w, x⟫²",
            entry="hebbian.increase", xlabel="step k", ylabel="½⟪w_k, x⟫² (objective, weight² · input²)",
            ks=ks, values=obj, bound=[obj[0]] + obj[:-1], relation="ge", broken="eta_pos", logy=True,
            note="The bound drawn is the previous step's value; with η < 0 the objective shrinks by (1 + η⟪x, x⟫)² per step.",
        )
    return Figure(
        name="hebbian",
        title=f"Hebbian rule on one input x = (1, 1), w₀ = (1, 0), η = {eta}",
        theorem="Hebbian.growth: ⟪w_k, w_k⟫⟪x, x⟫ ≥ (1 + η⟪x, x⟫)^{2k} ⟪w₀, x⟫² with 1 < 1 + η⟪x, x⟫",
        entry="hebbian.growth", xlabel="step k", ylabel="⟪w_k, w_k⟫ ⟪x, x⟫ (weight² · input²)",
        ks=ks, values=vals, bound=bnd, relation="ge", logy=True,
    )


def _predictive_coding(broken: bool) -> Figure:
    from .rules import predictive_coding as pc

    W, lam, mu0, x = _q([[[1, Fraction(1, 2)], [0, 1]]]), _q([Fraction(1, 2)]), _q([[0, 0]]), _q([[1, 2]])
    L = Fraction(9, 4)  # Gershgorin bound of WᵀW + lam I = [[3/2, 1/2], [1/2, 7/4]]: max row sum 7/4 + 1/2
    gamma = Fraction(6, 5) if broken else Fraction(1, 2)
    g = _EX.asarray(np.asarray([gamma], dtype=object))
    mu = _q([[2, -1]])
    energies = [_s(pc.energy(W, lam, mu0, x, mu, _EX, validate=False))]
    for _ in range(10):
        mu = pc.step(g, W, lam, mu0, x, mu, _EX, validate=False)
        energies.append(_s(pc.energy(W, lam, mu0, x, mu, _EX, validate=False)))
    ks = list(range(1, len(energies)))
    return Figure(
        name="predictive_coding" + ("_broken" if broken else ""),
        title=(f"Predictive-coding inference, W = [[1, ½], [0, 1]], λ = ½, x = (1, 2), μ₀ = (2, −1), L = 9/4, "
               f"γ = {gamma} (γL = {gamma * L})"),
        theorem="PredictiveCoding.energy_decrease: 0 < γ, γL < 2, curvature bound L, ∇E ≠ 0 ⇒ E(μ′) < E(μ)",
        entry="predictive_coding.energy_decrease", xlabel="inference step k",
        ylabel="energy E(μ_k) (½ squared error units)", ks=ks, values=energies[1:], bound=energies[:-1],
        relation="lt", broken="step_mul_lt_two" if broken else None, logy=True,
        note=("The bound drawn is the previous step's energy E(μ_{k−1}) (a one-step theorem applied along the run; "
              "∇E ≠ 0 holds at every plotted iterate since the energy keeps changing)."
              if not broken else "With γL ≥ 2 the top eigen-direction of WᵀW + λI is over-corrected and the energy grows."),
    )


def catalog_ids() -> list[str]:
    from .catalog import catalog

    return [e.id for e in catalog()]


def rule_figures() -> list[Figure]:
    """Every rule figure of the report: one within the proved conditions and one with a hypothesis dropped."""
    return [
        _gd_pl(Fraction(1, 5), False), _gd_pl(Fraction(11, 20), True),
        _lms(Fraction(1, 10), False), _lms(Fraction(1, 2), True),
        _perceptron(False), _perceptron(True),
        _td0(False), _td0(True),
        _oja(False), _oja(True),
        _hebbian(False), _hebbian(True),
        _predictive_coding(False), _predictive_coding(True),
    ]


# -- drawing ------------------------------------------------------------------------------------------
def draw_rule_figure(fig: Figure, path: Path) -> None:
    plt = _plt()
    f, ax = plt.subplots(figsize=(6.0, 3.6), dpi=90)
    vals = [_f(v) for v in fig.values]
    bnd = [_f(b) for b in fig.bound]
    ax.plot(fig.ks, vals, "o-", color="tab:blue", label="rule iterates (exact, shown rounded)")
    ax.plot(fig.ks, bnd, "--", color="tab:green" if not fig.broken else "tab:red", label="proved bound"
            if not fig.broken else "bound (hypothesis dropped)")
    bad = [(k, v) for k, v, h in zip(fig.ks, vals, fig.holds_at) if not h]
    if bad:
        ax.plot([k for k, _ in bad], [v for _, v in bad], "x", color="tab:red", ms=10, mew=2, label="bound broken")
    if fig.logy and all(v > 0 for v in vals + bnd):
        ax.set_yscale("log")
    ax.set_xlabel(fig.xlabel)
    ax.set_ylabel(fig.ylabel)
    ax.set_title(fig.title, fontsize=8, y=1.0)
    ax.legend(fontsize=7)
    f.tight_layout()
    f.savefig(path, format="png")
    plt.close(f)


def draw_eos(result: Any, path: Path) -> None:
    """Three panels per step size: loss, ΔF per step, sharpness against 2/η (from the monitor's records)."""
    plt = _plt()
    runs = result.runs
    f, axes = plt.subplots(3, 1, figsize=(7.0, 7.5), dpi=90, sharex=True)
    colors = ["tab:blue", "tab:orange", "tab:green", "tab:purple"]
    for i, r in enumerate(runs):
        c = colors[i % len(colors)]
        steps = [x.step for x in r.records]
        axes[0].plot(steps, [x.loss_before for x in r.records], color=c, lw=1, label=f"η = {r.lr:g}")
        df = [x.delta_f if x.delta_f is not None else np.nan for x in r.records]
        axes[1].plot(steps, df, color=c, lw=0.6)
        ss, sv = r.sharpness_series()
        axes[2].plot(ss, sv, ".-", color=c, ms=3, lw=1, label=f"sharpness, η = {r.lr:g}")
        axes[2].axhline(2 / r.lr, color=c, ls="--", lw=1, label=f"2/η = {2 / r.lr:.2f}")
    axes[0].set_yscale("log")
    axes[0].set_ylabel("training loss F (½ squared error)")
    axes[0].legend(fontsize=7)
    axes[1].set_yscale("symlog", linthresh=1e-5)
    axes[1].axhline(0, color="k", lw=0.5)
    axes[1].set_ylabel("ΔF = F(w) − F(w′)")
    axes[2].set_ylabel("top Hessian eigenvalue")
    axes[2].set_xlabel("GD step (full batch)")
    axes[2].legend(fontsize=6, ncol=2)
    axes[2].set_ylim(0, max(2 / r.lr for r in runs if 2 / r.lr < 50) * 1.4 if any(2 / r.lr < 50 for r in runs) else None)
    axes[0].set_title("Edge of stability: tanh MLP on digits, full-batch GD (measured, float32)", fontsize=9)
    f.tight_layout()
    f.savefig(path, format="png")
    plt.close(f)


# -- markdown → html (the two tables copied from README) -----------------------------------------------
def _inline(md: str) -> str:
    s = html.escape(md)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"`(.+?)`", r"<code>\1</code>", s)
    s = re.sub(r"\[(.+?)\]\((.+?)\)", r"\1", s)
    return s


def markdown_table_to_html(md: str) -> str:
    """The first markdown table in `md` as an HTML table (bold, code and links rendered simply)."""
    rows = [ln.strip() for ln in md.splitlines() if ln.strip().startswith("|")]
    if len(rows) < 2:
        raise InvalidArgumentError("no markdown table found; pass text containing a | header | row and a |---| row")
    cells = [[c.strip() for c in r.strip("|").split(" | ")] for r in rows if not re.fullmatch(r"\|[\s|:-]+\|", r)]
    head, body = cells[0], cells[1:]
    out = ["<table>", "<tr>" + "".join(f"<th>{_inline(c)}</th>" for c in head) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in body]
    return "\n".join(out + ["</table>"])


def _readme_section(readme: str, heading: str) -> str:
    m = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", readme, flags=re.S | re.M)
    if not m:
        raise InvalidArgumentError(f"README has no section '## {heading}'; the report copies its table from there")
    return m.group(1)


# -- the page -------------------------------------------------------------------------------------------
CSS = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
       "figure{margin:1.5em 0}figcaption{font-size:0.9em;color:#333}table{border-collapse:collapse;font-size:0.85em}"
       "td,th{border:1px solid #bbb;padding:3px 6px;vertical-align:top}code{background:#f3f3f3}")


def build_report(
    out_dir: str | Path,
    *,
    readme: str | Path | None = None,
    demo_steps: int = 2000,
    demo_step_sizes: Sequence[float] | None = None,
    with_demo: bool = True,
    progress: bool = True,
    necessity_entries: Sequence[str] | None = None,
    necessity_samples: int = 64,
) -> Path:
    """Write `out_dir/index.html`, its PNG figures and `figures.json`; return the page's path.

    `necessity_entries` limits the necessity search and its figures to these catalog ids (default: every
    entry; the tests use a few to stay fast); `necessity_samples` is the search's sample count per sampler.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.console import Console

    from .catalog import rules
    from .lean.sources import project_root
    from .report_catalog import draw_catalog_figure, necessity_figures, sampled_figure

    _plt()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InvalidArgumentError(f"--out {out} is a file; pass a directory (it is created if missing)")
    out.mkdir(parents=True, exist_ok=True)
    readme_path = Path(readme) if readme is not None else project_root() / "README.md"
    if not readme_path.is_file():
        raise InvalidArgumentError(f"readme={str(readme_path)!r} does not exist; pass the project's README.md")
    readme_text = readme_path.read_text(encoding="utf-8")
    what = markdown_table_to_html(_readme_section(readme_text, "What checks what"))
    bench = markdown_table_to_html(_readme_section(readme_text, "Benchmarks"))
    parts: list[str] = []
    sampled_parts: list[str] = []
    nec_parts: list[str] = []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True, disable=not progress) as bar:
        figs = rule_figures()
        rule_names = rules()
        n_nec = len(necessity_entries) if necessity_entries is not None else len(catalog_ids())
        demo_total = demo_steps * len(demo_step_sizes or (0.1, 0.3, 0.5)) if with_demo else 0
        t_rules = bar.add_task("rule trajectories", total=len(figs))
        t_sampled = bar.add_task("sampled instances, every rule", total=len(rule_names))
        t_nec = bar.add_task("necessity search", total=n_nec)
        t_draw = bar.add_task("necessity figures", total=None)
        t_demo = bar.add_task("edge-of-stability demo", total=demo_total) if with_demo else None
        for fig in figs:
            draw_rule_figure(fig, out / f"{fig.name}.png")
            parts.append(f'<figure id="{fig.name}"><img src="{fig.name}.png" alt="{html.escape(fig.title)}">'
                         f"<figcaption>{_inline(fig.caption())}</figcaption></figure>")
            bar.advance(t_rules)
        cat_figs = []
        for rule in rule_names:
            cf = sampled_figure(rule)
            draw_catalog_figure(cf, out / f"{cf.name}.png")
            sampled_parts.append(f'<figure id="{cf.name}"><img src="{cf.name}.png" alt="{html.escape(cf.entry)}">'
                                 f"<figcaption>{_inline(cf.caption())}</figcaption></figure>")
            cat_figs.append(cf)
            bar.advance(t_sampled)
        nfigs, nres = necessity_figures(necessity_entries, samples=necessity_samples,
                                        progress=lambda: bar.advance(t_nec))
        bar.update(t_draw, total=len(nfigs))
        for cf in nfigs:
            draw_catalog_figure(cf, out / f"{cf.name}.png")
            nec_parts.append(f'<figure id="{cf.name}"><img src="{cf.name}.png" alt="{html.escape(cf.entry)}">'
                             f"<figcaption>{_inline(cf.caption())}</figcaption></figure>")
            cat_figs.append(cf)
            bar.advance(t_draw)
        nec_rows = []
        for r in nres:
            cx = r.counterexample or {}
            inst = json.dumps(cx.get("instance", cx))[:160] if r.counterexample else ""
            nec_rows.append(f"<tr><td><code>{r.id}</code></td><td><code>{html.escape(r.hypothesis)}</code></td>"
                            f"<td>{r.status}</td><td><code>{html.escape(inst)}</code></td></tr>")
        eos_html = "<p>Not run (<code>--no-demo</code>).</p>"
        if with_demo:
            from .demo_eos import DEFAULT_STEP_SIZES, PAPER, describe, run_edge_of_stability

            assert t_demo is not None
            res = run_edge_of_stability(tuple(demo_step_sizes or DEFAULT_STEP_SIZES), steps=demo_steps,
                                        out_dir=out, progress=lambda lr, k: bar.advance(t_demo))
            draw_eos(res, out / "eos.png")
            items = "".join(f"<li>{html.escape(line)}</li>" for line in describe(res))
            eos_html = (
                f'<figure id="eos"><img src="eos.png" alt="edge of stability traces"><figcaption>'
                f"Monitor traces ({html.escape(PAPER)}): loss, per-step ΔF and the sharpness (top Hessian eigenvalue, "
                f"Lanczos on Hessian-vector products every {res.config['sharpness_every']} steps, options "
                f"{html.escape(json.dumps(res.config['sharpness_options']))}) against 2/η. "
                "Measured in float32/float64 (float sampling, empirical). The proved guarantee "
                "(GradientDescent.improves: ηL &lt; 2 ⇒ ΔF &gt; 0, catalog <code>gradient_descent.improves</code>; "
                f"{NOT_KERNEL_CHECKED}) needs a global L; above the dashed lines η·sharpness ≥ 2 and it does not apply."
                f"</figcaption></figure><ul>{items}</ul><p>Run time {res.seconds:.1f} s; records in "
                + ", ".join(f"<code>eos_lr{r.lr:g}.jsonl</code>" for r in res.runs) + ".</p>"
            )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>pyverify report</title><style>{CSS}</style></head>
<body>
<h1>pyverify report</h1>
<p>Every figure names its theorem and the checker behind the plotted comparison. The Lean proofs are
{NOT_KERNEL_CHECKED}.</p>
<h2>What checks what</h2>
{what}
<h2>Rule trajectories against their proved bounds</h2>
<p>Seven rules twice: inside the proved conditions, and with one hypothesis dropped (the bound breaks), computed
with the rule's own implementation.</p>
{"".join(parts)}
<h2>Every rule on sampled instances</h2>
<p>For each of the {len(rule_names)} rules of the catalog, its headline entry on instances drawn by the entry's
sampler (every hypothesis met): the conclusion's left side (the quantity) against its right side (the bound).</p>
{"".join(sampled_parts)}
<h2>Necessity counterexamples</h2>
<p>For each hypothesis, <code>check_necessity</code> searched {necessity_samples} sampled instances per relaxed
sampler for a counterexample (exact rational arithmetic; float64 for float-only entries). Each counterexample
found is drawn below: the conclusion's sides on that instance, the failing components marked.
{"Entries searched: " + ", ".join(necessity_entries) + "." if necessity_entries is not None else
 "Every catalog entry was searched."}</p>
{"".join(nec_parts)}
<table><tr><th>entry</th><th>dropped hypothesis</th><th>status</th><th>counterexample (truncated)</th></tr>
{"".join(nec_rows)}</table>
<h2>Training-time monitor: edge of stability</h2>
{eos_html}
<h2>Benchmarks</h2>
<p>Copied from README.md (a recorded run; <code>pyverify bench</code> re-measures on your machine).</p>
{bench}
</body></html>
"""
    page_path = out / "index.html"
    page_path.write_text(page, encoding="utf-8")
    (out / "figures.json").write_text(json.dumps([f.to_json() for f in figs] + [f.to_json() for f in cat_figs],
                                                 indent=1), encoding="utf-8")
    return page_path
