"""Report figures from the catalog itself: a sampled instance of every rule, and every necessity counterexample.

Two kinds of `CatalogFigure`, both drawn as "quantity against bound" (the two sides of the entry's conclusion,
`Entry.conclusion`, evaluated on the instance):

* `sampled_figure(rule)`: instances drawn by the entry's own sampler (`Entry.sample`, which builds instances
  meeting every hypothesis) for the rule's headline entry (`HEADLINE`); each point is one component of one
  conclusion relation on one instance. The bound holds at every point (else the caption says VIOLATED).
* `necessity_figures()`: for every counterexample `check_necessity` finds (one hypothesis dropped), the
  conclusion's sides on that instance, with the components where it fails marked; for the two catalog
  demonstrations (Oja's sphere overshoot, feedback alignment without alignment) the demonstration's own numbers.

Exact entries are evaluated in exact rational arithmetic (python-flint); float-only entries (free energy) in
float64 with the entry's tolerance ("float sampling"). The plots show the numbers rounded to float.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .backend import Backend, QArray, as_float_array, get_backend, to_fraction_array
from .catalog import Batch, Entry, Relation, catalog, get_entry
from .checking import NecessityResult, check_necessity
from .errors import InvalidArgumentError

__all__ = ["HEADLINE", "Point", "Panel", "CatalogFigure", "sampled_figure", "necessity_figures", "draw_catalog_figure",
           "relation_points", "checker_of"]

#: The entry plotted for each rule in the "sampled instance" figures (an inequality where the rule has one).
HEADLINE: dict[str, str] = {
    "ewc": "ewc.improves", "feedback_alignment": "feedback_alignment.improves", "free_energy": "free_energy.gibbs",
    "gradient_descent": "gradient_descent.descent_bound", "hebbian": "hebbian.increaseC", "learning": "learning.linear_rate",
    "lms": "lms.loss_decrease_iff", "oja": "oja.norm_increase", "perceptron": "perceptron.mistake_bound",
    "perturbation": "perturbation.expected_improves", "predictive_coding": "predictive_coding.energy_decrease",
    "quadratic": "quadratic.improves", "sgd": "sgd.expected_descent", "td0": "td0.step_contraction",
}
OP_TEXT = {"<=": "≤", "<": "<", "==": "=", "!=": "≠", ">=": "≥", ">": ">"}


def checker_of(entry: Entry) -> str:
    return "exact rational arithmetic" if entry.exact else "float sampling (float64, the entry's tolerance)"


@dataclass(frozen=True)
class Point:
    """One compared pair: `value op bound` (the conclusion's left and right side), and whether it held."""

    label: str
    value: Any  # Fraction (exact) or float
    bound: Any
    op: str
    holds: bool


@dataclass
class Panel:
    title: str
    points: list[Point]
    xlabel: str = "compared component"


@dataclass
class CatalogFigure:
    name: str
    entry: str
    theorem: str
    statement: str
    checker: str
    kind: str  # "sampled" | "necessity"
    panels: list[Panel] = field(default_factory=list)

    @property
    def holds(self) -> list[bool]:
        """Per panel: the relation held at every point."""
        return [all(p.holds for p in pan.points) for pan in self.panels]

    def caption(self) -> str:
        if self.kind == "sampled":
            n = sum(len(p.points) for p in self.panels)
            status = (f"quantity {'/'.join(sorted({OP_TEXT[p.op] for pan in self.panels for p in pan.points}))} bound "
                      f"at all {n} compared points" if all(self.holds) else "BOUND VIOLATED at some point (a defect)")
            what = "Instances drawn by the entry's own sampler, all hypotheses met"
        else:
            broken = sum(1 for h in self.holds if not h)
            status = f"the conclusion fails in {broken} of {len(self.panels)} panels (× marks the failing components)"
            what = "Necessity counterexamples, one panel per dropped hypothesis (or demonstration)"
        return (f"{what}: {self.statement} Theorem: {self.theorem} (catalog `{self.entry}`; proof written, not "
                f"kernel-checked in this environment). {status}; compared in {self.checker}. Points show the "
                "conclusion's left side (quantity, dot) against its right side (bound, bar), rounded to float.")

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "entry": self.entry, "kind": self.kind, "checked_by": self.checker,
                "panels": [{"title": p.title, "points": [{"label": q.label, "value": str(q.value), "bound": str(q.bound),
                                                          "op": q.op, "holds": q.holds} for q in p.points]}
                           for p in self.panels]}


# -- evaluating a conclusion, component by component ----------------------------------------------------
def _side(x: Any, bk: Backend, n: int) -> np.ndarray:
    arr = np.asarray(bk.to_numpy(x) if hasattr(x, "shape") else x)
    if arr.ndim == 0:
        arr = np.broadcast_to(arr, (n,))
    return arr


