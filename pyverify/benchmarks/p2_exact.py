"""P2: exact mode, `fractions.Fraction` object arrays against python-flint `fmpq` object arrays.

The same exact instances (GD `gradient_descent.improves`, LMS `lms.convergence`, SGD
`sgd.expected_descent`; 200 instances of dimension 32, `--quick`: 40 of dimension 8) are checked in
the ``exact-fraction`` and the ``exact`` (fmpq, the default exact backend) modes; both decide every
relation exactly and must agree. The ratio is the Fraction time over the fmpq time, best of 3.
Target ≥ 10×. Conversions from the sampled `QArray`s are outside the timed region.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import get_backend
from ..bench import BenchResult, best_of, register
from ..catalog import Batch, get_entry
from ..checking import _hypotheses_hold, evaluate
from .p1_batched import CASES, _instances

__all__ = ["run_p2"]


def _check(entry: Any, batches: list[tuple[Batch, dict[str, Any]]], mode: str) -> bool:
    bk = get_backend(mode)
    ok = True
    for b, inst in batches:
        hyp = _hypotheses_hold(entry, [h.name for h in entry.hypotheses], inst, bk, entry.tolerance, b.size)
        holds, _ = evaluate(entry.conclusion(inst, bk), bk, entry.tolerance, b.size)
        ok &= bool((holds | ~hyp).all())
    return ok


def run_p2(quick: bool = False) -> list[BenchResult]:
    """Fraction vs fmpq object arrays on the same instances, one result per rule."""
    n, dim = (40, 8) if quick else (200, 32)
    rng = np.random.default_rng(0)
    out = []
    for rule, entry_id, _ in CASES:
        entry = get_entry(entry_id)
        batches = _instances(rule, n, dim, rng)
        conv = {m: [(b, b.to(get_backend(m))) for b in batches] for m in ("exact-fraction", "exact")}
        # fresh dicts per call, so that no per-instance cache carries over between repeats
        fresh = lambda m: [(b, dict(i)) for b, i in conv[m]]  # noqa: E731
        t_frac = best_of(lambda: _check(entry, fresh("exact-fraction"), "exact-fraction"))
        t_fmpq = best_of(lambda: _check(entry, fresh("exact"), "exact"))
        held = (_check(entry, fresh("exact-fraction"), "exact-fraction"), _check(entry, fresh("exact"), "exact"))
        ratio = t_frac / t_fmpq
        out.append(BenchResult(
            f"P2 {rule}", f"{entry_id}: exact check with Fraction / with fmpq object arrays", ratio, "≥ 10×",
            ratio >= 10,
            {"rule": rule, "entry": entry_id, "instances": sum(b.size for b in batches), "dim": dim,
             "fraction_s": t_frac, "fmpq_s": t_fmpq, "both_held": held[0] and held[1],
             "default_exact_backend": "exact (python-flint fmpq object arrays)"},
        ))
    return out


register("P2", "Exact mode: Fraction object arrays vs python-flint fmpq object arrays")(run_p2)
