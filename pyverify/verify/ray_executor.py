"""`check_batch(..., executor="ray")`: the same checks as Ray tasks, with the same one-verdict-per-item rule.

Each item that needs a Lean run is one Ray task (`_ray_check`, ``max_retries=0``) running the same check
as a local worker (the task already bound to the catalog by `check_batch`); the items that need none are
decided in the calling process, as with the local executor. Every verdict goes to ``on_result`` as soon as it
is known (so ``pyverify verify-batch --executor ray`` streams too). At most
``workers`` tasks are in flight. A task that raises or whose worker dies (``RayTaskError``,
``WorkerCrashedError``, …) gives its item ``internal_error``; a task still running ``2 * timeout + grace``
seconds after it started is cancelled with ``force=True`` (its worker process is killed) and its item gets
``timeout``. ``address`` joins an existing cluster (``ray.init(address=...)``); without one, a local Ray is
started for the call (``num_cpus=workers``, no dashboard) and shut down afterwards. A cluster that was
already initialised by the caller is used as is and left running.

Ray is an optional dependency (``pip install 'pyverify[ray]'``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ..errors import MissingDependencyError
from .verdict import Verdict

__all__ = ["check_batch_ray"]

_REMOTE: Any = None


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise MissingDependencyError(f"executor='ray' needs Ray: pip install 'pyverify[ray]' ({exc})") from exc
    return ray


def _remote(ray: Any) -> Any:
    global _REMOTE
    if _REMOTE is None:
        def _ray_check(task: Any, answer: Any, timeout: float, template: Any, fault: Any,
                       trusted_tasks: bool = False) -> dict[str, Any]:
            import os

            from .batch import _check_bound

            if fault == "crash":
                os._exit(13)
            if fault == "hang":
                time.sleep(3600)
            if fault == "garbage":
                return {"status": "no such status", "junk": True}
            # the caller bound the task to the catalog (and let _selftest through only for tests)
            return _check_bound(task, answer, timeout=timeout, template=template,
                                allow_selftest=trusted_tasks).to_json()

        _REMOTE = ray.remote(max_retries=0)(_ray_check)
    return _REMOTE


def check_batch_ray(
    plan: Any,
    *,
    timeout: float,
    workers: int,
    grace: float,
    template: Any = None,
    fault_injection: bool = False,
    trusted_tasks: bool = False,
    address: str | None = None,
    on_result: Callable[[int, dict[str, Any]], None] | None = None,
) -> None:
    """Decide every item of ``plan`` (a `pyverify.verify.batch._Plan`): its Lean checks as Ray tasks, its
    numeric items in this process while they run. Each verdict is recorded in the plan, and reported to
    ``on_result`` as soon as it is known."""
    ray = _import_ray()
    started_here = False
    if not ray.is_initialized():
        if address:
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        started_here = True
    try:
        remote = _remote(ray)
        queue = plan.jobs
        budget = 2 * timeout + grace
        running: dict[Any, tuple[int, float]] = {}

        def submit() -> None:
            while queue and len(running) < workers:
                i, task, answer, fault = queue.pop()
                ref = remote.remote(task, answer, timeout, template, fault, trusted_tasks)
                running[ref] = (i, time.monotonic())

        submit()
        plan.grade_inline(timeout, template, trusted_tasks, on_result)
        while queue or running:
            submit()
            now = time.monotonic()
            wait_for = max(0.01, min(t0 + budget - now for _, t0 in running.values()))
            done, _ = ray.wait(list(running), num_returns=1, timeout=wait_for)
            for ref in done:
                i, _t0 = running.pop(ref)
                try:
                    obj = ray.get(ref)
                    v = Verdict.from_json(obj) if isinstance(obj, dict) else Verdict(
                        "internal_error", reason="the Ray task returned garbage, not a verdict")
                except Exception as exc:  # RayTaskError, WorkerCrashedError, a bad verdict dict, ...
                    v = Verdict("internal_error", reason=f"the Ray task failed: {type(exc).__name__}: "
                                                         f"{str(exc)[:300]}")
                plan.record(i, v, on_result)
            now = time.monotonic()
            for ref, (i, t0) in list(running.items()):
                if now - t0 > budget:
                    try:
                        ray.cancel(ref, force=True)
                    except Exception:
                        pass
                    running.pop(ref)
                    plan.record(i, Verdict("timeout", reason=f"the Ray task gave no verdict within {budget:g} s "
                                                              "(2 × timeout + grace); it was cancelled"), on_result)
    finally:
        if started_here:
            ray.shutdown()
