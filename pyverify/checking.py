"""The check engine: sample instances, run the rule, evaluate hypotheses and conclusion.

What checks what:

* in ``exact`` mode every comparison is decided in exact rational arithmetic (python-flint `fmpq`),
  so a `held` result means no sampled instance violates the statement, with no rounding at all;
* in ``float64`` / ``float32`` / ``torch`` mode comparisons hold up to the entry's `Tolerance`; a
  strict inequality is then only checked up to that tolerance (exact mode decides strictness).

A float instance is *undecided* (counted apart, never reported as violated) when the mode cannot decide it:

* a side of a relation is not finite (overflow past the mode's range, or 0/0): `UNDECIDED_OVERFLOW`;
* in ``float32``, the relation fails but the very same instance evaluated by the very same code in float64
  holds within float64's tolerance: float32 rounding moved the result by more than the instance's distance
  to the boundary (e.g. ⟪w, w⟫ = 1 exactly, which float32 cannot represent): `UNDECIDED_ROUNDING`. A float32
  failure that float64 confirms stays a violation;
* its hypotheses hold exactly (the sampler builds them exactly) but not after rounding to the mode:
  `UNDECIDED_HYPOTHESES`.

So float32 mode establishes: on every sampled instance whose float32 evaluation is finite and does not
disagree with float64 across the boundary, the property holds in float32 up to the float32 tolerance.

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
    "UNDECIDED_OVERFLOW",
    "UNDECIDED_ROUNDING",
    "UNDECIDED_HYPOTHESES",
]

DEFAULT_MODES: tuple[str, ...] = ("float64", "exact")

#: Reasons an instance is not decidable in a float mode (keys of `CheckResult.undecided_reasons`).
UNDECIDED_OVERFLOW = "a value is not finite in {mode} (overflow past its range, or 0/0)"
UNDECIDED_ROUNDING = ("{mode} rounding moves the result across the boundary: the same instance holds when "
                      "evaluated in float64")
UNDECIDED_HYPOTHESES = "its hypotheses hold exactly but not after rounding its inputs to {mode}"

#: The higher-precision mode that re-evaluates a failing instance (see the module docstring).
_REFERENCE_MODE: dict[str, str] = {"float32": "float64"}


@dataclass
class CheckResult:
    """The outcome of checking one entry in one mode."""

    id: str
    mode: str
    # held | violated | error | skipped (the mode cannot decide this entry; `message` says why) |
    # undecided (instances were sampled, but the mode could decide none of them; `undecided_reasons` say why)
    status: str
    instances: int  # instances decided (held or violated); undecided ones are counted in `undecided`
    worst_margin: float | None = None
    counterexample: dict[str, Any] | None = None
    message: str = ""
    seconds: float = 0.0
    batches: list[str] = field(default_factory=list)
    undecided: int = 0
    undecided_reasons: dict[str, int] = field(default_factory=dict)
    undecided_example: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "mode": self.mode,
            "status": self.status,
            "instances": self.instances,
            "worst_margin": self.worst_margin,
            "counterexample": self.counterexample,
            "message": self.message,
            "undecided": self.undecided,
            "undecided_reasons": dict(self.undecided_reasons),
            "undecided_example": self.undecided_example,
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


def _relation(rel: Relation, bk: Backend, tol: Tolerance, batch: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-instance (holds, normalized margin, finite) of one relation; margin < 0 means violated, and
    `finite` is False where a side is not a finite number (always True in exact mode)."""
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
        if bk.is_exact:
            finite = np.ones(np.shape(flhs), dtype=bool)
        else:
            finite = np.isfinite(flhs) & np.isfinite(frhs) & np.isfinite(diff)
    holds = np.asarray(holds.reshape(batch, -1).all(axis=1), dtype=bool)
    margin = margin.reshape(batch, -1).min(axis=1)
    finite = np.asarray(finite.reshape(batch, -1).all(axis=1), dtype=bool)
    # a violated relation gets a negative margin even where the float value rounds to zero
    margin = np.where(holds, np.maximum(margin, 0.0), np.minimum(margin, -0.0))
    return holds, margin, finite


