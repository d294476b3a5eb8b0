"""P9: graded refute/tune answers per second through the HTTP batch endpoint (`pyverify serve --http`).

The catalog's refute and tune tasks (seed 0; ``--quick``: tune only) are generated here, then a real server
(`pyverify.serve_http.run_server`, uvicorn + Starlette, one worker process per CPU) is forked from this
process, so it starts with the same catalog. Each task contributes two answers: its reference answer (graded
in full, ``valid``) and a constant shortcut answer (``const:0`` of `pyverify.tasks.baselines`, which the
served tasks reject). An httpx client posts them to ``POST /check_batch`` in batches of `BATCH` items, one
request after another, over one keep-alive connection; the rate is verdicts received ÷ wall time, client
encoding and decoding included. Target: ≥ 1,000 answers/s (the ratio is rate ÷ 1,000). The details add the
server's CPU time per answer (server process and workers, from /proc) and the rate that cost allows on as many
idle cores as workers, with the load average: on a shared machine the wall-clock rate says less. Skipped
(met = False, with the reason) without the ``http`` extra or where ``fork`` is unavailable.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections import Counter
from typing import Any

from ..bench import BenchResult, register

__all__ = ["run_p9", "BATCH", "TARGET"]

#: Items per request.
BATCH = 1000
#: Target rate (graded answers per second).
TARGET = 1000.0
_NAME = "P9 http batch"
_DESC = "graded refute/tune answers per second through POST /check_batch (pyverify serve --http)"


def _serve(port: int, workers: int) -> None:  # pragma: no cover - runs in the forked server process
    import sys

    from ..serve_http import _die_with_parent, run_server

    _die_with_parent()  # the server ends with the benchmark, however it ends
    sys.exit(run_server("127.0.0.1", port, workers=workers, warm=()))


def _tree_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) used so far by process `pid` and its live children (Linux /proc; else None)."""
    def one(p: int) -> float:
        with open(f"/proc/{p}/stat", encoding="ascii") as fh:
            f = fh.read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")

    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            kids = [int(x) for x in fh.read().split()]
        return one(pid) + sum(one(k) for k in kids)
    except (OSError, ValueError, IndexError):
        return None


def _skipped(why: str) -> list[BenchResult]:
    return [BenchResult(_NAME, _DESC, 0.0, f"≥ {TARGET:,.0f} answers/s", False, {"skipped": why})]


def run_p9(quick: bool = False) -> list[BenchResult]:
    """Answers per second through the batch endpoint (ratio = rate / TARGET)."""
    import multiprocessing as mp

    from ..errors import MissingDependencyError
    from ..serve_http import require_http_extra, warm_catalog

    try:
        require_http_extra()
        import httpx
    except (MissingDependencyError, ImportError) as exc:
        return _skipped(f"the http extra is missing: {exc}")
    if "fork" not in mp.get_all_start_methods():
        return _skipped("needs the fork start method")
    from ..tasks import generate, reference_answer
    from ..tasks.baselines import answers

    families = ["tune"] if quick else ["refute", "tune"]
    warm_catalog(families)
    pool: list[dict[str, Any]] = []
    for fam in families:
        for t in generate(fam):
            pool.append({"task_id": t.id, "answer": json.dumps(reference_answer(t))})
            pool.append({"task_id": t.id, "answer": next(iter(answers(t)))[1]})
    items = [{"id": k, **pool[k % len(pool)]} for k in range(BATCH)]
    body = json.dumps({"items": items}).encode()
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    proc = mp.get_context("fork").Process(target=_serve, args=(port, workers), daemon=False)
    proc.start()
    base = f"http://127.0.0.1:{port}"
    statuses: Counter[str] = Counter()
    try:
        with httpx.Client(base_url=base, timeout=300, headers={"content-type": "application/json"}) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if not proc.is_alive() or time.monotonic() > deadline:
                    return _skipped("the server did not start")
                time.sleep(0.2)
            client.post("/check_batch", content=body).raise_for_status()  # warm-up: caches, connections
            requests = 3 if quick else 10
            graded = 0
            cpu0 = _tree_cpu(proc.pid) if proc.pid is not None else None
            t0 = time.perf_counter()
            for _ in range(requests):
                r = client.post("/check_batch", content=body)
                r.raise_for_status()
                out = r.json()
                graded += len(out)
                statuses.update(o["verdict"]["status"] for o in out)
            elapsed = time.perf_counter() - t0
            cpu1 = _tree_cpu(proc.pid) if proc.pid is not None else None
    finally:
        proc.terminate()
        proc.join(timeout=20)
        if proc.is_alive():
            proc.kill()
            proc.join()
    rate = graded / elapsed
    cpu = (cpu1 - cpu0) if cpu0 is not None and cpu1 is not None else None
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return [BenchResult(
        _NAME, _DESC, rate / TARGET, f"≥ {TARGET:,.0f} answers/s (ratio = rate / {TARGET:,.0f})", rate >= TARGET,
        {"answers_per_s": rate, "answers": graded, "seconds": elapsed, "batch": BATCH, "requests": requests,
         "server_workers": workers, "families": families, "distinct_tasks": len(pool) // 2,
         "statuses": dict(statuses),
         # the server's CPU time (server process + workers) per answer, and the rate that cost allows on
         # `server_workers` otherwise idle cores: on a shared machine the wall-clock rate is lower
         "server_cpu_ms_per_answer": (1000 * cpu / graded) if cpu else None,
         "cpu_bound_answers_per_s": (workers * graded / cpu) if cpu else None,
         "load_average_1min": load},
    )]


register("P9", "HTTP batch endpoint: graded refute/tune answers per second")(run_p9)