def _holds(a: Any, op: str, b: Any, entry: Entry, exact: bool) -> bool:
    if not exact:
        fa, fb = float(a), float(b)
        slack = entry.tolerance.atol + entry.tolerance.rtol * max(abs(fa), abs(fb), 1.0)
        diff = {"<=": fb - fa, "<": fb - fa, ">=": fa - fb, ">": fa - fb}.get(op)
        if diff is not None:
            return bool(np.isfinite(diff) and diff >= -slack)
        return bool(abs(fa - fb) <= slack) if op == "==" else bool(fa != fb)
    return bool({"<=": a <= b, "<": a < b, "==": a == b, "!=": a != b, ">=": a >= b, ">": a > b}[op])


def relation_points(entry: Entry, relations: Sequence[Relation], bk: Backend, n: int, i: int,
                    *, prefix: str = "", max_components: int = 6) -> list[Point]:
    """The compared components of instance `i` (of a batch of `n`): value, bound, relation, held."""
    pts: list[Point] = []
    for r, rel in enumerate(relations):
        lhs, rhs = np.broadcast_arrays(_side(rel.lhs, bk, n), _side(rel.rhs, bk, n))
        lv, rv = np.asarray(lhs[i], dtype=object).reshape(-1), np.asarray(rhs[i], dtype=object).reshape(-1)
        if bk.is_exact:
            lv, rv = to_fraction_array(lv), to_fraction_array(rv)
        else:
            lv, rv = as_float_array(lv), as_float_array(rv)
        for j in range(min(len(lv), max_components)):
            a, b = (lv[j], rv[j]) if bk.is_exact else (float(lv[j]), float(rv[j]))
            lab = f"{prefix}rel {r}" + (f"[{j}]" if len(lv) > 1 else "")
            pts.append(Point(lab, a, b, rel.op, _holds(a, rel.op, b, entry, bk.is_exact)))
    return pts


def _backend(entry: Entry) -> Backend:
    return get_backend("exact") if entry.exact else get_backend("float64")


def sampled_figure(rule: str, *, instances: int = 12, seed: int = 0) -> CatalogFigure:
    """The headline entry of `rule` on `instances` sampled instances (round-robin over the sampler's batches)."""
    if rule not in HEADLINE:
        raise InvalidArgumentError(f"rule={rule!r} has no headline entry; known: {', '.join(sorted(HEADLINE))}")
    entry = get_entry(HEADLINE[rule])
    bk = _backend(entry)
    batches = [b for b in entry.sample(np.random.default_rng(seed), max(instances, 8)) if b.size]
    picks: list[tuple[Batch, int]] = []
    k = 0
    while len(picks) < instances and any(k < b.size for b in batches):
        picks += [(b, k) for b in batches if k < b.size][: instances - len(picks)]
        k += 1
    points: list[Point] = []
    for b, i in picks:
        with np.errstate(all="ignore"):
            inst = b.to(bk)
            pts = relation_points(entry, entry.conclusion(inst, bk), bk, b.size, i, max_components=2)
        points += [Point(f"{b.label} #{i} {p.label}", p.value, p.bound, p.op, p.holds) for p in pts]
    order = sorted(range(len(points)), key=lambda j: float(points[j].bound))
    panel = Panel(f"{entry.id}: {len(picks)} sampled instances", [points[j] for j in order],
                  xlabel="sampled instance (sorted by bound)")
    return CatalogFigure(f"rule_{rule}", entry.id, entry.lean_spec, entry.statement, checker_of(entry), "sampled", [panel])


# -- necessity -------------------------------------------------------------------------------------------
def _rebuild(entry: Entry, res: NecessityResult, samples: int, seed: int) -> dict[str, QArray]:
    """The counterexample instance as a batch of one; empty arrays get their shape from the sampler's batch."""
    cx = res.counterexample or {}
    inst: dict[str, Any] = cx["instance"]
    shapes: dict[str, tuple[int, ...]] = {}
    if any(isinstance(v, list) and np.asarray(v, dtype=object).size == 0 for v in inst.values()):
        sampler = entry.necessity[res.hypothesis]
        for b in sampler(np.random.default_rng(seed), samples):
            if b.label == cx.get("label") and all(b.data[k].shape[1:] == () or k in inst for k in b.data):
                shapes = {k: v.shape[1:] for k, v in b.data.items()}
                if all(np.asarray(v, dtype=object).size == int(np.prod(shapes[k])) for k, v in inst.items()):
                    break
    out = {}
    for k, v in inst.items():
        arr = np.asarray(v, dtype=object)
        if k in shapes:
            arr = arr.reshape(shapes[k])
        out[k] = QArray.of(np.asarray([Fraction(str(s)) for s in arr.reshape(-1)], dtype=object).reshape((1,) + arr.shape))
    return out