def _evaluate_detail(
    relations: Sequence[Relation], bk: Backend, tol: Tolerance, batch: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Conjunction of relations: (holds, worst normalized margin, all sides finite) per instance."""
    holds = np.ones(batch, dtype=bool)
    margin = np.full(batch, np.inf)
    finite = np.ones(batch, dtype=bool)
    for rel in relations:
        h, m, f = _relation(rel, bk, tol, batch)
        holds &= h
        margin = np.minimum(margin, m)
        finite &= f
    return holds, margin, finite


def evaluate(
    relations: Sequence[Relation], bk: Backend, tol: Tolerance, batch: int
) -> tuple[np.ndarray, np.ndarray]:
    """Conjunction of relations: (holds, worst normalized margin) per instance."""
    holds, margin, _ = _evaluate_detail(relations, bk, tol, batch)
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


def _hypotheses_detail(
    entry: Entry, names: Iterable[str], inst: Mapping[str, Any], bk: Backend, tol: Tolerance, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per instance: (the named hypotheses all hold, all their relation sides are finite)."""
    ok = np.ones(n, dtype=bool)
    finite = np.ones(n, dtype=bool)
    wanted = set(names)
    for h in entry.hypotheses:
        if h.name in wanted:
            holds, _, fin = _evaluate_detail(h.relations(inst, bk), bk, tol, n)
            ok &= holds
            finite &= fin
    return ok, finite


def _hypotheses_hold(
    entry: Entry, names: Iterable[str], inst: Mapping[str, Any], bk: Backend, tol: Tolerance, n: int
) -> np.ndarray:
    return _hypotheses_detail(entry, names, inst, bk, tol, n)[0]


def _reference_holds(entry: Entry, batch: Batch, ref_mode: str) -> np.ndarray:
    """Per instance: hypotheses and conclusion hold, with finite sides, when evaluated in `ref_mode`."""
    ref_bk = get_backend(ref_mode)
    ref_tol = entry.tolerance.for_mode(ref_mode)
    n = batch.size
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        inst = batch.to(ref_bk)
        hyp_ok, hyp_fin = _hypotheses_detail(entry, [h.name for h in entry.hypotheses], inst, ref_bk, ref_tol, n)
        holds, _, fin = _evaluate_detail(entry.conclusion(inst, ref_bk), ref_bk, ref_tol, n)
    return np.asarray(hyp_ok & hyp_fin & holds & fin, dtype=bool)


def check_entry(entry: Entry, mode: str = "float64", samples: int = 256, seed: int = 0) -> CheckResult:
    """Check one entry on `samples` sampled instances in one mode.

    Instances the mode cannot decide (see the module docstring) are counted in `CheckResult.undecided` with
    their reasons, never as violations; the status is ``undecided`` when no sampled instance was decided.
    """
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 0:
        raise InvalidArgumentError(f"samples={samples!r} must be an integer >= 0")
    t0 = time.perf_counter()
    if mode.startswith("exact") and not entry.exact:
        return CheckResult(entry.id, mode, "skipped", 0, message=f"not checked in exact mode: {entry.float_only_reason}")
    bk = get_backend(mode)
    tol = entry.tolerance.for_mode(mode)
    ref_mode = _REFERENCE_MODE.get(mode)
    rng = np.random.default_rng(seed)
    total = 0
    worst = np.inf
    best_cx: tuple[float, dict[str, Any]] | None = None
    labels: list[str] = []
    reasons: dict[str, int] = {}
    undecided_example: dict[str, Any] | None = None

    def note_undecided(batch: Batch, mask: np.ndarray, reason: str) -> None:
        nonlocal undecided_example
        count = int(mask.sum())
        if not count:
            return
        text = reason.format(mode=mode)
        reasons[text] = reasons.get(text, 0) + count
        if undecided_example is None:
            i = int(np.flatnonzero(mask)[0])
            undecided_example = {"label": batch.label, "reason": text, "instance": batch.instance(i)}

    try:
        for batch in iter_batches(entry, rng, samples):
            n = batch.size
            with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
                inst = batch.to(bk)
                hyp_ok, hyp_finite = _hypotheses_detail(entry, [h.name for h in entry.hypotheses], inst, bk, tol, n)
                if not hyp_ok.all() and (bk.is_exact or not entry.exact):
                    bad = int(np.flatnonzero(~hyp_ok)[0])
                    return CheckResult(
                        entry.id, mode, "error", total + n,
                        message=f"sampler produced an instance violating the hypotheses ({batch.label})",
                        counterexample=batch.instance(bad), seconds=time.perf_counter() - t0,
                    )
                # the exact instance satisfies its hypotheses (exact mode checks that); rounding broke them here
                note_undecided(batch, ~hyp_ok & ~hyp_finite, UNDECIDED_OVERFLOW)
                note_undecided(batch, ~hyp_ok & hyp_finite, UNDECIDED_HYPOTHESES)
                holds, margin, finite = _evaluate_detail(entry.conclusion(inst, bk), bk, tol, n)
            undecided = hyp_ok & ~holds & ~finite
            note_undecided(batch, undecided, UNDECIDED_OVERFLOW)
            failing = hyp_ok & ~holds & finite
            if ref_mode is not None and failing.any():
                rounding = failing & _reference_holds(entry, batch, ref_mode)
                note_undecided(batch, rounding, UNDECIDED_ROUNDING)
                undecided |= rounding
            decided = hyp_ok & ~undecided
            holds = holds | ~decided
            margin = np.where(decided, margin, np.inf)
            total += int(decided.sum())
            labels.append(f"{batch.label} ×{int(decided.sum())}")
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
    n_undecided = sum(reasons.values())
    if best_cx is not None:
        status = "violated"
    elif total == 0 and n_undecided:
        status = "undecided"
    else:
        status = "held"
    note = ""
    if n_undecided:
        note = f"{n_undecided} instance(s) not decidable in {mode}: " + "; ".join(
            f"{k} ({v})" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1]))
    elif total == 0:
        note = "no instance was sampled"
    return CheckResult(
        entry.id, mode, status, total,
        message=note,
        worst_margin=None if worst == np.inf else worst,
        counterexample=None if best_cx is None else best_cx[1],
        seconds=time.perf_counter() - t0,
        batches=labels,
        undecided=n_undecided,
        undecided_reasons=reasons,
        undecided_example=undecided_example,
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
