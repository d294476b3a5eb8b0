"""The check engine: sample instances, run the rule, evaluate hypotheses and conclusion.

What checks what:

* in ``exact`` mode every comparison is decided in exact rational arithmetic (python-flint `fmpq`),
  so a `held` result means no sampled instance violates the statement, with no rounding at all;
* in ``float64`` / ``float32`` / ``torch`` mode comparisons hold up to the entry's `Tolerance`; a
  strict inequality is then only checked up to that tolerance (exact mode decides strictness).

Neither is a proof: the proofs are the Lean theorems named by each entry.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np

from .backend import Backend, as_float_array, get_backend
from .catalog import Batch, Entry, Relation, Tolerance, iter_batches
from .errors import InvalidArgumentError, PyVerifyError

__all__ = [
    "CheckResult",
    "NecessityResult",
    "evaluate",
    "check_entry",
    "check_necessity",
    "DEFAULT_MODES",
]

DEFAULT_MODES: tuple[str, ...] = ("float64", "exact")


@dataclass
class CheckResult:
    """The outcome of checking one entry in one mode."""

    id: str
    mode: str
    status: str  # held | violated | error | skipped (the mode cannot decide this entry; `message` says why)
    instances: int
    worst_margin: float | None = None
    counterexample: dict[str, Any] | None = None
    message: str = ""
    seconds: float = 0.0
    batches: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "mode": self.mode,
            "status": self.status,
            "instances": self.instances,
            "worst_margin": self.worst_margin,
            "counterexample": self.counterexample,
            "message": self.message,
            "seconds": round(self.seconds, 4),
            "checked_by": "exact rational arithmetic" if self.mode.startswith("exact") else "float sampling",
        }


@dataclass
class NecessityResult:
    """Whether dropping one hypothesis lets the conclusion fail, found in exact arithmetic."""

    id: str
    hypothesis: str
    status: str  # counterexample | none_found | no_sampler | error
    tried: int = 0
    counterexample: dict[str, Any] | None = None
    message: str = ""
    demonstration: bool = False  # a catalog `Demonstration`, not a dropped hypothesis

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "hypothesis": self.hypothesis,
            "demonstration": self.demonstration,
            "status": self.status,
            "tried": self.tried,
            "counterexample": self.counterexample,
            "message": self.message,
            "checked_by": "exact rational arithmetic",
        }


def _to_numpy(x: Any, bk: Backend) -> np.ndarray:
    if bk.is_torch and hasattr(x, "detach"):
        return x.detach().cpu().numpy()
    return np.asarray(x)


def _relation(rel: Relation, bk: Backend, tol: Tolerance, batch: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-instance (holds, normalized margin) of one relation; margin < 0 means violated."""
    lhs = _to_numpy(rel.lhs, bk)
    rhs = _to_numpy(rel.rhs, bk)
    lhs, rhs = np.broadcast_arrays(lhs, rhs)
    if lhs.ndim == 0:
        lhs = np.broadcast_to(lhs, (batch,))
        rhs = np.broadcast_to(rhs, (batch,))
    op = rel.op
    if op in (">=", ">"):
        lhs, rhs = rhs, lhs
        op = "<=" if op == ">=" else "<"
    flhs = as_float_array(lhs)
    frhs = as_float_array(rhs)
    with np.errstate(invalid="ignore", over="ignore"):
        scale = np.maximum(np.maximum(np.abs(flhs), np.abs(frhs)), 1.0)
        if bk.is_exact:
            if op == "<=":
                holds = np.asarray(lhs <= rhs, dtype=bool)
            elif op == "<":
                holds = np.asarray(lhs < rhs, dtype=bool)
            elif op == "==":
                holds = np.asarray(lhs == rhs, dtype=bool)
            else:
                holds = np.asarray(lhs != rhs, dtype=bool)
            diff = as_float_array(rhs - lhs)
        else:
            diff = frhs - flhs
            slack = tol.atol + tol.rtol * scale
            if op in ("<=", "<"):
                holds = diff >= -slack
            elif op == "==":
                holds = np.abs(diff) <= slack
            else:  # `≠` has no sensible tolerance: any non-zero difference separates the sides
                holds = np.abs(diff) > 0
            holds = np.asarray(holds & np.isfinite(diff), dtype=bool)
        if op in ("<=", "<"):
            margin = diff / scale
        elif op == "==":
            margin = -np.abs(diff) / scale
        else:
            margin = np.abs(diff) / scale
        margin = np.where(np.isfinite(margin), margin, -np.inf)
    holds = np.asarray(holds.reshape(batch, -1).all(axis=1), dtype=bool)
    margin = margin.reshape(batch, -1).min(axis=1)
    # a violated relation gets a negative margin even where the float value rounds to zero
    margin = np.where(holds, np.maximum(margin, 0.0), np.minimum(margin, -0.0))
    return holds, margin


def evaluate(
    relations: Sequence[Relation], bk: Backend, tol: Tolerance, batch: int
) -> tuple[np.ndarray, np.ndarray]:
    """Conjunction of relations: (holds, worst normalized margin) per instance."""
    holds = np.ones(batch, dtype=bool)
    margin = np.full(batch, np.inf)
    for rel in relations:
        h, m = _relation(rel, bk, tol, batch)
        holds &= h
        margin = np.minimum(margin, m)
    return holds, margin


def _complexity(batch: Batch) -> np.ndarray:
    """A size score per instance (smaller = simpler), used to pick minimal counterexamples."""
    score = np.zeros(batch.size)
    for q in batch.data.values():
        num, den = np.broadcast_arrays(q.num, q.den)
        a = np.abs(num.astype(np.float64)) + den.astype(np.float64)
        score += a.reshape(batch.size, -1).sum(axis=1)
    dim = float(batch.meta.get("dim", 0))
    return score + 1e6 * dim