def _demo_panel(entry: Entry, res: NecessityResult) -> Panel:
    cx = res.counterexample or {}
    name = res.hypothesis.split(" ")[0]
    if "steps" in cx and "loss_before" in cx:  # feedback alignment: the loss after one step of each size
        before = Fraction(cx["loss_before"])
        pts = [Point(f"η = {s['eta']}", Fraction(s["loss_after"]), before, "<", Fraction(s["loss_after"]) < before)
               for s in cx["steps"]]
        return Panel(f"demonstration `{name}`: loss after one step vs before", pts, xlabel="step size η")
    if "norm_sq_after" in cx:  # Oja: on the sphere, |⟪w', w'⟫ − 1| ≤ |⟪w, w⟫ − 1| = 0 fails
        w = [Fraction(str(s)) for s in cx["instance"]["w"]]
        before = abs(sum((x * x for x in w), Fraction(0)) - 1)
        after = abs(Fraction(cx["norm_sq_after"]) - 1)
        return Panel(f"demonstration `{name}`: |⟪w′, w′⟫ − 1| vs |⟪w, w⟫ − 1|",
                     [Point("one step", after, before, "<=", after <= before)], xlabel="one Oja step")
    raise InvalidArgumentError(f"{entry.id}: no picture for demonstration {name!r}; add one to report_catalog._demo_panel")


def necessity_figures(entries: Sequence[str] | None = None, *, samples: int = 64, seed: int = 0,
                      progress: Any = None) -> tuple[list[CatalogFigure], list[NecessityResult]]:
    """One figure per entry with counterexamples (one panel each), and every `check_necessity` result."""
    chosen = [get_entry(e) for e in entries] if entries is not None else catalog()
    figs: list[CatalogFigure] = []
    results: list[NecessityResult] = []
    for entry in chosen:
        res = check_necessity(entry, samples=samples, seed=seed)
        results += res
        bk = _backend(entry)
        panels = []
        for r in res:
            if r.status != "counterexample":
                continue
            if r.demonstration:
                panels.append(_demo_panel(entry, r))
                continue
            data = _rebuild(entry, r, samples, seed)
            with np.errstate(all="ignore"):
                inst = {k: bk.from_q(v) for k, v in data.items()}
                pts = relation_points(entry, entry.conclusion(inst, bk), bk, 1, 0)
            panels.append(Panel(f"drop `{r.hypothesis}` ({(r.counterexample or {}).get('label', '')})", pts))
        if panels:
            figs.append(CatalogFigure(f"nec_{entry.id.replace('.', '_')}", entry.id, entry.lean_spec, entry.statement,
                                      checker_of(entry), "necessity", panels))
        if progress is not None:
            progress()
    return figs, results


# -- drawing ----------------------------------------------------------------------------------------------
def _fl(x: Any) -> float:
    if isinstance(x, Fraction):
        try:
            return x.numerator / x.denominator
        except OverflowError:
            return float("inf") if x > 0 else float("-inf")
    return float(x)


def draw_catalog_figure(fig: CatalogFigure, path: Path) -> None:
    """Small multiples: per panel, the quantity (dots) against the bound (bars); failing points marked ×."""
    from .report_html import _plt

    plt = _plt()
    n = len(fig.panels)
    cols = min(n, 4)
    rows = -(-n // cols)
    f, axes = plt.subplots(rows, cols, figsize=(max(3.0 * cols, 5.5), 2.4 * rows + 0.6 if n > 1 else 3.4), dpi=72,
                           squeeze=False)
    for ax, pan in zip(axes.flat, fig.panels):
        xs = list(range(len(pan.points)))
        vals = [_fl(p.value) for p in pan.points]
        bnds = [_fl(p.bound) for p in pan.points]
        ax.plot(xs, bnds, "_", color="tab:green" if fig.kind == "sampled" else "tab:red", ms=14, mew=2, label="bound")
        ax.plot(xs, vals, "o", color="tab:blue", ms=4, label="quantity")
        bad = [(x, v) for x, v, p in zip(xs, vals, pan.points) if not p.holds]
        if bad:
            ax.plot([b[0] for b in bad], [b[1] for b in bad], "x", color="tab:red", ms=9, mew=2, label="fails")
        finite = [abs(v) for v in vals + bnds if np.isfinite(v) and v != 0]
        if finite and max(finite) / max(min(finite), 1e-300) > 1e3:
            ax.set_yscale("symlog", linthresh=max(min(finite), 1e-12))
        ax.set_title(pan.title[:60], fontsize=6, y=1.0)  # a fixed y skips the slow automatic title placement
        ax.set_xlabel(pan.xlabel, fontsize=6)
        ax.set_ylabel("conclusion side (statement's units)", fontsize=6)
        ax.tick_params(labelsize=5)
        ax.set_xticks(xs if len(xs) <= 8 else xs[:: max(1, len(xs) // 8)])
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=5)
    f.suptitle(f"{fig.entry} ({'sampled instances' if fig.kind == 'sampled' else 'necessity counterexamples'})",
               fontsize=8)
    f.subplots_adjust(left=0.1 if cols > 1 else 0.14, right=0.98, bottom=0.12 if rows > 1 else 0.16, top=0.86 if rows == 1
                      else 0.92, wspace=0.45, hspace=0.55)  # tight_layout is the slowest step; fixed margins
    f.savefig(path, format="png")
    plt.close(f)


def figures_json(figs: Sequence[CatalogFigure]) -> str:
    return json.dumps([f.to_json() for f in figs], indent=1)