def _hypotheses_hold(
    entry: Entry, names: Iterable[str], inst: Mapping[str, Any], bk: Backend, tol: Tolerance, n: int
) -> np.ndarray:
    ok = np.ones(n, dtype=bool)
    wanted = set(names)
    for h in entry.hypotheses:
        if h.name in wanted:
            ok &= evaluate(h.relations(inst, bk), bk, tol, n)[0]
    return ok


def check_entry(entry: Entry, mode: str = "float64", samples: int = 256, seed: int = 0) -> CheckResult:
    """Check one entry on `samples` sampled instances in one mode."""
    if samples < 0:
        raise InvalidArgumentError(f"samples={samples} must be >= 0")
    t0 = time.perf_counter()
    if mode.startswith("exact") and not entry.exact:
        return CheckResult(entry.id, mode, "skipped", 0, message=f"not checked in exact mode: {entry.float_only_reason}")
    bk = get_backend(mode)
    tol = entry.tolerance.for_mode(mode)
    rng = np.random.default_rng(seed)
    total = 0
    worst = np.inf
    best_cx: tuple[float, dict[str, Any]] | None = None
    labels: list[str] = []
    excluded = 0
    try:
        for batch in iter_batches(entry, rng, samples):
            n = batch.size
            inst = batch.to(bk)
            hyp_ok = _hypotheses_hold(entry, [h.name for h in entry.hypotheses], inst, bk, tol, n)
            if not hyp_ok.all():
                bad = int(np.flatnonzero(~hyp_ok)[0])
                if bk.is_exact or not entry.exact:
                    return CheckResult(
                        entry.id, mode, "error", total + n,
                        message=f"sampler produced an instance violating the hypotheses ({batch.label})",
                        counterexample=batch.instance(bad), seconds=time.perf_counter() - t0,
                    )
                # the exact instance satisfies them (exact mode checks that); rounding broke them here
                excluded += int((~hyp_ok).sum())
            holds, margin = evaluate(entry.conclusion(inst, bk), bk, tol, n)
            holds = holds | ~hyp_ok
            margin = np.where(hyp_ok, margin, np.inf)
            total += int(hyp_ok.sum())
            labels.append(f"{batch.label} ×{int(hyp_ok.sum())}")
            worst = min(worst, float(margin.min()))
            if not holds.all():
                bad_idx = np.flatnonzero(~holds)
                cx = _complexity(batch)[bad_idx]
                i = int(bad_idx[int(np.argmin(cx))])
                score = float(cx.min())
                if best_cx is None or score < best_cx[0]:
                    best_cx = (score, {"label": batch.label, "margin": float(margin[i]), "instance": batch.instance(i)})
    except PyVerifyError as exc:
        return CheckResult(entry.id, mode, "error", total, message=str(exc), seconds=time.perf_counter() - t0)
    status = "violated" if best_cx is not None else "held"
    note = (f"{excluded} instance(s) excluded: their hypotheses hold exactly but not after rounding to {mode}"
            if excluded else "")
    return CheckResult(
        entry.id, mode, status, total,
        message=note,
        worst_margin=None if worst == np.inf else worst,
        counterexample=None if best_cx is None else best_cx[1],
        seconds=time.perf_counter() - t0,
        batches=labels,
    )


def check_necessity(entry: Entry, samples: int = 256, seed: int = 0) -> list[NecessityResult]:
    """For each hypothesis, search (exactly) for an instance of the other hypotheses violating the conclusion."""
    out: list[NecessityResult] = []
    bk = get_backend("exact") if entry.exact else get_backend("float64")
    tol = entry.tolerance
    for h in entry.hypotheses:
        sampler: Callable[[np.random.Generator, int], list[Batch]] | None = entry.necessity.get(h.name)
        if sampler is None:
            out.append(NecessityResult(entry.id, h.name, "no_sampler", message="no relaxed sampler for this hypothesis"))
            continue
        rng = np.random.default_rng(seed)
        others = [x.name for x in entry.hypotheses if x.name != h.name]
        tried = 0
        found: tuple[float, dict[str, Any]] | None = None
        try:
            for batch in sampler(rng, samples):
                n = batch.size
                if n == 0:
                    continue
                inst = batch.to(bk)
                ok = _hypotheses_hold(entry, others, inst, bk, tol, n)
                holds, margin = evaluate(entry.conclusion(inst, bk), bk, tol, n)
                tried += int(ok.sum())
                bad = np.flatnonzero(ok & ~holds)
                if bad.size:
                    cx = _complexity(batch)[bad]
                    i = int(bad[int(np.argmin(cx))])
                    if found is None or float(cx.min()) < found[0]:
                        found = (float(cx.min()), {"label": batch.label, "margin": float(margin[i]), "instance": batch.instance(i)})
        except PyVerifyError as exc:
            out.append(NecessityResult(entry.id, h.name, "error", tried, message=str(exc)))
            continue
        if found is None:
            out.append(NecessityResult(entry.id, h.name, "none_found", tried,
                                       message="no counterexample among the sampled instances"))
        else:
            out.append(NecessityResult(entry.id, h.name, "counterexample", tried, counterexample=found[1]))
    for demo in entry.demonstrations:
        label = f"{demo.name} (demonstration: {demo.text})"
        try:
            demo_cx = demo.find(seed)
        except PyVerifyError as exc:
            out.append(NecessityResult(entry.id, label, "error", message=str(exc), demonstration=True))
            continue
        if demo_cx is None:
            out.append(NecessityResult(entry.id, label, "none_found", message="the search found no counterexample",
                                       demonstration=True))
        else:
            out.append(NecessityResult(entry.id, label, "counterexample", 1, counterexample=demo_cx, demonstration=True))
    return out
